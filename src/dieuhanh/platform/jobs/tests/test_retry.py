"""Retries with exponential backoff, run through the real database worker."""

import datetime as dt
import logging

import pytest
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from dieuhanh.platform.jobs.retry import RetryPolicy, attempts_allowed, policy_for

from . import sample_tasks

FAILS = "dieuhanh.platform.jobs.tests.sample_tasks.always_fails"


def run_worker():
    Worker(queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
           max_tasks=None, worker_id="test-worker", excluded_queue_names=[]).run()


def make_due(result):
    type(result).objects.filter(pk=result.pk).update(run_after=timezone.now() - dt.timedelta(seconds=1))


def test_policy_delays_grow_exponentially_and_are_capped():
    policy = RetryPolicy(max_attempts=10, backoff=dt.timedelta(seconds=30), factor=2,
                         max_delay=dt.timedelta(minutes=5))
    assert [policy.delay(n).total_seconds() for n in (1, 2, 3, 4, 5)] == [30, 60, 120, 240, 300]


def test_the_decorator_registers_the_policy():
    assert policy_for(FAILS).max_attempts == 3
    assert attempts_allowed(FAILS) == 3
    assert attempts_allowed("dieuhanh.platform.jobs.tests.sample_tasks.record") == 1


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections
def test_failed_attempts_are_retried_with_backoff_then_given_up(db_tasks, caplog):
    from django_tasks_db.models import DBTaskResult

    sample_tasks.always_fails.enqueue(reason="hộp thư đầy")
    result = DBTaskResult.objects.get(task_path=FAILS)

    before = timezone.now()
    run_worker()
    result.refresh_from_db()
    assert result.status == "READY"  # waiting for attempt 2
    assert len(result.worker_ids) == 1
    assert "hộp thư đầy" in result.traceback
    assert dt.timedelta(seconds=29) < result.run_after - before < dt.timedelta(seconds=35)

    run_worker()  # not due yet: nothing runs
    assert sample_tasks.CALLS == ["fail"]

    make_due(result)
    before = timezone.now()
    run_worker()
    result.refresh_from_db()
    assert result.status == "READY" and len(result.worker_ids) == 2
    assert dt.timedelta(seconds=59) < result.run_after - before < dt.timedelta(seconds=65)

    make_due(result)
    with caplog.at_level(logging.ERROR, logger="dieuhanh.jobs"):
        run_worker()
    result.refresh_from_db()
    assert result.status == "FAILED"  # gave up after 3 attempts; the jobs screen lists it
    assert len(result.worker_ids) == 3
    assert sample_tasks.CALLS == ["fail", "fail", "fail"]
    assert "gave up after 3 attempts" in caplog.text


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections
def test_tasks_without_a_policy_fail_once(db_tasks):
    from django_tasks_db.models import DBTaskResult

    sample_tasks.fails_once_without_policy.enqueue()
    run_worker()
    assert DBTaskResult.objects.get().status == "FAILED"


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections
def test_successful_tasks_are_untouched(db_tasks):
    from django_tasks_db.models import DBTaskResult

    sample_tasks.record.enqueue("ok")
    run_worker()
    row = DBTaskResult.objects.get()
    assert row.status == "SUCCESSFUL" and row.return_value == "ok"


def test_immediate_backend_records_the_failure_without_retrying(db):
    result = sample_tasks.always_fails.enqueue()
    assert result.status == "FAILED"
    assert sample_tasks.CALLS == ["fail"]


def test_max_attempts_must_be_positive():
    from dieuhanh.platform.jobs.retry import retrying_task

    with pytest.raises(ValueError):
        retrying_task(max_attempts=0)
