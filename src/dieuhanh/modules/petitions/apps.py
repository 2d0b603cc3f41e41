from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "dieuhanh.modules.petitions"
    label = "petitions"
    verbose_name = _("Kiến nghị cử tri")
    default_auto_field = "django.db.models.BigAutoField"
