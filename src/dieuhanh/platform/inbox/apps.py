from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboxConfig(AppConfig):
    name = "dieuhanh.platform.inbox"
    label = "inbox"
    verbose_name = _("Việc của tôi")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import receivers

        # Who gave whom access to their work, and who finished or moved a duty (with
        # "on behalf of" from audit_context when a delegate acted).
        auditlog.register(self.get_model("Delegation"))
        auditlog.register(
            self.get_model("WorkItem"),
            include_fields=["state", "assignee_user", "assignee_unit", "closed_by"],
        )
        receivers.connect()
