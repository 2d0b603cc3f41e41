"""Reads of the work calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils.translation import get_language

from . import arithmetic
from .models import CalendarDay, Deadline, DeadlineRule, DeadlineState


@dataclass(frozen=True)
class YearEntry:
    date: date
    label: str
    source: str  # "holiday" (the package), "package_workday", "override"
    is_working_day: bool
    override: CalendarDay | None = None


def year_overview(year: int) -> list[YearEntry]:
    """Public holidays, the package's make-up days and administrators' overrides of a year."""
    overrides = {
        row.date: row
        for row in CalendarDay.objects.filter(date__year=year).select_related("created_by")
    }
    language = "en_US" if (get_language() or "").startswith("en") else "vi"
    package = arithmetic.package_holidays(year, language=language)
    entries: dict[date, YearEntry] = {}
    for day, name in package.items():
        entries[day] = YearEntry(day, name, "holiday", False)
    for day in getattr(package, "weekend_workdays", ()):
        if day.year == year:
            entries[day] = YearEntry(day, "", "package_workday", True)
    data = arithmetic.year_days(year)
    for day, row in overrides.items():
        entries[day] = YearEntry(day, row.reason, "override", data.is_working_day(day), row)
    return [entries[d] for d in sorted(entries)]


def working_day_count(year: int) -> int:
    data = arithmetic.year_days(year)
    start = date(year, 1, 1)
    return sum(
        1
        for i in range((date(year, 12, 31) - start).days + 1)
        if data.is_working_day(start + timedelta(days=i))
    )


def rule_versions() -> QuerySet[DeadlineRule]:
    """Every version of every rule, newest version first within a key."""
    return DeadlineRule.objects.select_related("created_by").order_by("key", "-effective_from")


def rules_in_force(on: date) -> list[DeadlineRule]:
    """One rule per key: the version in force on `on`."""
    return pick_in_force(
        DeadlineRule.objects.filter(effective_from__lte=on).order_by("key", "-effective_from"), on
    )


def pick_in_force(rules, on: date) -> list[DeadlineRule]:
    """From versions ordered by key then newest first, the one in force on `on` per key."""
    chosen: dict[str, DeadlineRule] = {}
    for rule in rules:
        if rule.key in chosen or not rule.in_force_on(on):
            continue
        chosen[rule.key] = rule
    return sorted(chosen.values(), key=lambda r: r.name)


def rule_choices(on: date) -> list[tuple[str, str]]:
    """(key, name) of every rule, named after the version in force on `on` or else the newest."""
    versions = list(DeadlineRule.objects.order_by("key", "-effective_from"))
    names = {rule.key: rule.name for rule in pick_in_force(versions, on)}
    for rule in versions:
        names.setdefault(rule.key, rule.name)
    return sorted(names.items(), key=lambda item: item[1])


def rule_keys() -> list[str]:
    return list(DeadlineRule.objects.order_by("key").values_list("key", flat=True).distinct())


def latest_version(key: str) -> DeadlineRule | None:
    return DeadlineRule.objects.filter(key=key).order_by("-effective_from").first()


def deadlines_for(owner, *, running_only: bool = False) -> QuerySet[Deadline]:
    """The deadlines attached to `owner`, earliest due first."""
    queryset = Deadline.objects.select_related("rule").filter(
        owner_type=ContentType.objects.get_for_model(owner), owner_id=owner.pk
    )
    if running_only:
        queryset = queryset.filter(state=DeadlineState.RUNNING)
    return queryset.order_by("due_date", "pk")


def deadline_is_overdue(deadline: Deadline, today: date | None = None) -> bool:
    """A running deadline whose due date (after lawful extensions) has passed."""
    from django.utils import timezone

    return (
        deadline.state == DeadlineState.RUNNING
        and (today or timezone.localdate()) > deadline.due_date
    )


def deadline_working_days_left(deadline: Deadline, today: date | None = None) -> int:
    """Working days from `today` to the due date (0 on the due date, negative when overdue)."""
    from django.utils import timezone

    return arithmetic.working_days_between(today or timezone.localdate(), deadline.due_date)
