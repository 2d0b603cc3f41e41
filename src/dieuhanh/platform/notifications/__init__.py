"""Notifications: the small public face other parts call.

    from dieuhanh.platform import notifications
    notifications.notify(recipients=[user], kind="documents.incoming_assigned",
                         title="Văn bản đến cần xử lý: …", url=doc_url, actor=request.user, obj=doc)
    notifications.push_event(user.pk, {"counts": {"inbox:documents": 3}})

`notify` writes in the caller's transaction; the live event and the email leave after the
commit. Nothing here imports models at import time (this package is also the Django app).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    actor=None,
    obj=None,
):
    """One notification per recipient (users or ids); live push and email after commit."""
    from .services import notify as _notify

    return _notify(
        recipients=recipients, kind=kind, title=title, body=body, url=url, actor=actor, obj=obj
    )


def push_event(user_id: int, payload: dict[str, Any]) -> None:
    """A transient live event (no sequence number), sent after commit, e.g. inbox counts."""
    from .services import push_event as _push_event

    _push_event(user_id, payload)


def unread_count(user) -> int:
    from .selectors import unread_count as _unread_count

    return _unread_count(user)


__all__ = ["notify", "push_event", "unread_count"]
