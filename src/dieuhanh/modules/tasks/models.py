"""Tasks (nhiệm vụ), their timeline, progress reports, extensions and supervisions (giám sát).

The stored lifecycle `state` is kept apart from the REPORTED status of the government's
reports, which `reported_status()` derives from the state, the due date and the completion
date at a given day. "Overdue" is therefore never stale, and a lawful extension simply moves
`due_date` (the first deadline stays in `original_due_date`, each change in `Extension`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.inbox.models import Urgency


class TaskState(models.TextChoices):
    """Where the task is in its life (stored)."""

    ASSIGNED = "assigned", _("Mới giao")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    AWAITING_CONFIRMATION = "awaiting_confirmation", _("Chờ xác nhận hoàn thành")
    RETURNED = "returned", _("Bị trả lại")
    SUSPENDED = "suspended", _("Tạm dừng")
    DONE = "done", _("Hoàn thành")
    CANCELLED = "cancelled", _("Đã hủy")


OPEN_STATES = (
    TaskState.ASSIGNED,
    TaskState.IN_PROGRESS,
    TaskState.AWAITING_CONFIRMATION,
    TaskState.RETURNED,
)
WORKING_STATES = (TaskState.ASSIGNED, TaskState.IN_PROGRESS, TaskState.RETURNED)


class Status(models.TextChoices):
    """The status the government's reports use (derived, never stored)."""

    ON_TIME = "on_time", _("Đang thực hiện trong hạn")
    OVERDUE = "overdue", _("Đang thực hiện quá hạn")
    DONE_ON_TIME = "done_on_time", _("Hoàn thành đúng hạn")
    DONE_LATE = "done_late", _("Hoàn thành quá hạn")
    NO_DEADLINE = "no_deadline", _("Không thời hạn")
    AWAITING_CONFIRMATION = "awaiting", _("Chờ xác nhận hoàn thành")
    RETURNED = "returned", _("Bị trả lại")
    SUSPENDED = "suspended", _("Tạm dừng")
    CANCELLED = "cancelled", _("Đã hủy")


def reported_status(
    *, state: str, due_date: dt.date | None, completed_on: dt.date | None, on: dt.date
) -> str:
    """The reported status of a task at the end of day `on`.

    A task is overdue once the day after its due date has begun and it was not completed by
    its due date; a task completed (reported, then confirmed) after its due date is done late.
    Suspended and cancelled tasks are neither. The same rule, as a query, is in
    `selectors.overdue_q`.
    """
    if state == TaskState.CANCELLED:
        return Status.CANCELLED
    if state == TaskState.SUSPENDED:
        return Status.SUSPENDED
    if state == TaskState.DONE:
        if due_date is None or (completed_on is not None and completed_on <= due_date):
            return Status.DONE_ON_TIME
        return Status.DONE_LATE
    late = due_date is not None and due_date < on and (completed_on is None or completed_on > due_date)
    if late:
        return Status.OVERDUE
    if state == TaskState.AWAITING_CONFIRMATION:
        return Status.AWAITING_CONFIRMATION
    if state == TaskState.RETURNED:
        return Status.RETURNED
    if due_date is None:
        return Status.NO_DEADLINE
    return Status.ON_TIME


STATUS_TAGS = {
    Status.ON_TIME: "tag-ok",
    Status.OVERDUE: "tag-danger",
    Status.DONE_ON_TIME: "tag-ok",
    Status.DONE_LATE: "tag-warn",
    Status.NO_DEADLINE: "",
    Status.AWAITING_CONFIRMATION: "tag-warn",
    Status.RETURNED: "tag-warn",
    Status.SUSPENDED: "",
    Status.CANCELLED: "",
}


class Supervision(models.Model):
    """Giám sát: a resolution or a supervision conclusion tracked as a set of tasks."""

    title = models.CharField(_("Tên nội dung giám sát"), max_length=500)
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("Đơn vị giám sát"), on_delete=models.PROTECT,
        related_name="task_supervisions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người tạo"), on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Ngày tạo"), default=timezone.now)
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_id = models.CharField(max_length=64, blank=True, default="")
    source = GenericForeignKey("source_type", "source_id")
    source_title = models.CharField(_("Nguồn"), max_length=500, blank=True)
    source_url = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("Nội dung giám sát")
        verbose_name_plural = _("Nội dung giám sát")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One tracked set per source: a retried call returns the existing one.
            models.UniqueConstraint(
                fields=["source_type", "source_id"],
                condition=Q(source_type__isnull=False),
                name="tasks_supervision_one_per_source",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("tasks:supervision_detail", args=[self.pk])


class Task(models.Model):
    title = models.CharField(_("Tên nhiệm vụ"), max_length=500)
    description = models.TextField(_("Nội dung"), blank=True)
    priority = models.CharField(
        _("Độ khẩn"), max_length=16, choices=Urgency.choices, default=Urgency.NORMAL
    )
    assigner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người giao"), on_delete=models.PROTECT,
        related_name="tasks_assigned",
    )
    assigner_unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("Đơn vị giao"), on_delete=models.PROTECT, related_name="+",
    )
    lead_unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("Đơn vị chủ trì"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="tasks_led",
    )
    lead_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người chủ trì"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="tasks_led",
    )
    cooperating_units = models.ManyToManyField(
        "orgs.OrgUnit", verbose_name=_("Đơn vị phối hợp"), blank=True, related_name="tasks_cooperating",
    )
    cooperating_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("Người phối hợp"), blank=True,
        related_name="tasks_cooperating",
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("Nhiệm vụ cha"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="subtasks",
    )
    supervision = models.ForeignKey(
        Supervision, verbose_name=_("Nội dung giám sát"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="tasks",
    )
    # The link back to what the task came from, with a snapshot so lists never query sources.
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_id = models.CharField(max_length=64, blank=True, default="")
    source = GenericForeignKey("source_type", "source_id")
    source_title = models.CharField(_("Nguồn giao"), max_length=500, blank=True)
    source_url = models.CharField(max_length=500, blank=True)

    state = models.CharField(
        _("Tình trạng"), max_length=24, choices=TaskState.choices, default=TaskState.ASSIGNED
    )
    assigned_on = models.DateField(_("Ngày giao"), default=timezone.localdate)
    due_date = models.DateField(_("Hạn hoàn thành"), null=True, blank=True)
    original_due_date = models.DateField(_("Hạn ban đầu"), null=True, blank=True)
    due_rule = models.CharField(_("Cách tính hạn"), max_length=255, blank=True)
    completed_on = models.DateField(_("Ngày hoàn thành"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("Ngày xác nhận"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("Tiến độ (%)"), default=0)
    # A key the form sends once, so that a double submit creates one task.
    submission_key = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(_("Ngày tạo"), default=timezone.now)
    updated_at = models.DateTimeField(_("Cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("Nhiệm vụ")
        verbose_name_plural = _("Nhiệm vụ")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lead_unit__isnull=False) | Q(lead_user__isnull=False),
                name="tasks_task_has_lead",
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="tasks_task_progress_le_100"
            ),
            models.UniqueConstraint(
                fields=["assigner", "submission_key"],
                condition=~Q(submission_key=""),
                name="tasks_task_unique_submission",
            ),
        ]
        indexes = [
            # Unit dashboards and the overdue rate: a unit's tasks by due date.
            models.Index(fields=["lead_unit", "due_date"], name="tasks_lead_unit_due"),
            models.Index(fields=["lead_user", "due_date"], name="tasks_lead_user_due"),
            models.Index(fields=["assigner", "due_date"], name="tasks_assigner_due"),
            models.Index(fields=["source_type", "source_id"], name="tasks_source"),
            # The daily reminders: working tasks by due date. Deliberately not led by due_date, so
            # that "my tasks" (few rows found through TaskParty) is never read in due-date order
            # across the whole table.
            models.Index(fields=["state", "due_date"], name="tasks_state_due"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("tasks:detail", args=[self.pk])

    def status(self, on: dt.date | None = None) -> str:
        return reported_status(
            state=self.state, due_date=self.due_date, completed_on=self.completed_on,
            on=on or timezone.localdate(),
        )

    def status_label(self, on: dt.date | None = None):
        return Status(self.status(on)).label

    @property
    def status_tag(self) -> str:
        return STATUS_TAGS[Status(self.status())]

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def lead_label(self) -> str:
        if self.lead_user_id and self.lead_unit_id:
            return f"{self.lead_unit} ({self.lead_user.get_full_name() or self.lead_user})"
        if self.lead_unit_id:
            return str(self.lead_unit)
        return self.lead_user.get_full_name() or str(self.lead_user)


class TaskParty(models.Model):
    """Who is concerned by a task, one row per person or unit key ("u:12", "o:7") and role.

    Derived from the task's columns by the services; it lets "my tasks" and the visibility
    rule be one indexed lookup instead of an OR over four columns and two relations.
    """

    class Role(models.TextChoices):
        LEAD = "lead", _("Chủ trì")
        COOPERATE = "cooperate", _("Phối hợp")
        ASSIGNER = "assigner", _("Giao việc")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="parties")
    key = models.CharField(max_length=24)
    role = models.CharField(max_length=16, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "key", "role"], name="tasks_party_unique")
        ]
        indexes = [models.Index(fields=["key", "role", "task"], name="tasks_party_key")]

    def __str__(self) -> str:
        return f"{self.key} {self.role}"


class TaskEvent(models.Model):
    """The task's timeline: every change of state, deadline, assignee or progress."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Giao nhiệm vụ")
        UPDATED = "updated", _("Cập nhật nhiệm vụ")
        PERSON_ASSIGNED = "person_assigned", _("Phân công người chủ trì")
        STARTED = "started", _("Bắt đầu thực hiện")
        PROGRESS = "progress", _("Báo cáo tiến độ")
        EXTENSION_REQUESTED = "extension_requested", _("Đề nghị gia hạn")
        EXTENSION_APPROVED = "extension_approved", _("Đồng ý gia hạn")
        EXTENSION_REFUSED = "extension_refused", _("Không đồng ý gia hạn")
        COMPLETION_REPORTED = "completion_reported", _("Báo cáo hoàn thành")
        CONFIRMED = "confirmed", _("Xác nhận hoàn thành")
        RETURNED = "returned", _("Trả lại")
        SUSPENDED = "suspended", _("Tạm dừng")
        RESUMED = "resumed", _("Tiếp tục thực hiện")
        CANCELLED = "cancelled", _("Hủy nhiệm vụ")
        REMINDED = "reminded", _("Nhắc hạn")
        OVERDUE = "overdue", _("Quá hạn")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("Sự kiện"), max_length=24, choices=Kind.choices)
    at = models.DateTimeField(_("Thời điểm"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người thực hiện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    from_state = models.CharField(max_length=24, blank=True)
    to_state = models.CharField(max_length=24, blank=True)
    note = models.TextField(_("Ghi chú"), blank=True)
    day = models.DateField(null=True, blank=True)  # the reminder's day (idempotence)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            # The daily reminder job notifies once per task, kind and day, however often it runs.
            models.UniqueConstraint(
                fields=["task", "kind", "day"],
                condition=Q(kind__in=["reminded", "overdue"]),
                name="tasks_event_one_reminder_per_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.task}"


class ProgressReport(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người báo cáo"), on_delete=models.PROTECT,
        related_name="+",
    )
    percent = models.PositiveSmallIntegerField(_("Tiến độ (%)"))
    text = models.TextField(_("Nội dung báo cáo"))
    files = models.ManyToManyField("files.StoredFile", verbose_name=_("Tệp đính kèm"), blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("Thời điểm"), default=timezone.now)
    # A client-supplied key so that a double submit records one report.
    submission_key = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="tasks_report_percent_le_100"),
            models.UniqueConstraint(
                fields=["task", "author", "submission_key"],
                condition=~Q(submission_key=""),
                name="tasks_report_unique_submission",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.percent}% – {self.task}"


class Extension(models.Model):
    """Gia hạn: requested by the assignee, decided by the assigner."""

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ quyết định")
        APPROVED = "approved", _("Đã đồng ý")
        REFUSED = "refused", _("Không đồng ý")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người đề nghị"), on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("Ngày đề nghị"), default=timezone.now)
    old_due_date = models.DateField(_("Hạn cũ"), null=True, blank=True)
    requested_date = models.DateField(_("Hạn đề nghị"))
    reason = models.TextField(_("Lý do"))
    state = models.CharField(_("Tình trạng"), max_length=16, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người quyết định"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    decided_at = models.DateTimeField(_("Ngày quyết định"), null=True, blank=True)
    decision_note = models.TextField(_("Ý kiến"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # One open request per task: a double submit cannot open a second one.
            models.UniqueConstraint(
                fields=["task"], condition=Q(state="pending"), name="tasks_extension_one_pending"
            )
        ]

    def __str__(self) -> str:
        return f"{self.task} → {self.requested_date:%d/%m/%Y}"
