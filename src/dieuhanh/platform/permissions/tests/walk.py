"""Helpers of the authorization walk: enumerate every URL pattern and build its URL.

Kept apart from the test so the enumeration can be reused (e.g. by a management command).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

from dieuhanh.platform.permissions.access import Rule, rule_of


@dataclass(frozen=True)
class WalkedPattern:
    name: str | None  # "namespace:name", or None for an unnamed pattern
    route: str  # the whole route, for people to read
    callback: object
    has_parameters: bool
    plain_path: str | None  # the URL of an unnamed pattern without parameters

    @property
    def rule(self) -> Rule | None:
        return rule_of(self.callback)

    @property
    def label(self) -> str:
        return f"{self.name or '(không tên)'} /{self.route}"

    def url(self, kwargs: dict | None) -> str:
        if self.name:
            return reverse(self.name, kwargs=kwargs or None)
        if self.plain_path is not None:
            return self.plain_path
        raise LookupError(f"cannot build a URL for the unnamed pattern /{self.route}")


def _has_parameters(pattern) -> bool:
    if isinstance(pattern, RoutePattern):
        return bool(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return pattern.regex.groups > 0
    return True  # an unknown kind of pattern: assume the worst


def _plain(pattern) -> str | None:
    if isinstance(pattern, RoutePattern):
        return str(pattern)
    if isinstance(pattern, RegexPattern) and pattern.regex.groups == 0:
        text = str(pattern).lstrip("^").rstrip("$")
        if all(ch not in text for ch in "\\[](){}*+?|.^$"):
            return text
    return None


def walk(resolver=None, namespace: str = "", prefix: str = "", plain: str | None = "/", params: bool = False):
    """Yield every URL pattern under `resolver` (the root URLconf by default), through includes."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        entry_plain = plain + piece if plain is not None and (piece := _plain(entry.pattern)) is not None else None
        entry_params = params or _has_parameters(entry.pattern)
        if isinstance(entry, URLResolver):
            child_ns = namespace
            if entry.namespace:
                child_ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry, child_ns, route, entry_plain, entry_params)
        elif isinstance(entry, URLPattern):
            name = None
            if entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield WalkedPattern(name, route, entry.callback, entry_params, None if entry_params else entry_plain)


def url_samples() -> tuple[dict, list[str]]:
    """Merge the `SAMPLES` of every `dieuhanh.*` and `tests.*` app's `tests/url_samples.py`.

    Returns (samples, problems): a key declared twice is a problem.
    """
    samples: dict = {}
    problems: list[str] = []
    for config in apps.get_app_configs():
        if not config.name.startswith(("dieuhanh.", "tests.")):
            continue
        module_name = f"{config.name}.tests.url_samples"
        try:
            found = find_spec(module_name) is not None
        except ModuleNotFoundError:
            found = False
        if not found:
            continue
        declared = getattr(import_module(module_name), "SAMPLES", {})
        for key, sample in declared.items():
            if key in samples:
                problems.append(f"{key!r} declared twice (again in {module_name})")
            samples[key] = sample
    return samples, problems
