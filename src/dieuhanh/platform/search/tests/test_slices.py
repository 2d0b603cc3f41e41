"""PostgreSQL searches words of middling frequency in date slices, newest first.

The plan is made from the column statistics; whatever the plan, the candidates must be
exactly those of the single query (the newest `limit` visible matches).
"""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.utils import timezone

from dieuhanh.platform import search
from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, person
from dieuhanh.platform.search.backends import postgres
from dieuhanh.platform.search.backends.base import Criteria
from dieuhanh.platform.search.selectors import visible_unit_ids

START = timezone.make_aware(dt.datetime(2021, 1, 1))


def stats(**overrides) -> postgres.Stats:
    """A million entries over six years, words of every frequency, a quarter public."""
    bounds = tuple(START + dt.timedelta(days=21.9 * i) for i in range(101))
    values = {
        "rows": 1_000_000.0,
        "word_freqs": {"cua": 0.8, "dat": 0.45, "dai": 0.45, "ngap": 0.05, "ung": 0.05, "mat": 0.05},
        "rare_freq": 0.03,
        "public_share": 0.25,
        "date_bounds": bounds,
    }
    return postgres.Stats(**{**values, **overrides})


def criteria(q: str, **kwargs) -> Criteria:
    return Criteria(terms=tuple(q.split()), user_id=1, limit=301, **kwargs)


def test_middling_words_are_cut_into_date_slices_newest_first():
    how = postgres.plan(criteria("ngap ung"), stats())
    assert len(how.cuts) == postgres.MAX_SLICES - 1
    # about 2 × 301 / (5 % × 25 %) ≈ 48,000 rows: the newest ~5 % of the six years
    assert dt.datetime(2026, 6, 1, tzinfo=dt.UTC) < how.cuts[0] < dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    assert list(how.cuts) == sorted(how.cuts, reverse=True)


def test_frequent_rare_or_unknown_words_keep_the_single_query():
    assert postgres.plan(criteria("cua"), stats()).cuts == ()  # the date index stops early
    assert postgres.plan(criteria("dat dai"), stats()).cuts == ()
    assert postgres.plan(criteria("so 4711"), stats()).cuts == ()  # 4711: rarer than 3 %
    assert postgres.plan(criteria("ngap ung"), stats(rows=20_000.0)).cuts == ()  # small index
    assert postgres.plan(criteria("ngap ung"), None) == postgres.Plan()  # never analysed


def test_only_the_rare_words_are_asked_of_the_gin_index():
    how = postgres.plan(criteria("cua dat mat"), stats())
    assert how.index_terms == ("mat",)
    assert postgres.plan(criteria("ngap ung"), stats()).index_terms == ()  # all of them anyway


def test_slices_stay_inside_the_date_filter():
    late = timezone.make_aware(dt.datetime(2026, 10, 1))
    assert postgres.plan(criteria("ngap ung", start=late), stats()).cuts == ()
    early_end = timezone.make_aware(dt.datetime(2025, 1, 1))
    cuts = postgres.plan(criteria("ngap ung", end=early_end), stats()).cuts
    assert all(cut < early_end for cut in cuts)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the date slices are PostgreSQL's")
def test_sliced_and_single_queries_find_the_same_candidates():
    unit, other = OrgUnitFactory(), OrgUnitFactory()
    reader = person("staff", unit)
    words = ["ngập úng", "đất đai", "mặt bằng", "của"]
    for i in range(240):
        text = " ".join(w for j, w in enumerate(words) if i % (j + 2) == 0) or "khác"
        search.index(search.EntryData(
            module="documents", type="incoming", obj=OrgUnitFactory(), url=f"/x/{i}/",
            title=f"Văn bản {i} {text}", body=f"Nội dung {text}",
            date=START + dt.timedelta(days=7 * i, hours=i % 5),
            is_public=i % 3 == 0, units=[unit] if i % 3 == 1 else [other],
        ))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")
    postgres.forget_stats()
    backend = postgres.PostgresBackend()
    cases = [
        ("ngap ung", {}), ("dat dai", {}), ("mat bang cua", {}), ("ngap ung dat dai", {}),
        ("cua", {"start": START + dt.timedelta(days=300), "end": START + dt.timedelta(days=1200)}),
        ("ngap ung", {"modules": ("documents",)}),
    ]
    for q, extra in cases:
        for limit in (5, 30, 301):
            crit = Criteria(
                terms=tuple(q.split()), user_id=reader.pk, unit_ids=visible_unit_ids(reader),
                limit=limit, **extra,
            )
            with transaction.atomic(), connection.cursor() as cursor:
                single = backend.run(cursor, crit, postgres.Plan())
                st = postgres.stats(cursor)
                assert st is not None and st.rows >= 240
                # Force slices (the table is small) at several sizes, and the rare-word lookup.
                for margin in (0.01, 0.2, 1.0):
                    cuts = tuple(
                        postgres._date_at_share(st.date_bounds, margin * k) for k in (1, 3)
                    )
                    cuts = tuple(c for c in cuts if c is not None)
                    for index_terms in ((), tuple(crit.terms[:1])):
                        how = postgres.Plan(cuts=cuts, index_terms=index_terms)
                        assert backend.run(cursor, crit, how) == single, (q, extra, limit, how)
            assert single or q == "ngap ung dat dai", q
    # and the planner's own choice for this table gives the same answer
    crit = Criteria(terms=("ngap", "ung"), user_id=reader.pk, unit_ids=visible_unit_ids(reader), limit=301)
    with transaction.atomic(), connection.cursor() as cursor:
        assert backend.candidates(crit) == backend.run(cursor, crit, postgres.Plan())
