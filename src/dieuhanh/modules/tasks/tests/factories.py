"""A small world for the tasks tests: an office that assigns, a department that carries out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from dieuhanh.modules.tasks import services
from dieuhanh.platform.orgs.models import OrgUnitKind
from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, person
from dieuhanh.platform.registry import LEADER, STAFF


@dataclass
class World:
    office: object
    department: object
    other: object
    leader: object  # leader of the office: assigns
    clerk_staff: object  # staff of the office
    dept_leader: object
    dept_staff: object
    outsider: object  # staff of another department

    def task(self, *, title="Báo cáo kết quả giải quyết kiến nghị cử tri", due_in: int | None = 10, **kwargs):
        due = None if due_in is None else timezone.localdate() + dt.timedelta(days=due_in)
        kwargs.setdefault("lead_unit", self.department)
        return services.task_create(by=self.leader, title=title, due_date=due, **kwargs)


def world() -> World:
    office = OrgUnitFactory(name="Văn phòng Thử Nghiệm", kind=OrgUnitKind.SECRETARIAT)
    department = OrgUnitFactory(name="Sở Thử Nghiệm", kind=OrgUnitKind.DEPARTMENT)
    other = OrgUnitFactory(name="Sở Khác", kind=OrgUnitKind.DEPARTMENT)
    return World(
        office=office, department=department, other=other,
        leader=person(LEADER, office, full_name="Lãnh Đạo Văn Phòng"),
        clerk_staff=person(STAFF, office, full_name="Chuyên Viên Văn Phòng"),
        dept_leader=person(LEADER, department, full_name="Giám Đốc Sở"),
        dept_staff=person(STAFF, department, full_name="Chuyên Viên Sở"),
        outsider=person(STAFF, other, full_name="Người Ngoài"),
    )


def move_back(task, *, days: int):
    """Pretend the task was assigned `days` ago (its due date moves back as well)."""
    from dieuhanh.modules.tasks.models import Task

    delta = dt.timedelta(days=days)
    Task.objects.filter(pk=task.pk).update(
        assigned_on=task.assigned_on - delta,
        due_date=task.due_date - delta if task.due_date else None,
        original_due_date=task.original_due_date - delta if task.original_due_date else None,
    )
    task.refresh_from_db()
    return task
