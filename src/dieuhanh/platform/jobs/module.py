
from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.registry import SYSTEM_ADMIN, Action, Module, NavEntry, Periodic, Widget

module = Module(
    key="jobs",
    name=_("Tác vụ nền"),
    platform=True,
    order=950,
    nav=[NavEntry(label=_("Tác vụ nền"), url_name="jobs:index", icon="gear", action="jobs.manage", order=950)],
    actions=[
        Action(
            key="jobs.manage",
            label=_("Theo dõi và chạy lại tác vụ nền"),
            roles=frozenset({SYSTEM_ADMIN}),
            description=_("Xem tác vụ nền, lỗi, lịch định kỳ và chạy lại tác vụ thất bại."),
        )
    ],
    widgets=[
        Widget(
            key="jobs.failures",
            label=_("Tác vụ nền thất bại"),
            template="jobs/widget_failures.html",
            context="dieuhanh.platform.jobs.selectors.failures_widget",
            action="jobs.manage",
            order=900,
        )
    ],
    periodic=[
        Periodic(key="jobs.prune_history", task="dieuhanh.platform.jobs.tasks.prune_history", at="03:15",
                 label=_("Dọn kết quả tác vụ cũ")),
    ],
)
