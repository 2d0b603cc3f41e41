"""PostgreSQL: a generated tsvector column ('simple' config over the folded text) + GIN.

The inner query picks the newest `limit` matching visible entries; the planner then either
walks the date index and stops early (frequent words) or reads the GIN index (rare words).
Only those rows are ranked with ts_rank (title weight A, body weight C). Words of middling
frequency (a few % of the rows) are the slow case: see bench/RESULTS.md.
"""

from __future__ import annotations

from django.db import connection, transaction

from .base import Candidate, Criteria, as_aware, filters


class PostgresBackend:
    def candidates(self, criteria: Criteria) -> list[Candidate]:
        if not criteria.terms:
            return []
        tsquery = " & ".join(criteria.terms)
        extra = filters(criteria)
        where = " AND ".join(["e.document @@ to_tsquery('simple', %s)", *extra.where])
        sql = (
            "SELECT c.id, c.module, c.date,"
            " ts_rank(c.document, to_tsquery('simple', %s)) AS score"
            " FROM (SELECT e.id, e.module, e.date, e.document FROM search_searchentry e"
            f" WHERE {where} ORDER BY e.date DESC LIMIT %s) c"
        )
        params = [tsquery, tsquery, *extra.params, criteria.limit]
        with transaction.atomic(), connection.cursor() as cursor:
            # The estimates of a full-text query over a million rows exceed jit_above_cost;
            # compiling then costs more than the query itself (measured: +30 ms).
            cursor.execute("SET LOCAL jit = off")
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [Candidate(r[0], r[1], as_aware(r[2]), float(r[3])) for r in rows]
