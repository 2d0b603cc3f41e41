"""Every write of the signing part: credentials and the record of signatures made.

Permissions (actions declared in module.py):
- a person registers and retires their own personal credentials (`signing.credential_own`);
- a unit administrator does it for the people and units of their unit (`signing.credential_manage`);
- the seal of a unit is used by whoever holds `signing.seal_use` in that unit (clerk, leader).
"""

from __future__ import annotations

import hashlib
import io

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dieuhanh.platform.audit.context import audit_context
from dieuhanh.platform.permissions.checks import user_can
from dieuhanh.platform.permissions.roles import is_system_admin
from dieuhanh.platform.ui.errors import ConflictError, UserError

from .models import CredentialKind, CredentialSource, DigitalSignature, SigningCredential
from .pdf import ORGANISATION, PERSONAL, credential_check_usable, sign_pdf

OWN_ACTION = "signing.credential_own"
MANAGE_ACTION = "signing.credential_manage"
SEAL_ACTION = "signing.seal_use"
MAX_PKCS12_BYTES = 64 * 1024


# --- permission helpers ----------------------------------------------------------------------


def _owner_units(user):
    from dieuhanh.platform.orgs.models import OrgUnit

    return OrgUnit.objects.filter(memberships__user=user).distinct()


def can_manage_credentials_of(by, *, owner_user=None, owner_unit=None) -> bool:
    if is_system_admin(by):
        return True
    if owner_unit is not None:
        return user_can(by, MANAGE_ACTION, owner_unit)
    if owner_user is not None and owner_user.pk == by.pk:
        return user_can(by, OWN_ACTION) or user_can(by, MANAGE_ACTION)
    return any(user_can(by, MANAGE_ACTION, unit) for unit in _owner_units(owner_user))


def can_sign_with(by, credential: SigningCredential) -> bool:
    if credential.owner_user_id is not None:
        return credential.owner_user_id == by.pk
    return user_can(by, SEAL_ACTION, credential.owner_unit)


def _check_owner(by, owner_user, owner_unit, kind: str) -> None:
    if (owner_user is None) == (owner_unit is None):
        raise UserError(_("Chứng thư số phải thuộc về đúng một người hoặc một đơn vị."))
    if kind not in CredentialKind.values:
        raise UserError(_("Loại chứng thư số không hợp lệ."))
    if kind == ORGANISATION and owner_unit is None:
        raise UserError(_("Con dấu số phải thuộc về một đơn vị."))
    if kind == PERSONAL and owner_user is None:
        raise UserError(_("Chữ ký số cá nhân phải thuộc về một người."))
    if not can_manage_credentials_of(by, owner_user=owner_user, owner_unit=owner_unit):
        raise UserError(_("Bạn không có quyền đăng ký chứng thư số cho người hoặc đơn vị này."))


# --- reading a certificate ---------------------------------------------------------------------


def certificate_facts(certificate) -> dict:
    """Model fields from a cryptography certificate."""
    from cryptography.hazmat.primitives import hashes

    return {
        "certificate": certificate.public_bytes(_der()),
        "subject": _human(certificate.subject),
        "issuer": _human(certificate.issuer),
        "serial": format(certificate.serial_number, "X")[:100],
        "fingerprint": certificate.fingerprint(hashes.SHA256()).hex(),
        "not_before": certificate.not_valid_before_utc,
        "not_after": certificate.not_valid_after_utc,
    }


def _der():
    from cryptography.hazmat.primitives.serialization import Encoding

    return Encoding.DER


def _human(name) -> str:
    """"CN=Nguyễn Văn A, O=HĐND thành phố Hà Nội, C=VN" (most specific first, readable UTF-8)."""
    from cryptography.x509.oid import NameOID

    short = {
        NameOID.COMMON_NAME: "CN", NameOID.ORGANIZATION_NAME: "O", NameOID.ORGANIZATIONAL_UNIT_NAME: "OU",
        NameOID.COUNTRY_NAME: "C", NameOID.LOCALITY_NAME: "L", NameOID.STATE_OR_PROVINCE_NAME: "ST",
        NameOID.EMAIL_ADDRESS: "E", NameOID.SERIAL_NUMBER: "SERIALNUMBER", NameOID.TITLE: "T",
    }
    parts = [f"{short.get(a.oid, a.oid.dotted_string)}={a.value}" for a in reversed(list(name))]
    return ", ".join(parts)[:500]


def _check_certificate_now(certificate) -> None:
    now = timezone.now()
    if certificate.not_valid_after_utc <= now:
        raise UserError(
            _("Chứng thư số đã hết hạn ngày %(date)s.")
            % {"date": timezone.localtime(certificate.not_valid_after_utc).strftime("%d/%m/%Y")}
        )
    if certificate.not_valid_before_utc > now:
        raise UserError(
            _("Chứng thư số chưa có hiệu lực (từ ngày %(date)s).")
            % {"date": timezone.localtime(certificate.not_valid_before_utc).strftime("%d/%m/%Y")}
        )
    from cryptography import x509

    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise UserError(_("Chứng thư số này không được cấp cho việc ký số (thiếu mục đích sử dụng ký)."))


def _open_pkcs12(data: bytes, passphrase: str):
    """(key, certificate, other certificates) or a UserError that says what is wrong."""
    from asn1crypto import pkcs12 as asn1_pkcs12
    from cryptography.hazmat.primitives.serialization import pkcs12

    if not data:
        raise UserError(_("Chưa chọn tệp chứng thư số."))
    if len(data) > MAX_PKCS12_BYTES:
        raise UserError(_("Tệp quá lớn để là một chứng thư số (tối đa 64 KB)."))
    try:
        pfx = asn1_pkcs12.Pfx.load(bytes(data), strict=True)
        pfx["version"].native  # noqa: B018 - forces parsing of the structure
        pfx["auth_safe"]["content_type"].native  # noqa: B018
    except Exception as error:
        raise UserError(_("Tệp không phải là chứng thư số PKCS#12 (.p12, .pfx).")) from error
    try:
        key, certificate, others = pkcs12.load_key_and_certificates(bytes(data), (passphrase or "").encode())
    except ValueError as error:
        raise UserError(_("Mật khẩu/PIN của chứng thư số không đúng.")) from error
    except Exception as error:  # unsupported algorithms and the like
        raise UserError(_("Không đọc được tệp chứng thư số PKCS#12.")) from error
    if certificate is None:
        raise UserError(_("Tệp PKCS#12 không chứa chứng thư số."))
    if key is None:
        raise UserError(_("Tệp PKCS#12 không chứa khóa bí mật, không dùng để ký được."))
    return key, certificate, list(others or [])


def _chain_pem(certificates) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding

    return "".join(c.public_bytes(Encoding.PEM).decode() for c in certificates)


def _image_png(image: bytes | None) -> bytes | None:
    if not image:
        return None
    from .appearance import load_image

    try:
        picture = load_image(bytes(image))
    except Exception as error:
        raise UserError(_("Hình chữ ký phải là ảnh PNG hoặc JPEG, tối đa 2 MB.")) from error
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _store(*, by, owner_user, owner_unit, kind, source, facts, **fields) -> SigningCredential:
    lookup = {"owner_user": owner_user} if owner_user is not None else {"owner_unit": owner_unit}
    existing = SigningCredential.objects.filter(fingerprint=facts["fingerprint"], **lookup).first()
    if existing is not None:
        if existing.revoked_at is not None:
            raise UserError(_("Chứng thư số này đã bị thu hồi, không đăng ký lại được."))
        return existing  # a repeated submit adds nothing
    with audit_context(actor=by):
        try:
            with transaction.atomic():
                return SigningCredential.objects.create(
                    owner_user=owner_user, owner_unit=owner_unit, kind=kind, source=source, **facts, **fields
                )
        except IntegrityError:  # the same file submitted twice at once
            return SigningCredential.objects.get(fingerprint=facts["fingerprint"], **lookup)


# --- services ------------------------------------------------------------------------------


@transaction.atomic
def credential_import_pkcs12(
    *,
    by,
    owner_user=None,
    owner_unit=None,
    kind: str,
    data: bytes,
    passphrase: str,
    image: bytes | None = None,
) -> SigningCredential:
    """Register a PKCS#12 file (.p12/.pfx) as a signing credential.

    The file is stored as it is, still encrypted by its passphrase; the passphrase is used
    here only to check that it opens the file, and is not kept."""
    _check_owner(by, owner_user, owner_unit, kind)
    _key, certificate, others = _open_pkcs12(data, passphrase)
    _check_certificate_now(certificate)
    return _store(
        by=by, owner_user=owner_user, owner_unit=owner_unit, kind=kind, source=CredentialSource.PKCS12,
        facts=certificate_facts(certificate), pkcs12=bytes(data), chain_pem=_chain_pem(others),
        image=_image_png(image),
    )


@transaction.atomic
def credential_register_pkcs11(
    *,
    by,
    owner_user=None,
    owner_unit=None,
    kind: str,
    library: str,
    token_label: str,
    key_label: str,
    pin: str,
    image: bytes | None = None,
) -> SigningCredential:
    """Register a key on a PKCS#11 token (USB token, HSM). The PIN opens the token once to read
    the certificate and prove the key is there; it is not kept."""
    from .pkcs11 import Pkcs11Credential

    _check_owner(by, owner_user, owner_unit, kind)
    adapter = Pkcs11Credential(library=library, token_label=token_label, key_label=key_label)
    certificate, others = adapter.read_certificates(pin=pin)
    _check_certificate_now(certificate)
    return _store(
        by=by, owner_user=owner_user, owner_unit=owner_unit, kind=kind, source=CredentialSource.PKCS11,
        facts=certificate_facts(certificate), pkcs11_library=library, pkcs11_token_label=token_label,
        pkcs11_key_label=key_label, chain_pem=_chain_pem(others), image=_image_png(image),
    )


def _check_manage(by, credential: SigningCredential) -> None:
    if not can_manage_credentials_of(by, owner_user=credential.owner_user, owner_unit=credential.owner_unit):
        raise UserError(_("Bạn không có quyền thay đổi chứng thư số này."))


@transaction.atomic
def credential_set_image(*, by, credential: SigningCredential, image: bytes | None) -> SigningCredential:
    """Upload (or, with None, remove) the image drawn for this credential's visible signatures."""
    credential = SigningCredential.objects.select_for_update().get(pk=credential.pk)
    _check_manage(by, credential)
    with audit_context(actor=by):
        credential.image = _image_png(image)
        credential.save(update_fields=["image"])
    return credential


@transaction.atomic
def credential_deactivate(*, by, credential: SigningCredential) -> SigningCredential:
    """Stop using a credential (a new one replaces it). Signatures already made stay valid."""
    credential = SigningCredential.objects.select_for_update().get(pk=credential.pk)
    _check_manage(by, credential)
    if credential.active:
        with audit_context(actor=by):
            credential.active = False
            credential.save(update_fields=["active"])
    return credential


@transaction.atomic
def credential_revoke(*, by, credential: SigningCredential) -> SigningCredential:
    """Mark a credential revoked (lost token, leaked file): it can never sign again here."""
    credential = SigningCredential.objects.select_for_update().get(pk=credential.pk)
    _check_manage(by, credential)
    if credential.revoked_at is None:
        with audit_context(actor=by):
            credential.revoked_at = timezone.now()
            credential.active = False
            credential.save(update_fields=["revoked_at", "active"])
    return credential


def signature_apply(
    *,
    by,
    pdf: bytes,
    credential: SigningCredential,
    secret: str,
    role: str | None = None,
    visible: bool = True,
    page: int = -1,
    box: tuple[float, float, float, float] | None = None,
    stamp_text: str | None = None,
    reason: str = "",
    location: str = "Hà Nội",
    idempotency_key: str = "",
) -> tuple[bytes, DigitalSignature]:
    """Sign `pdf` as `by` and record it: returns (the signed PDF, the DigitalSignature row).

    `by` must own a personal credential, or hold `signing.seal_use` in the unit of a seal.
    With an `idempotency_key`, a second call with the same key and credential is refused
    with ConflictError instead of signing twice. The slow part (the cryptography) runs
    outside the database transaction; the record is written in its own."""
    role = role or credential.kind
    if not can_sign_with(by, credential):
        raise UserError(_("Bạn không được dùng chứng thư số này để ký."))
    credential_check_usable(credential)
    if idempotency_key and DigitalSignature.objects.filter(credential=credential, idempotency_key=idempotency_key).exists():
        raise ConflictError(_("Văn bản này đã được ký bằng chứng thư số này."))
    signed = sign_pdf(
        pdf, credential=credential, secret=secret, role=role, visible=visible, page=page, box=box,
        stamp_text=stamp_text, reason=reason, location=location,
    )
    try:
        with transaction.atomic(), audit_context(actor=by):
            record = DigitalSignature.objects.create(
                credential=credential, signed_by=by, role=role, reason=(reason or "")[:255],
                input_sha256=hashlib.sha256(pdf).hexdigest(), output_sha256=hashlib.sha256(signed).hexdigest(),
                idempotency_key=idempotency_key[:100],
            )
    except IntegrityError as error:
        raise ConflictError(_("Văn bản này đã được ký bằng chứng thư số này.")) from error
    return signed, record
