"""`rules` predicates for every declared action, so `user.has_perm(key, obj)` agrees with
`user_can(user, key, unit)`.

The object passed to `has_perm` may be None (anywhere), an `OrgUnit`, or any object with a
`unit` attribute holding an `OrgUnit` (a document, a task…). Any other object is refused:
the default is deny.
"""

from __future__ import annotations

import rules

from dieuhanh.platform import registry

from .checks import user_can


def unit_of(obj):
    """The OrgUnit an object belongs to, or raise TypeError when it has none."""
    from dieuhanh.platform.orgs.models import OrgUnit

    if obj is None or isinstance(obj, OrgUnit):
        return obj
    unit = getattr(obj, "unit", None)
    if isinstance(unit, OrgUnit):
        return unit
    raise TypeError(f"{type(obj).__name__} has no org unit")


def action_predicate(action_key: str) -> rules.Predicate:
    def check(user, obj=None) -> bool:
        try:
            unit = unit_of(obj)
        except TypeError:
            return False
        return user_can(user, action_key, unit)

    return rules.Predicate(check, name=f"can:{action_key}")


def register_action_rules() -> list[str]:
    """(Re-)register one rule per declared action. Returns the keys registered.

    Called from `PermissionsConfig.ready()`; tests that install a module at run time call it
    again after `registry.reset_cache()`.
    """
    keys = []
    for key in registry.actions():
        rules.set_perm(key, action_predicate(key))
        keys.append(key)
    return keys
