"""Reads for the accounts pages."""

from __future__ import annotations

from django.db.models import QuerySet

from dieuhanh.platform.permissions.roles import active_memberships_q


def profile_memberships(*, user) -> QuerySet:
    """The person's current memberships (unit and role), primary unit first."""
    from dieuhanh.platform.orgs.models import Membership

    return (
        Membership.objects.filter(active_memberships_q(), user=user)
        .select_related("unit")
        .order_by("-is_primary", "unit__path", "role")
    )


def mfa_status(*, user) -> dict[str, bool]:
    """Which second factors the person has set up."""
    from allauth.mfa.models import Authenticator

    types = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    return {
        "totp": Authenticator.Type.TOTP in types,
        "webauthn": Authenticator.Type.WEBAUTHN in types,
        "recovery_codes": Authenticator.Type.RECOVERY_CODES in types,
    }
