"""KPI "văn bản đến xử lý đúng hạn": processing assignments due in the period, and how many
of them were completed by their deadline (declared in module.py)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dieuhanh.platform.registry import KpiItem

from .models import Assignment, AssignmentKind, AssignmentState


def _due_in(start: dt.date, end: dt.date):
    return Assignment.objects.filter(kind=AssignmentKind.PROCESS, due_on__gte=start, due_on__lte=end).exclude(
        state=AssignmentState.CANCELLED
    )


def _on_time(a: Assignment) -> bool:
    return a.state == AssignmentState.DONE and a.completed_on_time() is True


def _compute(field: str, subject_ids, start, end) -> dict[int, tuple[float, float]]:
    result: dict[int, list[float]] = {}
    qs = _due_in(start, end).filter(**{f"{field}__in": list(subject_ids)}).only(
        field, "state", "completed_at", "due_on"
    )
    for a in qs:
        counts = result.setdefault(getattr(a, field), [0.0, 0.0])
        counts[1] += 1
        if _on_time(a):
            counts[0] += 1
    return {k: (v[0], v[1]) for k, v in result.items()}


def _items(field: str, subject_id, start, end) -> list[KpiItem]:
    items = []
    for a in _due_in(start, end).filter(**{field: subject_id}).select_related("document").order_by("due_on", "pk"):
        done = a.completed_at and timezone.localdate(a.completed_at).strftime("%d/%m/%Y")
        note = f"Hạn {a.due_on:%d/%m/%Y}" + (f", xong {done}" if done else ", chưa xong")
        items.append(KpiItem(title=str(a.document), url=a.document.get_absolute_url(), counted=_on_time(a), note=note))
    return items


def unit_on_time(subject_ids, start, end):
    return _compute("assignee_unit_id", subject_ids, start, end)


def person_on_time(subject_ids, start, end):
    return _compute("assignee_user_id", subject_ids, start, end)


def unit_on_time_items(subject_id, start, end):
    return _items("assignee_unit_id", subject_id, start, end)


def person_on_time_items(subject_id, start, end):
    return _items("assignee_user_id", subject_id, start, end)
