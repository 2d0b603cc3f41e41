"""Reads of the audit part: searching the change log (auditlog) and the access log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from auditlog import get_logentry_model
from auditlog.registry import auditlog
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .models import AccessLog


@dataclass(frozen=True)
class AuditFilters:
    person: str = ""
    content_type: ContentType | None = None
    object_id: str = ""
    object_text: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def audit_object_types() -> list[ContentType]:
    """Types an administrator may filter on: models auditlog records, and models read-logged."""
    registered = [ContentType.objects.get_for_model(m) for m in auditlog.get_models()]
    read_logged = ContentType.objects.filter(
        pk__in=AccessLog.objects.values("content_type_id").distinct()
    )
    by_pk = {ct.pk: ct for ct in [*registered, *read_logged]}
    return list(by_pk.values())


def text_contains(field: str, text: str) -> Q:
    """Case-insensitive "contains" that also works for Vietnamese capitals on SQLite.

    SQLite folds only ASCII letters, so "lãnh đạo" would not find "Lãnh Đạo" there; names are
    written in title case, so the typed text is also tried as typed, lower, title and upper case.
    """
    condition = Q()
    for variant in dict.fromkeys((text, text.lower(), text.title(), text.upper())):
        condition |= Q(**{f"{field}__icontains": variant})
    return condition


def _people(text: str):
    User = get_user_model()
    return User.objects.filter(
        text_contains("full_name", text) | Q(username__icontains=text) | Q(email__icontains=text)
    ).values("pk")


def _local_day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _apply_common(qs, filters: AuditFilters, *, pk_field: str):
    if filters.content_type is not None:
        qs = qs.filter(content_type=filters.content_type)
    if filters.object_id:
        qs = qs.filter(**{pk_field: filters.object_id})
    if filters.object_text:
        qs = qs.filter(text_contains("object_repr", filters.object_text))
    if filters.date_from:
        qs = qs.filter(timestamp__gte=_local_day_start(filters.date_from))
    if filters.date_to:
        qs = qs.filter(timestamp__lt=_local_day_start(filters.date_to + dt.timedelta(days=1)))
    return qs


def change_log_search(filters: AuditFilters) -> models.QuerySet:
    """auditlog entries matching the filters, newest first, with actor and type joined."""
    qs = get_logentry_model().objects.select_related("actor", "content_type")
    if filters.person:
        qs = qs.filter(
            Q(actor__in=_people(filters.person))
            | Q(actor_email__icontains=filters.person)
            | text_contains("additional_data__on_behalf_of__name", filters.person)
            | Q(additional_data__on_behalf_of__username__icontains=filters.person)
        )
    return _apply_common(qs, filters, pk_field="object_pk").order_by("-timestamp", "-pk")


def access_log_search(filters: AuditFilters) -> models.QuerySet:
    """Access log rows matching the filters, newest first, with both people and type joined."""
    qs = AccessLog.objects.select_related("user", "on_behalf_of", "content_type")
    if filters.person:
        people = _people(filters.person)
        qs = qs.filter(
            Q(user__in=people) | Q(on_behalf_of__in=people) | text_contains("user_repr", filters.person)
        )
    return _apply_common(qs, filters, pk_field="object_pk").order_by("-timestamp", "-pk")


def object_history(obj: models.Model) -> tuple[models.QuerySet, models.QuerySet]:
    """(changes, reads) of one object, for a module's own "history" tab."""
    filters = AuditFilters(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
    return change_log_search(filters), access_log_search(filters)


@dataclass(frozen=True)
class ChangeLine:
    label: str
    old: str
    new: str


def describe_changes(entry) -> list[ChangeLine]:
    """The changes of one auditlog entry with field labels and choice names, without a query.

    (auditlog's `changes_display_dict` loads every related object: one query per row.)
    """
    model = entry.content_type.model_class()
    lines = []
    for name, values in (entry.changes_dict or {}).items():
        old, new = (list(values) + [None, None])[:2] if isinstance(values, list | tuple) else (None, values)
        label, choices = name, {}
        if model is not None:
            try:
                field = model._meta.get_field(name)
            except Exception:  # a field removed since: show its name
                field = None
            if field is not None:
                label = str(getattr(field, "verbose_name", name))
                choices = {str(k): str(v) for k, v in (getattr(field, "choices", None) or [])}
        lines.append(ChangeLine(label, _shown(old, choices), _shown(new, choices)))
    return lines


def _shown(value, choices: dict[str, str]) -> str:
    if value is None or value == "None":
        return "—"
    text = str(value)
    return choices.get(text, text)
