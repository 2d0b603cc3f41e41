from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "dieuhanh.modules.portal"
    label = "portal"
    verbose_name = _("Trang thông tin điện tử")
    default_auto_field = "django.db.models.BigAutoField"
