"""Validate the signatures of a PDF, offline, and say the verdict in plain Vietnamese.

Trust anchors: the demo CA root, the PEM files listed in settings.DIEUHANH_TRUST_ROOTS, and
the CA certificates that came in the chains of the platform's active signing credentials.

Offline means: no OCSP request, no CRL download, no fetching of missing intermediate
certificates (ValidationContext(allow_fetching=False), revocation "soft-fail"). A revoked
certificate is therefore only caught when its revocation data is embedded in the PDF; the
platform's own revocation (a credential marked revoked) stops new signatures at signing time.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from dieuhanh.platform.ui.errors import UserError

from .asyncio_bridge import run_blocking

logger = logging.getLogger(__name__)

STATE_NONE = "none"
STATE_VALID = "valid"
STATE_ALTERED = "altered"
STATE_UNTRUSTED = "untrusted"
STATE_INVALID = "invalid"

MOD_NONE = "none"
MOD_PERMITTED = "permitted"
MOD_CHANGED = "changed"


@dataclass
class SignatureInfo:
    field_name: str
    signer_name: str
    organisation: str
    signed_at: dt.datetime | None
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the cryptographic signature is correct
    trusted: bool  # the certificate chains to a trust anchor
    covers_whole_document: bool
    modification: str  # "none", "permitted" (signatures, form filling) or "changed"
    message: str
    certificate_subject: str = ""
    certificate_issuer: str = ""
    certificate_serial: str = ""
    certificate_not_after: dt.datetime | None = None
    visible: bool = False

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and self.modification != MOD_CHANGED


@dataclass
class ValidationReport:
    signatures: list[SignatureInfo] = field(default_factory=list)
    state: str = STATE_NONE
    summary: str = ""

    @property
    def is_valid(self) -> bool:
        return self.state == STATE_VALID

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS.get(self.state, self.state))


def _labels():
    from django.utils.translation import gettext_lazy

    return {
        STATE_NONE: gettext_lazy("Chưa ký số"),
        STATE_VALID: gettext_lazy("Chữ ký hợp lệ"),
        STATE_ALTERED: gettext_lazy("Đã bị thay đổi sau khi ký"),
        STATE_UNTRUSTED: gettext_lazy("Chưa xác định được tổ chức cấp chứng thư"),
        STATE_INVALID: gettext_lazy("Chữ ký không hợp lệ"),
    }


STATE_LABELS = _labels()


# --- trust -------------------------------------------------------------------------------


def trust_roots() -> list:
    """asn1crypto certificates trusted as anchors (see the module docstring)."""
    from asn1crypto import pem, x509

    roots: dict[bytes, x509.Certificate] = {}

    def add_der(der: bytes) -> None:
        certificate = x509.Certificate.load(der)
        roots[certificate.sha256] = certificate

    def add_pem_text(data: bytes) -> None:
        if pem.detect(data):
            for _type, _headers, der in pem.unarmor(data, multiple=True):
                add_der(der)
        else:
            add_der(data)

    from .demo_ca import demo_root_pem

    add_pem_text(demo_root_pem())
    for path in getattr(settings, "DIEUHANH_TRUST_ROOTS", []) or []:
        try:
            add_pem_text(Path(path).read_bytes())
        except (OSError, ValueError) as error:
            logger.error("trust root %s cannot be read: %s", path, error)
    from .models import SigningCredential

    for chain in SigningCredential.objects.filter(active=True).exclude(chain_pem="").values_list("chain_pem", flat=True):
        try:
            for certificate in _certificates_from_pem(chain.encode()):
                if certificate.ca:
                    roots[certificate.sha256] = certificate
        except ValueError:
            continue
    return list(roots.values())


def _certificates_from_pem(data: bytes) -> list:
    from asn1crypto import pem, x509

    return [x509.Certificate.load(der) for _t, _h, der in pem.unarmor(data, multiple=True)]


def validation_context(roots=None):
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(
        trust_roots=roots if roots is not None else trust_roots(),
        allow_fetching=False,
        revocation_mode="soft-fail",
    )


# --- validation ----------------------------------------------------------------------------


def validate_pdf(pdf: bytes, *, roots: list | None = None) -> ValidationReport:
    """Check every signature of `pdf`: integrity, trust (offline) and changes after signing.

    `roots` (asn1crypto certificates) replaces the configured trust anchors (`trust_roots()`).
    Raises UserError when the file is not a readable PDF."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not isinstance(pdf, bytes | bytearray) or not bytes(pdf[:1024]).lstrip().startswith(b"%PDF-"):
        raise UserError(_("Tệp không phải là PDF."))
    try:
        reader = PdfFileReader(io.BytesIO(bytes(pdf)), strict=False)
        if reader.encrypted:
            raise UserError(_("Tệp PDF đã được đặt mật khẩu (mã hóa), không kiểm tra được chữ ký."))
        embedded = list(reader.embedded_regular_signatures)
    except UserError:
        raise
    except Exception as error:
        raise UserError(_("Tệp PDF bị hỏng, không đọc được.")) from error
    if not embedded:
        return ValidationReport(signatures=[], state=STATE_NONE, summary=_("Văn bản chưa có chữ ký số."))
    roots = trust_roots() if roots is None else roots
    infos = run_blocking(lambda: [_validate_one(sig, roots) for sig in embedded])
    return _report(infos)


def _validate_one(embedded, roots) -> SignatureInfo:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    # A signing certificate must allow signing: digitalSignature or nonRepudiation, either one.
    key_usage = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)
    name, organisation, subject, issuer, serial, not_after = _certificate_fields(embedded)
    signed_at = _signed_at(embedded)
    visible = _is_visible(embedded)
    try:
        status = validate_pdf_signature(
            embedded, signer_validation_context=validation_context(roots), key_usage_settings=key_usage
        )
    except Exception as error:  # a malformed signature is a verdict, not a crash
        logger.info("signature %s could not be validated: %r", embedded.field_name, error)
        return SignatureInfo(
            field_name=embedded.field_name, signer_name=name, organisation=organisation, signed_at=signed_at,
            intact=False, valid=False, trusted=False, covers_whole_document=False, modification=MOD_CHANGED,
            message=_("Chữ ký của %(name)s bị hỏng, không kiểm tra được.") % {"name": name},
            certificate_subject=subject, certificate_issuer=issuer, certificate_serial=serial,
            certificate_not_after=not_after, visible=visible,
        )
    intact, valid = bool(status.intact), bool(status.valid)
    trusted = bool(status.trusted)
    covers = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    modification = _modification(status)
    info = SignatureInfo(
        field_name=embedded.field_name, signer_name=name, organisation=organisation,
        signed_at=status.signer_reported_dt or signed_at, intact=intact, valid=valid, trusted=trusted,
        covers_whole_document=covers, modification=modification, message="",
        certificate_subject=subject, certificate_issuer=issuer, certificate_serial=serial,
        certificate_not_after=not_after, visible=visible,
    )
    info.message = _message(info)
    return info


def _modification(status) -> str:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return MOD_NONE
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return MOD_CHANGED
    level = status.modification_level
    if level is None or level == ModificationLevel.OTHER or not status.docmdp_ok:
        return MOD_CHANGED
    return MOD_PERMITTED if level > ModificationLevel.NONE else MOD_NONE


def _message(info: SignatureInfo) -> str:
    who = info.signer_name or _("người ký")
    if not info.intact:
        return _("Văn bản đã bị thay đổi sau khi ký — chữ ký của %(name)s không còn giá trị.") % {"name": who}
    if not info.valid:
        return _("Chữ ký của %(name)s không hợp lệ (sai dữ liệu chữ ký).") % {"name": who}
    if info.modification == MOD_CHANGED:
        return _(
            "Văn bản đã bị sửa nội dung sau khi %(name)s ký — chữ ký của %(name)s không còn giá trị cho bản hiện tại."
        ) % {"name": who}
    if not info.trusted:
        return _(
            "Chữ ký của %(name)s còn nguyên vẹn, nhưng chứng thư số không do tổ chức được tin cậy cấp "
            "(hoặc đã hết hạn): chưa đủ căn cứ pháp lý."
        ) % {"name": who}
    if info.modification == MOD_PERMITTED:
        return _("Chữ ký của %(name)s hợp lệ; sau đó văn bản chỉ được ký thêm, không bị sửa nội dung.") % {
            "name": who
        }
    return _("Chữ ký của %(name)s hợp lệ; văn bản không thay đổi từ khi ký.") % {"name": who}


def _report(infos: list[SignatureInfo]) -> ValidationReport:
    names = ", ".join(i.signer_name for i in infos if i.signer_name)
    if any(not i.intact or i.modification == MOD_CHANGED for i in infos):
        altered = ", ".join(i.signer_name for i in infos if not i.intact or i.modification == MOD_CHANGED)
        return ValidationReport(
            infos, STATE_ALTERED,
            _("Văn bản đã bị thay đổi sau khi ký — chữ ký của %(names)s không còn giá trị.") % {"names": altered},
        )
    if any(not i.valid for i in infos):
        return ValidationReport(infos, STATE_INVALID, _("Văn bản có chữ ký số không hợp lệ."))
    if any(not i.trusted for i in infos):
        untrusted = ", ".join(i.signer_name for i in infos if not i.trusted)
        return ValidationReport(
            infos, STATE_UNTRUSTED,
            _("Văn bản còn nguyên vẹn, nhưng chưa xác định được tổ chức cấp chứng thư số của %(names)s.")
            % {"names": untrusted},
        )
    return ValidationReport(
        infos, STATE_VALID,
        _("Văn bản có %(count)s chữ ký số hợp lệ (%(names)s); nội dung không bị thay đổi sau khi ký.")
        % {"count": len(infos), "names": names},
    )


def _certificate_fields(embedded):
    try:
        certificate = embedded.signer_cert
    except Exception:
        return _("(không đọc được chứng thư)"), "", "", "", "", None
    subject = certificate.subject.native
    name = subject.get("common_name", "") or certificate.subject.human_friendly
    organisation = subject.get("organization_name", "")
    if isinstance(name, list):
        name = ", ".join(name)
    if isinstance(organisation, list):
        organisation = ", ".join(organisation)
    not_after = certificate["tbs_certificate"]["validity"]["not_after"].native
    return (
        name, organisation, certificate.subject.human_friendly, certificate.issuer.human_friendly,
        format(certificate.serial_number, "X"), not_after,
    )


def _signed_at(embedded) -> dt.datetime | None:
    try:
        value = embedded.self_reported_timestamp
    except Exception:
        return None
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return value


def _is_visible(embedded) -> bool:
    try:
        rect = [float(v) for v in embedded.sig_field.get("/Rect", [0, 0, 0, 0])]
    except Exception:
        return False
    return abs(rect[2] - rect[0]) > 1 and abs(rect[3] - rect[1]) > 1
