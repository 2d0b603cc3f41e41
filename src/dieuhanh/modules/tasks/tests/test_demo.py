"""The demo city's tasks: every reported status, a supervision, idempotent and quick."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from dieuhanh.modules.tasks import demo, selectors
from dieuhanh.modules.tasks.models import Status, Supervision, Task
from dieuhanh.platform.orgs.demo import load_demo_city

pytestmark = pytest.mark.django_db


def test_demo_tasks_cover_every_status_and_a_second_run_changes_nothing(demo_city):
    statuses = {task.status() for task in Task.objects.all()}
    assert {Status.ON_TIME, Status.OVERDUE, Status.DONE_ON_TIME, Status.DONE_LATE, Status.NO_DEADLINE,
            Status.AWAITING_CONFIRMATION, Status.RETURNED, Status.SUSPENDED, Status.CANCELLED} <= statuses
    assert Supervision.objects.filter(tasks__isnull=False).distinct().count() == 2
    count = Task.objects.count()
    assert 25 <= count <= 60
    load_demo_city(small=True)
    assert Task.objects.count() == count


def test_every_official_demo_role_sees_some_task(role_users):
    for role, user in role_users.items():
        visible = selectors.visible_tasks(user).exists()
        assert visible == (role != "citizen"), role


def test_the_demo_hook_is_quick_on_the_small_city(db):
    """About 0.5 s on an idle machine. Wall time on a shared machine is noise, so the bound is on
    the work done: the number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    city = load_demo_city(small=True, with_modules=False)
    reverse("tasks:mine")  # the URLconf is loaded once per process, not by the hook
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        demo.load_demo(city, small=True)
    print(f"tasks demo data (small): {time.perf_counter() - started:.2f} s, {len(captured)} queries")
    assert Task.objects.count() >= 25
    assert len(captured) <= 1500
