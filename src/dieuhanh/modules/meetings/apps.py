from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "dieuhanh.modules.meetings"
    label = "meetings"
    verbose_name = _("Phòng họp không giấy")
    default_auto_field = "django.db.models.BigAutoField"
