"""The signing part declares its actions, its pages and its demo data like a module."""

from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.registry import (
    CLERK,
    LEADER,
    OFFICIAL_ROLES,
    SYSTEM_ADMIN,
    UNIT_ADMIN,
    Action,
    Module,
    NavEntry,
)

module = Module(
    key="signing",
    name=_("Chữ ký số"),
    platform=True,
    order=880,
    urls="dieuhanh.platform.signing.urls",
    url_prefix="chu-ky-so/",
    nav=[
        NavEntry(
            label=_("Chữ ký số"), url_name="signing:credentials", icon="key",
            action="signing.credential_own", order=880,
        ),
    ],
    actions=[
        Action(
            key="signing.credential_own",
            label=_("Đăng ký và quản lý chứng thư số của mình"),
            roles=frozenset(OFFICIAL_ROLES),
        ),
        Action(
            key="signing.credential_manage",
            label=_("Quản lý chứng thư số của người và đơn vị trong đơn vị mình"),
            roles=frozenset({SYSTEM_ADMIN, UNIT_ADMIN}),
        ),
        Action(
            key="signing.seal_use",
            label=_("Đóng dấu số của đơn vị (ký bằng chứng thư số của cơ quan)"),
            roles=frozenset({CLERK, LEADER}),
            description=_("Theo Nghị định 30/2020/NĐ-CP, văn thư quản lý và sử dụng con dấu, thiết bị lưu khóa bí mật của cơ quan."),
        ),
        Action(
            key="signing.validate",
            label=_("Kiểm tra chữ ký số của tệp PDF"),
            roles=frozenset(OFFICIAL_ROLES),
        ),
    ],
    demo_data="dieuhanh.platform.signing.demo.demo_credentials",
    demo_order=40,
)
