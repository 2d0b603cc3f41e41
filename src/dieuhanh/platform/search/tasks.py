"""Background re-indexing (queue "search"), run after the writing transaction commits."""

from __future__ import annotations

from django_tasks import task


@task(queue_name="search")
def reindex_objects(module: str, type: str, object_ids: list[str]) -> int:
    from .indexing import reindex_ids

    return reindex_ids(module=module, type_key=type, object_ids=object_ids)
