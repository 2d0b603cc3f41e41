"""One row per duty: what a person or a unit must act on, in any module.

Only `services.py` writes these rows. The inbox page is one indexed query over the open rows
of a handful of assignee keys ("u:<user id>", "o:<unit id>"), sorted by due time.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Urgency(models.TextChoices):
    """Độ khẩn of Nghị định 30/2020/NĐ-CP, plus the ordinary case."""

    NORMAL = "normal", _("Thường")
    URGENT = "urgent", _("Khẩn")
    VERY_URGENT = "very_urgent", _("Thượng khẩn")
    FLASH = "flash", _("Hỏa tốc")


class WorkItemState(models.TextChoices):
    OPEN = "open", _("Đang chờ xử lý")
    DONE = "done", _("Đã xong")
    CANCELLED = "cancelled", _("Đã hủy")


def user_key(user_id: int) -> str:
    return f"u:{user_id}"


def unit_key(unit_id: int) -> str:
    return f"o:{unit_id}"


class WorkItem(models.Model):
    module = models.CharField(_("Phân hệ"), max_length=50)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("Loại đối tượng"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(_("Mã đối tượng"), max_length=64)
    obj = GenericForeignKey("content_type", "object_id")
    purpose = models.CharField(
        _("Mục đích"),
        max_length=100,
        blank=True,
        default="",
        help_text=_(
            "Phân biệt các việc khác nhau trên cùng một đối tượng, ví dụ “duyệt”, “trả lời”."
        ),
    )
    url = models.CharField(_("Đường dẫn"), max_length=500, blank=True)
    title = models.CharField(_("Nội dung công việc"), max_length=500)
    assignee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người xử lý"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="work_items",
    )
    assignee_unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("Đơn vị xử lý"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="work_items",
    )
    # Derived from the two columns above ("u:12" or "o:7"): one column lets one partial index
    # serve "my items and my units' items, by due time" and the open-item uniqueness rule.
    assignee_key = models.CharField(max_length=24, editable=False)
    due_at = models.DateTimeField(_("Hạn xử lý"), null=True, blank=True)
    urgency = models.CharField(
        _("Độ khẩn"), max_length=16, choices=Urgency.choices, default=Urgency.NORMAL
    )
    state = models.CharField(
        _("Trạng thái"), max_length=16, choices=WorkItemState.choices, default=WorkItemState.OPEN
    )
    opened_at = models.DateTimeField(_("Ngày giao"), default=timezone.now)
    closed_at = models.DateTimeField(_("Ngày kết thúc"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người kết thúc"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deadline = models.ForeignKey(
        "workcalendar.Deadline",
        verbose_name=_("Thời hạn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="work_items",
    )
    rule_text = models.TextField(
        _("Căn cứ tính hạn"),
        blank=True,
        help_text=_("Quy định và căn cứ pháp lý đã dùng để tính hạn, hiển thị cho người xử lý."),
    )

    class Meta:
        verbose_name = _("Công việc")
        verbose_name_plural = _("Công việc")
        constraints = [
            models.CheckConstraint(
                condition=(Q(assignee_user__isnull=False) & Q(assignee_unit__isnull=True))
                | (Q(assignee_user__isnull=True) & Q(assignee_unit__isnull=False)),
                name="workitem_exactly_one_assignee",
            ),
            models.CheckConstraint(
                condition=Q(state=WorkItemState.OPEN, closed_at__isnull=True)
                | (~Q(state=WorkItemState.OPEN) & Q(closed_at__isnull=False)),
                name="workitem_closed_at_matches_state",
            ),
            # A retried service must not open the same duty twice.
            models.UniqueConstraint(
                fields=["module", "content_type", "object_id", "purpose", "assignee_key"],
                condition=Q(state=WorkItemState.OPEN),
                name="workitem_unique_open_duty",
            ),
        ]
        indexes = [
            # The inbox: open items of a few assignee keys, by due time (nulls last).
            # PostgreSQL sorts NULLs last in ascending indexes, as the inbox wants.
            models.Index(
                fields=["assignee_key", "due_at", "module"],
                condition=Q(state=WorkItemState.OPEN),
                name="workitem_open_inbox",
            ),
            # Items closed (done or cancelled) since a date, e.g. the dashboard's overdue trend.
            models.Index(
                fields=["assignee_key", "closed_at"],
                condition=~Q(state=WorkItemState.OPEN),
                name="workitem_closed_since",
            ),
            # "Done recently" for the same keys.
            models.Index(
                fields=["assignee_key", "-closed_at"],
                condition=Q(state=WorkItemState.DONE),
                name="workitem_done_recent",
            ),
            # Closing and re-dating the items of one object or one calendar deadline.
            models.Index(fields=["content_type", "object_id"], name="workitem_object"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Derived data, kept in step with the assignee columns on every save.
        self.assignee_key = (
            user_key(self.assignee_user_id)
            if self.assignee_user_id
            else unit_key(self.assignee_unit_id)
        )
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.state == WorkItemState.OPEN

    def is_overdue(self, now=None) -> bool:
        return self.is_open and self.due_at is not None and self.due_at < (now or timezone.now())


class WorkItemEvent(models.Model):
    """The item's own history: who opened, re-dated, reassigned or closed it, and for whom."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Giao việc")
        UPDATED = "updated", _("Cập nhật")
        REASSIGNED = "reassigned", _("Chuyển người xử lý")
        CLOSED = "closed", _("Hoàn thành")
        CANCELLED = "cancelled", _("Hủy")
        DUE_CHANGED = "due_changed", _("Thay đổi hạn")

    item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("Sự kiện"), max_length=16, choices=Kind.choices)
    at = models.DateTimeField(_("Thời điểm"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Thay mặt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Lịch sử công việc")
        verbose_name_plural = _("Lịch sử công việc")
        ordering = ["item", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.kind}"


class Delegation(models.Model):
    """Ủy quyền: while it runs, `to_user` sees and may act on `from_user`'s own items."""

    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người ủy quyền"),
        on_delete=models.CASCADE,
        related_name="delegations_given",
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người được ủy quyền"),
        on_delete=models.CASCADE,
        related_name="delegations_received",
    )
    start_date = models.DateField(_("Từ ngày"))
    end_date = models.DateField(_("Đến ngày"))
    reason = models.CharField(_("Lý do"), max_length=300)
    active = models.BooleanField(_("Còn hiệu lực"), default=True)
    created_at = models.DateTimeField(_("Ngày tạo"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tạo"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ended_at = models.DateTimeField(_("Ngày chấm dứt"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người chấm dứt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Ủy quyền")
        verbose_name_plural = _("Ủy quyền")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="delegation_dates_ordered"
            ),
            models.CheckConstraint(
                condition=~Q(from_user=F("to_user")), name="delegation_not_to_self"
            ),
        ]
        indexes = [
            models.Index(fields=["to_user", "active", "end_date"], name="delegation_received"),
            models.Index(fields=["from_user", "active", "end_date"], name="delegation_given"),
        ]

    def __str__(self) -> str:
        return f"{self.from_user} → {self.to_user} ({self.start_date:%d/%m/%Y}–{self.end_date:%d/%m/%Y})"

    def is_running(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.active and self.start_date <= today <= self.end_date
