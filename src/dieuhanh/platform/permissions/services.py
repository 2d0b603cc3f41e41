"""Writes of the permissions part: administrators adjusting the manifests' default grants."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from dieuhanh.platform import registry
from dieuhanh.platform.audit.context import audit_context
from dieuhanh.platform.registry import ALL_ROLES, SYSTEM_ADMIN
from dieuhanh.platform.ui.errors import UserError

from .checks import bump_grants_version, user_can
from .models import RoleGrant

MANAGE_ACTION = "permissions.manage"


@transaction.atomic
def role_grant_set(*, actor, action_key: str, role: str, granted: bool | None) -> RoleGrant | None:
    """Allow (`True`) or refuse (`False`) `role` the action, or restore the manifest's default
    (`None`). Returns the stored override, or None when the role is back to the default.

    A grant equal to the manifest's default is not stored, so a later change of the manifest
    still reaches every role nobody adjusted. The change is recorded by auditlog (RoleGrant is
    registered) and takes effect in every process at once (`bump_grants_version`).
    """
    if not user_can(actor, MANAGE_ACTION):
        raise PermissionDenied
    try:
        action = registry.action(action_key)
    except registry.ManifestError:
        raise UserError(_("Thao tác “%(key)s” không tồn tại.") % {"key": action_key}) from None
    if role not in ALL_ROLES:
        raise UserError(_("Vai trò “%(role)s” không tồn tại.") % {"role": role})
    if role == SYSTEM_ADMIN:
        raise UserError(_("Quản trị hệ thống luôn có mọi quyền; không thể thay đổi."))

    with audit_context(actor=actor):
        result = _store(action_key, role, granted, default=role in action.roles)

    # Bump now, so this process sees the change inside the transaction, and again after
    # commit, so no other process keeps what it read before the commit.
    bump_grants_version()
    transaction.on_commit(bump_grants_version)
    return result


def _store(action_key: str, role: str, granted: bool | None, *, default: bool) -> RoleGrant | None:
    existing = RoleGrant.objects.select_for_update().filter(action=action_key, role=role).first()
    result: RoleGrant | None
    if granted is None or granted == default:
        if existing is not None:
            existing.delete()  # auditlog records the deletion
        result = None
    elif existing is None:
        result = RoleGrant.objects.create(action=action_key, role=role, granted=granted)
    elif existing.granted != granted:
        existing.granted = granted
        existing.save(update_fields=["granted"])
        result = existing
    else:
        result = existing
    return result
