"""Reads of the signing part, scoped to the person asking."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from dieuhanh.platform.permissions.checks import units_where
from dieuhanh.platform.permissions.roles import is_system_admin

from .models import SigningCredential

MANAGE_ACTION = "signing.credential_manage"
SEAL_ACTION = "signing.seal_use"


def credentials_visible_to(user) -> QuerySet[SigningCredential]:
    """Credentials the person may see: their own, the seals they may use, and those of the
    people and units they administer."""
    base = SigningCredential.objects.select_related("owner_user", "owner_unit").defer("pkcs12", "image")
    if not getattr(user, "is_authenticated", False):
        return base.none()
    if is_system_admin(user):
        return base
    managed = units_where(user, MANAGE_ACTION)
    seals = units_where(user, SEAL_ACTION)
    return base.filter(
        Q(owner_user=user)
        | Q(owner_unit__in=managed)
        | Q(owner_unit__in=seals)
        | Q(owner_user__memberships__unit__in=managed)
    ).distinct()


def credentials_usable_by(user, *, kind: str | None = None) -> QuerySet[SigningCredential]:
    """Active credentials the person may sign with now: their own personal ones and the seals
    of units where they hold `signing.seal_use`."""
    from django.utils import timezone

    if not getattr(user, "is_authenticated", False):
        return SigningCredential.objects.none()
    now = timezone.now()
    qs = SigningCredential.objects.filter(
        Q(owner_user=user) | Q(owner_unit__in=units_where(user, SEAL_ACTION)),
        active=True, revoked_at__isnull=True, not_before__lte=now, not_after__gt=now,
    ).select_related("owner_user", "owner_unit")
    if kind:
        qs = qs.filter(kind=kind)
    return qs
