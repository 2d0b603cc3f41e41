"""Test data of the KPI module: work items with chosen due and closing times, a unit with a
leader, its head above, and members."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from dieuhanh.platform.inbox.models import WorkItem, WorkItemState
from dieuhanh.platform.orgs.models import OrgUnit
from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, person
from dieuhanh.platform.registry import LEADER, STAFF, UNIT_ADMIN

_seq = itertools.count(1)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def work_item(assignee=None, *, unit=None, due: dt.datetime, closed: dt.datetime | None = None,
              state: str | None = None, title: str | None = None) -> WorkItem:
    """A work item assigned to a person (or a unit), due at `due`, closed at `closed` (done)."""
    n = next(_seq)
    target = assignee or unit
    state = state or (WorkItemState.DONE if closed else WorkItemState.OPEN)
    return WorkItem.objects.create(
        module="kpi", content_type=ContentType.objects.get_for_model(target), object_id=str(target.pk),
        purpose=f"test-{n}", title=title or f"Việc thử nghiệm số {n}", url=f"/viec/{n}/",
        assignee_user=assignee, assignee_unit=unit, due_at=due, state=state,
        opened_at=due - dt.timedelta(days=10), closed_at=closed if state != WorkItemState.OPEN else None,
    )


@dataclass
class Office:
    parent: OrgUnit
    unit: OrgUnit
    head: object  # leader of the unit above: approves
    leader: object  # leader of the unit: reviews
    admin: object  # unit administrator: computes, configures
    staff: list


def office(staff_count: int = 3) -> Office:
    parent = OrgUnitFactory(name="Văn phòng thử nghiệm")
    unit = OrgUnitFactory(name="Phòng thử nghiệm", parent=parent)
    return Office(
        parent=parent, unit=unit,
        head=person(LEADER, parent, full_name="Chánh Văn phòng Thử"),
        leader=person(LEADER, unit, full_name="Trưởng phòng Thử"),
        admin=person(UNIT_ADMIN, unit, full_name="Quản trị Thử"),
        staff=[person(STAFF, unit, full_name=f"Chuyên viên Thử {i}") for i in range(staff_count)],
    )
