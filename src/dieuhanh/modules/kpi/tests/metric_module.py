"""A module that exists only in the KPI tests. Its metric counts the work items assigned to a
person that were closed in the period (a count) — a second, independent kind of metric."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils import timezone

from dieuhanh.platform.inbox.models import WorkItem, WorkItemState
from dieuhanh.platform.registry import KpiItem, KpiMetric, Module

CALLS: list[int] = []  # batch sizes of the compute calls, for the batching test


def _window(start: dt.date, end: dt.date):
    tz = timezone.get_current_timezone()
    return (dt.datetime.combine(start, dt.time.min, tzinfo=tz),
            dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz))


def closed_compute(subject_ids, start, end):
    CALLS.append(len(subject_ids))
    begin, stop = _window(start, end)
    rows = (WorkItem.objects.filter(assignee_user_id__in=subject_ids, state=WorkItemState.DONE,
                                    closed_at__gte=begin, closed_at__lt=stop)
            .values("assignee_user_id").annotate(n=Count("pk")).values_list("assignee_user_id", "n"))
    return {uid: (float(n), 0.0) for uid, n in rows}


def closed_items(subject_id, start, end):
    begin, stop = _window(start, end)
    return [KpiItem(title=w.title, url=w.url, counted=True, note="")
            for w in WorkItem.objects.filter(assignee_user_id=subject_id, state=WorkItemState.DONE,
                                             closed_at__gte=begin, closed_at__lt=stop).order_by("pk")]


module = Module(
    key="kpitest",
    name="Phân hệ thử chỉ số",
    kpi_metrics=[
        KpiMetric(key="kpitest.closed", label="Số việc đã xong trong kỳ", subject="person",
                  compute="dieuhanh.modules.kpi.tests.metric_module.closed_compute",
                  items="dieuhanh.modules.kpi.tests.metric_module.closed_items", kind="count"),
    ],
)
