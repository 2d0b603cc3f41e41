from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "dieuhanh.platform.jobs"
    label = "jobs"
    verbose_name = _("Tác vụ nền")

    def ready(self) -> None:
        from django_tasks.signals import task_finished

        from . import checks  # noqa: F401  (registers the system check)
        from .retry import on_task_finished

        task_finished.connect(on_task_finished, dispatch_uid="dieuhanh.jobs.retry")
