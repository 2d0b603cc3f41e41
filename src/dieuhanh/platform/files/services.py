"""Writes of the files part: storing a checked file, and filling in its extracted text.

Modules call these through the package (`from dieuhanh.platform import files`); they check
their own permission first (the platform does not know what a file is attached to).
"""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .inspection import DEFAULT_KINDS, check_size, clean_name, inspect_bytes
from .models import StoredFile, TextState

logger = logging.getLogger("dieuhanh.files")

EXTRACTABLE_KINDS = {"pdf", "docx", "xlsx", "image"}


def read_upload(upload, *, max_bytes: int) -> bytes:
    """The whole upload (at most max_bytes + 1 are read, so an oversize file is refused
    without reading it all)."""
    name = clean_name(getattr(upload, "name", ""))
    size = getattr(upload, "size", None)
    if size is not None:
        check_size(name=name, size=size, max_bytes=max_bytes)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(max_bytes + 1)
    if hasattr(upload, "seek"):
        upload.seek(0)
    if isinstance(data, str):
        data = data.encode()
    check_size(name=name, size=len(data), max_bytes=max_bytes)
    return data


def store_upload(upload, *, kinds=DEFAULT_KINDS, max_bytes: int | None = None, by=None) -> StoredFile:
    """Check an uploaded file by its content and store it. Raises UserError naming the file."""
    from django.conf import settings

    max_bytes = max_bytes or settings.DIEUHANH_MAX_UPLOAD_BYTES
    data = read_upload(upload, max_bytes=max_bytes)
    return store_bytes(data, name=getattr(upload, "name", ""), by=by, kinds=kinds, max_bytes=max_bytes)


@transaction.atomic
def store_bytes(data: bytes, *, name: str, by=None, kinds=DEFAULT_KINDS, max_bytes: int | None = None) -> StoredFile:
    """Store bytes the platform produced (a signed PDF, a report), with the same checks as an
    upload. Text extraction is scheduled after the transaction commits."""
    name = clean_name(name)
    inspected = inspect_bytes(data, name=name, kinds=kinds, max_bytes=max_bytes)
    stored = StoredFile(
        original_name=name,
        content_type=inspected.content_type,
        kind=inspected.kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        page_count=inspected.page_count,
        text_state=TextState.PENDING if inspected.kind in EXTRACTABLE_KINDS else TextState.NONE,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    # The storage name comes from stored_path (uuid + real extension); `name` is ignored there.
    stored.file.save("upload", ContentFile(data), save=False)
    stored.save()
    if inspected.kind in EXTRACTABLE_KINDS:
        extract_text_after_commit(stored)
    return stored


def extract_text_after_commit(stored: StoredFile) -> None:
    """Mark the file "pending" and, after the current transaction commits, extract its text
    in a background task (queue "default"). Sends `files.signals.text_extracted` when done."""
    from .tasks import extract_text

    if stored.kind not in EXTRACTABLE_KINDS:
        StoredFile.objects.filter(pk=stored.pk).update(text_state=TextState.NONE)
        stored.text_state = TextState.NONE
        return
    if stored.text_state != TextState.PENDING:
        StoredFile.objects.filter(pk=stored.pk).update(text_state=TextState.PENDING)
        stored.text_state = TextState.PENDING
    pk = stored.pk
    transaction.on_commit(lambda: extract_text.enqueue(pk))


def stored_file_extract_text(*, stored_file_id: int) -> StoredFile | None:
    """Extract and save the text of one file (the task's body). Bad content never raises:
    the state becomes "failed" and the reason is logged. Returns None if the row is gone."""
    from .extraction import extract
    from .signals import text_extracted

    stored = StoredFile.objects.filter(pk=stored_file_id).first()
    if stored is None:
        logger.info("Text extraction skipped: stored file %s no longer exists", stored_file_id)
        return None
    result = extract(stored)
    fields = {"text": result.text, "text_state": result.state}
    if result.page_count is not None:
        fields["page_count"] = result.page_count
    updated = StoredFile.objects.filter(pk=stored.pk).update(**fields)
    if not updated:
        return None
    for key, value in fields.items():
        setattr(stored, key, value)
    text_extracted.send(sender=StoredFile, stored_file=stored)
    return stored


def files_sweep(*, pending_after: timedelta = timedelta(hours=1), orphan_after: timedelta = timedelta(days=1)) -> dict:
    """Maintenance (the daily periodic job `files.sweep`): no extraction stays pending forever,
    and bytes whose row never committed are removed once they are old enough."""
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from .tasks import extract_text

    now = timezone.now()
    stuck = list(
        StoredFile.objects.filter(text_state=TextState.PENDING, created_at__lt=now - pending_after)
        .values_list("pk", flat=True)[:1000]
    )
    for pk in stuck:
        extract_text.enqueue(pk)
    removed = 0
    known = set(StoredFile.objects.values_list("file", flat=True).iterator()) if _has_dir(default_storage, "files") else set()
    for path in _walk(default_storage, "files"):
        if path in known:
            continue
        try:
            modified = default_storage.get_modified_time(path)
        except (NotImplementedError, OSError):
            continue
        if modified < now - orphan_after:
            default_storage.delete(path)
            removed += 1
            logger.info("Removed orphan stored bytes %s", path)
    return {"requeued": len(stuck), "orphans_removed": removed}


def _has_dir(storage, path: str) -> bool:
    try:
        storage.listdir(path)
    except (FileNotFoundError, NotImplementedError, OSError):
        return False
    return True


def _walk(storage, path: str):
    try:
        directories, names = storage.listdir(path)
    except (FileNotFoundError, NotImplementedError, OSError):
        return
    for name in names:
        yield f"{path}/{name}"
    for directory in directories:
        yield from _walk(storage, f"{path}/{directory}")


@receiver(post_delete, sender=StoredFile, dispatch_uid="dieuhanh.files.delete_bytes")
def _delete_bytes(sender, instance: StoredFile, **kwargs) -> None:
    """When a row is deleted, its bytes go too (after commit, so a rollback keeps them)."""
    storage, path = instance.file.storage, instance.file.name
    if path:
        transaction.on_commit(lambda: storage.delete(path))
