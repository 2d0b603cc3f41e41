"""Signing credentials (a person's certificate, a unit's seal), the demo CA, signatures made.

The PKCS#12 blob stays encrypted by its own passphrase; the server never stores the
passphrase or a token PIN: the person types it each time they sign.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CredentialKind(models.TextChoices):
    PERSONAL = "personal", _("Chữ ký cá nhân")
    ORGANISATION = "organisation", _("Con dấu của cơ quan")


class CredentialSource(models.TextChoices):
    PKCS12 = "pkcs12", _("Tệp chứng thư số (PKCS#12)")
    PKCS11 = "pkcs11", _("Thiết bị ký số (USB token, HSM)")


class SigningCredential(models.Model):
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người sở hữu"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="signing_credentials",
    )
    owner_unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("Đơn vị sở hữu"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="signing_credentials",
    )
    kind = models.CharField(_("Loại"), max_length=16, choices=CredentialKind.choices)
    source = models.CharField(_("Nguồn"), max_length=16, choices=CredentialSource.choices)
    # PKCS#12: the file as imported, encrypted by its own passphrase.
    pkcs12 = models.BinaryField(_("Tệp PKCS#12"), null=True, blank=True, editable=False)
    # PKCS#11: where the key lives; the PIN is typed when signing.
    pkcs11_library = models.CharField(_("Thư viện PKCS#11"), max_length=500, blank=True)
    pkcs11_token_label = models.CharField(_("Nhãn thiết bị"), max_length=200, blank=True)
    pkcs11_key_label = models.CharField(_("Nhãn khóa"), max_length=200, blank=True)
    # The certificate (DER) and its chain (PEM), so validation and the UI need no secret.
    certificate = models.BinaryField(_("Chứng thư số"), editable=False)
    chain_pem = models.TextField(_("Chuỗi chứng thư"), blank=True, editable=False)
    subject = models.CharField(_("Chủ thể"), max_length=500)
    issuer = models.CharField(_("Tổ chức cấp"), max_length=500)
    serial = models.CharField(_("Số hiệu"), max_length=100)
    fingerprint = models.CharField(_("Dấu vân tay SHA-256"), max_length=64, db_index=True)
    not_before = models.DateTimeField(_("Hiệu lực từ"))
    not_after = models.DateTimeField(_("Hiệu lực đến"))
    image = models.BinaryField(_("Hình chữ ký / con dấu (PNG)"), null=True, blank=True, editable=False)
    active = models.BooleanField(_("Đang dùng"), default=True)
    revoked_at = models.DateTimeField(_("Thu hồi lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Chứng thư số")
        verbose_name_plural = _("Chứng thư số")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(owner_user__isnull=False) & Q(owner_unit__isnull=True))
                | (Q(owner_user__isnull=True) & Q(owner_unit__isnull=False)),
                name="signing_credential_one_owner",
            ),
            # The same certificate is registered once per owner: a double submit adds nothing.
            models.UniqueConstraint(
                fields=["owner_user", "fingerprint"], condition=Q(owner_user__isnull=False),
                name="signing_credential_unique_user_cert",
            ),
            models.UniqueConstraint(
                fields=["owner_unit", "fingerprint"], condition=Q(owner_unit__isnull=False),
                name="signing_credential_unique_unit_cert",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner_display} – {self.subject_common_name}"

    @property
    def owner(self):
        return self.owner_user if self.owner_user_id else self.owner_unit

    @property
    def owner_display(self) -> str:
        return str(self.owner) if self.owner is not None else ""

    @property
    def subject_common_name(self) -> str:
        for part in self.subject.split(", "):
            if part.startswith("CN="):
                return part[3:]
        return self.subject

    @property
    def is_expired(self) -> bool:
        from django.utils import timezone

        return self.not_after <= timezone.now()

    def certificate_asn1(self):
        from asn1crypto import x509

        return x509.Certificate.load(bytes(self.certificate))


class DemoAuthority(models.Model):
    """The demo certificate authority "CA Thử nghiệm Điều Hành (demo)", created once."""

    name = models.CharField(max_length=200, unique=True)
    certificate_pem = models.TextField()
    # The root key, PKCS#8 PEM encrypted with a key derived from settings.SECRET_KEY.
    key_pem = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("CA thử nghiệm")
        verbose_name_plural = _("CA thử nghiệm")

    def __str__(self) -> str:
        return self.name


class DigitalSignature(models.Model):
    """A signature made through the platform (`signature_apply`), for the record."""

    credential = models.ForeignKey(
        SigningCredential, verbose_name=_("Chứng thư số"), on_delete=models.PROTECT, related_name="signatures"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người ký"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("Vai trò chữ ký"), max_length=16, choices=CredentialKind.choices)
    signed_at = models.DateTimeField(_("Thời điểm ký"), auto_now_add=True)
    reason = models.CharField(_("Lý do"), max_length=255, blank=True)
    input_sha256 = models.CharField(max_length=64)
    output_sha256 = models.CharField(max_length=64)
    # A client-chosen key that makes a retried submit return the same signature.
    idempotency_key = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("Chữ ký số")
        verbose_name_plural = _("Chữ ký số")
        ordering = ["-signed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["credential", "idempotency_key"], condition=~Q(idempotency_key=""),
                name="signing_digitalsignature_unique_idempotency",
            )
        ]

    def __str__(self) -> str:
        return f"{self.credential} {self.signed_at:%d/%m/%Y %H:%M}"
