"""Permissions declares itself like a module: one action and its navigation entry."""

from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.registry import SYSTEM_ADMIN, Action, Module, NavEntry

module = Module(
    key="permissions",
    name=_("Phân quyền"),
    platform=True,
    order=910,
    nav=[
        NavEntry(
            label=_("Phân quyền"),
            url_name="permissions:matrix",
            icon="key",
            action="permissions.manage",
            order=910,
        )
    ],
    actions=[
        Action(
            key="permissions.manage",
            label=_("Quản lý phân quyền theo vai trò"),
            roles=frozenset({SYSTEM_ADMIN}),
            description=_("Cấp hoặc thu hồi thao tác của từng vai trò trên toàn hệ thống."),
        )
    ],
)
