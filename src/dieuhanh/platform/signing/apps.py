from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigningConfig(AppConfig):
    name = "dieuhanh.platform.signing"
    label = "signing"
    verbose_name = _("Chữ ký số")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        # Who registered, retired or revoked which certificate; the blobs are never logged.
        auditlog.register(
            self.get_model("SigningCredential"),
            exclude_fields=["pkcs12", "certificate", "chain_pem", "image"],
        )
        auditlog.register(self.get_model("DigitalSignature"))
