"""The dashboard's own widgets (declared in module.py). Each function is a Widget.context:
(request) -> dict, or None to hide the widget."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dieuhanh.platform import registry
from dieuhanh.platform.ui.charts import Series, bar_chart, line_chart

DUE_DAYS = 14
OVERDUE_DAYS = 30


def _work_items(user):
    """The person's work items (any state): the same ones their inbox shows."""
    from dieuhanh.platform.inbox.selectors import visible_items

    return visible_items(user)


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def due_trend(items, *, today: dt.date) -> tuple[list[dt.date], list[int], list[dt.date], list[int]]:
    """Open items due on each of the next DUE_DAYS days, and how many items were overdue at the
    end of each of the last OVERDUE_DAYS days (due before then, opened and not yet closed then).
    One query."""
    due_days = [today + dt.timedelta(days=i) for i in range(DUE_DAYS)]
    past_days = [today - dt.timedelta(days=OVERDUE_DAYS - 1 - i) for i in range(OVERDUE_DAYS)]
    aggregates = {}
    for i, day in enumerate(due_days):
        aggregates[f"due{i}"] = Count("pk", filter=Q(
            state="open", due_at__gte=_start_of(day), due_at__lt=_start_of(day + dt.timedelta(days=1))))
    now = timezone.now()
    for i, day in enumerate(past_days):
        end = min(_start_of(day + dt.timedelta(days=1)), now)
        aggregates[f"late{i}"] = Count("pk", filter=Q(due_at__lt=end, opened_at__lt=end) & (
            Q(closed_at__isnull=True) | Q(closed_at__gt=end)))
    # Only open items and those closed inside the window can count; saying so lets the
    # database use the inbox's partial indexes instead of reading every closed item.
    window_start = _start_of(past_days[0])
    relevant = Q(state="open") | (~Q(state="open") & Q(closed_at__gt=window_start))
    counts = items.filter(relevant).order_by().aggregate(**aggregates)
    return (due_days, [counts[f"due{i}"] for i in range(DUE_DAYS)],
            past_days, [counts[f"late{i}"] for i in range(OVERDUE_DAYS)])


def due_trend_widget(request) -> dict | None:
    items = _work_items(request.user)
    if items is None:
        return None
    today = timezone.localdate()
    due_days, due_counts, past_days, late_counts = due_trend(items, today=today)
    short = lambda day: date_format(day, "d/m")  # noqa: E731
    return {
        "due_total": sum(due_counts),
        "overdue_now": late_counts[-1],
        "due_chart": bar_chart(
            [short(d) for d in due_days], [Series(_("Số việc đến hạn"), due_counts)],
            title=_("Việc đến hạn trong %(days)s ngày tới") % {"days": DUE_DAYS},
            description=_("Số việc đang mở của bạn đến hạn vào từng ngày, từ %(start)s đến %(end)s.") % {
                "start": date_format(due_days[0], "d/m/Y"), "end": date_format(due_days[-1], "d/m/Y")},
            label_header=_("Ngày"), chart_id="chart-due", width=360, height=200,
        ),
        "overdue_chart": line_chart(
            [short(d) for d in past_days], [Series(_("Số việc quá hạn"), late_counts)],
            title=_("Việc quá hạn trong %(days)s ngày qua") % {"days": OVERDUE_DAYS},
            description=_("Số việc đã quá hạn mà chưa xong vào cuối mỗi ngày, từ %(start)s đến %(end)s.") % {
                "start": date_format(past_days[0], "d/m/Y"), "end": date_format(past_days[-1], "d/m/Y")},
            label_header=_("Ngày"), chart_id="chart-overdue", width=360, height=200,
        ),
    }


def module_counts_widget(request) -> dict | None:
    items = _work_items(request.user)
    if items is None:
        return None
    rows = (items.filter(state="open").order_by().values("module")
            .annotate(total=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=timezone.now())))
            .values_list("module", "total", "overdue"))
    counts = {module: (total, overdue) for module, total, overdue in rows}
    names = {m.key: str(m.name) for m in registry.modules()}
    keys = sorted(counts, key=lambda k: (-counts[k][0], names.get(k, k)))
    if not keys:
        return {"empty": True}
    labels = [names.get(k, k) for k in keys]
    return {
        "empty": False,
        "rows": [(names.get(k, k), *counts[k]) for k in keys],
        "chart": bar_chart(
            labels,
            [Series(_("Đang mở"), [counts[k][0] for k in keys]), Series(_("Quá hạn"), [counts[k][1] for k in keys])],
            title=_("Việc đang mở theo phân hệ"),
            description=_("Số việc đang mở và số việc quá hạn của bạn trong từng phân hệ."),
            label_header=_("Phân hệ"), chart_id="chart-modules", width=360, height=220,
        ),
    }
