"""Who holds which role where. Loaded once per request and kept on the user object."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from dieuhanh.platform.registry import SYSTEM_ADMIN

_CACHE_ATTR = "_dieuhanh_roles"


@dataclass(frozen=True)
class HeldRole:
    role: str
    unit_id: int
    unit_path: str
    unit_name: str = ""
    is_primary: bool = False


def active_memberships_q(today=None) -> Q:
    today = today or timezone.localdate()
    return (Q(start_date__isnull=True) | Q(start_date__lte=today)) & (
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )


def held_roles(user) -> tuple[HeldRole, ...]:
    if not getattr(user, "is_authenticated", False):
        return ()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        from dieuhanh.platform.orgs.models import Membership

        rows = (
            Membership.objects.filter(active_memberships_q(), user=user, unit__active=True)
            .values_list("role", "unit_id", "unit__path", "unit__name", "is_primary")
        )
        cached = tuple(HeldRole(*row) for row in rows)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def role_keys(user) -> set[str]:
    keys = {h.role for h in held_roles(user)}
    if getattr(user, "is_superuser", False):
        keys.add(SYSTEM_ADMIN)
    return keys


def is_system_admin(user) -> bool:
    return SYSTEM_ADMIN in role_keys(user)
