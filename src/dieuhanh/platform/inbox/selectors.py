"""Reads of the inbox: every query is scoped to the items the person may see.

A person sees the open items assigned to them, to the units they are a member of
(an active membership of that very unit), and — while a delegation runs — the personal
items of the colleagues who delegated to them. All of it is one query on
`WorkItem.assignee_key` served by the partial index `workitem_open_inbox`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.permissions.roles import held_roles
from dieuhanh.platform.workcalendar.api import add_working_days

from .models import Delegation, WorkItem, WorkItemState, unit_key, user_key

_DELEGATORS_ATTR = "_dieuhanh_inbox_delegators"
_COUNTS_ATTR = "_dieuhanh_inbox_counts"

VIEW_OVERDUE = "overdue"
VIEW_TODAY = "today"
VIEW_SOON = "soon"
VIEW_ALL = "all"
VIEW_DONE = "done"
VIEWS = {
    VIEW_OVERDUE: _("Quá hạn"),
    VIEW_TODAY: _("Hạn hôm nay"),
    VIEW_SOON: _("Trong 3 ngày làm việc"),
    VIEW_ALL: _("Tất cả việc đang chờ"),
    VIEW_DONE: _("Đã xong gần đây"),
}
SOON_WORKING_DAYS = 3
DONE_RECENT_DAYS = 7


class UnknownView(ValueError):
    pass


# --- who is seen ------------------------------------------------------------------------------
def running_delegations_q(today: dt.date) -> Q:
    return Q(active=True, start_date__lte=today, end_date__gte=today)


def delegators(user, *, today: dt.date | None = None) -> dict[int, object]:
    """The people whose personal items `user` sees today, by id (loaded once per request)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    today = today or timezone.localdate()
    cached = getattr(user, _DELEGATORS_ATTR, None)
    if cached is not None and cached[0] == today:
        return cached[1]
    rows = (
        Delegation.objects.filter(
            running_delegations_q(today), to_user=user, from_user__is_active=True
        )
        .select_related("from_user")
        .order_by("pk")
    )
    found = {d.from_user_id: d.from_user for d in rows}
    setattr(user, _DELEGATORS_ATTR, (today, found))
    return found


def forget_delegators(*users) -> None:
    for user in users:
        if user is not None and hasattr(user, _DELEGATORS_ATTR):
            delattr(user, _DELEGATORS_ATTR)


def member_unit_ids(user) -> set[int]:
    """Units whose shared items the person sees: those they hold an active membership of."""
    return {held.unit_id for held in held_roles(user)}


def assignee_keys(user, *, today: dt.date | None = None) -> list[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    keys = [user_key(user.pk)]
    keys += [unit_key(unit_id) for unit_id in sorted(member_unit_ids(user))]
    keys += [user_key(uid) for uid in sorted(delegators(user, today=today))]
    return keys


def visible_items(user, *, today: dt.date | None = None) -> QuerySet[WorkItem]:
    """Every item (any state) assigned to the person, their units or their delegators."""
    keys = assignee_keys(user, today=today)
    if not keys:
        return WorkItem.objects.none()
    return WorkItem.objects.filter(assignee_key__in=keys)


# --- the inbox ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Windows:
    now: dt.datetime
    tomorrow: dt.datetime  # start of tomorrow, local time
    soon_end: dt.datetime  # end of the SOON_WORKING_DAYS-th working day after today
    done_since: dt.datetime


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def windows(now: dt.datetime | None = None) -> Windows:
    now = now or timezone.now()
    today = timezone.localdate(now)
    return Windows(
        now=now,
        tomorrow=_midnight(today + dt.timedelta(days=1)),
        soon_end=_midnight(add_working_days(today, SOON_WORKING_DAYS) + dt.timedelta(days=1)),
        done_since=now - dt.timedelta(days=DONE_RECENT_DAYS),
    )


def _view_q(view: str, w: Windows) -> Q:
    open_ = Q(state=WorkItemState.OPEN)
    if view == VIEW_ALL:
        return open_
    if view == VIEW_OVERDUE:
        return open_ & Q(due_at__lt=w.now)
    if view == VIEW_TODAY:
        return open_ & Q(due_at__gte=w.now, due_at__lt=w.tomorrow)
    if view == VIEW_SOON:
        return open_ & Q(due_at__gte=w.now, due_at__lt=w.soon_end)
    if view == VIEW_DONE:
        return Q(state=WorkItemState.DONE, closed_at__gte=w.done_since)
    raise UnknownView(view)


def inbox_items(
    user, *, view: str = VIEW_ALL, module: str | None = None, now: dt.datetime | None = None
) -> QuerySet[WorkItem]:
    """The person's items for one tab, across modules, soonest due first.

    Raises UnknownView for a view name that is not one of VIEWS.
    """
    w = windows(now)
    condition = _view_q(view, w)
    qs = visible_items(user, today=timezone.localdate(w.now)).filter(condition)
    if module:
        qs = qs.filter(module=module)
    qs = qs.select_related("assignee_user", "assignee_unit", "deadline")
    if view == VIEW_DONE:
        return qs.select_related("closed_by").order_by("-closed_at", "-pk")
    return qs.order_by(F("due_at").asc(nulls_last=True), "opened_at", "pk")


def view_counts(
    user, *, module: str | None = None, now: dt.datetime | None = None
) -> dict[str, int]:
    """How many items each tab holds, in one query.

    The WHERE clause names the open items and the recently done ones, so that PostgreSQL
    reads only the two partial indexes and never the whole history of the person's units.
    """
    w = windows(now)
    qs = visible_items(user, today=timezone.localdate(w.now)).filter(
        _view_q(VIEW_ALL, w) | _view_q(VIEW_DONE, w)
    )
    if module:
        qs = qs.filter(module=module)
    return qs.aggregate(**{view: Count("pk", filter=_view_q(view, w)) for view in VIEWS})


def counts_by_module(user) -> dict[str, int]:
    """Open items per module key, for the navigation badges (registered in module.py).

    Kept on the user object for the rest of the request: the page and the navigation both ask.
    """
    cached = getattr(user, _COUNTS_ATTR, None)
    if cached is not None:
        return cached
    keys = assignee_keys(user)
    if not keys:
        return {}
    rows = (
        WorkItem.objects.filter(state=WorkItemState.OPEN, assignee_key__in=keys)
        .values("module")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("module", "n")
    )
    counts = dict(rows)
    setattr(user, _COUNTS_ATTR, counts)
    return counts


def open_total(user) -> int:
    return sum(counts_by_module(user).values())


# --- acting on an item -------------------------------------------------------------------------
def acting_for(request_user, item: WorkItem, *, today: dt.date | None = None):
    """The absent colleague `request_user` acts for on this item, or None.

    None means the person acts in their own name (their item, or their unit's), or may not
    act on it at all — use `can_act` for that question.
    """
    if not getattr(request_user, "is_authenticated", False) or item.assignee_user_id is None:
        return None
    if item.assignee_user_id == request_user.pk:
        return None
    return delegators(request_user, today=today).get(item.assignee_user_id)


def can_act(user, item: WorkItem, *, today: dt.date | None = None) -> bool:
    """May this person act on the item: theirs, their unit's, or a running delegator's."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if item.assignee_user_id is not None:
        return item.assignee_user_id == user.pk or acting_for(user, item, today=today) is not None
    return item.assignee_unit_id in member_unit_ids(user)


def item_history(item: WorkItem):
    return item.events.select_related("actor", "on_behalf_of").order_by("at", "pk")


# --- delegations ---------------------------------------------------------------------------------
def delegations_given(user) -> QuerySet[Delegation]:
    return Delegation.objects.filter(from_user=user).select_related("to_user", "created_by")


def delegations_received(user) -> QuerySet[Delegation]:
    return Delegation.objects.filter(to_user=user).select_related("from_user", "created_by")


def delegation_for_user(user, pk: int) -> Delegation | None:
    """A delegation the person gave, received or recorded, else None (answer 404)."""
    return (
        Delegation.objects.filter(Q(from_user=user) | Q(to_user=user) | Q(created_by=user), pk=pk)
        .select_related("from_user", "to_user")
        .first()
    )


def colleagues(user):
    """Who can be chosen as a delegate: active people sharing a unit with the person."""
    from django.contrib.auth import get_user_model

    from dieuhanh.platform.orgs.models import Membership
    from dieuhanh.platform.permissions.roles import active_memberships_q

    units = member_unit_ids(user)
    User = get_user_model()
    if not units:
        return User.objects.none()
    sharing = Membership.objects.filter(active_memberships_q(), unit_id__in=units).values("user_id")
    return (
        User.objects.filter(is_active=True, pk__in=sharing)
        .exclude(pk=user.pk)
        .order_by("full_name", "username")
    )
