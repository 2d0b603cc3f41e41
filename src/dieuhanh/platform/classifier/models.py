"""Stored classifier versions, retraining runs and staff feedback on suggestions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ClassifierModel(models.Model):
    """One trained version of the model of one label set (`key`, e.g. "petitions.field").

    The fitted scikit-learn pipeline is stored compressed in `payload`, with its SHA-256 and
    an HMAC made with the deployment's SECRET_KEY: a payload is unpickled only when both match,
    so the platform loads only pickles it wrote itself. At most one version per key is active.
    """

    key = models.CharField(_("Bộ nhãn"), max_length=100, db_index=True)
    version = models.PositiveIntegerField(_("Phiên bản"))
    created_at = models.DateTimeField(_("Thời điểm huấn luyện"), auto_now_add=True)
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người huấn luyện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    source = models.CharField(_("Nguồn dữ liệu"), max_length=200, blank=True)
    n_examples = models.PositiveIntegerField(_("Số ví dụ"))
    labels = models.JSONField(_("Nhãn"), default=list)
    metrics = models.JSONField(_("Kết quả đánh giá"), default=dict)
    data_sha256 = models.CharField(_("Dấu vân tay dữ liệu"), max_length=64)
    payload = models.BinaryField(_("Mô hình"))
    payload_sha256 = models.CharField(max_length=64)
    payload_hmac = models.CharField(max_length=64)
    payload_size = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(_("Đang dùng"), default=False)

    class Meta:
        verbose_name = _("mô hình phân loại")
        verbose_name_plural = _("mô hình phân loại")
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="classifier_model_version_unique"),
            models.UniqueConstraint(fields=["key"], condition=Q(is_active=True),
                                    name="classifier_model_one_active"),
        ]

    def __str__(self) -> str:
        return f"{self.key} v{self.version}"

    @property
    def top1(self) -> float | None:
        return (self.metrics or {}).get("top1")

    @property
    def top3(self) -> float | None:
        return (self.metrics or {}).get("top3")


class TrainingRun(models.Model):
    """A retraining asked for on the admin screen or by the daily job, with its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang huấn luyện")
        DONE = "done", _("Hoàn thành")
        INSUFFICIENT = "insufficient", _("Chưa đủ dữ liệu")
        UNCHANGED = "unchanged", _("Dữ liệu không đổi")
        FAILED = "failed", _("Lỗi")

    OPEN = (Status.QUEUED, Status.RUNNING)

    key = models.CharField(_("Bộ nhãn"), max_length=100, db_index=True)
    status = models.CharField(_("Trạng thái"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("Tiến độ (%)"), default=0)
    stage = models.CharField(_("Bước"), max_length=200, blank=True)
    message = models.TextField(_("Kết quả"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người yêu cầu"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("Yêu cầu lúc"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    model = models.ForeignKey(ClassifierModel, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("lượt huấn luyện")
        verbose_name_plural = _("lượt huấn luyện")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A double click, or the daily job meeting a manual request, runs one training.
            models.UniqueConstraint(fields=["key"], condition=Q(status__in=["queued", "running"]),
                                    name="classifier_run_one_open"),
        ]

    def __str__(self) -> str:
        return f"{self.key} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class SuggestionFeedback(models.Model):
    """Staff accepted (chosen == suggested) or corrected a suggestion."""

    key = models.CharField(_("Bộ nhãn"), max_length=100)
    ref = models.CharField(_("Đối tượng"), max_length=200, blank=True,
                           help_text=_("Ví dụ “petitions.petition:123”; một đối tượng chỉ có một phản hồi."))
    text = models.TextField(_("Nội dung"))
    suggested = models.CharField(_("Gợi ý"), max_length=200, null=True, blank=True)
    chosen = models.CharField(_("Nhãn được chọn"), max_length=200)
    accepted = models.BooleanField(_("Chấp nhận gợi ý"))
    model_version = models.PositiveIntegerField(_("Phiên bản mô hình"), null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("Người chọn"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("phản hồi gợi ý")
        verbose_name_plural = _("phản hồi gợi ý")
        indexes = [models.Index(fields=["key", "created_at"], name="classifier_feedback_key")]
        constraints = [
            models.UniqueConstraint(fields=["key", "ref"], condition=~Q(ref=""), name="classifier_feedback_one_per_ref"),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.suggested} → {self.chosen}"
