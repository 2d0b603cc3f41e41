"""Who is acting, and for whom: `audit_context(actor, on_behalf_of)`.

Inside a request, auditlog's middleware already records the logged-in user as the actor of
every change. When that person acts for someone else (a delegation from the inbox, a clerk
registering for a leader) or when there is no request (a background task), wrap the work:

    with audit_context(on_behalf_of=leader):          # in a view: actor = request.user
        document_forward(...)

    with audit_context(actor=user, on_behalf_of=leader):   # in a task: no request
        task_close(...)

Every auditlog entry written inside the block then carries `actor` (when given) and
`additional_data["on_behalf_of"] = {"id", "username", "name"}`, and every `AccessLog` row
written by `access_log_record` carries `on_behalf_of`. Blocks nest: an inner block inherits
what it does not set, and what it sets wins.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

_current: ContextVar[AuditContext | None] = ContextVar("dieuhanh_audit_context", default=None)


@dataclass(frozen=True)
class AuditContext:
    actor: Any = None
    on_behalf_of: Any = None


@contextlib.contextmanager
def audit_context(actor=None, on_behalf_of=None):
    """Attribute every audit record written inside the block to `actor`, acting for
    `on_behalf_of`. Either may be None: it is then inherited from an enclosing block, and
    `actor` finally falls back to the request's user (auditlog's middleware)."""
    outer = _current.get()
    if outer is not None:
        actor = actor if actor is not None else outer.actor
        on_behalf_of = on_behalf_of if on_behalf_of is not None else outer.on_behalf_of
    context = AuditContext(actor=_user_or_none(actor), on_behalf_of=_user_or_none(on_behalf_of))
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


def current_audit_context() -> AuditContext | None:
    return _current.get()


def person_summary(user) -> dict[str, Any]:
    """What is kept of a person in a log: enough to find them even after a rename."""
    return {"id": user.pk, "username": user.get_username(), "name": str(user)}


def stamp_log_entry(sender, instance, **kwargs) -> None:
    """pre_save receiver on auditlog's LogEntry: apply the current audit context."""
    context = _current.get()
    if context is None or instance.pk is not None:
        return
    if context.actor is not None:
        instance.actor = context.actor
        instance.actor_email = getattr(context.actor, "email", None) or None
    if context.on_behalf_of is not None:
        data = dict(instance.additional_data or {}) if isinstance(instance.additional_data, dict) else {}
        data["on_behalf_of"] = person_summary(context.on_behalf_of)
        instance.additional_data = data


def _user_or_none(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user
