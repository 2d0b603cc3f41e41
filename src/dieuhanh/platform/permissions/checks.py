"""Can this person take this action, anywhere or in this unit? Default deny."""

from __future__ import annotations

import threading
import uuid
from functools import lru_cache

from dieuhanh.platform import registry

from .roles import held_roles, is_system_admin


def granted_roles(action_key: str) -> frozenset[str]:
    """The manifest's roles for the action, adjusted by administrators' grants."""
    return _granted_roles_cached(action_key, _grants_version())


@lru_cache(maxsize=4096)
def _granted_roles_cached(action_key: str, version: str) -> frozenset[str]:
    roles = set(registry.action(action_key).roles)
    for role, granted in _grants(version).get(action_key, ()):
        (roles.add if granted else roles.discard)(role)
    return frozenset(roles)


@lru_cache(maxsize=8)
def _grants(_version: str) -> dict[str, list[tuple[str, bool]]]:
    """Every administrator's grant, read in one query per grants version: a page checks
    a dozen actions for its navigation and widgets."""
    from .models import RoleGrant

    grants: dict[str, list[tuple[str, bool]]] = {}
    for action, role, granted in RoleGrant.objects.values_list("action", "role", "granted"):
        grants.setdefault(action, []).append((role, granted))
    return grants


_VERSION_KEY = "permissions:grants-version"
# Within one request the version is read from the cache once, not once per check: a page
# asks user_can for every navigation entry and widget.
_request = threading.local()


def _grants_version() -> str:
    """A token that changes whenever grants change. It is never reused (a fresh random value,
    not a counter), so a cache that was flushed or evicted cannot revive stale grants kept in
    a process's memory under an old token."""
    from django.core.cache import cache

    version = getattr(_request, "version", None)
    if version is not None:
        return version
    version = cache.get(_VERSION_KEY)
    if version is None:
        cache.add(_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(_VERSION_KEY)
    if getattr(_request, "active", False):
        _request.version = version
    return version


def bump_grants_version() -> None:
    from django.core.cache import cache

    cache.set(_VERSION_KEY, uuid.uuid4().hex, None)
    _request.version = None


class RequestScopeMiddleware:
    """Marks the span of one request, so that the grants version is read once in it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request.active, _request.version = True, None
        try:
            return self.get_response(request)
        finally:
            _request.active, _request.version = False, None


def user_can(user, action_key: str, unit=None) -> bool:
    """True if the user holds a granted role in `unit` or in a unit above it.

    Without a unit, any unit will do: that answers "may this person open the page at all".
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_system_admin(user):
        return True
    allowed = granted_roles(action_key)
    for held in held_roles(user):
        if held.role in allowed and (unit is None or unit.path.startswith(held.unit_path)):
            return True
    return False


def units_where(user, action_key: str):
    """OrgUnits (with their subtrees) in which the user may take the action."""
    from django.db.models import Q

    from dieuhanh.platform.orgs.models import OrgUnit

    if is_system_admin(user):
        return OrgUnit.objects.all()
    allowed = granted_roles(action_key)
    paths = {h.unit_path for h in held_roles(user) if h.role in allowed}
    if not paths:
        return OrgUnit.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return OrgUnit.objects.filter(condition)
