from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassifierConfig(AppConfig):
    name = "dieuhanh.platform.classifier"
    label = "classifier"
    verbose_name = _("Phân loại tự động")
