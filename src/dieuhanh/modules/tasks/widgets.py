"""Dashboard widget (manifest Widget "tasks.mine"): my overdue and soon-due tasks."""

from __future__ import annotations

from django.utils import timezone

from dieuhanh.platform.workcalendar.api import add_working_days

from . import selectors
from .models import Status, TaskState

SOON_WORKING_DAYS = 3
SHOWN = 5


def mine_widget(request) -> dict | None:
    tasks = selectors.my_tasks(request.user)
    today = timezone.localdate()
    overdue = tasks.filter(selectors.status_q(Status.OVERDUE, today)).order_by("due_date", "pk")
    soon = tasks.filter(
        state__in=[TaskState.ASSIGNED, TaskState.IN_PROGRESS, TaskState.RETURNED],
        due_date__gte=today, due_date__lte=add_working_days(today, SOON_WORKING_DAYS),
    ).order_by("due_date", "pk")
    return {
        "overdue": list(overdue[:SHOWN]),
        "overdue_count": overdue.count(),
        "soon": list(soon[:SHOWN]),
        "soon_count": soon.count(),
    }
