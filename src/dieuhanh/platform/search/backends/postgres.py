"""PostgreSQL: a generated tsvector column ('simple' config over the folded text) + GIN.

The inner query picks the newest `limit` matching visible entries; only those rows are
ranked with ts_rank (title weight A, body weight C).

How the newest matches are found depends on how common the words are:

- rare words: one query; the GIN bitmap is small, every match is read and the newest kept;
- frequent words: PostgreSQL walks the date index backwards and stops after `limit` hits;
- words in a few percent of the rows (up to FREQUENT_SHARE) are the slow case of a single query (the planner
  underestimates co-occurring words, reads the GIN bitmap and fetches every match, ~49k heap
  pages at 1M entries, to keep the newest 300). For them the query is cut into date slices,
  newest first: the first slice is sized from the column statistics (word frequencies from
  ANALYZE's most common elements, the share of public entries, the date histogram) to hold
  about twice `limit` visible matches; the next ones are 8× larger, the last one is the
  rest. Slices are disjoint and taken newest first, so the result is exactly the single
  query's (tests compare both). See bench/RESULTS.md for the measurements.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass

from django.db import connection, transaction

from .base import Candidate, Criteria, as_aware, filters

# A query is sliced only when the statistics expect at least this many visible matches
# (below that the GIN bitmap is small enough to read whole).
SLICE_ABOVE_MATCHES = 3_000
# Words in more than this share of the rows are left to the single query: PostgreSQL walks
# the date index and stops early, while a slice would make it read their huge GIN lists.
FREQUENT_SHARE = 0.15
# The first slice should hold about this many times `limit` visible matches.
FIRST_SLICE_MARGIN = 2.0
SLICE_GROWTH = 8
MAX_SLICES = 2
INDEX_WORDS = 2  # at most this many of the rarest words are looked up in the GIN index
STATS_TTL = 600  # seconds a process keeps the column statistics


@dataclass(frozen=True)
class Stats:
    rows: float  # pg_class.reltuples
    word_freqs: dict[str, float]  # most common elements of the tsvector and their frequency
    rare_freq: float  # a word missing from word_freqs is rarer than this
    public_share: float
    date_bounds: tuple[dt.datetime, ...]  # equal-frequency histogram, oldest first


_stats_lock = threading.Lock()
_stats: dict[str, tuple[float, Stats | None]] = {}


def _read_stats(cursor) -> Stats | None:
    cursor.execute(
        "SELECT c.reltuples FROM pg_class c"
        " WHERE c.oid = 'search_searchentry'::regclass"
    )
    row = cursor.fetchone()
    rows = float(row[0]) if row else 0.0
    if rows <= 0:
        return None
    cursor.execute(
        "SELECT attname, most_common_elems::text::text[], most_common_elem_freqs,"
        " most_common_vals::text::text[], most_common_freqs, histogram_bounds::text::text[]"
        " FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'search_searchentry'"
        " AND attname IN ('document', 'is_public', 'date')"
    )
    found = {r[0]: r[1:] for r in cursor.fetchall()}
    document, public, date = found.get("document"), found.get("is_public"), found.get("date")
    if not document or not document[0] or not date or not date[4]:
        return None
    elems, freqs = document[0], document[1]
    # most_common_elem_freqs ends with min, max and the null share of the element frequencies.
    word_freqs = dict(zip(elems, freqs[: len(elems)], strict=False))
    rare = float(freqs[len(elems)]) if len(freqs) > len(elems) else min(word_freqs.values())
    public_share = 0.0
    if public and public[2]:
        shares = dict(zip(public[2], public[3], strict=False))
        public_share = float(shares.get("t", shares.get("true", 0.0)))
    bounds = tuple(as_aware(dt.datetime.fromisoformat(v)) for v in date[4])
    return Stats(rows, word_freqs, rare, public_share, bounds)


def stats(cursor) -> Stats | None:
    """The column statistics of the index (per process, refreshed every STATS_TTL)."""
    key = connection.settings_dict["NAME"]
    now = time.monotonic()
    with _stats_lock:
        cached = _stats.get(key)
    if cached is not None and now - cached[0] < STATS_TTL:
        return cached[1]
    found = _read_stats(cursor)
    with _stats_lock:
        _stats[key] = (now, found)
    return found


def forget_stats() -> None:
    with _stats_lock:
        _stats.clear()


def _date_at_share(bounds: tuple[dt.datetime, ...], share_newest: float) -> dt.datetime | None:
    """The date after which about `share_newest` of the rows lie (None: all of them)."""
    if share_newest >= 1 or len(bounds) < 2:
        return None
    position = (1 - share_newest) * (len(bounds) - 1)
    i = int(position)
    if i >= len(bounds) - 1:
        return bounds[-1]
    low, high = bounds[i], bounds[i + 1]
    return low + (high - low) * (position - i)


@dataclass(frozen=True)
class Plan:
    cuts: tuple[dt.datetime, ...] = ()  # lower date bounds of the slices, newest first
    # The words looked up in the GIN index (the others are checked on the rows it yields);
    # empty: every word, as one `@@` PostgreSQL plans by itself.
    index_terms: tuple[str, ...] = ()


def plan(criteria: Criteria, st: Stats | None) -> Plan:
    """How to find the newest matches: one query over everything, or date slices; and
    which words the GIN index is asked for."""
    if st is None or not criteria.terms:
        return Plan()
    shares = {term: st.word_freqs.get(term, 0.0) for term in criteria.terms}
    rare_first = sorted(criteria.terms, key=lambda t: (shares[t], t))
    index_terms = tuple(t for t in rare_first if shares[t] <= FREQUENT_SHARE)[:INDEX_WORDS]
    if len(index_terms) == len(criteria.terms):
        index_terms = ()  # nothing to leave out of the index lookup
    if any(term not in st.word_freqs for term in criteria.terms):
        return Plan(index_terms=index_terms)  # a rare word: the GIN bitmap is small
    word_share = shares[rare_first[0]]
    visible_share = max(st.public_share, 0.05)
    expected = st.rows * word_share * visible_share
    if expected < SLICE_ABOVE_MATCHES or word_share > FREQUENT_SHARE:
        return Plan(index_terms=index_terms)
    share = FIRST_SLICE_MARGIN * criteria.limit / (word_share * visible_share) / st.rows
    cuts: list[dt.datetime] = []
    for _ in range(MAX_SLICES - 1):
        cut = _date_at_share(st.date_bounds, share)
        share *= SLICE_GROWTH
        if cut is None or (criteria.start is not None and cut <= criteria.start):
            break
        if (criteria.end is not None and cut >= criteria.end) or (cuts and cut >= cuts[-1]):
            continue
        cuts.append(cut)
    return Plan(cuts=tuple(cuts), index_terms=index_terms)


class PostgresBackend:
    def candidates(self, criteria: Criteria) -> list[Candidate]:
        if not criteria.terms:
            return []
        with transaction.atomic(), connection.cursor() as cursor:
            # The estimates of a full-text query over a million rows exceed jit_above_cost;
            # compiling then costs more than the query itself (measured: +30 ms).
            cursor.execute("SET LOCAL jit = off")
            return self.run(cursor, criteria, plan(criteria, stats(cursor)))

    def run(self, cursor, criteria: Criteria, how: Plan) -> list[Candidate]:
        found: list[Candidate] = []
        upper = None  # exclusive, newest first; None: the criteria's own end
        for lower in [*how.cuts, None]:
            need = criteria.limit - len(found)
            if need <= 0:
                break
            found += self._query(cursor, criteria, how, lower=lower, upper=upper, limit=need)
            upper = lower
        return found

    def _query(self, cursor, criteria: Criteria, how: Plan, *, lower, upper, limit: int) -> list[Candidate]:
        tsquery = " & ".join(criteria.terms)
        extra = filters(criteria)
        if how.index_terms:
            # ts_match_vq() is the function behind @@: the same test, but not an index
            # condition, so the GIN index is only asked for the rare words.
            where = [
                "e.document @@ to_tsquery('simple', %s)",
                "ts_match_vq(e.document, to_tsquery('simple', %s))",
                *extra.where,
            ]
            params = [" & ".join(how.index_terms), tsquery, *extra.params]
        else:
            where = ["e.document @@ to_tsquery('simple', %s)", *extra.where]
            params = [tsquery, *extra.params]
        if lower is not None:
            where.append("e.date >= %s")
            params.append(lower)
        if upper is not None:
            where.append("e.date < %s")
            params.append(upper)
        sql = (
            "SELECT c.id, c.module, c.date,"
            " ts_rank(c.document, to_tsquery('simple', %s)) AS score"
            " FROM (SELECT e.id, e.module, e.date, e.document FROM search_searchentry e"
            f" WHERE {' AND '.join(where)} ORDER BY e.date DESC LIMIT %s) c"
        )
        cursor.execute(sql, [tsquery, *params, limit])
        return [Candidate(r[0], r[1], as_aware(r[2]), float(r[3])) for r in cursor.fetchall()]
