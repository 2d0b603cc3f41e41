"""The KPI module's manifest."""

from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.registry import (
    LEADER,
    OFFICIAL_ROLES,
    SYSTEM_ADMIN,
    UNIT_ADMIN,
    Action,
    Export,
    KpiMetric,
    Module,
    NavEntry,
    NotificationKind,
    Widget,
)

VIEW = "kpi.view"
EVALUATE = "kpi.evaluate"
APPROVE = "kpi.approve"
CONFIGURE = "kpi.configure"
COMPUTE = "kpi.compute"

module = Module(
    key="kpi",
    name=_("KPI, đánh giá"),
    icon="chart",
    order=40,
    urls="dieuhanh.modules.kpi.urls",
    url_prefix="kpi/",
    nav=[
        NavEntry(label=_("KPI, đánh giá"), url_name="kpi:index", icon="chart", action=VIEW, order=40, counter="kpi"),
    ],
    actions=[
        Action(key=VIEW, label=_("Xem và tự đánh giá KPI của mình"), roles=frozenset(OFFICIAL_ROLES)),
        Action(key=EVALUATE, label=_("Nhận xét, chấm điểm KPI của người trong đơn vị"), roles=frozenset({LEADER})),
        Action(
            key=APPROVE, label=_("Phê duyệt kết quả đánh giá KPI"), roles=frozenset({LEADER}),
            description=_("Lãnh đạo đơn vị hoặc lãnh đạo đơn vị cấp trên phê duyệt, mở lại kết quả đã duyệt."),
        ),
        Action(key=CONFIGURE, label=_("Cấu hình bộ tiêu chí, thang điểm KPI"),
               roles=frozenset({SYSTEM_ADMIN, UNIT_ADMIN})),
        Action(key=COMPUTE, label=_("Tính lại số liệu KPI, mở kỳ đánh giá"), roles=frozenset({LEADER, UNIT_ADMIN})),
    ],
    notifications=[
        NotificationKind(key="kpi.self_assess", label=_("Đến kỳ tự đánh giá KPI")),
        NotificationKind(key="kpi.review", label=_("Có phiếu KPI chờ nhận xét")),
        NotificationKind(key="kpi.approve", label=_("Có phiếu KPI chờ phê duyệt")),
        NotificationKind(key="kpi.approved", label=_("Kết quả KPI đã được phê duyệt hoặc mở lại")),
        NotificationKind(key="kpi.computed", label=_("Đã tính xong số liệu KPI"), channels=("web",)),
    ],
    kpi_metrics=[
        KpiMetric(
            key="kpi.inbox_on_time_person",
            label=_("Việc được giao hoàn thành đúng hạn (cá nhân)"),
            subject="person",
            compute="dieuhanh.modules.kpi.metrics.inbox_on_time_compute",
            items="dieuhanh.modules.kpi.metrics.inbox_on_time_items",
            description=_("Số việc trong hộp việc giao cho người đó, đến hạn trong kỳ, đã xong trước hạn, "
                          "trên tổng số việc đến hạn trong kỳ (không tính việc đã hủy)."),
        ),
        KpiMetric(
            key="kpi.inbox_on_time_unit",
            label=_("Việc giao cho đơn vị hoàn thành đúng hạn"),
            subject="unit",
            compute="dieuhanh.modules.kpi.metrics.inbox_on_time_unit_compute",
            items="dieuhanh.modules.kpi.metrics.inbox_on_time_unit_items",
            description=_("Số việc giao chung cho đơn vị, đến hạn trong kỳ, đã xong trước hạn, trên tổng số "
                          "việc đến hạn trong kỳ."),
        ),
    ],
    widgets=[
        Widget(key="kpi.mine", label=_("KPI của tôi"), template="kpi/widgets/mine.html",
               context="dieuhanh.modules.kpi.widgets.mine", action=VIEW, order=40),
    ],
    exports=[Export(key="kpi.rankings", label=_("Bảng xếp hạng KPI (Excel)"), url_name="kpi:rankings_export",
                    action=EVALUATE)],
    demo_data="dieuhanh.modules.kpi.demo.load_demo",
    demo_order=800,
)
