from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "dieuhanh.modules.complaints"
    label = "complaints"
    verbose_name = _("Khiếu nại, tố cáo")
    default_auto_field = "django.db.models.BigAutoField"
