"""The periodic scheduler that runs inside every `dieuhanh worker` process.

Each `Periodic` of the manifests has, at any instant, one latest due time: the start of the
current `every` interval (intervals are aligned on a fixed epoch, so every process computes the
same instants) or today's/yesterday's `at` time. `tick()` inserts a `ScheduledRun(key, due_at)`
and enqueues the task in the same transaction; the unique constraint turns a second insert,
from any other process, into an IntegrityError that is simply skipped. A worker that was down
enqueues only the latest missed due time, not every one it missed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from dieuhanh.platform import registry
from dieuhanh.platform.registry import Periodic

from .models import ScheduledRun

logger = logging.getLogger("dieuhanh.jobs")

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def parse_at(value: str) -> time:
    """'HH:MM' → time; ValueError if it is not a valid clock time."""
    hours, sep, minutes = (value or "").partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        raise ValueError(f"invalid time {value!r}, expected HH:MM")
    return time(int(hours), int(minutes))


def validate(periodic: Periodic) -> None:
    if (periodic.every is None) == (periodic.at is None):
        raise ValueError(f"periodic {periodic.key!r}: give exactly one of `every` or `at`")
    if periodic.every is not None:
        if not isinstance(periodic.every, timedelta) or periodic.every < timedelta(minutes=1):
            raise ValueError(f"periodic {periodic.key!r}: `every` must be a timedelta of at least a minute")
    else:
        parse_at(periodic.at)


def latest_due(periodic: Periodic, now: datetime) -> datetime:
    """The latest due time at or before `now`."""
    if periodic.every is not None:
        step = periodic.every
        return EPOCH + step * ((now - EPOCH) // step)
    at = parse_at(periodic.at)
    local_now = timezone.localtime(now)
    due = datetime.combine(local_now.date(), at, tzinfo=local_now.tzinfo)
    if due > local_now:
        due = datetime.combine(local_now.date() - timedelta(days=1), at, tzinfo=local_now.tzinfo)
    return due


def next_due(periodic: Periodic, now: datetime) -> datetime:
    due = latest_due(periodic, now)
    if periodic.every is not None:
        return due + periodic.every
    return datetime.combine(timezone.localtime(due).date() + timedelta(days=1), parse_at(periodic.at),
                            tzinfo=timezone.localtime(due).tzinfo)


@dataclass(frozen=True)
class DeclaredPeriodic:
    module_key: str
    periodic: Periodic


def periodic_jobs() -> list[DeclaredPeriodic]:
    return [DeclaredPeriodic(m.key, p) for m in registry.modules() for p in m.periodic]


def tick(*, now: datetime | None = None, worker_id: str = "") -> list[ScheduledRun]:
    """Enqueue every periodic job whose latest due time has no run yet. Returns the runs this
    call created (an empty list when another process got there first)."""
    now = now or timezone.now()
    created: list[ScheduledRun] = []
    for declared in periodic_jobs():
        periodic = declared.periodic
        due = latest_due(periodic, now)
        try:
            if ScheduledRun.objects.filter(key=periodic.key, due_at=due).exists():
                continue
            with transaction.atomic():
                run = ScheduledRun.objects.create(key=periodic.key, due_at=due, worker_id=worker_id[:64])
                result = import_string(periodic.task).enqueue()
                run.result_id = str(result.id)
                run.save(update_fields=["result_id"])
        except IntegrityError:
            continue  # another worker enqueued this due time
        except OperationalError as error:
            if "locked" in str(error).lower():
                continue  # SQLite: another worker holds the write lock; next tick will see its row
            raise
        except Exception:
            logger.exception("Periodic job %s could not be enqueued", periodic.key)
            continue
        created.append(run)
    return created
