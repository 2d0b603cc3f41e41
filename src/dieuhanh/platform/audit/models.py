"""The access log: who read which sensitive record, when, why and from where.

Changes are recorded by django-auditlog (`auditlog.LogEntry`); reads are recorded here, by
the services that show a denunciator's identity, a secret document or citizens' personal data.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessLog(models.Model):
    timestamp = models.DateTimeField(_("Thời điểm"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người xem"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    user_repr = models.CharField(_("Tên người xem"), max_length=255, blank=True)
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Thay mặt"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("Loại đối tượng"), on_delete=models.PROTECT, related_name="+"
    )
    object_pk = models.CharField(_("Mã đối tượng"), max_length=64)
    object_repr = models.CharField(_("Đối tượng"), max_length=255)
    reason = models.CharField(_("Lý do"), max_length=255, blank=True)
    ip = models.GenericIPAddressField(_("Địa chỉ IP"), null=True, blank=True)
    path = models.CharField(_("Đường dẫn"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Nhật ký truy cập")
        verbose_name_plural = _("Nhật ký truy cập")
        ordering = ["-timestamp", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_pk"], name="accesslog_object"),
            models.Index(fields=["user", "timestamp"], name="accesslog_user_time"),
        ]

    def __str__(self) -> str:
        return f"{self.user_repr or '—'} → {self.object_repr} ({self.timestamp:%d/%m/%Y %H:%M})"
