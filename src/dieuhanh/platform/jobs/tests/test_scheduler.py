"""Periodic jobs: due times, and at most one run per due time across workers."""

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.core import checks
from django.db import connection

from dieuhanh.platform.jobs import scheduler
from dieuhanh.platform.jobs.models import ScheduledRun
from dieuhanh.platform.registry import Periodic

from . import sample_tasks

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
RECORD = "dieuhanh.platform.jobs.tests.sample_tasks.record"


@pytest.fixture
def periodic(monkeypatch):
    jobs = [
        scheduler.DeclaredPeriodic("test", Periodic(key="test.hourly", task=RECORD, every=dt.timedelta(hours=1))),
        scheduler.DeclaredPeriodic("test", Periodic(key="test.daily", task=RECORD, at="07:30")),
    ]
    monkeypatch.setattr(scheduler, "periodic_jobs", lambda: jobs)
    return jobs


def test_latest_due_for_an_interval_is_aligned():
    p = Periodic(key="k", task=RECORD, every=dt.timedelta(minutes=15))
    now = dt.datetime(2026, 3, 2, 10, 44, 59, tzinfo=dt.UTC)
    assert scheduler.latest_due(p, now) == dt.datetime(2026, 3, 2, 10, 30, tzinfo=dt.UTC)
    assert scheduler.next_due(p, now) == dt.datetime(2026, 3, 2, 10, 45, tzinfo=dt.UTC)


def test_latest_due_for_a_daily_time_is_local():
    p = Periodic(key="k", task=RECORD, at="07:30")
    before = dt.datetime(2026, 3, 2, 7, 29, tzinfo=HCM)
    after = dt.datetime(2026, 3, 2, 7, 30, tzinfo=HCM)
    assert scheduler.latest_due(p, before) == dt.datetime(2026, 3, 1, 7, 30, tzinfo=HCM)
    assert scheduler.latest_due(p, after) == dt.datetime(2026, 3, 2, 7, 30, tzinfo=HCM)
    assert scheduler.next_due(p, after) == dt.datetime(2026, 3, 3, 7, 30, tzinfo=HCM)


@pytest.mark.parametrize("bad", [
    Periodic(key="k", task=RECORD),
    Periodic(key="k", task=RECORD, every=dt.timedelta(hours=1), at="01:00"),
    Periodic(key="k", task=RECORD, at="25:00"),
    Periodic(key="k", task=RECORD, at="7h"),
    Periodic(key="k", task=RECORD, every=dt.timedelta(seconds=5)),
])
def test_invalid_schedules_are_rejected(bad):
    with pytest.raises(ValueError):
        scheduler.validate(bad)


def test_system_check_reports_bad_declarations(monkeypatch):
    from dieuhanh.platform.jobs.checks import check_periodic_jobs

    monkeypatch.setattr(scheduler, "periodic_jobs", lambda: [
        scheduler.DeclaredPeriodic("m", Periodic(key="a", task="no.such.task", at="01:00")),
        scheduler.DeclaredPeriodic("m", Periodic(key="a", task=RECORD)),
    ])
    ids = sorted(e.id for e in check_periodic_jobs())
    assert ids == ["jobs.E001", "jobs.E002", "jobs.E003"]
    assert all(isinstance(e, checks.Error) for e in check_periodic_jobs())


def test_the_platform_declares_valid_periodic_jobs():
    from dieuhanh.platform.jobs.checks import check_periodic_jobs

    keys = [d.periodic.key for d in scheduler.periodic_jobs()]
    assert "jobs.prune_history" in keys
    assert check_periodic_jobs() == []


def test_two_workers_at_the_same_instant_enqueue_once(db, periodic):
    now = dt.datetime(2026, 3, 2, 10, 5, tzinfo=dt.UTC)
    first = scheduler.tick(now=now, worker_id="worker-a")
    second = scheduler.tick(now=now + dt.timedelta(seconds=20), worker_id="worker-b")
    assert {r.key for r in first} == {"test.hourly", "test.daily"}
    assert second == []
    assert ScheduledRun.objects.count() == 2
    assert sample_tasks.CALLS == ["tick", "tick"]
    run = ScheduledRun.objects.get(key="test.hourly")
    assert run.due_at == dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC) and run.worker_id == "worker-a"
    assert run.result_id


def test_the_next_due_time_runs_again(db, periodic):
    now = dt.datetime(2026, 3, 2, 10, 5, tzinfo=dt.UTC)
    scheduler.tick(now=now)
    later = scheduler.tick(now=now + dt.timedelta(hours=1))
    assert [r.key for r in later] == ["test.hourly"]
    assert ScheduledRun.objects.filter(key="test.hourly").count() == 2


def test_a_failure_to_enqueue_leaves_no_run_behind(db, monkeypatch):
    monkeypatch.setattr(scheduler, "periodic_jobs", lambda: [
        scheduler.DeclaredPeriodic("m", Periodic(key="broken", task="no.such.task", at="01:00"))])
    assert scheduler.tick() == []
    assert not ScheduledRun.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_enqueue_once(periodic, db_tasks):
    """Two threads, each with its own database connection, tick at the same instant."""
    from django_tasks_db.models import DBTaskResult

    now = dt.datetime(2026, 3, 2, 10, 5, tzinfo=dt.UTC)
    barrier = threading.Barrier(2)
    created: list[int] = []
    errors: list[BaseException] = []

    def worker(name):
        try:
            barrier.wait(5)
            for _ in range(3):  # a locked SQLite database is retried on the next tick
                created.extend(r.pk for r in scheduler.tick(now=now, worker_id=name))
        except BaseException as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert len(created) == 2  # one per periodic job, whichever thread won
    assert ScheduledRun.objects.count() == 2
    assert DBTaskResult.objects.filter(task_path=RECORD).count() == 2
