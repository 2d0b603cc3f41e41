"""Connects the manifests' SearchTypes (their `indexer`) to the index."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.utils.module_loading import import_string

from dieuhanh.platform import registry

from .models import SearchEntry
from .services import entries_index, entries_remove


def search_types(module: str | None = None) -> Iterator[tuple[str, registry.SearchType]]:
    for manifest in registry.modules():
        if module is not None and manifest.key != module:
            continue
        for search_type in manifest.search_types:
            yield manifest.key, search_type


def indexer_of(module: str, type_key: str):
    for _module, search_type in search_types(module):
        if search_type.key == type_key and search_type.indexer:
            return import_string(search_type.indexer)
    raise LookupError(f"no indexer declared for search type {module}.{type_key}")


def reindex_ids(*, module: str, type_key: str, object_ids: list) -> int:
    """Index what the indexer returns for these ids; remove the ids it no longer returns."""
    entries = list(indexer_of(module, type_key)([str(i) for i in object_ids]))
    entries_index(entries=entries)
    seen = {str(e.obj.pk) for e in entries}
    gone = [str(i) for i in object_ids if str(i) not in seen]
    if gone:
        for content_type_id in (
            SearchEntry.objects.filter(module=module, type=type_key, object_id__in=gone)
            .values_list("content_type_id", flat=True)
            .distinct()
        ):
            entries_remove(
                content_type=ContentType.objects.get_for_id(content_type_id), type=type_key, object_ids=gone
            )
    return len(entries)
