"""The public face of the work calendar. Other parts and modules import from here only.

    from dieuhanh.platform.workcalendar import api as workcalendar

    deadline = workcalendar.deadline_start(rule_key="complaint.resolve_first", start=accepted_on, owner=complaint)
    workcalendar.deadline_explain(deadline)   # "Hạn giải quyết khiếu nại lần đầu: 30 ngày kể từ …"

Receivers of `deadline_changed` get (sender=Deadline, deadline, old_due_date, new_due_date, cause).
"""

from .arithmetic import (
    add_calendar_days,
    add_working_days,
    is_working_day,
    next_working_day,
    working_days_between,
)
from .selectors import deadline_is_overdue, deadline_working_days_left, deadlines_for
from .services import (
    calendar_day_add,
    calendar_day_remove,
    compute_due_date,
    deadline_explain,
    deadline_extend,
    deadline_meet,
    deadline_start,
    deadline_stop,
    rule_in_force,
)
from .signals import deadline_changed

__all__ = [
    "add_calendar_days",
    "add_working_days",
    "calendar_day_add",
    "calendar_day_remove",
    "compute_due_date",
    "deadline_changed",
    "deadline_explain",
    "deadline_extend",
    "deadline_is_overdue",
    "deadline_working_days_left",
    "deadline_meet",
    "deadline_start",
    "deadline_stop",
    "deadlines_for",
    "is_working_day",
    "next_working_day",
    "rule_in_force",
    "working_days_between",
]
