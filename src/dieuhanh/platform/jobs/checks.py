"""System check: every declared periodic job has a valid schedule and an importable task."""

from django.core import checks
from django.utils.module_loading import import_string


@checks.register()
def check_periodic_jobs(app_configs=None, **kwargs):
    from django_tasks.base import Task

    from .scheduler import periodic_jobs, validate

    errors = []
    seen = set()
    for declared in periodic_jobs():
        periodic = declared.periodic
        if periodic.key in seen:
            errors.append(checks.Error(f"duplicate periodic key {periodic.key!r}", id="jobs.E001"))
        seen.add(periodic.key)
        try:
            validate(periodic)
        except ValueError as error:
            errors.append(checks.Error(str(error), obj=declared.module_key, id="jobs.E002"))
        try:
            task = import_string(periodic.task)
        except ImportError:
            task = None
        if not isinstance(task, Task):
            errors.append(checks.Error(f"periodic {periodic.key!r}: {periodic.task!r} is not a task",
                                       obj=declared.module_key, id="jobs.E003"))
    return errors
