"""The KPI module's own computed metric, from the platform's inbox (useful before any module
declares one): work items assigned to a person and due in the period, closed by their due time.

An item counts in the denominator when it fell due in the period (due time within the period
and already past), or was finished early; it counts in the numerator when it was done by its
due time. Cancelled items do not count.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dieuhanh.platform.inbox.models import WorkItem, WorkItemState
from dieuhanh.platform.registry import KpiItem

CHUNK = 2000  # subject ids per query (well under SQLite's limit on query parameters)


def _window(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    begin = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    stop = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    return begin, stop


def _due_items(start: dt.date, end: dt.date):
    begin, stop = _window(start, end)
    now = timezone.now()
    return WorkItem.objects.filter(
        assignee_user__isnull=False, due_at__gte=begin, due_at__lt=stop,
    ).exclude(state=WorkItemState.CANCELLED).filter(Q(due_at__lte=now) | Q(state=WorkItemState.DONE))


ON_TIME = Q(state=WorkItemState.DONE, closed_at__lte=F("due_at"))


def inbox_on_time_compute(subject_ids: list[int], start: dt.date, end: dt.date) -> dict[int, tuple[float, float]]:
    result: dict[int, tuple[float, float]] = {}
    items = _due_items(start, end)
    for i in range(0, len(subject_ids), CHUNK):
        chunk = subject_ids[i:i + CHUNK]
        rows = (
            items.filter(assignee_user_id__in=chunk).order_by().values("assignee_user_id")
            .annotate(total=Count("pk"), on_time=Count("pk", filter=ON_TIME))
            .values_list("assignee_user_id", "on_time", "total")
        )
        for user_id, on_time, total in rows:
            result[user_id] = (float(on_time), float(total))
    return result


def inbox_on_time_items(subject_id: int, start: dt.date, end: dt.date) -> list[KpiItem]:
    rows = _due_items(start, end).filter(assignee_user_id=subject_id).order_by("due_at", "pk")
    return [_item(row) for row in rows.only("title", "url", "state", "due_at", "closed_at")]


# --- the same figure for units: items assigned to the unit itself ------------------------------------
def inbox_on_time_unit_compute(subject_ids: list[int], start: dt.date, end: dt.date) -> dict[int, tuple[float, float]]:
    begin, stop = _window(start, end)
    now = timezone.now()
    items = (
        WorkItem.objects.filter(assignee_unit__isnull=False, due_at__gte=begin, due_at__lt=stop)
        .exclude(state=WorkItemState.CANCELLED).filter(Q(due_at__lte=now) | Q(state=WorkItemState.DONE))
    )
    result: dict[int, tuple[float, float]] = {}
    for i in range(0, len(subject_ids), CHUNK):
        rows = (
            items.filter(assignee_unit_id__in=subject_ids[i:i + CHUNK]).order_by().values("assignee_unit_id")
            .annotate(total=Count("pk"), on_time=Count("pk", filter=ON_TIME))
            .values_list("assignee_unit_id", "on_time", "total")
        )
        for unit_id, on_time, total in rows:
            result[unit_id] = (float(on_time), float(total))
    return result


def inbox_on_time_unit_items(subject_id: int, start: dt.date, end: dt.date) -> list[KpiItem]:
    begin, stop = _window(start, end)
    now = timezone.now()
    rows = (
        WorkItem.objects.filter(assignee_unit_id=subject_id, due_at__gte=begin, due_at__lt=stop)
        .exclude(state=WorkItemState.CANCELLED).filter(Q(due_at__lte=now) | Q(state=WorkItemState.DONE))
        .order_by("due_at", "pk")
    )
    return [_item(row) for row in rows.only("title", "url", "state", "due_at", "closed_at")]


def _item(item) -> KpiItem:
    due = date_format(timezone.localtime(item.due_at), "d/m/Y H:i")
    if item.state == WorkItemState.DONE:
        closed = date_format(timezone.localtime(item.closed_at), "d/m/Y H:i")
        on_time = item.closed_at <= item.due_at
        note = (_("Hạn %(due)s, xong %(closed)s – đúng hạn") if on_time
                else _("Hạn %(due)s, xong %(closed)s – trễ hạn")) % {"due": due, "closed": closed}
        return KpiItem(title=item.title, url=item.url, counted=on_time, note=note)
    return KpiItem(title=item.title, url=item.url, counted=False, note=_("Hạn %(due)s, chưa xong – quá hạn") % {"due": due})
