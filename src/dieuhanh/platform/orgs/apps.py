from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "dieuhanh.platform.orgs"
    label = "orgs"
    verbose_name = _("Cơ quan, đơn vị")
