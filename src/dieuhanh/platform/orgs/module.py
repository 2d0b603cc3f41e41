"""Organisations and people declare themselves like a module: actions and navigation."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dieuhanh.platform.registry import (
    OFFICIAL_ROLES,
    SYSTEM_ADMIN,
    UNIT_ADMIN,
    Action,
    Module,
    NavEntry,
)

VIEW_DIRECTORY = "orgs.view_directory"
MANAGE_PEOPLE = "orgs.manage_people"
MANAGE_UNITS = "orgs.manage_units"

module = Module(
    key="orgs",
    name=_("Cơ quan, đơn vị"),
    icon="org",
    platform=True,
    order=900,
    nav=[
        NavEntry(
            label=_("Cơ quan, đơn vị"), url_name="orgs:unit_list", icon="org",
            action=VIEW_DIRECTORY, order=900,
        ),
        NavEntry(
            label=pgettext_lazy("danh sách", "Đại biểu"), url_name="orgs:delegate_list", icon="people",
            action=VIEW_DIRECTORY, order=901,
        ),
        NavEntry(
            label=_("Quản lý cán bộ"), url_name="orgs:person_list", icon="user",
            action=MANAGE_PEOPLE, order=902,
        ),
    ],
    actions=[
        Action(
            key=VIEW_DIRECTORY,
            label=_("Xem danh bạ cơ quan, đơn vị và đại biểu"),
            roles=frozenset(OFFICIAL_ROLES),
        ),
        Action(
            key=MANAGE_PEOPLE,
            label=_("Quản lý cán bộ và vai trò trong đơn vị"),
            roles=frozenset({SYSTEM_ADMIN, UNIT_ADMIN}),
            description=_(
                "Thêm, sửa người dùng, cấp và thu hồi vai trò, nhập danh sách từ Excel "
                "trong đơn vị mình và các đơn vị trực thuộc."
            ),
        ),
        Action(
            key=MANAGE_UNITS,
            label=_("Quản lý cơ cấu tổ chức"),
            roles=frozenset({SYSTEM_ADMIN, UNIT_ADMIN}),
            description=_("Thêm, sửa các đơn vị trực thuộc đơn vị mình."),
        ),
    ],
)
