"""Background work of the tasks module (django-tasks)."""

from __future__ import annotations

from datetime import timedelta

from dieuhanh.platform.jobs.retry import retrying_task


@retrying_task(max_attempts=3, backoff=timedelta(minutes=10))
def daily_reminders() -> dict:
    """Periodic (module.py): reminders before the deadline and notices of newly overdue tasks.
    Idempotent per task and day."""
    from .services import reminders_send

    return reminders_send()
