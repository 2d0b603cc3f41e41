from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigningConfig(AppConfig):
    name = "dieuhanh.platform.signing"
    label = "signing"
    verbose_name = _("Chữ ký số")
