"""`dieuhanh worker --batch`: one scheduler tick, then every ready task, then exit."""

import datetime as dt

import pytest
from django.core.management import call_command

from dieuhanh.platform.jobs import scheduler
from dieuhanh.platform.jobs.models import ScheduledRun
from dieuhanh.platform.registry import Periodic

from . import sample_tasks


@pytest.fixture
def periodic(monkeypatch):
    monkeypatch.setattr(scheduler, "periodic_jobs", lambda: [scheduler.DeclaredPeriodic("test", Periodic(
        key="test.every5", task="dieuhanh.platform.jobs.tests.sample_tasks.record", every=dt.timedelta(minutes=5)))])


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections
def test_one_batch_schedules_and_runs(db_tasks, periodic):
    from django_tasks_db.models import DBTaskResult

    sample_tasks.record.using(queue_name="email").enqueue("thư")
    call_command("worker", "--batch", verbosity=0)
    assert sorted(sample_tasks.CALLS) == ["thư", "tick"]  # every queue, and the periodic job
    run = ScheduledRun.objects.get()
    assert DBTaskResult.objects.get(pk=run.result_id).status == "SUCCESSFUL"

    call_command("worker", "--batch", verbosity=0)  # same due time: not enqueued again
    assert ScheduledRun.objects.count() == 1 and len(sample_tasks.CALLS) == 2


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections
def test_no_scheduler_flag(db_tasks, periodic):
    call_command("worker", "--batch", "--no-scheduler", verbosity=0)
    assert not ScheduledRun.objects.exists()


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections
def test_scheduler_thread_ticks_and_stops(db_tasks, periodic, monkeypatch):
    """The continuous mode starts a scheduler thread beside the worker loop."""
    from dieuhanh.platform.jobs.management.commands.worker import SchedulingWorker

    ticks = []
    monkeypatch.setattr(scheduler, "tick", lambda **kw: ticks.append(kw["worker_id"]) or [])
    worker = SchedulingWorker(schedule=True, schedule_interval=0.01, queue_names=["*"], interval=0,
                              batch=False, backend_name="default", startup_delay=False, max_tasks=1,
                              worker_id="w-thread", excluded_queue_names=[])
    sample_tasks.record.enqueue("một")
    worker.run()  # max_tasks=1: returns after one task
    assert worker.stopped.is_set()
    assert ticks and ticks[0] == "w-thread"
    assert sample_tasks.CALLS == ["một"]
