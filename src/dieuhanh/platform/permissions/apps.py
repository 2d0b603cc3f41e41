from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PermissionsConfig(AppConfig):
    name = "dieuhanh.platform.permissions"
    label = "permissions"
    verbose_name = _("Phân quyền")

    def ready(self) -> None:
        from .predicates import register_action_rules

        register_action_rules()
