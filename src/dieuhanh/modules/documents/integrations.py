"""The platform parts documents leans on (files, signing, tasks), behind one small face each."""

from __future__ import annotations

from django.apps import apps
from django.core.cache import cache

DOCUMENT_KINDS = ("pdf", "docx", "image")
DRAFT_KINDS = ("pdf", "docx")
MAX_BYTES = None  # the platform limit (settings.DIEUHANH_MAX_UPLOAD_BYTES)
# Short: the report is worded in the reader's language and trust can change (a credential retired).
VALIDATION_CACHE_SECONDS = 15 * 60


def store_upload(upload, *, by, kinds=DOCUMENT_KINDS):
    """Check the upload by its content and keep it (UserError in Vietnamese when refused)."""
    from dieuhanh.platform import files

    return files.store_upload(upload, kinds=kinds, max_bytes=MAX_BYTES, by=by)


def store_bytes(data: bytes, *, name: str, by=None, kinds=("pdf",)):
    from dieuhanh.platform import files

    return files.store_bytes(data, name=name, by=by, kinds=kinds)


def extract_text(stored) -> None:
    from dieuhanh.platform import files

    files.extract_text_after_commit(stored)


def read_bytes(stored) -> bytes:
    with stored.file.open("rb") as handle:
        return handle.read()


def file_response(stored, *, inline: bool = False):
    from dieuhanh.platform import files

    return files.response(stored, inline=inline)


def validation_report(stored):
    """The signature report of a stored PDF, cached by its content hash and the reader's
    language (None for non-PDF)."""
    if stored is None or stored.kind != "pdf":
        return None
    from django.utils.translation import get_language

    from dieuhanh.platform import signing

    key = f"documents:sigreport:{get_language()}:{stored.sha256}"
    report = cache.get(key)
    if report is None:
        report = signing.validate_pdf(read_bytes(stored))
        try:
            cache.set(key, report, VALIDATION_CACHE_SECONDS)
        except Exception:  # an unpicklable report is simply recomputed next time
            pass
    return report


def sign_pdf(pdf: bytes, **kwargs) -> bytes:
    from dieuhanh.platform import signing

    return signing.sign_pdf(pdf, **kwargs)


def copy_stamp_text(notation: str, at) -> str:
    from dieuhanh.platform import signing

    return signing.copy_stamp_text(notation, at)


def personal_credential(user):
    from dieuhanh.platform.signing.models import SigningCredential

    return SigningCredential.objects.filter(owner_user=user, kind="personal", active=True).order_by("-pk").first()


def organisation_credential(unit):
    """The seal of the unit, or of the nearest unit above it that has one."""
    from dieuhanh.platform.signing.models import SigningCredential

    for ancestor in reversed(list(unit.ancestors())):
        found = SigningCredential.objects.filter(owner_unit=ancestor, kind="organisation", active=True).order_by("-pk").first()
        if found is not None:
            return found
    return None


def task_create_url(*, source, user) -> str | None:
    if not apps.is_installed("dieuhanh.modules.tasks"):
        return None
    try:
        from dieuhanh.modules.tasks.api import task_create_url as _url
    except ImportError:
        return None
    return _url(source=source, user=user)
