"""KPI: rating schemes as configuration, computed figures, and evaluations with their workflow.

A `Scheme` (100 points) holds `Criterion` rows, either scored by an evaluator or computed from
a metric a module declares in its manifest, and `Band` rows (minimum score → rating). The
figures of a period are `MetricValue` rows, computed in bulk by `services.kpi_compute_period`.
An `Evaluation` is one person's (or one unit's) rating for a period, with one `Score` per
criterion and its history in `EvaluationEvent`.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    UNIT = "unit", _("Tập thể (đơn vị)")


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    YEAR = "year", _("Năm")


class Scheme(models.Model):
    """A rating scheme: what is scored, how many points, which bands, which cap."""

    name = models.CharField(_("Tên bộ tiêu chí"), max_length=255)
    subject = models.CharField(_("Đối tượng"), max_length=16, choices=Subject.choices, default=Subject.PERSON)
    period_kind = models.CharField(_("Kỳ đánh giá"), max_length=16, choices=PeriodKind.choices, default=PeriodKind.MONTH)
    total_points = models.DecimalField(_("Tổng điểm"), max_digits=6, decimal_places=2, default=Decimal("100"),
                                       validators=[MinValueValidator(Decimal("1"))])
    effective_from = models.DateField(_("Áp dụng từ ngày"))
    legal_basis = models.TextField(_("Căn cứ pháp lý"), blank=True)
    note = models.TextField(_("Ghi chú"), blank=True)
    top_band_cap_percent = models.DecimalField(
        _("Tỷ lệ tối đa của loại cao nhất (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("Tỷ lệ tối đa số người (đơn vị) của một đơn vị được xếp loại cao nhất; để trống nếu không giới hạn."),
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("Đơn vị áp dụng"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="kpi_schemes",
        help_text=_("Để trống: áp dụng chung, chỉ quản trị hệ thống được sửa."),
    )
    active = models.BooleanField(_("Đang áp dụng"), default=True)
    code = models.SlugField(_("Mã"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("Bộ tiêu chí KPI")
        verbose_name_plural = _("Bộ tiêu chí KPI")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class CriterionGroup(models.TextChoices):
    GENERAL = "general", _("Tiêu chí chung")
    RESULTS = "results", _("Kết quả thực hiện nhiệm vụ")


class Method(models.TextChoices):
    MANUAL = "manual", _("Người đánh giá chấm")
    COMPUTED = "computed", _("Tính từ số liệu")


class Mapping(models.TextChoices):
    LINEAR = "linear", _("Tỷ lệ thuận (điểm = tối đa × tỷ lệ đạt)")
    THRESHOLDS = "thresholds", _("Theo ngưỡng")


class Criterion(models.Model):
    scheme = models.ForeignKey(Scheme, verbose_name=_("Bộ tiêu chí"), on_delete=models.CASCADE, related_name="criteria")
    group = models.CharField(_("Nhóm"), max_length=16, choices=CriterionGroup.choices)
    name = models.CharField(_("Tên tiêu chí"), max_length=255)
    description = models.TextField(_("Hướng dẫn chấm"), blank=True)
    max_points = models.DecimalField(_("Điểm tối đa"), max_digits=6, decimal_places=2,
                                     validators=[MinValueValidator(Decimal("0"))])
    method = models.CharField(_("Cách chấm"), max_length=16, choices=Method.choices, default=Method.MANUAL)
    metric_key = models.CharField(_("Chỉ số"), max_length=100, blank=True)
    mapping = models.CharField(_("Quy đổi ra điểm"), max_length=16, choices=Mapping.choices, default=Mapping.LINEAR)
    thresholds = models.JSONField(
        _("Ngưỡng"), default=list, blank=True,
        help_text=_("Danh sách [tỷ lệ tối thiểu (%), điểm], ví dụ [[100, 70], [90, 60], [70, 40], [0, 0]]."),
    )
    full_points_when_empty = models.BooleanField(
        _("Đủ điểm khi không có việc để tính"), default=True,
        help_text=_("Khi trong kỳ không có việc nào đến hạn: đủ điểm (chọn) hoặc 0 điểm."),
    )
    order = models.PositiveSmallIntegerField(_("Thứ tự"), default=0)

    class Meta:
        verbose_name = _("Tiêu chí")
        verbose_name_plural = _("Tiêu chí")
        ordering = ["scheme", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_computed(self) -> bool:
        return self.method == Method.COMPUTED


class Band(models.Model):
    """From `min_score` upwards (to the next band) a rating: xuất sắc, tốt… or A, B, C, D."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("Bộ tiêu chí"), on_delete=models.CASCADE, related_name="bands")
    code = models.SlugField(_("Mã"), max_length=32)
    label = models.CharField(_("Xếp loại"), max_length=100)
    min_score = models.DecimalField(_("Điểm tối thiểu"), max_digits=6, decimal_places=2,
                                    validators=[MinValueValidator(Decimal("0"))])

    class Meta:
        verbose_name = _("Mức xếp loại")
        verbose_name_plural = _("Mức xếp loại")
        ordering = ["scheme", "-min_score"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="kpi_band_unique_code"),
            models.UniqueConstraint(fields=["scheme", "min_score"], name="kpi_band_unique_min"),
        ]

    def __str__(self) -> str:
        return self.label


class MetricValue(models.Model):
    """One computed figure: a metric of a subject (person or unit) for a period."""

    subject_kind = models.CharField(max_length=8, choices=Subject.choices)
    subject_id = models.PositiveBigIntegerField()
    metric_key = models.CharField(max_length=100)
    period_kind = models.CharField(max_length=16, choices=PeriodKind.choices)
    period_start = models.DateField()
    numerator = models.FloatField(default=0)
    denominator = models.FloatField(default=0)
    value = models.FloatField(null=True, blank=True)  # % for a rate, the count for a count
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Số liệu KPI")
        verbose_name_plural = _("Số liệu KPI")
        constraints = [
            models.UniqueConstraint(
                fields=["period_kind", "period_start", "subject_kind", "metric_key", "subject_id"],
                name="kpi_metricvalue_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.metric_key} {self.subject_kind}:{self.subject_id} {self.period_start}"


class RunState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tính")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


class ComputeRun(models.Model):
    """One (re)calculation of a period's figures, with its progress for the page that shows it."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("Bộ tiêu chí"), on_delete=models.CASCADE, related_name="runs")
    period_kind = models.CharField(max_length=16, choices=PeriodKind.choices)
    period_start = models.DateField()
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("Đơn vị"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+")
    state = models.CharField(_("Trạng thái"), max_length=16, choices=RunState.choices, default=RunState.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    subjects = models.PositiveIntegerField(_("Số đối tượng"), default=0)
    values = models.PositiveIntegerField(_("Số liệu đã ghi"), default=0)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Lượt tính KPI")
        verbose_name_plural = _("Lượt tính KPI")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A double click starts one run: at most one unfinished run per scheme, period and unit.
            models.UniqueConstraint(
                fields=["scheme", "period_kind", "period_start", "unit"],
                condition=Q(state__in=["queued", "running"]),
                name="kpi_run_one_unfinished",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme} {self.period_kind} {self.period_start:%d/%m/%Y} ({self.get_state_display()})"

    @property
    def percent(self) -> int:
        if self.state == RunState.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None

    @property
    def finished(self) -> bool:
        return self.state in (RunState.DONE, RunState.FAILED)


class EvaluationState(models.TextChoices):
    DRAFT = "draft", _("Chờ tự đánh giá")
    SELF_ASSESSED = "self_assessed", _("Chờ lãnh đạo nhận xét")
    REVIEWED = "reviewed", _("Chờ phê duyệt")
    APPROVED = "approved", _("Đã phê duyệt")


class Evaluation(models.Model):
    scheme = models.ForeignKey(Scheme, verbose_name=_("Bộ tiêu chí"), on_delete=models.PROTECT, related_name="evaluations")
    subject_kind = models.CharField(_("Đối tượng"), max_length=8, choices=Subject.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("Cá nhân"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="kpi_evaluations")
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("Đơn vị"), on_delete=models.CASCADE,
                             related_name="kpi_evaluations")
    period_kind = models.CharField(_("Loại kỳ"), max_length=16, choices=PeriodKind.choices)
    period_start = models.DateField(_("Kỳ"))
    state = models.CharField(_("Trạng thái"), max_length=16, choices=EvaluationState.choices,
                             default=EvaluationState.DRAFT)
    self_due = models.DateField(_("Hạn tự đánh giá"), null=True, blank=True)
    total = models.DecimalField(_("Tổng điểm"), max_digits=6, decimal_places=2, default=Decimal("0"))
    band = models.ForeignKey(Band, verbose_name=_("Xếp loại"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    demoted = models.BooleanField(_("Hạ loại do vượt tỷ lệ"), default=False)
    self_comment = models.TextField(_("Tự nhận xét"), blank=True)
    review_comment = models.TextField(_("Nhận xét của lãnh đạo"), blank=True)
    approval_comment = models.TextField(_("Ý kiến phê duyệt"), blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(_("Ngày phê duyệt"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Phiếu đánh giá")
        verbose_name_plural = _("Phiếu đánh giá")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "period_kind", "period_start", "user"], condition=Q(user__isnull=False),
                name="kpi_evaluation_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["scheme", "period_kind", "period_start", "unit"], condition=Q(user__isnull=True),
                name="kpi_evaluation_once_per_unit",
            ),
        ]
        indexes = [models.Index(fields=["unit", "period_kind", "period_start"], name="kpi_eval_unit_period")]

    def __str__(self) -> str:
        return f"{self.subject_name} – {self.period.label}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("kpi:evaluation_detail", kwargs={"pk": self.pk})

    @property
    def period(self):
        from .periods import Period

        return Period(self.period_kind, self.period_start)

    @property
    def subject_name(self) -> str:
        return str(self.user) if self.user_id else str(self.unit)

    @property
    def subject_id(self) -> int:
        return self.user_id if self.user_id else self.unit_id

    @property
    def locked(self) -> bool:
        return self.state == EvaluationState.APPROVED


class Score(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, verbose_name=_("Tiêu chí"), on_delete=models.PROTECT, related_name="+")
    self_points = models.DecimalField(_("Tự chấm"), max_digits=6, decimal_places=2, null=True, blank=True)
    review_points = models.DecimalField(_("Lãnh đạo chấm"), max_digits=6, decimal_places=2, null=True, blank=True)
    computed_points = models.DecimalField(_("Điểm tính từ số liệu"), max_digits=6, decimal_places=2, null=True, blank=True)
    metric_value = models.ForeignKey(MetricValue, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    comment = models.TextField(_("Giải trình"), blank=True)
    review_comment = models.TextField(_("Nhận xét"), blank=True)

    class Meta:
        verbose_name = _("Điểm tiêu chí")
        verbose_name_plural = _("Điểm tiêu chí")
        ordering = ["criterion__order", "criterion__pk"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "criterion"], name="kpi_score_once")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.points}"

    @property
    def points(self) -> Decimal | None:
        """The points that count: computed, else the leader's, else the person's own."""
        if self.criterion.is_computed:
            return self.computed_points
        return self.review_points if self.review_points is not None else self.self_points


class EvaluationEvent(models.Model):
    class Kind(models.TextChoices):
        OPENED = "opened", _("Mở phiếu đánh giá")
        SELF_ASSESSED = "self_assessed", _("Tự đánh giá")
        REVIEWED = "reviewed", _("Lãnh đạo nhận xét, chấm điểm")
        APPROVED = "approved", _("Phê duyệt")
        REOPENED = "reopened", _("Mở lại")
        RECOMPUTED = "recomputed", _("Cập nhật điểm tính từ số liệu")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%d/%m/%Y %H:%M}"
