"""What both backends share: the criteria, the candidate rows and the SQL filters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import connection
from django.utils import timezone


@dataclass(frozen=True)
class Criteria:
    terms: tuple[str, ...]  # folded words, all required
    user_id: int | None  # None: anonymous, public entries only
    unit_ids: tuple[int, ...] = ()  # units whose grants cover this person
    modules: tuple[str, ...] = ()
    start: datetime | None = None  # inclusive
    end: datetime | None = None  # exclusive
    limit: int = 1000


@dataclass(frozen=True)
class Candidate:
    id: int
    module: str
    date: datetime
    score: float  # higher is better


@dataclass
class Sql:
    where: list[str] = field(default_factory=list)
    params: list = field(default_factory=list)


def filters(criteria: Criteria) -> Sql:
    """Visibility and filters as SQL over alias `e`; visibility is part of the query itself."""
    sql = Sql()
    visible = ["e.is_public"]
    if criteria.unit_ids:
        marks = ", ".join(["%s"] * len(criteria.unit_ids))
        visible.append(
            "EXISTS (SELECT 1 FROM search_searchentryunit g"
            f" WHERE g.entry_id = e.id AND g.unit_id IN ({marks}))"
        )
        sql.params.extend(criteria.unit_ids)
    if criteria.user_id is not None:
        visible.append(
            "EXISTS (SELECT 1 FROM search_searchentryuser p"
            " WHERE p.entry_id = e.id AND p.user_id = %s)"
        )
        sql.params.append(criteria.user_id)
    sql.where.append("(" + " OR ".join(visible) + ")")
    if criteria.modules:
        sql.where.append("e.module IN (" + ", ".join(["%s"] * len(criteria.modules)) + ")")
        sql.params.extend(criteria.modules)
    if criteria.start is not None:
        sql.where.append("e.date >= %s")
        sql.params.append(connection.ops.adapt_datetimefield_value(criteria.start))
    if criteria.end is not None:
        sql.where.append("e.date < %s")
        sql.params.append(connection.ops.adapt_datetimefield_value(criteria.end))
    return sql


def as_aware(value) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return value
