from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Platform models whose changes are recorded by django-auditlog, with the fields never
# recorded (secrets, and fields that change on every login). Modules register their own.
AUDITED_PLATFORM_MODELS: dict[str, dict] = {
    "accounts.User": {"exclude_fields": ["password", "last_login"]},
    "orgs.OrgUnit": {},
    "orgs.Membership": {},
    "orgs.Term": {},
    "orgs.Constituency": {},
    "orgs.Delegate": {},
    "permissions.RoleGrant": {},
    "mfa.Authenticator": {"exclude_fields": ["data", "last_used_at"]},
}


class AuditConfig(AppConfig):
    name = "dieuhanh.platform.audit"
    label = "audit"
    verbose_name = _("Nhật ký")

    def ready(self) -> None:
        from auditlog import get_logentry_model
        from auditlog.registry import auditlog
        from django.db.models.signals import pre_save

        from .context import stamp_log_entry

        for label, options in AUDITED_PLATFORM_MODELS.items():
            auditlog.register(self.apps.get_model(label), **options)
        pre_save.connect(stamp_log_entry, sender=get_logentry_model(), dispatch_uid="dieuhanh-audit-context")
