from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkcalendarConfig(AppConfig):
    name = "dieuhanh.platform.workcalendar"
    label = "workcalendar"
    verbose_name = _("Lịch làm việc")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import signals  # noqa: F401  (connects the cache invalidation)
        from .models import CalendarDay, Deadline, DeadlineExtension, DeadlineRule

        for model in (CalendarDay, DeadlineRule, Deadline, DeadlineExtension):
            if not auditlog.contains(model):
                auditlog.register(model)
