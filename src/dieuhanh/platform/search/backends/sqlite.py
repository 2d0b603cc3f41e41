"""SQLite: an external-content FTS5 table over the folded columns, kept by triggers.

The same shape as PostgreSQL: the newest `limit` matching visible entries, scored with
bm25 (title weighted 10 to the body's 1).
"""

from __future__ import annotations

from django.db import connection

from .base import Candidate, Criteria, as_aware, filters


class SqliteBackend:
    def candidates(self, criteria: Criteria) -> list[Candidate]:
        if not criteria.terms:
            return []
        # Each term is letters/digits only and is quoted, so FTS5 syntax cannot leak in.
        match = " ".join(f'"{term}"' for term in criteria.terms)
        extra = filters(criteria)
        where = " AND ".join(["search_fts MATCH %s", *extra.where])
        sql = (
            "SELECT e.id, e.module, e.date, bm25(search_fts, 10.0, 1.0) AS score"
            " FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid"
            f" WHERE {where} ORDER BY e.date DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *extra.params, criteria.limit])
            rows = cursor.fetchall()
        # bm25 is lower-is-better; turn it around so both backends agree.
        return [Candidate(r[0], r[1], as_aware(r[2]), -float(r[3])) for r in rows]
