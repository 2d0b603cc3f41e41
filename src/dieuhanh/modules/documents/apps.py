from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "dieuhanh.modules.documents"
    label = "documents"
    verbose_name = _("Quản lý văn bản")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import receivers

        for name in ("IncomingDocument", "Assignment", "OutgoingDocument", "ReviewStep", "Record"):
            auditlog.register(self.get_model(name))
        receivers.connect()
