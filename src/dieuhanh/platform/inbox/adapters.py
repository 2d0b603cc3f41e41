"""The few things the inbox borrows from other platform parts, behind one small seam each.

Those parts are written at the same time as this one; each adapter uses the part's public
function when it is there and otherwise does the smallest correct thing on its own.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from functools import cache
from importlib import import_module
from typing import Any

from django.utils import timezone

logger = logging.getLogger(__name__)


def _find(candidates: tuple[tuple[str, str], ...]):
    for module_name, attr in candidates:
        try:
            found = getattr(import_module(module_name), attr, None)
        except ImportError:
            continue
        if found is not None:
            return found
    return None


# --- live events (notifications) ---------------------------------------------------------
@cache
def _push_event():
    return _find(
        (
            ("dieuhanh.platform.notifications", "push_event"),
            ("dieuhanh.platform.notifications.live", "push_event"),
            ("dieuhanh.platform.notifications.services", "push_event"),
        )
    )


def push_event(user_id: int, payload: dict[str, Any]) -> None:
    push = _push_event()
    if push is None:
        return
    try:
        push(user_id, payload)
    except Exception:  # a live counter must never break the write that caused it
        logger.exception("inbox: could not push a live event to user %s", user_id)


# --- working days (workcalendar) -----------------------------------------------------------
@cache
def _add_working_days():
    return _find((("dieuhanh.platform.workcalendar.api", "add_working_days"),))


def add_working_days(day: dt.date, days: int) -> dt.date:
    """The date `days` working days after `day` (the calendar's rule when it is installed)."""
    add = _add_working_days()
    if add is not None:
        result = add(day, days)
        return result.date() if isinstance(result, dt.datetime) else result
    return _fallback_add_working_days(day, days)


def _fallback_add_working_days(day: dt.date, days: int) -> dt.date:
    import holidays

    off = holidays.country_holidays("VN", years=range(day.year, day.year + 2))
    current = day
    while days > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5 and current not in off:
            days -= 1
    return current


# --- deadlines (workcalendar) ---------------------------------------------------------------
DEADLINE_TIME = dt.time(23, 59, 59)


def deadline_due_at(deadline) -> dt.datetime | None:
    """A calendar deadline falls due at the end of its due date, Vietnam time."""
    due = getattr(deadline, "due_at", None)
    if isinstance(due, dt.datetime):
        return due
    due_date = getattr(deadline, "due_date", None)
    if due_date is None:
        return None
    return timezone.make_aware(dt.datetime.combine(due_date, DEADLINE_TIME))


def deadline_rule_text(deadline) -> str:
    """How the calendar computed the deadline, with the rule and its legal basis, e.g.
    "Hạn giải quyết khiếu nại lần đầu: 30 ngày kể từ ngày thụ lý 20/01/2026 (Điều 28 Luật
    Khiếu nại 2011), đến 19/02/2026"."""
    explanation = getattr(deadline, "explanation", "")
    if explanation:
        return explanation
    explain = _deadline_explain()
    if explain is not None:
        return explain(deadline)
    return ""


@cache
def _deadline_explain():
    return _find((("dieuhanh.platform.workcalendar.api", "deadline_explain"),))


# --- audit ------------------------------------------------------------------------------------
@cache
def _audit_context():
    return _find(
        (
            ("dieuhanh.platform.audit", "audit_context"),
            ("dieuhanh.platform.audit.context", "audit_context"),
            ("dieuhanh.platform.audit.services", "audit_context"),
        )
    )


def audit_context(actor, on_behalf_of):
    """The audit part's context (actor acting for someone) when installed; else nothing.

    The inbox records the same fact in `WorkItemEvent` in every case.
    """
    helper = _audit_context()
    if helper is None or on_behalf_of is None:
        return contextlib.nullcontext()
    return helper(actor=actor, on_behalf_of=on_behalf_of)
