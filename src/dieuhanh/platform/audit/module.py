"""The audit part declares its action and navigation entry like a module."""

from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.registry import SYSTEM_ADMIN, Action, Module, NavEntry

module = Module(
    key="audit",
    name=_("Nhật ký hệ thống"),
    platform=True,
    order=920,
    nav=[
        NavEntry(
            label=_("Nhật ký hệ thống"),
            url_name="audit:index",
            icon="log",
            action="audit.view",
            order=920,
        )
    ],
    actions=[
        Action(
            key="audit.view",
            label=_("Xem nhật ký thay đổi và nhật ký truy cập"),
            roles=frozenset({SYSTEM_ADMIN}),
        )
    ],
)
