"""Writes of the jobs part."""

from __future__ import annotations

from dataclasses import replace

from django.db import IntegrityError, transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks.base import Task
from django_tasks.exceptions import InvalidTaskBackendError, InvalidTaskError

from dieuhanh.platform.permissions.checks import user_can
from dieuhanh.platform.ui.errors import ConflictError, UserError

from .models import ManualRetry


@transaction.atomic
def task_retry(*, result_id: str, by) -> str:
    """Enqueue a new copy of a FAILED task (same arguments, queue and priority) and return the
    new result's id. A second request for the same failure is refused, so a double click runs
    the task once. The ManualRetry row (with auditlog) records who asked."""
    from django_tasks_db.models import DBTaskResult

    from .selectors import task_result

    if not user_can(by, "jobs.manage"):
        raise UserError(_("Bạn không có quyền chạy lại tác vụ nền."))
    failed = task_result(result_id=result_id)
    if failed.status != "FAILED":
        raise UserError(_("Chỉ chạy lại được tác vụ đã thất bại."))
    if ManualRetry.objects.filter(original_id=str(failed.pk)).exists():
        raise ConflictError(_("Tác vụ này đã được yêu cầu chạy lại."))
    # Lock the failed row so two simultaneous clicks cannot both pass the check above.
    DBTaskResult.objects.select_for_update().filter(pk=failed.pk).first()
    task = _task_of(failed)
    arguments = failed.args_kwargs or {}
    try:
        with transaction.atomic():
            retry = ManualRetry.objects.create(
                original_id=str(failed.pk), new_id="", task_path=failed.task_path, by=by
            )
    except IntegrityError:
        raise ConflictError(_("Tác vụ này đã được yêu cầu chạy lại.")) from None
    try:
        result = task.enqueue(*arguments.get("args", []), **arguments.get("kwargs", {}))
    except (InvalidTaskError, InvalidTaskBackendError) as error:
        raise UserError(_("Không chạy lại được tác vụ: %(error)s") % {"error": error}) from None
    retry.new_id = str(result.id)
    retry.save(update_fields=["new_id"])
    return retry.new_id


def _task_of(failed):
    """The Task object of a stored result, with its queue and priority, to run now."""
    try:
        task = import_string(failed.task_path)
    except ImportError:
        task = None
    if not isinstance(task, Task):
        raise UserError(_("Không chạy lại được: mã của tác vụ %(path)s không còn tồn tại.")
                        % {"path": failed.task_path})
    try:
        return replace(task, priority=failed.priority, queue_name=failed.queue_name, run_after=None)
    except (InvalidTaskError, InvalidTaskBackendError) as error:
        raise UserError(_("Không chạy lại được tác vụ: %(error)s") % {"error": error}) from None
