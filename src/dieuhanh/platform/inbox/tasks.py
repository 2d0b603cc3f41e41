"""Background work of the inbox: refreshing the live nav counters of the people concerned."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tasks import task

from dieuhanh.platform import registry
from dieuhanh.platform.notifications import push_event

from .selectors import counts_by_module

TOTAL_KEY = "inbox:inbox"


def counts_payload(user) -> dict:
    counts = counts_by_module(user)
    payload = {f"inbox:{m.key}": 0 for m in registry.modules()}
    payload.update({f"inbox:{key}": n for key, n in counts.items()})
    payload[TOTAL_KEY] = sum(counts.values())
    return {"type": "inbox.counts", "counts": payload}


def push_counts_now(user_ids: list[int]) -> None:
    for user in get_user_model().objects.filter(pk__in=user_ids, is_active=True):
        push_event(user.pk, counts_payload(user))


@task()
def push_inbox_counts(user_ids: list[int]) -> None:
    push_counts_now(user_ids)
