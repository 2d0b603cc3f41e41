from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "dieuhanh.modules.tasks"
    label = "tasks"
    verbose_name = _("Theo dõi nhiệm vụ")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        auditlog.register(
            self.get_model("Task"),
            include_fields=[
                "title", "state", "lead_unit", "lead_user", "due_date", "completed_on",
                "priority", "progress",
            ],
        )
        auditlog.register(self.get_model("Extension"))
        auditlog.register(self.get_model("Supervision"))
