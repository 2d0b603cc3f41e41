"""The tasks module (theo dõi nhiệm vụ): what it contributes to the platform."""

from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.registry import (
    LEADER,
    OFFICIAL_ROLES,
    STAFF,
    SYSTEM_ADMIN,
    UNIT_ADMIN,
    Action,
    Export,
    KpiMetric,
    Module,
    NavEntry,
    NotificationKind,
    Periodic,
    SearchType,
    Widget,
)

VIEW = "tasks.view"
ASSIGN = "tasks.assign"
CREATE_OWN = "tasks.create_own"
VIEW_UNIT = "tasks.view_unit"
SUPERVISE = "tasks.supervise"

module = Module(
    key="tasks",
    name=_("Theo dõi nhiệm vụ"),
    icon="check",
    order=20,
    urls="dieuhanh.modules.tasks.urls",
    url_prefix="tasks/",
    nav=[
        NavEntry(label=_("Nhiệm vụ"), url_name="tasks:mine", icon="check", action=VIEW, order=20,
                 counter="tasks"),
        NavEntry(label=_("Điều hành nhiệm vụ"), url_name="tasks:dashboard", icon="chart",
                 action=VIEW_UNIT, order=21),
        NavEntry(label=_("Giám sát nghị quyết"), url_name="tasks:supervisions", icon="eye",
                 action=SUPERVISE, order=22),
    ],
    actions=[
        Action(key=VIEW, label=_("Xem và thực hiện nhiệm vụ được giao"),
               roles=frozenset(OFFICIAL_ROLES | {SYSTEM_ADMIN}),
               description=_("Xem nhiệm vụ mình hoặc đơn vị mình chủ trì, phối hợp hoặc đã giao; "
                             "báo cáo tiến độ, đề nghị gia hạn, báo cáo hoàn thành.")),
        Action(key=ASSIGN, label=_("Giao nhiệm vụ cho đơn vị, cá nhân"),
               roles=frozenset({LEADER}),
               description=_("Lãnh đạo giao nhiệm vụ, xác nhận hoàn thành, trả lại, quyết định gia hạn, "
                             "tạm dừng hoặc hủy nhiệm vụ đã giao.")),
        Action(key=CREATE_OWN, label=_("Tạo nhiệm vụ cá nhân và nhiệm vụ con"),
               roles=frozenset({LEADER, STAFF}),
               description=_("Chuyên viên tự tạo nhiệm vụ cho mình và chia nhỏ nhiệm vụ mình chủ trì.")),
        Action(key=VIEW_UNIT, label=_("Xem nhiệm vụ và bảng điều hành của đơn vị"),
               roles=frozenset({LEADER, UNIT_ADMIN})),
        Action(key=SUPERVISE, label=_("Giám sát việc thực hiện nghị quyết, kết luận"),
               roles=frozenset({LEADER}),
               description=_("Thường trực HĐND theo dõi các nhiệm vụ từ nghị quyết, kết luận giám sát.")),
    ],
    notifications=[
        NotificationKind(key="tasks.assigned", label=_("Được giao nhiệm vụ")),
        NotificationKind(key="tasks.returned", label=_("Nhiệm vụ bị trả lại")),
        NotificationKind(key="tasks.extension_decided", label=_("Kết quả đề nghị gia hạn")),
        NotificationKind(key="tasks.reminder", label=_("Nhắc hạn nhiệm vụ")),
        NotificationKind(key="tasks.overdue", label=_("Nhiệm vụ quá hạn")),
        NotificationKind(key="tasks.confirmed", label=_("Nhiệm vụ được xác nhận hoàn thành")),
    ],
    search_types=[
        SearchType(key="task", label=_("Nhiệm vụ"), weights={"title": "A", "body": "C"},
                   indexer="dieuhanh.modules.tasks.indexing.task_entries"),
    ],
    kpi_metrics=[
        KpiMetric(key="tasks.on_time_unit", label=_("Tỷ lệ nhiệm vụ hoàn thành đúng hạn (đơn vị)"),
                  subject="unit", compute="dieuhanh.modules.tasks.metrics.on_time_unit",
                  items="dieuhanh.modules.tasks.metrics.on_time_unit_items",
                  description=_("Nhiệm vụ đơn vị chủ trì có hạn trong kỳ: số hoàn thành đúng hạn "
                                "trên tổng số nhiệm vụ có hạn trong kỳ.")),
        KpiMetric(key="tasks.on_time_person", label=_("Tỷ lệ nhiệm vụ hoàn thành đúng hạn (cá nhân)"),
                  subject="person", compute="dieuhanh.modules.tasks.metrics.on_time_person",
                  items="dieuhanh.modules.tasks.metrics.on_time_person_items",
                  description=_("Nhiệm vụ người đó chủ trì (được giao trực tiếp hoặc được đơn vị "
                                "phân công) có hạn trong kỳ.")),
        KpiMetric(key="tasks.overdue_rate_unit", label=_("Tỷ lệ nhiệm vụ quá hạn (đơn vị)"),
                  subject="unit", compute="dieuhanh.modules.tasks.metrics.overdue_rate_unit",
                  items="dieuhanh.modules.tasks.metrics.overdue_rate_unit_items",
                  kind="rate", higher_is_better=False,
                  description=_("Nhiệm vụ quá hạn (còn mở sau hạn, hoặc hoàn thành sau hạn) trên "
                                "số nhiệm vụ có hạn trong kỳ.")),
    ],
    widgets=[
        Widget(key="tasks.mine", label=_("Nhiệm vụ quá hạn và sắp đến hạn"),
               template="tasks/widgets/mine.html",
               context="dieuhanh.modules.tasks.widgets.mine_widget", action=VIEW, order=20),
    ],
    exports=[
        Export(key="tasks.xlsx", label=_("Danh sách nhiệm vụ (Excel)"), url_name="tasks:export_xlsx",
               action=VIEW),
        Export(key="tasks.report_docx", label=_("Báo cáo tình hình thực hiện nhiệm vụ (Word)"),
               url_name="tasks:report_docx", action=VIEW_UNIT),
    ],
    periodic=[
        Periodic(key="tasks.daily_reminders", task="dieuhanh.modules.tasks.tasks.daily_reminders",
                 at="06:30", label=_("Nhắc hạn và báo quá hạn nhiệm vụ")),
    ],
    demo_data="dieuhanh.modules.tasks.demo.load_demo",
    demo_order=50,
)
