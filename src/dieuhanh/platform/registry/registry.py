"""Collects the `module` object of every installed app that has a `module.py`."""

from __future__ import annotations

from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps

from .manifest import Action, Module, NotificationKind


class ManifestError(Exception):
    pass


@cache
def modules() -> tuple[Module, ...]:
    found: list[Module] = []
    for config in apps.get_app_configs():
        if find_spec(f"{config.name}.module") is None:
            continue
        manifest = getattr(import_module(f"{config.name}.module"), "module", None)
        if not isinstance(manifest, Module):
            raise ManifestError(f"{config.name}.module must define `module = Module(...)`")
        found.append(manifest)
    keys = [m.key for m in found]
    duplicated = {k for k in keys if keys.count(k) > 1}
    if duplicated:
        raise ManifestError(f"duplicate module keys: {sorted(duplicated)}")
    _check_unique("action", [a.key for m in found for a in m.actions])
    _check_unique("notification kind", [n.key for m in found for n in m.notifications])
    return tuple(sorted(found, key=lambda m: (m.order, m.key)))


def _check_unique(what: str, keys: list[str]) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise ManifestError(f"duplicate {what} {key!r}")
        seen.add(key)


def get(key: str) -> Module:
    for manifest in modules():
        if manifest.key == key:
            return manifest
    raise KeyError(key)


def application_modules() -> tuple[Module, ...]:
    return tuple(m for m in modules() if not m.platform)


@cache
def actions() -> dict[str, Action]:
    return {a.key: a for m in modules() for a in m.actions}


def action(key: str) -> Action:
    try:
        return actions()[key]
    except KeyError:
        raise ManifestError(f"no module declares the action {key!r}") from None


@cache
def notification_kinds() -> dict[str, NotificationKind]:
    return {n.key: n for m in modules() for n in m.notifications}


def module_urlpatterns() -> list:
    from django.urls import include, path

    patterns = []
    for manifest in modules():
        if manifest.urls and manifest.url_prefix is not None:
            patterns.append(path(manifest.url_prefix, include((manifest.urls, manifest.key))))
    return patterns


def websocket_urlpatterns() -> list:
    patterns = []
    for manifest in modules():
        if manifest.websocket_urls:
            patterns.extend(import_module(manifest.websocket_urls).websocket_urlpatterns)
    return patterns


def reset_cache() -> None:
    """Used by tests that install a module at run time."""
    for cached in (modules, actions, notification_kinds):
        cached.cache_clear()
