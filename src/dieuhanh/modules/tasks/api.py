"""The public face of the tasks module. Other modules (documents, meetings, petitions…) import
from here only.

    from dieuhanh.modules.tasks import api as tasks

    # A "Giao nhiệm vụ" button on any object's page: the form opens pre-linked to it.
    url = tasks.task_create_url(source=conclusion, user=request.user)

    # A service creating one task from an object (checks the person may assign):
    task = tasks.task_create(by=user, title="…", lead_unit=unit, due_date=date(2026, 12, 31),
                             source=document)

    # A resolution or a meeting's conclusion becomes a tracked set of tasks (supervision):
    supervision = tasks.supervision_create(by=user, source=conclusion, title="Kết luận …",
        items=[tasks.TaskSpec(title="…", lead_unit=department, due_date=date(2026, 12, 31))])

    tasks.tasks_for_source(user=user, source=conclusion)        # the tasks linked to it
    tasks.supervision_for_source(user=user, source=conclusion)  # its supervision, if any

The link to a source is generic (content type + primary key) with a snapshot of the source's
title and URL, so this module never imports the source's module.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.urls import reverse
from django.utils.http import urlencode

from .models import Status, Supervision, Task, TaskState
from .selectors import overdue_counts, supervision_for_source, tasks_for_source
from .services import TaskSpec, supervision_create, task_create

SOURCE_SALT = "dieuhanh.tasks.source"
SOURCE_MAX_AGE = 24 * 3600  # a day


def source_token(*, source, user) -> str:
    """A signed token naming `source`, bound to the user, valid for a day."""
    ct = ContentType.objects.get_for_model(source)
    return signing.dumps({"ct": ct.pk, "pk": str(source.pk), "u": user.pk}, salt=SOURCE_SALT)


def source_from_token(token: str, *, user):
    """The object a token names, or None when the token is forged, expired, for another
    person, or the object is gone."""
    try:
        data = signing.loads(token, salt=SOURCE_SALT, max_age=SOURCE_MAX_AGE)
        if data.get("u") != user.pk:
            return None
        ct = ContentType.objects.get_for_id(int(data["ct"]))
        model = ct.model_class()
        if model is None:
            return None
        return model._default_manager.filter(pk=data["pk"]).first()
    except (signing.BadSignature, KeyError, TypeError, ValueError, ContentType.DoesNotExist):
        return None


def task_create_url(*, source, user) -> str | None:
    """The URL of the new-task form pre-linked to `source` (any saved model instance with
    `get_absolute_url()` and `__str__`), or None when this person may not create tasks."""
    from .selectors import may_create

    if not may_create(user):
        return None
    return f"{reverse('tasks:create')}?{urlencode({'source': source_token(source=source, user=user)})}"


__all__ = [
    "Status",
    "Supervision",
    "Task",
    "TaskSpec",
    "TaskState",
    "overdue_counts",
    "source_from_token",
    "supervision_create",
    "supervision_for_source",
    "task_create",
    "task_create_url",
    "tasks_for_source",
]
