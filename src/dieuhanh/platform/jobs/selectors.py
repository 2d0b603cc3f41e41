"""Reads of the jobs screens. Only system administrators reach them (action jobs.manage)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ManualRetry, ScheduledRun
from .retry import attempts_allowed
from .scheduler import DeclaredPeriodic, latest_due, next_due, periodic_jobs

STATUS_LABELS = {
    "READY": _("Chờ chạy"),
    "RUNNING": _("Đang chạy"),
    "FAILED": _("Thất bại"),
    "SUCCESSFUL": _("Thành công"),
}
STATUS_CSS = {"READY": "", "RUNNING": "tag-warn", "FAILED": "tag-danger", "SUCCESSFUL": "tag-ok"}


def _results():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.all()


def task_results(*, status: str = "", query: str = "", waiting_retry: bool = False):
    """Task results, optionally filtered; sorting and paging are the view's (ui.tables)."""
    qs = _results().defer("return_value", "args_kwargs")
    if status:
        qs = qs.filter(status=status)
    if waiting_retry:
        qs = qs.filter(status="READY").exclude(traceback="")
    if query:
        qs = qs.filter(Q(task_path__icontains=query) | Q(exception_class_path__icontains=query))
    return qs


def task_result(*, result_id: str):
    from django.core.exceptions import ValidationError

    try:
        return _results().get(pk=result_id)
    except (ValidationError, ValueError, _results().model.DoesNotExist):
        raise Http404 from None


@dataclass
class ResultView:
    """What the list shows of one result."""

    result: object
    attempts: int
    max_attempts: int
    retried_as: str | None

    @property
    def name(self) -> str:
        return self.result.task_path.rsplit(".", 1)[-1]

    @property
    def status_label(self):
        if self.result.status == "READY" and self.result.traceback:
            return _("Chờ thử lại")
        return STATUS_LABELS.get(self.result.status, self.result.status)

    @property
    def status_css(self) -> str:
        if self.result.status == "READY" and self.result.traceback:
            return "tag-warn"
        return STATUS_CSS.get(self.result.status, "")

    @property
    def error_line(self) -> str:
        lines = [line for line in (self.result.traceback or "").strip().splitlines() if line.strip()]
        return lines[-1] if lines else ""

    @property
    def gave_up(self) -> bool:
        return self.result.status == "FAILED"


def describe(results) -> list[ResultView]:
    results = list(results)
    retried = dict(
        ManualRetry.objects.filter(original_id__in=[str(r.pk) for r in results]).values_list("original_id", "new_id")
    )
    return [
        ResultView(r, len(r.worker_ids or []), attempts_allowed(r.task_path), retried.get(str(r.pk)))
        for r in results
    ]


def manual_retry_of(result) -> ManualRetry | None:
    return ManualRetry.objects.select_related("by").filter(original_id=str(result.pk)).first()


@dataclass
class ScheduleRow:
    declared: DeclaredPeriodic
    latest_due: datetime
    next_due: datetime
    runs: list

    @property
    def periodic(self):
        return self.declared.periodic


def schedule_overview(*, now: datetime | None = None, runs_per_job: int = 5) -> list[ScheduleRow]:
    now = now or timezone.now()
    declared = periodic_jobs()
    rows = []
    results = {}
    recent: dict[str, list[ScheduledRun]] = {}
    for d in declared:
        recent[d.periodic.key] = list(ScheduledRun.objects.filter(key=d.periodic.key)[:runs_per_job])
    ids = [run.result_id for runs in recent.values() for run in runs if run.result_id]
    if ids:
        valid = []
        import uuid

        for value in ids:
            try:
                valid.append(uuid.UUID(value))
            except ValueError:
                continue
        results = {str(r.pk): r for r in _results().filter(pk__in=valid).only("id", "status", "finished_at")}
    for d in declared:
        runs = recent[d.periodic.key]
        for run in runs:
            run.result = results.get(run.result_id)
            run.status_label = STATUS_LABELS.get(run.result.status, "") if run.result else _("Đã dọn")
        rows.append(ScheduleRow(d, latest_due(d.periodic, now), next_due(d.periodic, now), runs))
    return rows


def failures_widget(request) -> dict:
    """Dashboard widget: failures that gave up in the last 7 days."""
    since = timezone.now() - timedelta(days=7)
    failed = _results().filter(status="FAILED", finished_at__gte=since)
    return {"failed_count": failed.count(), "waiting_count": task_results(waiting_retry=True).count()}
