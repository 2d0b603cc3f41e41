"""The work calendar declares itself like a module: its screens and actions."""

from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.registry import OFFICIAL_ROLES, SYSTEM_ADMIN, Action, Module, NavEntry

module = Module(
    key="workcalendar",
    name=_("Lịch làm việc"),
    icon="calendar",
    order=900,
    platform=True,
    nav=[
        NavEntry(
            label=_("Tính hạn"),
            url_name="workcalendar:calculator",
            icon="calendar",
            action="calendar.calculate",
            order=880,
        ),
        NavEntry(
            label=_("Lịch làm việc"),
            url_name="workcalendar:index",
            icon="calendar",
            action="calendar.manage",
            order=890,
        ),
    ],
    actions=[
        Action(
            key="calendar.manage",
            label=_("Quản lý lịch làm việc và quy tắc thời hạn"),
            roles=frozenset({SYSTEM_ADMIN}),
            description=_(
                "Thêm ngày nghỉ bổ sung, ngày làm việc bù và phiên bản mới của quy tắc thời hạn."
            ),
        ),
        Action(
            key="calendar.calculate",
            label=_("Tính hạn theo quy tắc"),
            roles=frozenset(OFFICIAL_ROLES),
        ),
    ],
)
