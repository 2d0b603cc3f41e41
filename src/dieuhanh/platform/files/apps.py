from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilesConfig(AppConfig):
    name = "dieuhanh.platform.files"
    label = "files"
    verbose_name = _("Tệp")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import services  # noqa: F401  (connects the receiver that deletes a row's bytes)

        auditlog.register(self.get_model("StoredFile"), exclude_fields=["text"])
