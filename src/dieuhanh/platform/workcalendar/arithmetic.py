"""Working-day arithmetic over the Vietnamese calendar.

A date is a working day unless it is a Saturday or Sunday, a public holiday of the
`holidays` package (country VN: solar holidays, Tết and Giỗ Tổ Hùng Vương from the lunar
calendar, and the observed/substituted days the package knows), or an administrator's
extra day off. A make-up working day (the package's `weekend_workdays`, or an
administrator's row) is a working day even on a weekend or holiday. Administrators' rows
win over the package.

Counting follows Article 147 of the Civil Code 2015: the day of the start event is not
counted; the period begins the next day.

Caching: the days off and make-up days of one year are computed once and kept both in the
Django cache (shared by processes) and in a small per-process memo, both keyed by a
random calendar *version* token. Any change to a CalendarDay replaces the token (at once
and again after commit), so every process drops its copy. While a connection has an
uncommitted calendar change, lookups on that connection bypass both caches, so a rolled
back change never leaks into a cache.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

import holidays as holidays_lib
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils.translation import gettext as _

VERSION_KEY = "workcalendar:version"
YEAR_KEY = "workcalendar:year:{version}:{year}"
MAX_SPAN_DAYS = 366 * 30  # no legal period is longer; guards against runaway loops

_memo_lock = threading.Lock()
_memo: dict[tuple[str, int], YearDays] = {}
_dirty = threading.local()


@dataclass(frozen=True)
class YearDays:
    """The exceptions to "Monday to Friday" in one year."""

    days_off: frozenset[date] = field(default_factory=frozenset)
    working_days: frozenset[date] = field(default_factory=frozenset)

    def is_working_day(self, day: date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        return day.weekday() < 5


# --- versioning and caches ------------------------------------------------------------------


def _version() -> str:
    return cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, None)


def _bump_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    with _memo_lock:
        _memo.clear()


def calendar_changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """Called whenever a CalendarDay is written or deleted (signal handlers do it)."""
    pending = getattr(_dirty, "aliases", None)
    if pending is None:
        pending = _dirty.aliases = {}
    connection = connections[using]
    # Remember the outermost atomic block: while it is open the change is uncommitted.
    if connection.in_atomic_block and connection.atomic_blocks:
        pending.setdefault(using, connection.atomic_blocks[0])
    _bump_version()
    transaction.on_commit(_bump_version, using=using)


def _may_use_cache(using: str = DEFAULT_DB_ALIAS) -> bool:
    pending = getattr(_dirty, "aliases", None)
    if pending and using in pending:
        connection = connections[using]
        if connection.atomic_blocks and connection.atomic_blocks[0] is pending[using]:
            return False
        del pending[using]  # that transaction has ended (committed or rolled back)
    return True


def package_holidays(year: int, language: str = "vi") -> holidays_lib.HolidayBase:
    """The `holidays` package's Vietnamese public holidays of a year (names in `language`)."""
    return holidays_lib.country_holidays("VN", years=year, language=language)


def _build_year(year: int) -> YearDays:
    from .models import CalendarDay, DayKind

    package = package_holidays(year)
    off = set(package.keys())
    work = {d for d in getattr(package, "weekend_workdays", ()) if d.year == year}
    rows = CalendarDay.objects.filter(date__year=year).values_list("date", "kind")
    for day, kind in rows:
        if kind == DayKind.DAY_OFF:
            off.add(day)
            work.discard(day)
        else:
            work.add(day)
            off.discard(day)
    return YearDays(days_off=frozenset(off), working_days=frozenset(work))


def year_days(year: int) -> YearDays:
    """The days off and make-up working days of one year (cached)."""
    if not _may_use_cache():
        return _build_year(year)
    version = _version()
    memo_key = (version, year)
    found = _memo.get(memo_key)
    if found is not None:
        return found
    cache_key = YEAR_KEY.format(version=version, year=year)
    stored = cache.get(cache_key)
    if stored is not None:
        found = YearDays(
            days_off=frozenset(date.fromordinal(o) for o in stored[0]),
            working_days=frozenset(date.fromordinal(o) for o in stored[1]),
        )
    else:
        found = _build_year(year)
        cache.set(
            cache_key,
            (
                sorted(d.toordinal() for d in found.days_off),
                sorted(d.toordinal() for d in found.working_days),
            ),
            60 * 60 * 24 * 30,
        )
    with _memo_lock:
        if len(_memo) > 64:
            _memo.clear()
        _memo[memo_key] = found
    return found


class _Calendar:
    """Year data fetched once per computation."""

    def __init__(self) -> None:
        self._years: dict[int, YearDays] = {}

    def is_working_day(self, day: date) -> bool:
        data = self._years.get(day.year)
        if data is None:
            data = self._years[day.year] = year_days(day.year)
        return data.is_working_day(day)


def _check_n(n: int) -> None:
    if not isinstance(n, int) or isinstance(n, bool):
        raise TypeError("n must be an int")
    if abs(n) > MAX_SPAN_DAYS:
        from dieuhanh.platform.ui.errors import UserError

        raise UserError(_("Số ngày quá lớn (tối đa %(max)s).") % {"max": MAX_SPAN_DAYS})


def _step(day: date, delta: int) -> date:
    try:
        return day + timedelta(days=delta)
    except OverflowError:
        from dieuhanh.platform.ui.errors import UserError

        raise UserError(_("Ngày tính ra nằm ngoài phạm vi lịch.")) from None


# --- public arithmetic ---------------------------------------------------------------------------


def is_working_day(day: date) -> bool:
    return year_days(day.year).is_working_day(day)


def next_working_day(day: date, *, include_self: bool = False) -> date:
    """The first working day after `day` (or `day` itself if include_self and it is one)."""
    cal = _Calendar()
    current = day if include_self else _step(day, 1)
    for _i in range(MAX_SPAN_DAYS):
        if cal.is_working_day(current):
            return current
        current = _step(current, 1)
    raise RuntimeError("no working day found")  # pragma: no cover - impossible calendar


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start` (the start day itself is not counted).

    n = 0 returns `start` unchanged; a negative n counts backwards (the n-th working day
    before `start`).
    """
    _check_n(n)
    if n == 0:
        return start
    cal = _Calendar()
    direction = 1 if n > 0 else -1
    remaining = abs(n)
    current = start
    while remaining:
        current = _step(current, direction)
        if cal.is_working_day(current):
            remaining -= 1
    return current


def add_calendar_days(start: date, n: int, *, roll_to_working_day: bool = False) -> date:
    """`start` + n days; with roll_to_working_day, a last day that falls on a day off moves
    to the next working day (Article 148 of the Civil Code 2015)."""
    _check_n(n)
    end = _step(start, n)
    if roll_to_working_day:
        return next_working_day(end, include_self=True)
    return end


def working_days_between(a: date, b: date) -> int:
    """Working days d with a < d <= b; negative (the same count) if b is before a.

    So that working_days_between(d, add_working_days(d, n)) == n.
    """
    if a == b:
        return 0
    if b < a:
        return -working_days_between(b, a)
    if (b - a).days > MAX_SPAN_DAYS:
        from dieuhanh.platform.ui.errors import UserError

        raise UserError(_("Khoảng thời gian quá dài."))
    cal = _Calendar()
    count = 0
    current = a
    while current < b:
        current = current + timedelta(days=1)
        if cal.is_working_day(current):
            count += 1
    return count
