"""Incoming and outgoing documents, their numbering, the resolutions database and links.

Rules of Nghị định 30/2020/NĐ-CP kept as invariants here: numbers run per issuer, series and
year and never repeat (a locked counter row, never max()+1); arrival numbers run per receiving
unit and year. Workflow lives in services.py.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.inbox.models import Urgency


class Secrecy(models.TextChoices):
    NORMAL = "normal", _("Thường")
    CONFIDENTIAL = "confidential", _("Mật")
    SECRET = "secret", _("Tối mật")
    TOP_SECRET = "top_secret", _("Tuyệt mật")


class DocumentType(models.Model):
    """Tên loại văn bản (Phụ lục III NĐ 30). A công văn has no code."""

    key = models.SlugField(_("Mã nội bộ"), max_length=32, unique=True)
    code = models.CharField(_("Ký hiệu"), max_length=10, blank=True)
    name = models.CharField(_("Tên loại"), max_length=100)
    in_records = models.BooleanField(
        _("Đưa vào cơ sở dữ liệu nghị quyết, báo cáo"), default=False,
        help_text=_("Văn bản loại này khi ban hành được tự động đưa vào cơ sở dữ liệu."),
    )
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        verbose_name = _("Loại văn bản")
        verbose_name_plural = _("Loại văn bản")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_letter(self) -> bool:
        """Công văn: the notation is the issuer's abbreviation and the drafting unit's."""
        return not self.code


class Field(models.Model):
    """Lĩnh vực of a resolution or report."""

    name = models.CharField(_("Lĩnh vực"), max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        verbose_name = _("Lĩnh vực")
        verbose_name_plural = _("Lĩnh vực")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class NumberCounter(models.Model):
    """The last number given in one series. Locked with SELECT … FOR UPDATE while a number is
    taken, in the transaction that uses it, so two clerks never get the same one and a rolled
    back issue gives its number back (no gap)."""

    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="+")
    series = models.CharField(max_length=40)  # "out:NQ", "out:CV", "out:NQ:secret", "in", "in:secret"
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "series", "year"], name="documents_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.series}/{self.year}: {self.last}"


class IncomingState(models.TextChoices):
    REGISTERED = "registered", _("Đã vào sổ")
    DIRECTED = "directed", _("Đã có ý kiến chỉ đạo")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    COMPLETED = "completed", _("Đã hoàn thành")
    READ_ONLY = "read_only", _("Chỉ để biết")
    FORWARDED = "forwarded", _("Đã chuyển đơn vị khác")
    RECALLED = "recalled", _("Bị thu hồi")


class IncomingDocument(models.Model):
    """Văn bản đến, one row of a unit's incoming register (sổ đăng ký văn bản đến)."""

    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("Đơn vị nhận"), on_delete=models.PROTECT,
        related_name="incoming_documents",
    )
    year = models.PositiveSmallIntegerField(_("Năm"))
    arrival_number = models.PositiveIntegerField(_("Số đến"))
    received_on = models.DateField(_("Ngày đến"))
    issuer_unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("Cơ quan ban hành"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    issuer_name = models.CharField(_("Tác giả (cơ quan ban hành)"), max_length=255)
    notation = models.CharField(_("Số, ký hiệu"), max_length=100, blank=True)
    document_date = models.DateField(_("Ngày văn bản"), null=True, blank=True)
    doc_type = models.ForeignKey(DocumentType, verbose_name=_("Tên loại"), on_delete=models.PROTECT, related_name="+")
    summary = models.TextField(_("Trích yếu"))
    urgency = models.CharField(_("Độ khẩn"), max_length=16, choices=Urgency.choices, default=Urgency.NORMAL)
    secrecy = models.CharField(_("Độ mật"), max_length=16, choices=Secrecy.choices, default=Secrecy.NORMAL)
    state = models.CharField(_("Trạng thái"), max_length=16, choices=IncomingState.choices, default=IncomingState.REGISTERED)
    file = models.ForeignKey(
        "files.StoredFile", verbose_name=_("Tệp văn bản"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    note = models.TextField(_("Ghi chú"), blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    registered_at = models.DateTimeField(_("Thời điểm vào sổ"), auto_now_add=True)
    presented = models.BooleanField(_("Đã trình lãnh đạo"), default=False)
    # Ý kiến chỉ đạo
    direction = models.TextField(_("Ý kiến chỉ đạo"), blank=True)
    directed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    directed_at = models.DateTimeField(null=True, blank=True)
    forwarded_on = models.DateField(_("Ngày chuyển"), null=True, blank=True)
    due_on = models.DateField(_("Hạn xử lý"), null=True, blank=True)
    # Kết quả
    result = models.TextField(_("Kết quả xử lý"), blank=True)
    result_file = models.ForeignKey("files.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # A copy delivered on the platform (issued or forwarded by another unit).
    source_outgoing = models.ForeignKey(
        "OutgoingDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="delivered_copies"
    )
    forwarded_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="forwards")
    recall_reason = models.TextField(_("Lý do thu hồi"), blank=True)
    request_key = models.CharField(max_length=64, blank=True, default="")
    search_text = models.TextField(blank=True, default="")  # issuer + notation + summary, for the register filter

    class Meta:
        verbose_name = _("Văn bản đến")
        verbose_name_plural = _("Văn bản đến")
        ordering = ["-year", "-arrival_number"]
        constraints = [
            # Secret documents have their own series of arrival numbers.
            models.UniqueConstraint(
                fields=["unit", "year", "arrival_number"], condition=models.Q(secrecy="normal"),
                name="documents_incoming_arrival_unique",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "arrival_number"], condition=~models.Q(secrecy="normal"),
                name="documents_incoming_secret_arrival_unique",
            ),
            models.UniqueConstraint(
                fields=["unit", "request_key"], condition=~models.Q(request_key=""),
                name="documents_incoming_request_unique",
            ),
            models.UniqueConstraint(
                fields=["unit", "source_outgoing"], condition=models.Q(source_outgoing__isnull=False),
                name="documents_incoming_delivered_once",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "received_on", "arrival_number"], name="documents_in_unit_day"),
            models.Index(fields=["unit", "state", "received_on"], name="documents_in_unit_state"),
            models.Index(fields=["unit", "doc_type", "received_on"], name="documents_in_unit_type"),
            models.Index(fields=["unit", "urgency", "received_on"], name="documents_in_unit_urgency"),
            models.Index(fields=["issuer_unit", "received_on"], name="documents_in_issuer"),
        ]

    def __str__(self) -> str:
        label = self.notation or _("Số đến %(n)s") % {"n": self.arrival_number}
        return f"{label} – {self.summary[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("documents:incoming_detail", args=[self.pk])

    @property
    def is_secret(self) -> bool:
        return self.secrecy != Secrecy.NORMAL

    @property
    def arrival_label(self) -> str:
        return f"{self.arrival_number:02d}"


class AssignmentKind(models.TextChoices):
    PROCESS = "process", _("Xử lý")
    READ = "read", _("Để biết")


class AssignmentState(models.TextChoices):
    OPEN = "open", _("Chưa nhận")
    RECEIVED = "received", _("Đã ký nhận")
    DONE = "done", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Đã hủy")


class Assignment(models.Model):
    """One line of a leader's direction: a unit or a person processes (by a deadline) or reads."""

    document = models.ForeignKey(IncomingDocument, on_delete=models.CASCADE, related_name="assignments")
    kind = models.CharField(_("Hình thức"), max_length=10, choices=AssignmentKind.choices)
    assignee_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    assignee_unit = models.ForeignKey("orgs.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("Hạn xử lý"), null=True, blank=True)
    state = models.CharField(_("Trạng thái"), max_length=10, choices=AssignmentState.choices, default=AssignmentState.OPEN)
    assigned_at = models.DateTimeField(auto_now_add=True)
    received_at = models.DateTimeField(_("Ký nhận lúc"), null=True, blank=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    result = models.TextField(_("Kết quả"), blank=True)

    class Meta:
        verbose_name = _("Phân công xử lý")
        verbose_name_plural = _("Phân công xử lý")
        ordering = ["kind", "pk"]
        indexes = [
            models.Index(fields=["assignee_unit", "kind", "due_on"], name="documents_asg_unit_due"),
            models.Index(fields=["assignee_user", "kind", "due_on"], name="documents_asg_user_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.assignee}"

    @property
    def assignee(self):
        return self.assignee_user or self.assignee_unit

    @property
    def is_open(self) -> bool:
        return self.state in (AssignmentState.OPEN, AssignmentState.RECEIVED)

    def completed_on_time(self) -> bool | None:
        if self.completed_at is None or self.due_on is None:
            return None
        from django.utils import timezone

        return timezone.localdate(self.completed_at) <= self.due_on


class OutgoingState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    IN_REVIEW = "in_review", _("Đang thẩm định")
    RETURNED = "returned", _("Bị trả lại")
    AWAITING_APPROVAL = "awaiting_approval", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt, chờ ký")
    SIGNED = "signed", _("Đã ký, chờ phát hành")
    ISSUED = "issued", _("Đã phát hành")
    RECALLED = "recalled", _("Đã thu hồi")


class OutgoingDocument(models.Model):
    """Văn bản đi: from the first draft to the issued, signed PDF."""

    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("Đơn vị soạn thảo"), on_delete=models.PROTECT, related_name="outgoing_documents"
    )
    issuer = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("Cơ quan ban hành"), on_delete=models.PROTECT, related_name="issued_documents"
    )
    doc_type = models.ForeignKey(DocumentType, verbose_name=_("Tên loại"), on_delete=models.PROTECT, related_name="+")
    summary = models.TextField(_("Trích yếu"))
    urgency = models.CharField(_("Độ khẩn"), max_length=16, choices=Urgency.choices, default=Urgency.NORMAL)
    secrecy = models.CharField(_("Độ mật"), max_length=16, choices=Secrecy.choices, default=Secrecy.NORMAL)
    state = models.CharField(_("Trạng thái"), max_length=20, choices=OutgoingState.choices, default=OutgoingState.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người ký"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_round = models.PositiveSmallIntegerField(default=0)
    approved_at = models.DateTimeField(null=True, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_file = models.ForeignKey("files.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("Năm"), null=True, blank=True)
    number = models.PositiveIntegerField(_("Số"), null=True, blank=True)
    notation = models.CharField(_("Số, ký hiệu"), max_length=100, blank=True)
    issued_on = models.DateField(_("Ngày ban hành"), null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    issued_file = models.ForeignKey("files.StoredFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    copies = models.PositiveSmallIntegerField(_("Số lượng bản"), default=1)
    note = models.TextField(_("Ghi chú"), blank=True)
    recall_reason = models.TextField(_("Lý do thu hồi"), blank=True)
    recalled_at = models.DateTimeField(null=True, blank=True)
    request_key = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("Văn bản đi")
        verbose_name_plural = _("Văn bản đi")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "notation"], condition=~models.Q(notation="") & models.Q(secrecy="normal"),
                name="documents_outgoing_notation_unique",
            ),
            models.UniqueConstraint(
                fields=["issuer", "year", "notation"], condition=~models.Q(notation="") & ~models.Q(secrecy="normal"),
                name="documents_outgoing_secret_notation_unique",
            ),
            models.UniqueConstraint(
                fields=["created_by", "request_key"], condition=~models.Q(request_key=""),
                name="documents_outgoing_request_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "state", "created_at"], name="documents_out_unit_state"),
            models.Index(fields=["issuer", "issued_on"], name="documents_out_issuer_day"),
        ]

    def __str__(self) -> str:
        return f"{self.notation or _('Dự thảo')} – {self.summary[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("documents:outgoing_detail", args=[self.pk])

    @property
    def is_secret(self) -> bool:
        return self.secrecy != Secrecy.NORMAL

    @property
    def latest_version(self):
        versions = list(self.versions.all())
        return versions[-1] if versions else None


class DraftVersion(models.Model):
    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("Phiên bản"))
    file = models.ForeignKey("files.StoredFile", verbose_name=_("Tệp dự thảo"), on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("Ghi chú"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="documents_version_unique")]

    def __str__(self) -> str:
        return _("Phiên bản %(n)s") % {"n": self.number}


class DraftComment(models.Model):
    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="comments")
    version = models.ForeignKey(DraftVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("Góp ý"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:60]}"


class ReviewState(models.TextChoices):
    WAITING = "waiting", _("Chưa đến lượt")
    PENDING = "pending", _("Đang chờ ý kiến")
    APPROVED = "approved", _("Đồng ý")
    RETURNED = "returned", _("Trả lại")


class ReviewStep(models.Model):
    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="review_steps")
    round = models.PositiveSmallIntegerField()
    order = models.PositiveSmallIntegerField()
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=ReviewState.choices, default=ReviewState.WAITING)
    reason = models.TextField(_("Ý kiến"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document", "round", "order"]
        constraints = [
            models.UniqueConstraint(fields=["document", "round", "order"], name="documents_review_step_unique")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} ({self.get_state_display()})"


class Recipient(models.Model):
    """Nơi nhận: a unit on the platform (delivered at once) or an outside e-mail address."""

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ gửi")
        DELIVERED = "delivered", _("Đã chuyển")
        SENT = "sent", _("Đã gửi thư điện tử")
        FAILED = "failed", _("Gửi lỗi")
        RECALLED = "recalled", _("Đã thu hồi")

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="recipients")
    unit = models.ForeignKey("orgs.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("Tên nơi nhận"), max_length=255, blank=True)
    email = models.EmailField(_("Thư điện tử"), blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    recall_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["document", "unit"], condition=models.Q(unit__isnull=False), name="documents_recipient_unit_once"),
            models.UniqueConstraint(fields=["document", "email"], condition=~models.Q(email=""), name="documents_recipient_email_once"),
        ]

    def __str__(self) -> str:
        return str(self.unit or self.name or self.email)


class RecordStatus(models.TextChoices):
    IN_FORCE = "in_force", _("Còn hiệu lực")
    AMENDED = "amended", _("Được sửa đổi, bổ sung")
    REPLACED = "replaced", _("Bị thay thế")
    REPEALED = "repealed", _("Bị bãi bỏ")


class Record(models.Model):
    """One entry of the resolutions and reports database (cơ sở dữ liệu văn bản)."""

    outgoing = models.OneToOneField(OutgoingDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="record")
    doc_type = models.ForeignKey(DocumentType, verbose_name=_("Loại văn bản"), on_delete=models.PROTECT, related_name="+")
    notation = models.CharField(_("Số, ký hiệu"), max_length=100)
    number = models.PositiveIntegerField(_("Số"), null=True, blank=True)
    issuer = models.ForeignKey("orgs.OrgUnit", verbose_name=_("Cơ quan ban hành"), on_delete=models.PROTECT, related_name="records")
    signed_on = models.DateField(_("Ngày ký"))
    effective_on = models.DateField(_("Ngày có hiệu lực"), null=True, blank=True)
    field = models.ForeignKey(Field, verbose_name=_("Lĩnh vực"), null=True, blank=True, on_delete=models.PROTECT, related_name="records")
    status = models.CharField(_("Tình trạng hiệu lực"), max_length=10, choices=RecordStatus.choices, default=RecordStatus.IN_FORCE)
    summary = models.TextField(_("Trích yếu"))
    signer_name = models.CharField(_("Người ký"), max_length=255, blank=True)
    file = models.ForeignKey("files.StoredFile", verbose_name=_("Tệp văn bản"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    is_public = models.BooleanField(_("Công khai trên cổng thông tin"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Văn bản trong cơ sở dữ liệu")
        verbose_name_plural = _("Cơ sở dữ liệu nghị quyết, báo cáo")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "notation", "signed_on"], name="documents_record_unique")
        ]
        indexes = [
            models.Index(fields=["issuer", "signed_on"], name="documents_rec_issuer_day"),
            models.Index(fields=["doc_type", "signed_on"], name="documents_rec_type_day"),
            models.Index(fields=["is_public", "signed_on"], name="documents_rec_public_day"),
        ]

    def __str__(self) -> str:
        return f"{self.notation} – {self.summary[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("documents:record_detail", args=[self.pk])


class RelationKind(models.TextChoices):
    AMENDS = "amends", _("Sửa đổi, bổ sung")
    REPLACES = "replaces", _("Thay thế")
    IMPLEMENTS = "implements", _("Triển khai thực hiện")
    REPEALS = "repeals", _("Bãi bỏ")


class RecordRelation(models.Model):
    source = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="relations_out")
    target = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(_("Quan hệ"), max_length=12, choices=RelationKind.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="documents_relation_unique"),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="documents_relation_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_id}"


class DocumentLink(models.Model):
    """A document attached to any object: a meeting's agenda item, a petition's answer…"""

    document_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    document_id = models.PositiveBigIntegerField()
    document = GenericForeignKey("document_type", "document_id")
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.CharField(max_length=64)
    target = GenericForeignKey("target_type", "target_id")
    role = models.CharField(max_length=40)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document_type", "document_id", "target_type", "target_id", "role"],
                name="documents_link_unique",
            )
        ]
        indexes = [models.Index(fields=["target_type", "target_id", "role"], name="documents_link_target")]

    def __str__(self) -> str:
        return f"{self.role}: {self.document_type_id}/{self.document_id} → {self.target_type_id}/{self.target_id}"
