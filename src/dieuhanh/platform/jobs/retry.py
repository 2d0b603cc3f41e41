"""Retries with exponential backoff for django-tasks.

    from dieuhanh.platform.jobs.retry import retrying_task

    @retrying_task(max_attempts=5, backoff=timedelta(seconds=30), queue_name="email")
    def send_notification_email(notification_id: int) -> None: ...

When an attempt raises, the worker marks the result FAILED and sends `task_finished`; the
receiver below puts the same result row back to READY with `run_after` pushed out by
backoff × factor^(attempt-1) (capped by `max_delay`). The row keeps the last traceback, and its
`worker_ids` count the attempts. After `max_attempts` the row stays FAILED: the jobs screen
lists it for administrators, who may run it again by hand.

Only the database backend can defer a task; with the immediate backend (tests) a failure is
recorded once and not retried.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

logger = logging.getLogger("dieuhanh.jobs")


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 5
    backoff: timedelta = timedelta(seconds=30)
    factor: float = 2.0
    max_delay: timedelta = timedelta(hours=6)

    def delay(self, attempts_made: int) -> timedelta:
        """The wait after the `attempts_made`-th failed attempt (1-based)."""
        seconds = self.backoff.total_seconds() * self.factor ** max(attempts_made - 1, 0)
        return min(timedelta(seconds=seconds), self.max_delay)


_POLICIES: dict[str, RetryPolicy] = {}


def retrying_task(
    function=None,
    *,
    max_attempts: int = 5,
    backoff: timedelta = timedelta(seconds=30),
    factor: float = 2.0,
    max_delay: timedelta = timedelta(hours=6),
    **task_options,
):
    """Like django-tasks' `@task`, with a retry policy. Usable bare or with arguments."""
    from django_tasks import task

    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")
    policy = RetryPolicy(max_attempts=max_attempts, backoff=backoff, factor=factor, max_delay=max_delay)

    def decorate(func):
        created = task(**task_options)(func)
        _POLICIES[created.module_path] = policy
        return created

    return decorate(function) if function is not None else decorate


def policy_for(task_path: str) -> RetryPolicy | None:
    return _POLICIES.get(task_path)


def on_task_finished(sender, task_result, **kwargs) -> None:
    """Receiver of django-tasks' `task_finished`: schedule the next attempt of a failed task."""
    from django_tasks import TaskResultStatus

    if task_result.status != TaskResultStatus.FAILED:
        return
    try:
        task_path = task_result.task.module_path
    except Exception:  # the task's code is gone; nothing to retry
        return
    policy = policy_for(task_path)
    if policy is None:
        return
    db_result = getattr(task_result, "db_result", None)
    if db_result is None:
        logger.warning("Task %s failed; its backend cannot defer a retry", task_path)
        return
    attempts = len(db_result.worker_ids)
    if attempts >= policy.max_attempts:
        logger.error("Task %s (%s) gave up after %d attempts", task_path, db_result.pk, attempts)
        return
    schedule_retry(db_result.pk, run_after=timezone.now() + policy.delay(attempts))


def schedule_retry(result_id, *, run_after) -> bool:
    """Put a FAILED result back in the queue, to run not before `run_after`."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    updated = DBTaskResult.objects.filter(pk=result_id, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )
    return bool(updated)


def attempts_allowed(task_path: str) -> int:
    policy = policy_for(task_path)
    return policy.max_attempts if policy else 1
