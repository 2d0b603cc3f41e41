"""Bookkeeping of background work. The task results themselves are django_tasks_db's
`DBTaskResult` rows; these tables add what it does not know: schedules and manual retries."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """One due time of one periodic job. The unique constraint is what makes a due time
    enqueued at most once, whatever the number of worker processes."""

    key = models.CharField(_("Mã lịch"), max_length=100)
    due_at = models.DateTimeField(_("Thời điểm đến hạn"))
    enqueued_at = models.DateTimeField(_("Thời điểm đưa vào hàng đợi"), auto_now_add=True)
    result_id = models.CharField(_("Mã kết quả tác vụ"), max_length=64, blank=True)
    worker_id = models.CharField(_("Tiến trình"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("Lần chạy theo lịch")
        verbose_name_plural = _("Lần chạy theo lịch")
        ordering = ["-due_at"]
        constraints = [
            models.UniqueConstraint(fields=["key", "due_at"], name="jobs_scheduledrun_once_per_due_time")
        ]
        indexes = [models.Index(fields=["key", "-due_at"], name="jobs_run_key_due_idx")]

    def __str__(self) -> str:
        return f"{self.key} @ {self.due_at:%d/%m/%Y %H:%M}"


class ManualRetry(models.Model):
    """An administrator asked to run a failed task again. One per failed result, so a double
    click enqueues one copy."""

    original_id = models.CharField(_("Tác vụ thất bại"), max_length=64, unique=True)
    new_id = models.CharField(_("Tác vụ chạy lại"), max_length=64)
    task_path = models.TextField(_("Tác vụ"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người yêu cầu"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("Thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("Lần chạy lại thủ công")
        verbose_name_plural = _("Lần chạy lại thủ công")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_id} → {self.new_id}"


auditlog.register(ManualRetry)
