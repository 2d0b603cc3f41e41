"""Work calendar data: administrators' day overrides, deadline rules (versioned data) and
the running deadlines other parts attach to their objects."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ bổ sung")
    WORKING_DAY = "working_day", _("Ngày làm việc bù")


class CalendarDay(models.Model):
    """An administrator's override of the calendar for one date.

    A day off makes a date a non-working day (e.g. a government decision extending Tết);
    a make-up working day makes a date a working day even on a weekend or holiday.
    """

    date = models.DateField(_("Ngày"), unique=True)
    kind = models.CharField(_("Loại"), max_length=20, choices=DayKind.choices)
    reason = models.CharField(_("Lý do, căn cứ"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tạo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Thời điểm tạo"), auto_now_add=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("Ngày điều chỉnh lịch")
        verbose_name_plural = _("Ngày điều chỉnh lịch")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} · {self.get_kind_display()}"


class DeadlineUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("ngày làm việc")
    CALENDAR_DAYS = "calendar_days", _("ngày")


class DeadlineRule(models.Model):
    """One version of a legal time limit. Rules are data: a new version gets a new row
    with its own `effective_from`; an old version is never edited in place."""

    key = models.CharField(_("Mã quy tắc"), max_length=80)
    name = models.CharField(_("Tên thời hạn"), max_length=200)
    length = models.PositiveIntegerField(
        _("Độ dài"), validators=[MinValueValidator(0), MaxValueValidator(3650)]
    )
    unit = models.CharField(_("Đơn vị"), max_length=20, choices=DeadlineUnit.choices)
    roll_to_working_day = models.BooleanField(
        _("Ngày cuối rơi vào ngày nghỉ thì chuyển sang ngày làm việc tiếp theo"),
        default=True,
        help_text=_("Chỉ áp dụng cho thời hạn tính theo ngày (Điều 148 Bộ luật Dân sự 2015)."),
    )
    start_event = models.CharField(_("Tính từ"), max_length=200)
    legal_basis = models.CharField(_("Căn cứ pháp lý"), max_length=300)
    effective_from = models.DateField(_("Áp dụng từ ngày"))
    effective_to = models.DateField(_("Áp dụng đến ngày"), null=True, blank=True)
    note = models.TextField(_("Ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key", "-effective_from"]
        verbose_name = _("Quy tắc thời hạn")
        verbose_name_plural = _("Quy tắc thời hạn")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "effective_from"], name="workcalendar_rule_key_version"
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="workcalendar_rule_period_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.effective_from:%d/%m/%Y})"

    def in_force_on(self, day) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


class DeadlineState(models.TextChoices):
    RUNNING = "running", _("Đang chạy")
    STOPPED = "stopped", _("Đã dừng")
    MET = "met", _("Đã hoàn thành")


class Deadline(models.Model):
    """A running legal deadline, attached to any object (a complaint, a petition…)."""

    rule = models.ForeignKey(
        DeadlineRule, verbose_name=_("Quy tắc"), on_delete=models.PROTECT, related_name="deadlines"
    )
    start_date = models.DateField(_("Ngày bắt đầu tính"))
    due_date = models.DateField(_("Hạn"), db_index=True)
    state = models.CharField(
        _("Trạng thái"), max_length=20, choices=DeadlineState.choices, default=DeadlineState.RUNNING
    )
    extended_days = models.PositiveIntegerField(_("Số ngày gia hạn"), default=0)
    explanation = models.TextField(_("Cách tính hạn"), blank=True)
    owner_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    owner_id = models.PositiveBigIntegerField(null=True, blank=True)
    owner = GenericForeignKey("owner_type", "owner_id")
    closed_on = models.DateField(_("Ngày kết thúc"), null=True, blank=True)
    close_reason = models.CharField(_("Lý do kết thúc"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("Thời hạn")
        verbose_name_plural = _("Thời hạn")
        indexes = [
            models.Index(fields=["owner_type", "owner_id"], name="workcal_deadline_owner"),
            models.Index(
                fields=["state", "start_date", "due_date"], name="workcal_deadline_window"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule.name} → {self.due_date:%d/%m/%Y}"


class DeadlineExtension(models.Model):
    """Each lawful extension is a written decision: kept as a row, never overwritten."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveIntegerField(_("Số ngày gia hạn"))
    reason = models.CharField(_("Lý do, quyết định gia hạn"), max_length=300)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    old_due_date = models.DateField()
    new_due_date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Gia hạn")
        verbose_name_plural = _("Gia hạn")

    def __str__(self) -> str:
        return f"+{self.days} → {self.new_due_date:%d/%m/%Y}"
