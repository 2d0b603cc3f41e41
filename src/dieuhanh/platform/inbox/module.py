from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.registry import (
    LEADER,
    OFFICIAL_ROLES,
    SYSTEM_ADMIN,
    UNIT_ADMIN,
    Action,
    Module,
    NavEntry,
)

module = Module(
    key="inbox",
    name=_("Việc của tôi"),
    icon="inbox",
    platform=True,
    order=1,
    nav=[
        NavEntry(
            label=_("Việc của tôi"),
            url_name="inbox:index",
            icon="inbox",
            action="inbox.view",
            order=1,
            counter="*",  # "*": the total of every module's open items
        )
    ],
    actions=[
        Action(
            key="inbox.view",
            label=_("Xem việc của tôi và ủy quyền khi vắng mặt"),
            roles=frozenset(OFFICIAL_ROLES | {SYSTEM_ADMIN}),
        ),
        Action(
            key="inbox.delegation_manage",
            label=_("Ủy quyền thay cho thành viên đơn vị vắng mặt"),
            roles=frozenset({UNIT_ADMIN, LEADER}),
            description=_("Ghi nhận ủy quyền khi một thành viên của đơn vị vắng mặt đột xuất."),
        ),
    ],
    demo_data="dieuhanh.platform.inbox.demo.load_demo",
    demo_order=900,  # after the modules, whose demo data opens work items
    extras={"counts_by_module": "dieuhanh.platform.inbox.selectors.counts_by_module"},
)
