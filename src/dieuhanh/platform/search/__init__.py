"""Global search: one small API over SQLite FTS5 and PostgreSQL full text.

    from dieuhanh.platform import search
    search.index(search.EntryData(module="documents", type="incoming", obj=doc, url=...,
                                  title=..., body=..., date=..., units=[doc.unit]))
    search.index_after_commit(module="documents", type="incoming", object_ids=[doc.pk])
    search.remove(doc)
    results = search.query(request.user, "dat dai", modules=["documents"], page=1)

Nothing here imports models at import time (this package is also the Django app).
"""

from __future__ import annotations

from .types import EntryData, Facet, Hit, Results


def index(entries) -> int:
    """Index now (inside the caller's transaction) one EntryData or an iterable of them."""
    from .services import entries_index

    if isinstance(entries, EntryData):
        entries = [entries]
    return entries_index(entries=entries)


def index_after_commit(*, module: str, type: str, object_ids) -> None:
    """After the current transaction commits, re-index these objects in a task (queue
    "search") through the manifest's SearchType.indexer. Ids the indexer no longer returns
    are removed from the index."""
    from django.db import transaction

    from .tasks import reindex_objects

    ids = [str(i) for i in object_ids]
    transaction.on_commit(lambda: reindex_objects.enqueue(module, type, ids))


def remove(obj, *, type: str | None = None) -> int:
    """Remove an object's entries (every type, or one)."""
    from .services import entries_remove

    return entries_remove(obj=obj, type=type)


def query(user, q: str, *, modules=None, date_from=None, date_to=None, page: int = 1) -> Results:
    """Ranked, highlighted hits this person may open, with facets and the total."""
    from .selectors import search_query

    return search_query(user, q, modules=modules, date_from=date_from, date_to=date_to, page=page)


__all__ = ["EntryData", "Facet", "Hit", "Results", "index", "index_after_commit", "query", "remove"]
