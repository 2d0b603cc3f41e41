"""Public face of the module registry: declarations and the collected manifests."""

from .manifest import (
    ALL_ROLES,
    CITIZEN,
    CLERK,
    DELEGATE,
    LEADER,
    OFFICIAL_ROLES,
    RESPONDER,
    STAFF,
    STAFF_ROLES,
    SYSTEM_ADMIN,
    UNIT_ADMIN,
    Action,
    Export,
    KpiItem,
    KpiMetric,
    Module,
    NavEntry,
    NotificationKind,
    Periodic,
    SearchType,
    Widget,
)
from .public import (
    Attachment,
    Intake,
    IntakeReceipt,
    PublicChart,
    PublicDataset,
    PublicLink,
    Submission,
    intakes,
    public_datasets,
    public_links,
)
from .registry import (
    ManifestError,
    action,
    actions,
    application_modules,
    get,
    module_urlpatterns,
    modules,
    notification_kinds,
    websocket_urlpatterns,
)

__all__ = [
    "ALL_ROLES", "CITIZEN", "CLERK", "DELEGATE", "LEADER", "OFFICIAL_ROLES", "RESPONDER",
    "STAFF", "STAFF_ROLES", "SYSTEM_ADMIN", "UNIT_ADMIN", "Action", "Export", "KpiItem", "KpiMetric",
    "ManifestError", "Module", "NavEntry", "NotificationKind", "Periodic", "SearchType", "Widget", "action",
    "actions", "application_modules", "get", "module_urlpatterns", "modules",
    "notification_kinds", "websocket_urlpatterns",
    "Attachment", "Intake", "IntakeReceipt", "PublicChart", "PublicDataset", "PublicLink", "Submission",
    "intakes", "public_datasets", "public_links",
]
