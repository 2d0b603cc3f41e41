"""The database-specific half of search: one small adapter per vendor.

Each backend answers one question: the newest `limit` entries matching all the folded
terms that this person may see, with a relevance score. Ranking therefore never touches
more than `limit` rows, whatever the frequency of the words (DESIGN.md, "Search").
"""

from __future__ import annotations

from django.db import connection

from .base import Candidate, Criteria


def get_backend():
    if connection.vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend()
    from .sqlite import SqliteBackend

    return SqliteBackend()


__all__ = ["Candidate", "Criteria", "get_backend"]
