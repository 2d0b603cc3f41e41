"""Every read of the tasks module, scoped to what the person may see.

Visibility: a person sees a task when they (or a unit they are a member of) lead it, cooperate
on it or assigned it (`TaskParty`), when they may view the unit dashboards (`tasks.view_unit`)
of a unit above its lead or assigning unit, or when they supervise the resolution it belongs
to. A system administrator sees every task. Lists, counts, exports, the calendar and search
all start from the same querysets, so they agree.

The overdue rate
----------------
For a set of tasks at the end of day D (see `overdue_counts`):

    overdue rate = overdue tasks / tasks with a deadline due by D

where the denominator counts the tasks whose (current, possibly lawfully extended) due date is
on or before D, and the numerator those among them that were not completed by their due date
and whose due date is before D: still open after their deadline, or completed (reported, then
confirmed) after it. Suspended and cancelled tasks are left out of both. A lawful extension
moves the due date, so an extended task is judged against its new deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from dieuhanh.platform.orgs.models import OrgUnit
from dieuhanh.platform.permissions.checks import units_where, user_can
from dieuhanh.platform.permissions.roles import held_roles, is_system_admin

from .models import (
    OPEN_STATES,
    Extension,
    Status,
    Supervision,
    Task,
    TaskParty,
    TaskState,
)
from .module import SUPERVISE, VIEW, VIEW_UNIT

LIST_RELATED = ("lead_unit", "lead_user", "assigner", "assigner_unit")
DUE_ORDER = F("due_date").asc(nulls_last=True)


def user_key(user_id: int) -> str:
    return f"u:{user_id}"


def unit_key(unit_id: int) -> str:
    return f"o:{unit_id}"


def party_keys(user) -> list[str]:
    """The person's own key and the keys of the units they are an active member of."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return [user_key(user.pk), *sorted({unit_key(h.unit_id) for h in held_roles(user)})]


# --- the reported status as queries -----------------------------------------------------------
def late_q(on: dt.date) -> Q:
    """Past its due date at the end of day `on` without having been completed by the due date."""
    return Q(due_date__lt=on) & (Q(completed_on__isnull=True) | Q(completed_on__gt=F("due_date")))


def not_late_q(on: dt.date) -> Q:
    return Q(due_date__isnull=True) | Q(due_date__gte=on) | Q(completed_on__lte=F("due_date"))


def status_q(status: str, on: dt.date) -> Q:
    """The tasks whose `reported_status(...)` at day `on` is `status` (the same rule as a query)."""
    working = Q(state__in=[TaskState.ASSIGNED, TaskState.IN_PROGRESS])
    done = Q(state=TaskState.DONE)
    if status == Status.OVERDUE:
        return Q(state__in=OPEN_STATES) & late_q(on)
    if status == Status.ON_TIME:
        return working & Q(due_date__isnull=False) & not_late_q(on)
    if status == Status.NO_DEADLINE:
        return working & Q(due_date__isnull=True)
    if status == Status.AWAITING_CONFIRMATION:
        return Q(state=TaskState.AWAITING_CONFIRMATION) & not_late_q(on)
    if status == Status.RETURNED:
        return Q(state=TaskState.RETURNED) & not_late_q(on)
    if status == Status.DONE_ON_TIME:
        return done & (Q(due_date__isnull=True) | Q(completed_on__lte=F("due_date")))
    if status == Status.DONE_LATE:
        return done & Q(due_date__isnull=False, completed_on__gt=F("due_date"))
    if status == Status.SUSPENDED:
        return Q(state=TaskState.SUSPENDED)
    if status == Status.CANCELLED:
        return Q(state=TaskState.CANCELLED)
    raise ValueError(status)


REPORT_STATUSES = (
    Status.ON_TIME, Status.OVERDUE, Status.DONE_ON_TIME, Status.DONE_LATE, Status.NO_DEADLINE,
    Status.AWAITING_CONFIRMATION, Status.RETURNED, Status.SUSPENDED,
)


def status_counts(tasks: QuerySet[Task], *, on: dt.date | None = None) -> dict[str, int]:
    """How many tasks have each reported status at day `on`, in one query."""
    on = on or timezone.localdate()
    statuses = [*REPORT_STATUSES, Status.CANCELLED]
    return tasks.order_by().aggregate(**{s.value: Count("pk", filter=status_q(s, on)) for s in statuses})


# --- the overdue rate: ONE definition, used by the dashboard, the KPI metrics and the report ---
def counted_q(on: dt.date) -> Q:
    """The denominator of the overdue rate at day `on`: tasks with a deadline due by then,
    assigned by then, neither suspended nor cancelled."""
    return Q(due_date__isnull=False, due_date__lte=on, assigned_on__lte=on) & ~Q(
        state__in=[TaskState.SUSPENDED, TaskState.CANCELLED]
    )


def overdue_aggregates(on: dt.date, prefix: str = "") -> dict:
    """The two Count expressions of the overdue rate at day `on` (numerator, denominator)."""
    return {
        f"{prefix}overdue": Count("pk", filter=counted_q(on) & late_q(on)),
        f"{prefix}total": Count("pk", filter=counted_q(on)),
    }


def overdue_counts(
    tasks: QuerySet[Task], *, on: dt.date, group_by: str | None = None
) -> dict:
    """(overdue, total) for a set of tasks at the end of day `on` — the definition is in this
    module's docstring. Without `group_by`, {None: (overdue, total)}; with a field name
    (e.g. "lead_unit"), one pair per value, in one grouped query."""
    base = tasks.filter(counted_q(on)).order_by()
    aggregates = overdue_aggregates(on)
    if group_by is None:
        row = base.aggregate(**aggregates)
        return {None: (row["overdue"], row["total"])}
    rows = base.values(group_by).annotate(**aggregates).values_list(group_by, "overdue", "total")
    return {key: (overdue, total) for key, overdue, total in rows}


def rate(overdue: int, total: int) -> float | None:
    return round(100 * overdue / total, 1) if total else None


def month_ends(today: dt.date, months: int) -> list[dt.date]:
    """The last day of each of the last `months` months, the current one cut at today."""
    ends = []
    year, month = today.year, today.month
    for _i in range(months):
        first_next = dt.date(year + (month == 12), month % 12 + 1, 1)
        ends.append(min(first_next - dt.timedelta(days=1), today))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return list(reversed(ends))


def overdue_trend(tasks: QuerySet[Task], *, months: int = 12, today: dt.date | None = None):
    """The overdue rate at the end of each of the last `months` months (the current month at
    today), in one query: [(month_end_or_today, overdue, total), ...]."""
    today = today or timezone.localdate()
    ends = month_ends(today, months)
    aggregates = {}
    for i, end in enumerate(ends):
        aggregates.update(overdue_aggregates(end, prefix=f"m{i}_"))
    row = tasks.filter(counted_q(today)).order_by().aggregate(**aggregates)
    return [(end, row[f"m{i}_overdue"], row[f"m{i}_total"]) for i, end in enumerate(ends)]


@dataclass(frozen=True)
class DashboardFigures:
    counts: dict[str, int]
    overdue: int
    total: int
    trend: list[tuple[dt.date, int, int]]


def dashboard_figures(tasks: QuerySet[Task], *, today: dt.date, months: int = 12) -> DashboardFigures:
    """Counts by reported status, the overdue rate today and month by month — the same
    expressions as status_counts / overdue_counts / overdue_trend, read in ONE pass over the
    tasks (the unit dashboard: one scan of the unit's tasks instead of three)."""
    statuses = [*REPORT_STATUSES, Status.CANCELLED]
    aggregates = {f"s_{s.value}": Count("pk", filter=status_q(s, today)) for s in statuses}
    aggregates.update(overdue_aggregates(today, prefix="now_"))
    ends = month_ends(today, months)
    for i, end in enumerate(ends):
        aggregates.update(overdue_aggregates(end, prefix=f"m{i}_"))
    row = tasks.order_by().aggregate(**aggregates)
    return DashboardFigures(
        counts={s.value: row[f"s_{s.value}"] for s in statuses},
        overdue=row["now_overdue"],
        total=row["now_total"],
        trend=[(end, row[f"m{i}_overdue"], row[f"m{i}_total"]) for i, end in enumerate(ends)],
    )


# --- who sees what --------------------------------------------------------------------------------
def _parties_of(keys: Iterable[str], roles: Iterable[str] | None = None):
    qs = TaskParty.objects.filter(key__in=list(keys))
    if roles is not None:
        qs = qs.filter(role__in=list(roles))
    return qs.values("task_id")


def visible_tasks(user) -> QuerySet[Task]:
    """Every task the person may open."""
    if not user_can(user, VIEW):
        return Task.objects.none()
    if is_system_admin(user):
        return Task.objects.all()
    condition = Q(pk__in=_parties_of(party_keys(user)))
    unit_ids = units_where(user, VIEW_UNIT).values("pk")
    if user_can(user, VIEW_UNIT):
        condition |= Q(lead_unit__in=unit_ids) | Q(assigner_unit__in=unit_ids)
    if user_can(user, SUPERVISE):
        supervised = Supervision.objects.filter(unit__in=units_where(user, SUPERVISE).values("pk"))
        condition |= Q(supervision__in=supervised.values("pk"))
    return Task.objects.filter(condition)


def task_for(user, pk: int) -> Task:
    """One task the person may see (Task.DoesNotExist otherwise: the view answers 404)."""
    return visible_tasks(user).select_related(
        *LIST_RELATED, "parent", "supervision", "source_type"
    ).get(pk=pk)


MATERIALIZE_IDS_UP_TO = 20_000


def my_tasks(user) -> QuerySet[Task]:
    """Tasks the person or their units lead or cooperate on.

    The ids come first from the TaskParty index (a few thousand at most for a unit), then the
    tasks by primary key: PostgreSQL then sorts those few rows, instead of walking the whole
    table in due-date order looking for them (measured in bench/tasks_bench.py).
    """
    keys = party_keys(user)
    if not keys or not user_can(user, VIEW):
        return Task.objects.none()
    roles = [TaskParty.Role.LEAD, TaskParty.Role.COOPERATE]
    parties = _parties_of(keys, roles)
    ids = list(parties.values_list("task_id", flat=True)[: MATERIALIZE_IDS_UP_TO + 1])
    condition = Q(pk__in=parties) if len(ids) > MATERIALIZE_IDS_UP_TO else Q(pk__in=set(ids))
    return Task.objects.filter(condition).select_related(*LIST_RELATED)


def assigned_by(user) -> QuerySet[Task]:
    if not user_can(user, VIEW):
        return Task.objects.none()
    return Task.objects.filter(assigner=user).select_related(*LIST_RELATED)


def dashboard_units(user) -> QuerySet[OrgUnit]:
    """Units whose dashboards the person may open (the ids are kept for the request)."""
    if is_system_admin(user):
        return OrgUnit.objects.filter(active=True)
    ids = getattr(user, "_tasks_dashboard_unit_ids", None)
    if ids is None:
        ids = set(units_where(user, VIEW_UNIT).values_list("pk", flat=True))
        ids |= set(units_where(user, SUPERVISE).values_list("pk", flat=True))
        user._tasks_dashboard_unit_ids = ids
    return OrgUnit.objects.filter(pk__in=ids, active=True)


def default_dashboard_unit(user) -> OrgUnit | None:
    held = sorted(held_roles(user), key=lambda h: (not h.is_primary, len(h.unit_path)))
    allowed = dashboard_units(user)
    for h in held:
        unit = allowed.filter(pk=h.unit_id).first()
        if unit is not None:
            return unit
    return allowed.order_by("path").first()


def _subtree_ids(unit: OrgUnit) -> list[int]:
    # Resolved first: "lead_unit IN (subquery) OR assigner_unit IN (subquery)" makes PostgreSQL
    # read the whole table; with the ids it combines two index scans (bench/tasks_bench.py).
    return list(OrgUnit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))


def unit_tasks(unit: OrgUnit) -> QuerySet[Task]:
    """Tasks a unit (or a unit below it) leads or assigned. The caller checked the unit is one
    of `dashboard_units(user)`."""
    ids = _subtree_ids(unit)
    return Task.objects.filter(Q(lead_unit_id__in=ids) | Q(assigner_unit_id__in=ids))


def unit_led_tasks(unit: OrgUnit) -> QuerySet[Task]:
    return Task.objects.filter(lead_unit_id__in=_subtree_ids(unit))


def filter_tasks(
    tasks: QuerySet[Task],
    *,
    status: str = "",
    due_from: dt.date | None = None,
    due_to: dt.date | None = None,
    source: str = "",
    q: str = "",
    on: dt.date | None = None,
) -> QuerySet[Task]:
    on = on or timezone.localdate()
    if status == "open":
        tasks = tasks.filter(state__in=OPEN_STATES)
    elif status:
        tasks = tasks.filter(status_q(status, on))
    if due_from:
        tasks = tasks.filter(due_date__gte=due_from)
    if due_to:
        tasks = tasks.filter(due_date__lte=due_to)
    if source == "none":
        tasks = tasks.filter(source_type__isnull=True, supervision__isnull=True)
    elif source == "linked":
        tasks = tasks.filter(Q(source_type__isnull=False) | Q(supervision__isnull=False))
    if q:
        for word in q.split()[:8]:
            tasks = tasks.filter(Q(title__icontains=word) | Q(source_title__icontains=word))
    return tasks


# --- one task's page ------------------------------------------------------------------------------
def is_lead(user, task: Task) -> bool:
    if task.lead_user_id == user.pk:
        return True
    return task.lead_unit_id is not None and any(h.unit_id == task.lead_unit_id for h in held_roles(user))


def is_cooperator(user, task: Task) -> bool:
    keys = set(party_keys(user))
    return task.parties.filter(key__in=keys, role=TaskParty.Role.COOPERATE).exists()


def may_carry_out(user, task: Task) -> bool:
    """Report progress and completion, ask for an extension: the lead person or unit."""
    return is_lead(user, task) or (
        task.lead_unit_id is not None and user_can(user, VIEW_UNIT, task.lead_unit)
    )


def may_report_progress(user, task: Task) -> bool:
    return may_carry_out(user, task) or is_cooperator(user, task)


def may_decide(user, task: Task) -> bool:
    """Confirm, return, decide extensions, suspend, cancel: the assigner, or a leader who may
    assign in the assigning unit."""
    if task.assigner_id == user.pk:
        return True
    from .module import ASSIGN

    return user_can(user, ASSIGN, task.assigner_unit)


def may_create(user) -> bool:
    """Open the new-task form at all: a leader who assigns, or anyone who keeps own tasks."""
    from .module import ASSIGN, CREATE_OWN

    return user_can(user, ASSIGN) or user_can(user, CREATE_OWN)


def may_split(user, task: Task) -> bool:
    from .module import ASSIGN, CREATE_OWN

    return task.is_open and may_carry_out(user, task) and (
        user_can(user, CREATE_OWN) or user_can(user, ASSIGN)
    )


@dataclass(frozen=True)
class Permissions:
    carry_out: bool
    report_progress: bool
    decide: bool
    split: bool


def permissions_on(user, task: Task) -> Permissions:
    return Permissions(
        carry_out=may_carry_out(user, task),
        report_progress=may_report_progress(user, task),
        decide=may_decide(user, task),
        split=may_split(user, task),
    )


def timeline(task: Task):
    return task.events.select_related("actor").order_by("at", "pk")


def reports_of(task: Task):
    return task.reports.select_related("author").order_by("-created_at", "-pk")


def extensions_of(task: Task):
    return task.extensions.select_related("requested_by", "decided_by").order_by("-requested_at", "-pk")


def pending_extension(task: Task) -> Extension | None:
    return task.extensions.filter(state=Extension.State.PENDING).first()


def subtasks_of(user, task: Task) -> QuerySet[Task]:
    return visible_tasks(user).filter(parent=task).select_related(*LIST_RELATED).order_by(DUE_ORDER, "pk")


# --- source links -----------------------------------------------------------------------------
def tasks_for_source(*, user, source) -> QuerySet[Task]:
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(source)
    return visible_tasks(user).filter(source_type=ct, source_id=str(source.pk)).select_related(
        *LIST_RELATED
    ).order_by(DUE_ORDER, "pk")


def supervision_for_source(*, user, source) -> Supervision | None:
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(source)
    supervision = Supervision.objects.filter(source_type=ct, source_id=str(source.pk)).first()
    if supervision is None:
        return None
    if supervision_visible(user, supervision) or tasks_for_supervision(user, supervision).exists():
        return supervision
    return None


# --- supervision --------------------------------------------------------------------------------
def supervision_visible(user, supervision: Supervision) -> bool:
    return is_system_admin(user) or supervision.created_by_id == user.pk or user_can(
        user, SUPERVISE, supervision.unit
    )


def supervisions_for(user) -> QuerySet[Supervision]:
    if is_system_admin(user):
        qs = Supervision.objects.all()
    else:
        qs = Supervision.objects.filter(
            Q(unit__in=units_where(user, SUPERVISE).values("pk")) | Q(created_by=user)
        )
    return qs.select_related("unit").annotate(task_count=Count("tasks"))


def supervision_for(user, pk: int) -> Supervision:
    return supervisions_for(user).get(pk=pk)


def tasks_for_supervision(user, supervision: Supervision) -> QuerySet[Task]:
    if supervision_visible(user, supervision):
        qs = supervision.tasks.all()
    else:
        qs = visible_tasks(user).filter(supervision=supervision)
    return qs.select_related(*LIST_RELATED).order_by(DUE_ORDER, "pk")


def calendar_tasks(tasks: QuerySet[Task], start: dt.date, end: dt.date) -> QuerySet[Task]:
    return tasks.filter(due_date__gte=start, due_date__lte=end).exclude(
        state=TaskState.CANCELLED
    ).order_by(DUE_ORDER, "pk")


def lead_units_choices():
    return OrgUnit.objects.filter(active=True).order_by("path")

