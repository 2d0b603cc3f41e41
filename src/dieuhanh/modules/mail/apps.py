from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "dieuhanh.modules.mail"
    label = "mail"
    verbose_name = _("Thư điện tử công vụ")
    default_auto_field = "django.db.models.BigAutoField"
