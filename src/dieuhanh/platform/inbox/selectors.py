"""Reads of the inbox: every query is scoped to the items the person may see.

A person sees the open items assigned to them, to the units they are a member of
(an active membership of that very unit), and — while a delegation runs — the personal
items of the colleagues who delegated to them. All of it is one query on
`WorkItem.assignee_key` served by the partial index `workitem_open_inbox`.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.permissions.roles import held_roles
from dieuhanh.platform.workcalendar.api import add_working_days

from . import counts
from .models import Delegation, Urgency, WorkItem, WorkItemState, unit_key, user_key

_DELEGATORS_ATTR = "_dieuhanh_inbox_delegators"
_COUNTS_ATTR = "_dieuhanh_inbox_counts"
_SUMMARIES_ATTR = "_dieuhanh_inbox_summaries"

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

    def running_ids() -> list[int]:
        return list(
            Delegation.objects.filter(running_delegations_q(today), to_user=user)
            .order_by("pk")
            .values_list("from_user_id", flat=True)
        )

    # The ids come from the cache (invalidated by every delegation write); the people are
    # read only when there are some, and only while their account is active.
    ids = counts.cached_delegators(user.pk, today, running_ids)
    found = {}
    if ids:
        from django.contrib.auth import get_user_model

        people = get_user_model().objects.filter(pk__in=ids, is_active=True).in_bulk()
        found = {pk: people[pk] for pk in ids if pk in people}
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


_last_windows = threading.local()


def windows(now: dt.datetime | None = None) -> Windows:
    """The tab boundaries at `now`. A page asks for the same `now` several times (counts,
    rows): the calendar is read once for it."""
    now = now or timezone.now()
    zone = timezone.get_current_timezone_name()
    last = getattr(_last_windows, "value", None)
    if last is not None and last[0] == (now, zone):
        return last[1]
    today = timezone.localdate(now)
    found = Windows(
        now=now,
        tomorrow=_midnight(today + dt.timedelta(days=1)),
        soon_end=_midnight(add_working_days(today, SOON_WORKING_DAYS) + dt.timedelta(days=1)),
        done_since=now - dt.timedelta(days=DONE_RECENT_DAYS),
    )
    _last_windows.value = ((now, zone), found)
    return found


def forget_windows() -> None:
    """The calendar changed in this process (receivers.py)."""
    _last_windows.value = None


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
    """How many items each tab holds.

    Counted from the per-assignee-key summaries of `counts.py` (cached, invalidated by every
    write to the keys); a summary missing from the cache is computed in one query that names
    the open items and the recently done ones, so that PostgreSQL reads only the two partial
    indexes and never the whole history of the person's units.
    """
    w = windows(now)
    keys = assignee_keys(user, today=timezone.localdate(w.now))
    found = _summaries(user, keys, done_since=w.done_since)
    return counts.window_counts(
        found,
        module=module,
        now=w.now,
        tomorrow=w.tomorrow,
        soon_end=w.soon_end,
        done_since=w.done_since,
    )


def _summaries(user, keys: list[str], *, done_since: dt.datetime) -> dict[str, counts.Summary]:
    """The summaries of the person's keys, read once per request (kept on the user object)."""
    if not keys:
        return {}
    generation = counts.generation()
    cached = getattr(user, _SUMMARIES_ATTR, None)
    if cached is not None and cached[:2] == (generation, keys) and cached[2] <= done_since:
        return cached[3]
    found = counts.summaries(keys, done_since=done_since)
    setattr(user, _SUMMARIES_ATTR, (generation, keys, done_since, found))
    return found


def counts_by_module(user) -> dict[str, int]:
    """Open items per module key, for the navigation badges (registered in module.py).

    Kept on the user object for the rest of the request (the page and the navigation both
    ask), until this process writes work items.
    """
    generation = counts.generation()
    cached = getattr(user, _COUNTS_ATTR, None)
    if cached is not None and cached[0] == generation:
        return cached[1]
    keys = assignee_keys(user)
    if not keys:
        return {}
    done_since = timezone.now() - dt.timedelta(days=DONE_RECENT_DAYS)
    found = _summaries(user, keys, done_since=done_since)
    result = counts.open_counts(found)
    setattr(user, _COUNTS_ATTR, (generation, result))
    return result


def open_total(user) -> int:
    return sum(counts_by_module(user).values())


@dataclass(frozen=True, slots=True)
class InboxRow:
    """One card of the inbox page, with every label and date already formatted (the page
    shows 20 of them; formatting them here costs a fraction of doing it in the template)."""

    pk: int
    module_name: str
    urgency_label: str  # "" for the ordinary case
    overdue: bool
    on_behalf: str  # "thay mặt <name>" when the item is a delegator's, else ""
    unit_label: str  # "Giao cho đơn vị: <unit>" for a unit's item, else ""
    url: str
    title: str
    due_iso: str
    due_text: str  # "" without a due time
    opened_iso: str
    opened_text: str
    closed_iso: str
    closed_text: str
    closed_by_name: str
    rule_text: str


def _local(value: dt.datetime | None, pattern: str, tz) -> tuple[str, str]:
    if value is None:
        return "", ""
    local = value.astimezone(tz)
    return local.isoformat(), local.strftime(pattern)


ROW_FIELDS = (
    "pk", "module", "urgency", "state", "assignee_user_id", "assignee_unit_id",
    "assignee_unit__name", "url", "title", "due_at", "opened_at", "closed_at",
    "closed_by_id", "rule_text",
)


def row_values(items: QuerySet[WorkItem]) -> QuerySet:
    """`inbox_items` as plain rows for `inbox_rows` (no model instances to build)."""
    return items.values(*ROW_FIELDS)


def inbox_rows(items, user, *, module_names: dict, now: dt.datetime) -> list[InboxRow]:
    """The cards of one page of `row_values(inbox_items(...))` for this person (dates in the
    active time zone, dd/mm/yyyy; labels in the active language)."""
    from django.contrib.auth import get_user_model
    from django.utils.translation import gettext

    items = list(items)
    tz = timezone.get_current_timezone()
    urgency_labels = {value: str(label) for value, label in Urgency.choices}
    stand_in_for = delegators(user)
    closers = {r["closed_by_id"] for r in items if r["closed_by_id"] is not None}
    closers = get_user_model().objects.in_bulk(closers) if closers else {}
    rows = []
    for r in items:
        due_iso, due_text = _local(r["due_at"], "%H:%M %d/%m/%Y", tz)
        opened_iso, opened_text = _local(r["opened_at"], "%d/%m/%Y %H:%M", tz)
        closed_iso, closed_text = _local(r["closed_at"], "%d/%m/%Y %H:%M", tz)
        owner = r["assignee_user_id"]
        for_person = stand_in_for.get(owner) if owner not in (None, user.pk) else None
        closer = closers.get(r["closed_by_id"])
        rows.append(
            InboxRow(
                pk=r["pk"],
                module_name=str(module_names.get(r["module"], r["module"])),
                urgency_label=""
                if r["urgency"] == Urgency.NORMAL
                else urgency_labels.get(r["urgency"], r["urgency"]),
                overdue=r["state"] == WorkItemState.OPEN
                and r["due_at"] is not None
                and r["due_at"] < now,
                on_behalf=gettext("thay mặt %(name)s") % {"name": for_person.get_full_name()}
                if for_person is not None
                else "",
                unit_label=gettext("Giao cho đơn vị: %(unit)s") % {"unit": r["assignee_unit__name"]}
                if r["assignee_unit_id"] is not None
                else "",
                url=r["url"],
                title=r["title"],
                due_iso=due_iso,
                due_text=due_text,
                opened_iso=opened_iso,
                opened_text=opened_text,
                closed_iso=closed_iso,
                closed_text=closed_text,
                closed_by_name=closer.get_full_name() if closer is not None else "",
                rule_text=r["rule_text"],
            )
        )
    return rows


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
