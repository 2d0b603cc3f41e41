"""Every view declares who may use it. A view without a declaration fails the URL walk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .checks import user_can
from .roles import is_system_admin


@dataclass(frozen=True)
class Rule:
    key: str
    predicate: Callable[[object], bool]

    def allows(self, user) -> bool:
        return bool(self.predicate(user))


PUBLIC = Rule("public", lambda user: True)
AUTHENTICATED = Rule("authenticated", lambda user: bool(getattr(user, "is_authenticated", False)))
SYSTEM_ADMIN_ONLY = Rule("system_admin", lambda user: is_system_admin(user))


def can(action_key: str) -> Rule:
    return Rule(action_key, lambda user: user_can(user, action_key))


def any_of(*rules: Rule) -> Rule:
    return Rule("|".join(r.key for r in rules), lambda user: any(r.allows(user) for r in rules))


def _as_rule(rule: Rule | str) -> Rule:
    return rule if isinstance(rule, Rule) else can(rule)


def _check(request, rule: Rule):
    if rule.allows(request.user):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def access(rule: Rule | str):
    """Declare and enforce who may use a view (function or class-based)."""
    rule = _as_rule(rule)

    def decorate(view):
        if isinstance(view, type):
            original = view.dispatch

            @wraps(original)
            def dispatch(self, request, *args, **kwargs):
                return _check(request, rule) or original(self, request, *args, **kwargs)

            view.dispatch = dispatch
            view.access_rule = rule
            return view

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            return _check(request, rule) or view(request, *args, **kwargs)

        wrapped.access_rule = rule
        return wrapped

    return decorate


def rule_of(callback) -> Rule | None:
    rule = getattr(callback, "access_rule", None)
    if rule is None and hasattr(callback, "view_class"):
        rule = getattr(callback.view_class, "access_rule", None)
    return rule


def guard(view, rule: Rule | str):
    """Wrap a third-party view (allauth, Django) with a declared rule."""
    return access(rule)(view)
