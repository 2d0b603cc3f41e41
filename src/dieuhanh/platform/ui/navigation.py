"""The module navigation, built from the manifests and filtered by what the person may do."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from dieuhanh.platform import registry
from dieuhanh.platform.permissions.checks import user_can
from dieuhanh.platform.permissions.roles import role_keys
from dieuhanh.platform.registry import OFFICIAL_ROLES, SYSTEM_ADMIN


@dataclass
class NavLink:
    key: str
    label: str
    url: str
    icon: str
    active: bool
    count: int | None
    platform: bool


def _visible(user, entry) -> bool:
    if entry.action:
        return user_can(user, entry.action)
    return bool(role_keys(user) & (OFFICIAL_ROLES | {SYSTEM_ADMIN}))


def navigation_for(request) -> list[NavLink]:
    user = request.user
    counts = _inbox_counts(request)
    links: list[NavLink] = []
    for manifest in registry.modules():
        for entry in sorted(manifest.nav, key=lambda e: e.order):
            if not _visible(user, entry):
                continue
            try:
                url = reverse(entry.url_name)
            except NoReverseMatch:
                continue
            links.append(
                NavLink(
                    key=manifest.key,
                    label=str(entry.label),
                    url=url,
                    icon=entry.icon,
                    active=request.path.startswith(url) and (url != "/" or request.path == "/"),
                    count=_count(counts, entry.counter),
                    platform=manifest.platform,
                )
            )
    return links


COUNTER_TOTAL = "*"  # a NavEntry with this counter shows the total of every module


def _count(counts: dict[str, int], counter: str | None) -> int | None:
    if not counter:
        return None
    if counter == COUNTER_TOTAL:
        return sum(counts.values())
    return counts.get(counter, 0)


def _inbox_counts(request) -> dict[str, int]:
    """Open work items per module, from the inbox's public selector when it is installed."""
    counter = registry.get("inbox").extras.get("counts_by_module") if _has("inbox") else None
    if counter is None:
        return {}
    if isinstance(counter, str):
        from django.utils.module_loading import import_string

        counter = import_string(counter)
    return counter(request.user)


def _has(key: str) -> bool:
    try:
        registry.get(key)
    except KeyError:
        return False
    return True
