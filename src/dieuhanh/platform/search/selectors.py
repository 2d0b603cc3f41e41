"""Reads of the search index, always scoped to the person asking."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from functools import cache

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dieuhanh.platform import registry
from dieuhanh.platform.permissions.roles import held_roles

from .backends import Criteria, get_backend
from .fold import query_terms
from .highlight import highlight, snippet
from .models import SearchEntry
from .types import Facet, Hit, Results

PER_PAGE = 20
# Only the newest CANDIDATE_LIMIT visible matches are ranked, counted and faceted: ranking
# every hit of a frequent word is what makes full-text search slow at a million rows.
CANDIDATE_LIMIT = 300


@cache
def _labels() -> tuple[dict, dict]:
    modules, types = {}, {}
    for manifest in registry.modules():
        modules[manifest.key] = manifest.name
        for search_type in manifest.search_types:
            types[(manifest.key, search_type.key)] = search_type.label
    return modules, types


def module_label(key: str):
    return _labels()[0].get(key, key)


def type_label(module: str, key: str):
    return _labels()[1].get((module, key), "")


def visible_unit_ids(user) -> tuple[int, ...]:
    """Units whose grants cover this person: the units of their active memberships."""
    return tuple(sorted({held.unit_id for held in held_roles(user)}))


def _local_bounds(date_from: dt.date | None, date_to: dt.date | None):
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(dt.datetime.combine(date_from, dt.time()), tz) if date_from else None
    end = (
        timezone.make_aware(dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time()), tz)
        if date_to
        else None
    )
    return start, end


def search_query(
    user,
    q: str,
    *,
    modules=None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
    limit: int = CANDIDATE_LIMIT,
) -> Results:
    """Ranked hits this person may open, with facets and total over the same set.

    Two queries (plus the person's memberships, cached per request): the bounded candidate
    set with scores, then the rows of the requested page.
    """
    terms = query_terms(q)
    results = Results(terms=terms, page=max(1, page))
    if not terms:
        return results
    authenticated = bool(getattr(user, "is_authenticated", False))
    start, end = _local_bounds(date_from, date_to)
    criteria = Criteria(
        terms=tuple(terms),
        user_id=user.pk if authenticated else None,
        unit_ids=visible_unit_ids(user) if authenticated else (),
        modules=tuple(sorted(set(modules or ()))),
        start=start,
        end=end,
        limit=limit + 1,
    )
    candidates = get_backend().candidates(criteria)
    results.capped = len(candidates) > limit
    candidates = candidates[:limit]
    results.total = len(candidates)
    results.pages = math.ceil(results.total / per_page)
    if not candidates:
        return results

    tz = timezone.get_current_timezone()
    by_module = Counter(c.module for c in candidates)
    months = Counter(timezone.localtime(c.date, tz).strftime("%Y-%m") for c in candidates)
    years = Counter(key[:4] for key in months.elements())
    results.modules = [
        Facet(key, module_label(key), n) for key, n in sorted(by_module.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    results.months = [Facet(k, _month_label(k), n) for k, n in sorted(months.items(), reverse=True)]
    results.years = [Facet(k, k, n) for k, n in sorted(years.items(), reverse=True)]

    ranked = sorted(candidates, key=lambda c: (-c.score, -c.date.timestamp(), -c.id))
    results.page = min(results.page, results.pages)
    offset = (results.page - 1) * per_page
    page_rows = ranked[offset : offset + per_page]
    rows = SearchEntry.objects.only("id", "module", "type", "url", "title", "body", "date").in_bulk(
        [c.id for c in page_rows]
    )
    for c in page_rows:
        entry = rows.get(c.id)
        if entry is None:  # removed between the two queries
            continue
        results.hits.append(
            Hit(
                id=entry.id,
                module=entry.module,
                module_label=module_label(entry.module),
                type=entry.type,
                type_label=type_label(entry.module, entry.type),
                url=entry.url,
                title=entry.title,
                title_html=highlight(entry.title, terms),
                snippet_html=snippet(entry.body, terms),
                date=entry.date,
                score=c.score,
            )
        )
    return results


def _month_label(key: str):
    year, month = key.split("-")
    return _("Tháng %(month)s/%(year)s") % {"month": month, "year": year}
