"""KPI metrics declared in the manifest (contract: platform/registry/manifest.py KpiMetric).

Each `compute` takes (subject_ids, start, end) — `end` inclusive — and returns
{subject_id: (numerator, denominator)} with one grouped query, whatever the number of
subjects. Each `items` lists the tasks behind one figure.

Which tasks count: those whose (current, possibly extended) due date falls in the period,
that are neither suspended nor cancelled.
  tasks.on_time_unit / tasks.on_time_person: numerator = done on time (completion date on
      or before the due date, confirmed by the assigner); denominator = those tasks.
  tasks.overdue_rate_unit: the overdue rate of `selectors.overdue_counts` at the end of the
      period (or today, for the running period).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dieuhanh.platform.registry import KpiItem

from .models import Status, Task, TaskState
from .selectors import late_q, overdue_counts, status_q

EXCLUDED = [TaskState.SUSPENDED, TaskState.CANCELLED]


def _period(start: dt.date, end: dt.date):
    return Task.objects.filter(due_date__gte=start, due_date__lte=end).exclude(state__in=EXCLUDED)


def _on_time_q() -> Q:
    return Q(state=TaskState.DONE, completed_on__lte=F("due_date"))


def _on_time(field: str, subject_ids, start, end) -> dict[int, tuple[float, float]]:
    rows = (
        _period(start, end)
        .filter(**{f"{field}__in": list(subject_ids)})
        .order_by()
        .values(field)
        .annotate(num=Count("pk", filter=_on_time_q()), den=Count("pk"))
        .values_list(field, "num", "den")
    )
    return {key: (float(num), float(den)) for key, num, den in rows}


def on_time_unit(subject_ids, start: dt.date, end: dt.date):
    return _on_time("lead_unit_id", subject_ids, start, end)


def on_time_person(subject_ids, start: dt.date, end: dt.date):
    return _on_time("lead_user_id", subject_ids, start, end)


def _judgement_day(end: dt.date) -> dt.date:
    return min(end, timezone.localdate())


def overdue_rate_unit(subject_ids, start: dt.date, end: dt.date):
    tasks = Task.objects.filter(lead_unit_id__in=list(subject_ids), due_date__gte=start)
    pairs = overdue_counts(tasks, on=_judgement_day(end), group_by="lead_unit_id")
    return {key: (float(o), float(t)) for key, (o, t) in pairs.items()}


def _note(task: Task, on: dt.date) -> str:
    due = task.due_date.strftime("%d/%m/%Y") if task.due_date else ""
    return _("%(status)s · hạn %(due)s") % {"status": Status(task.status(on)).label, "due": due}


def _items(tasks, counted_q: Q, on: dt.date) -> list[KpiItem]:
    counted_ids = set(tasks.filter(counted_q).values_list("pk", flat=True))
    return [
        KpiItem(title=task.title, url=task.get_absolute_url(), counted=task.pk in counted_ids,
                note=_note(task, on))
        for task in tasks.order_by("due_date", "pk")
    ]


def on_time_unit_items(subject_id: int, start: dt.date, end: dt.date) -> list[KpiItem]:
    return _items(_period(start, end).filter(lead_unit_id=subject_id), _on_time_q(), _judgement_day(end))


def on_time_person_items(subject_id: int, start: dt.date, end: dt.date) -> list[KpiItem]:
    return _items(_period(start, end).filter(lead_user_id=subject_id), _on_time_q(), _judgement_day(end))


def overdue_rate_unit_items(subject_id: int, start: dt.date, end: dt.date) -> list[KpiItem]:
    on = _judgement_day(end)
    tasks = _period(start, on).filter(lead_unit_id=subject_id, assigned_on__lte=on)
    return _items(tasks, late_q(on), on)


__all__ = ["on_time_person", "on_time_unit", "overdue_rate_unit", "status_q"]
