"""Writes of the audit part. Other parts call `access_log_record` when they show a
sensitive record (see the README beside this file)."""

from __future__ import annotations

import ipaddress

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from .context import current_audit_context
from .models import AccessLog


@transaction.atomic
def access_log_record(*, user, obj: models.Model, reason: str = "", request=None) -> AccessLog:
    """Record that `user` (None or anonymous for a citizen using a lookup code) read `obj`.

    `reason` says why (e.g. "Giải quyết đơn tố cáo"); `request` gives the IP address and
    the path. Inside `audit_context(on_behalf_of=...)` the row also names the principal.
    """
    if obj is None or obj.pk is None:
        raise ValueError("access_log_record needs a saved object")
    reader = user if getattr(user, "is_authenticated", False) else None
    context = current_audit_context()
    return AccessLog.objects.create(
        user=reader,
        user_repr=str(reader)[:255] if reader is not None else "",
        on_behalf_of=context.on_behalf_of if context else None,
        content_type=ContentType.objects.get_for_model(obj),
        object_pk=str(obj.pk)[:64],
        object_repr=str(obj)[:255],
        reason=(reason or "")[:255],
        ip=client_ip(request),
        path=request.get_full_path()[:500] if request is not None else "",
    )


def client_ip(request) -> str | None:
    """The address auditlog records for the same request, so both logs agree; None if invalid."""
    if request is None:
        return None
    from auditlog.middleware import AuditlogMiddleware

    value = AuditlogMiddleware._get_remote_addr(request)
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None
