from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassifierConfig(AppConfig):
    name = "dieuhanh.platform.classifier"
    label = "classifier"
    verbose_name = _("Phân loại tự động")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import ClassifierModel, SuggestionFeedback

        auditlog.register(ClassifierModel, exclude_fields=["payload", "payload_hmac", "payload_sha256"])
        auditlog.register(SuggestionFeedback, exclude_fields=["text"])
