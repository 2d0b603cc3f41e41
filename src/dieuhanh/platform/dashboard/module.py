from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.registry import Module, NavEntry, Widget

module = Module(
    key="dashboard",
    name=_("Tổng quan"),
    platform=True,
    order=0,
    nav=[NavEntry(label=_("Tổng quan"), url_name="dashboard:index", icon="home", order=0)],
    widgets=[
        Widget(
            key="dashboard.due_trend",
            label=_("Hạn xử lý công việc"),
            template="dashboard/widgets/due_trend.html",
            context="dieuhanh.platform.dashboard.widgets.due_trend_widget",
            action="inbox.view",
            order=10,
            width=2,
        ),
        Widget(
            key="dashboard.module_counts",
            label=_("Việc theo phân hệ"),
            template="dashboard/widgets/module_counts.html",
            context="dieuhanh.platform.dashboard.widgets.module_counts_widget",
            action="inbox.view",
            order=20,
        ),
    ],
)
