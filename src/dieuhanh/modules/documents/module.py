"""Quản lý văn bản: incoming and outgoing documents, signatures, the resolutions database."""

from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.registry import (
    CLERK,
    LEADER,
    OFFICIAL_ROLES,
    STAFF,
    SYSTEM_ADMIN,
    Action,
    Export,
    KpiMetric,
    Module,
    NavEntry,
    NotificationKind,
    SearchType,
)

VIEW = "documents.view"
REGISTER = "documents.register"
DIRECT = "documents.direct"
PROCESS = "documents.process"
DRAFT = "documents.draft"
REVIEW = "documents.review"
SIGN = "documents.sign"
ISSUE = "documents.issue"
RECORDS_MANAGE = "documents.records_manage"

module = Module(
    key="documents",
    name=_("Quản lý văn bản"),
    icon="file",
    order=10,
    urls="dieuhanh.modules.documents.urls",
    url_prefix="van-ban/",
    nav=[
        NavEntry(label=_("Văn bản đến"), url_name="documents:incoming_list", icon="inbox-in", action=VIEW, order=10, counter="documents"),
        NavEntry(label=_("Văn bản đi"), url_name="documents:outgoing_list", icon="send", action=VIEW, order=11),
        NavEntry(label=_("CSDL nghị quyết, báo cáo"), url_name="documents:record_list", icon="book", action=VIEW, order=12),
    ],
    actions=[
        Action(VIEW, _("Xem văn bản của đơn vị"), roles=frozenset(OFFICIAL_ROLES | {SYSTEM_ADMIN})),
        Action(REGISTER, _("Vào sổ văn bản đến, chuyển văn bản"), roles=frozenset({CLERK})),
        Action(DIRECT, _("Cho ý kiến chỉ đạo văn bản đến"), roles=frozenset({LEADER})),
        Action(PROCESS, _("Xử lý văn bản đến"), roles=frozenset({STAFF, LEADER})),
        Action(DRAFT, _("Soạn thảo văn bản đi"), roles=frozenset({STAFF, LEADER})),
        Action(REVIEW, _("Thẩm định, duyệt văn bản đi"), roles=frozenset({LEADER})),
        Action(SIGN, _("Ký số văn bản đi"), roles=frozenset({LEADER})),
        Action(ISSUE, _("Cấp số, phát hành, thu hồi văn bản đi"), roles=frozenset({CLERK})),
        Action(RECORDS_MANAGE, _("Quản lý cơ sở dữ liệu nghị quyết, báo cáo"), roles=frozenset({CLERK, LEADER})),
    ],
    notifications=[
        NotificationKind("documents.incoming_arrived", _("Có văn bản đến cần vào sổ hoặc trình")),
        NotificationKind("documents.incoming_direct", _("Văn bản đến chờ ý kiến chỉ đạo")),
        NotificationKind("documents.incoming_assigned", _("Được giao xử lý hoặc để biết văn bản đến")),
        NotificationKind("documents.incoming_completed", _("Văn bản đến đã hoàn thành xử lý")),
        NotificationKind("documents.review_requested", _("Dự thảo văn bản chờ thẩm định, duyệt, ký")),
        NotificationKind("documents.draft_returned", _("Dự thảo văn bản bị trả lại")),
        NotificationKind("documents.ready_to_issue", _("Văn bản đã ký chờ phát hành")),
        NotificationKind("documents.recalled", _("Văn bản bị thu hồi")),
    ],
    search_types=[
        SearchType("incoming", _("Văn bản đến"), indexer="dieuhanh.modules.documents.indexers.incoming_entries"),
        SearchType("outgoing", _("Văn bản đi"), indexer="dieuhanh.modules.documents.indexers.outgoing_entries"),
        SearchType("record", _("Nghị quyết, báo cáo"), indexer="dieuhanh.modules.documents.indexers.record_entries"),
    ],
    kpi_metrics=[
        KpiMetric(
            key="documents.processed_on_time_unit",
            label=_("Văn bản đến xử lý đúng hạn (đơn vị)"),
            subject="unit",
            compute="dieuhanh.modules.documents.kpi.unit_on_time",
            items="dieuhanh.modules.documents.kpi.unit_on_time_items",
            description=_("Số phân công xử lý văn bản đến hoàn thành đúng hạn trên tổng số phân công đến hạn trong kỳ."),
        ),
        KpiMetric(
            key="documents.processed_on_time_person",
            label=_("Văn bản đến xử lý đúng hạn (cá nhân)"),
            subject="person",
            compute="dieuhanh.modules.documents.kpi.person_on_time",
            items="dieuhanh.modules.documents.kpi.person_on_time_items",
            description=_("Số phân công xử lý văn bản đến hoàn thành đúng hạn trên tổng số phân công đến hạn trong kỳ."),
        ),
    ],
    exports=[
        Export("documents.incoming_xlsx", _("Sổ văn bản đến (Excel)"), "documents:incoming_xlsx", action=VIEW),
        Export("documents.incoming_pdf", _("Sổ văn bản đến (PDF)"), "documents:incoming_pdf", action=VIEW),
    ],
    demo_data="dieuhanh.modules.documents.demo.load_demo",
    demo_order=50,  # after the signing demo (40), whose credentials sign the issued demo document
)
