"""The dashboard's single pass gives the same figures as the separate selectors, and the
reported status of each task agrees with the status queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from dieuhanh.modules.tasks import selectors, services
from dieuhanh.modules.tasks.models import Status, Task

from .factories import move_back, world

pytestmark = pytest.mark.django_db


def _varied(w):
    move_back(w.task(title="quá hạn", due_in=2), days=40)
    late = move_back(w.task(title="muộn", due_in=1), days=35)
    services.completion_report(by=w.dept_staff, task=late, text="x")
    services.task_confirm(by=w.leader, task=late)
    waiting = move_back(w.task(title="chờ", due_in=3), days=10)
    services.completion_report(by=w.dept_staff, task=waiting, text="x", completed_on=waiting.assigned_on)
    stopped = w.task(title="dừng")
    services.task_suspend(by=w.leader, task=stopped, reason="chờ")
    w.task(title="không hạn", due_in=None)
    w.task(title="trong hạn", due_in=4)


def test_dashboard_figures_equal_the_separate_selectors():
    w = world()
    _varied(w)
    today = timezone.localdate()
    tasks = Task.objects.all()
    figures = selectors.dashboard_figures(tasks, today=today)
    assert figures.counts == selectors.status_counts(tasks, on=today)
    assert (figures.overdue, figures.total) == selectors.overdue_counts(tasks, on=today)[None]
    assert figures.trend == selectors.overdue_trend(tasks, today=today)
    assert figures.trend[-1][1:] == (figures.overdue, figures.total)


@pytest.mark.parametrize("offset", [0, 5, 40])
def test_status_queries_agree_with_each_tasks_reported_status(offset):
    w = world()
    _varied(w)
    on = timezone.localdate() + dt.timedelta(days=offset)
    for status in Status:
        by_query = set(Task.objects.filter(selectors.status_q(status, on)).values_list("pk", flat=True))
        by_rule = {t.pk for t in Task.objects.all() if t.status(on) == status}
        assert by_query == by_rule, status
