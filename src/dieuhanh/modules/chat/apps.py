from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    name = "dieuhanh.modules.chat"
    label = "chat"
    verbose_name = _("Trao đổi nội bộ")
    default_auto_field = "django.db.models.BigAutoField"
