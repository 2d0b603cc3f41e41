"""The declarations a module (or a platform part) makes in its `module.py`.

The platform learns navigation, actions, notifications, search types, KPI metrics,
dashboard widgets, exports and demo data from these, and never imports a module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Role keys of DOMAIN.md. They are data, not classes, so a module can name them freely.
SYSTEM_ADMIN = "system_admin"
UNIT_ADMIN = "unit_admin"
LEADER = "leader"
STAFF = "staff"
DELEGATE = "delegate"
RESPONDER = "responder"
CLERK = "clerk"
CITIZEN = "citizen"
ALL_ROLES = (SYSTEM_ADMIN, UNIT_ADMIN, LEADER, STAFF, DELEGATE, RESPONDER, CLERK, CITIZEN)
STAFF_ROLES = frozenset({SYSTEM_ADMIN, UNIT_ADMIN, LEADER, STAFF, CLERK})
OFFICIAL_ROLES = STAFF_ROLES | {DELEGATE, RESPONDER}


@dataclass(frozen=True)
class Action:
    """Something a person may do; the roles are the default grant, editable by admins."""

    key: str
    label: Any
    roles: frozenset[str]
    description: Any = ""


@dataclass(frozen=True)
class NavEntry:
    label: Any
    url_name: str
    icon: str = "dot"
    action: str | None = None  # the action needed to see the entry; None = any official
    order: int = 100
    counter: str | None = None  # inbox module key whose open-item count is shown


@dataclass(frozen=True)
class NotificationKind:
    key: str
    label: Any
    channels: tuple[str, ...] = ("web", "email")  # default channels; users may change them


@dataclass(frozen=True)
class SearchType:
    key: str
    label: Any
    weights: dict[str, str] = field(default_factory=lambda: {"title": "A", "body": "C"})
    # dotted path: (pks: list | None) -> iterable of search.EntryData; None = every object
    indexer: str | None = None


@dataclass(frozen=True)
class KpiMetric:
    """A figure computed from the work actually done, for every subject of a period at once.

    compute: dotted path of `(subject_ids: list[int], start: date, end: date)
             -> dict[int, tuple[float, float]]`, the (numerator, denominator) per subject
             (subjects with nothing to count may be left out). `end` is inclusive.
    items:   dotted path of `(subject_id: int, start: date, end: date) -> list[KpiItem]`,
             the objects one figure was computed from, so the figure can be opened.
    kind:    "rate" shows numerator / denominator as a percentage; "count" shows the numerator.
    """

    key: str
    label: Any
    subject: str  # "person" (User ids) or "unit" (OrgUnit ids)
    compute: str
    items: str
    kind: str = "rate"
    higher_is_better: bool = True
    description: Any = ""


@dataclass(frozen=True)
class KpiItem:
    """One object behind a computed KPI figure."""

    title: str
    url: str
    counted: bool  # True when it adds to the numerator (e.g. done on time)
    note: str = ""


@dataclass(frozen=True)
class Widget:
    key: str
    label: Any
    template: str
    context: str  # dotted path: (request) -> dict
    action: str | None = None
    order: int = 100
    width: int = 1  # columns on the dashboard grid (1 or 2)


@dataclass(frozen=True)
class Periodic:
    """A task the worker enqueues on a schedule: `every` (a timedelta) or daily `at` "HH:MM"
    (local time). Each due time is enqueued once, however many workers run."""

    key: str
    task: str  # dotted path of a django-tasks Task
    every: Any = None  # datetime.timedelta
    at: str | None = None  # "HH:MM", Asia/Ho_Chi_Minh
    label: Any = ""


@dataclass(frozen=True)
class Export:
    key: str
    label: Any
    url_name: str
    action: str | None = None


@dataclass
class Module:
    key: str
    name: Any
    icon: str = "dot"
    order: int = 100
    platform: bool = False  # True for platform parts declared the same way
    urls: str | None = None  # dotted path of a urls module, mounted at url_prefix
    url_prefix: str | None = None
    websocket_urls: str | None = None  # dotted path of a module with `websocket_urlpatterns`
    nav: list[NavEntry] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    notifications: list[NotificationKind] = field(default_factory=list)
    search_types: list[SearchType] = field(default_factory=list)
    kpi_metrics: list[KpiMetric] = field(default_factory=list)
    widgets: list[Widget] = field(default_factory=list)
    exports: list[Export] = field(default_factory=list)
    periodic: list[Periodic] = field(default_factory=list)
    demo_data: str | None = None  # dotted path: (city, *, small: bool) -> None
    demo_order: int = 100
    extras: dict[str, Callable[..., Any] | str] = field(default_factory=dict)
