"""Reads of the permissions part: the matrix of declared actions × roles."""

from __future__ import annotations

from dataclasses import dataclass

from dieuhanh.platform import registry
from dieuhanh.platform.registry import ALL_ROLES, SYSTEM_ADMIN

from .models import RoleGrant


@dataclass(frozen=True)
class Cell:
    action_key: str
    action_label: str
    role: str
    role_label: str
    default: bool  # what the manifest says
    granted: bool  # what applies now
    editable: bool

    @property
    def overridden(self) -> bool:
        return self.default != self.granted


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    description: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Group:
    key: str
    name: str
    rows: tuple[Row, ...]


def role_labels() -> list[tuple[str, str]]:
    """(role key, Vietnamese label) in the order of DOMAIN.md."""
    from dieuhanh.platform.orgs.models import Role

    labels = dict(Role.choices)
    return [(role, str(labels.get(role, role))) for role in ALL_ROLES]


def role_grant_overrides() -> dict[tuple[str, str], bool]:
    return {(a, r): g for a, r, g in RoleGrant.objects.values_list("action", "role", "granted")}


def permission_cell(*, action_key: str, role: str) -> Cell:
    action = registry.action(action_key)
    override = (
        RoleGrant.objects.filter(action=action_key, role=role).values_list("granted", flat=True).first()
    )
    return _cell(action, role, override, dict(role_labels()))


def _cell(action, role: str, override: bool | None, labels: dict[str, str]) -> Cell:
    names = (action.key, str(action.label), role, labels.get(role, role))
    if role == SYSTEM_ADMIN:
        return Cell(*names, default=True, granted=True, editable=False)
    default = role in action.roles
    granted = default if override is None else override
    return Cell(*names, default=default, granted=granted, editable=True)


def permission_matrix() -> list[Group]:
    """Every declared action, grouped by module in manifest order, with one cell per role.

    One query, whatever the number of actions.
    """
    overrides = role_grant_overrides()
    labels = dict(role_labels())
    groups = []
    for manifest in registry.modules():
        if not manifest.actions:
            continue
        rows = tuple(
            Row(
                key=action.key,
                label=str(action.label),
                description=str(action.description or ""),
                cells=tuple(_cell(action, role, overrides.get((action.key, role)), labels) for role in ALL_ROLES),
            )
            for action in manifest.actions
        )
        groups.append(Group(key=manifest.key, name=str(manifest.name), rows=rows))
    return groups
