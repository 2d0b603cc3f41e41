"""Writes to the search index. Modules call these through `dieuhanh.platform.search`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from .fold import fold_words
from .models import SearchEntry, SearchEntryUnit, SearchEntryUser
from .types import EntryData


def _pk(value) -> int:
    return value if isinstance(value, int) else value.pk


def _as_datetime(value) -> dt.datetime:
    if value is None:
        return timezone.now()
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(dt.datetime.combine(value, dt.time()))


@transaction.atomic
def entries_index(*, entries: Iterable[EntryData]) -> int:
    """Create or replace the entries (matched on object and type). Returns how many."""
    count = 0
    for data in entries:
        content_type = ContentType.objects.get_for_model(data.obj, for_concrete_model=False)
        title = (data.title or "")[:500]
        entry, created = SearchEntry.objects.update_or_create(
            content_type=content_type,
            object_id=str(data.obj.pk),
            type=data.type,
            defaults={
                "module": data.module,
                "url": data.url,
                "title": title,
                "body": data.body or "",
                "date": _as_datetime(data.date),
                "title_folded": fold_words(title),
                "body_folded": fold_words(data.body or ""),
                "is_public": data.is_public,
            },
        )
        if not created:
            SearchEntryUnit.objects.filter(entry=entry).delete()
            SearchEntryUser.objects.filter(entry=entry).delete()
        SearchEntryUnit.objects.bulk_create(
            [SearchEntryUnit(entry=entry, unit_id=u) for u in {_pk(u) for u in data.units}]
        )
        SearchEntryUser.objects.bulk_create(
            [SearchEntryUser(entry=entry, user_id=u) for u in {_pk(u) for u in data.users}]
        )
        count += 1
    return count


@transaction.atomic
def entries_remove(*, obj=None, type: str | None = None, content_type=None, object_ids: Iterable = ()) -> int:
    """Remove the entries of an object (all its types, or one), or of several ids of a model."""
    if obj is not None:
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        object_ids = [obj.pk]
    ids = [str(i) for i in object_ids]
    if content_type is None or not ids:
        return 0
    qs = SearchEntry.objects.filter(content_type=content_type, object_id__in=ids)
    if type is not None:
        qs = qs.filter(type=type)
    deleted, _ = qs.delete()
    return deleted
