"""Every write of the KPI module: one function per user action.

- `kpi_compute_period` computes every metric of the scheme's subject for every subject of a
  period in batches (bulk upserts of `MetricValue`), then refreshes the computed points of the
  period's open evaluations. `compute_run_start` runs it in the background with progress.
- The evaluation workflow: `evaluation_round_open` → `evaluation_self_assess` →
  `evaluation_review` → `evaluation_approve` (locked) → `evaluation_reopen` (with a reason).
  Each step closes the inbox items of the step before and opens those of the next one in the
  same transaction, and notifies the people concerned.
- Configuration: `scheme_update`, `scheme_copy`, `criterion_save`, `band_save`.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dieuhanh.platform import notifications
from dieuhanh.platform.audit.context import audit_context
from dieuhanh.platform.inbox import services as inbox
from dieuhanh.platform.orgs.models import Membership, OrgUnit
from dieuhanh.platform.permissions.checks import granted_roles, user_can
from dieuhanh.platform.permissions.roles import active_memberships_q, is_system_admin
from dieuhanh.platform.registry import CITIZEN
from dieuhanh.platform.ui.errors import ConflictError, UserError

from . import catalogue, scoring
from .models import (
    Band,
    ComputeRun,
    Criterion,
    Evaluation,
    EvaluationEvent,
    EvaluationState,
    Mapping,
    Method,
    MetricValue,
    RunState,
    Scheme,
    Score,
    Subject,
)
from .module import APPROVE, COMPUTE, CONFIGURE, EVALUATE
from .periods import Period

logger = logging.getLogger(__name__)

BATCH = 5000  # subjects per call of a metric's compute function
STALE_RUN = dt.timedelta(minutes=15)  # a run without a heartbeat for this long is given up

SELF_ASSESS, REVIEW, APPROVAL = "self_assess", "review", "approve"


# --- who ----------------------------------------------------------------------------------------
def may_compute(user, unit: OrgUnit | None) -> bool:
    return is_system_admin(user) if unit is None else user_can(user, COMPUTE, unit)


def may_configure(user, scheme: Scheme) -> bool:
    if scheme.unit_id is None:
        return is_system_admin(user)
    return user_can(user, CONFIGURE, scheme.unit)


def _holders(unit: OrgUnit, action: str, *, exclude: set[int] = frozenset()) -> list:
    """Active people holding, in `unit` itself, a role granted the action."""
    roles = granted_roles(action)
    ids = (
        Membership.objects.filter(active_memberships_q(), unit=unit, role__in=roles, user__is_active=True)
        .exclude(user_id__in=exclude).values_list("user_id", flat=True).distinct()
    )
    return list(get_user_model().objects.filter(pk__in=list(ids)).order_by("pk"))


def _holders_up(unit: OrgUnit | None, action: str, *, exclude: set[int] = frozenset()) -> list:
    """The nearest unit, from `unit` upwards, with someone holding the action there."""
    for ancestor in (reversed(list(unit.ancestors())) if unit is not None else ()):
        found = _holders(ancestor, action, exclude=exclude)
        if found:
            return found
    return []


def _subject_user_ids(evaluation: Evaluation) -> set[int]:
    return {evaluation.user_id} if evaluation.user_id else set()


def self_assessors(evaluation: Evaluation) -> list:
    if evaluation.user_id:
        return [evaluation.user]
    return _holders(evaluation.unit, EVALUATE)


def reviewers(evaluation: Evaluation) -> list:
    if evaluation.user_id:
        return _holders_up(evaluation.unit, EVALUATE, exclude=_subject_user_ids(evaluation))
    return _holders_up(evaluation.unit.parent, EVALUATE)


def approvers(evaluation: Evaluation) -> list:
    """The leaders of the unit above; without any, the head of the unit itself."""
    exclude = _subject_user_ids(evaluation)
    found = _holders_up(evaluation.unit.parent, APPROVE, exclude=exclude)
    if not found and evaluation.user_id:
        found = _holders(evaluation.unit, APPROVE, exclude=exclude)
    return found


def may_self_assess(user, evaluation: Evaluation) -> bool:
    if evaluation.user_id:
        return user.pk == evaluation.user_id
    return user_can(user, EVALUATE, evaluation.unit)


def may_review(user, evaluation: Evaluation) -> bool:
    if user.pk == evaluation.user_id:
        return False
    unit = evaluation.unit if evaluation.user_id else evaluation.unit.parent
    return unit is not None and user_can(user, EVALUATE, unit)


def may_approve(user, evaluation: Evaluation) -> bool:
    if user.pk == evaluation.user_id:
        return False
    unit = evaluation.unit if evaluation.user_id else evaluation.unit.parent
    return unit is not None and user_can(user, APPROVE, unit)


# --- computation ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ComputeSummary:
    subjects: int
    metrics: int
    values: int
    evaluations: int
    seconds: float


def subject_ids(*, scheme: Scheme, unit: OrgUnit | None) -> list[int]:
    """Everyone (or every unit) the scheme rates in `unit`'s subtree (everywhere without a unit)."""
    if scheme.subject == Subject.UNIT:
        units = OrgUnit.objects.filter(active=True)
        if unit is not None:
            units = units.filter(path__startswith=unit.path)
        return list(units.order_by("pk").values_list("pk", flat=True))
    members = Membership.objects.filter(active_memberships_q(), user__is_active=True).exclude(role=CITIZEN)
    if unit is not None:
        members = members.filter(unit__path__startswith=unit.path)
    return sorted(set(members.values_list("user_id", flat=True)))


def kpi_compute_period(*, by, scheme: Scheme, period: Period, unit: OrgUnit | None = None,
                       progress: Callable[[int, int], None] | None = None) -> ComputeSummary:
    """Compute every metric of the scheme's subject kind for every subject of the period.

    Each batch is upserted in its own transaction, so a long run shows its progress and a
    repeated run overwrites the same rows (one row per subject, metric and period). Subjects a
    metric leaves out get (0, 0): nothing to count. Then the computed points of the period's
    evaluations that are not approved yet are refreshed.
    """
    if by is not None and not may_compute(by, unit):
        raise UserError(_("Bạn không có quyền tính số liệu KPI của đơn vị này."))
    if period.kind != scheme.period_kind:
        raise UserError(_("Bộ tiêu chí này đánh giá theo %(kind)s, không theo kỳ đã chọn.")
                        % {"kind": scheme.get_period_kind_display().lower()})
    started = time.monotonic()
    ids = subject_ids(scheme=scheme, unit=unit)
    metrics = catalogue.metrics_for(scheme.subject)
    batches = [ids[i:i + BATCH] for i in range(0, len(ids), BATCH)]
    total_steps = max(len(metrics) * len(batches), 1)
    step = 0
    written = 0
    if progress:
        progress(0, total_steps)
    for metric in metrics:
        compute = catalogue.compute_function(metric)
        for batch in batches:
            found = compute(batch, period.start, period.end)
            now = timezone.now()
            rows = []
            for subject_id in batch:
                numerator, denominator = found.get(subject_id, (0.0, 0.0))
                rows.append(MetricValue(
                    subject_kind=scheme.subject, subject_id=subject_id, metric_key=metric.key,
                    period_kind=period.kind, period_start=period.start,
                    numerator=float(numerator), denominator=float(denominator),
                    value=scoring.metric_value(numerator, denominator, metric.kind), computed_at=now,
                ))
            with transaction.atomic():
                MetricValue.objects.bulk_create(
                    rows, batch_size=1000, update_conflicts=True,
                    unique_fields=["period_kind", "period_start", "subject_kind", "metric_key", "subject_id"],
                    update_fields=["numerator", "denominator", "value", "computed_at"],
                )
            written += len(rows)
            step += 1
            if progress:
                progress(step, total_steps)
    evaluations = _refresh_evaluations(scheme=scheme, period=period, unit=unit, by=by)
    return ComputeSummary(subjects=len(ids), metrics=len(metrics), values=written, evaluations=evaluations,
                          seconds=time.monotonic() - started)


def _refresh_evaluations(*, scheme: Scheme, period: Period, unit: OrgUnit | None, by) -> int:
    evaluations = Evaluation.objects.filter(
        scheme=scheme, period_kind=period.kind, period_start=period.start,
    ).exclude(state=EvaluationState.APPROVED)
    if unit is not None:
        evaluations = evaluations.filter(unit__path__startswith=unit.path)
    count = 0
    ids = list(evaluations.values_list("pk", flat=True))
    for i in range(0, len(ids), 1000):
        with transaction.atomic():
            chunk = list(
                Evaluation.objects.select_for_update().filter(pk__in=ids[i:i + 1000])
                .exclude(state=EvaluationState.APPROVED)
            )
            _fill_computed(chunk, scheme=scheme)
            count += len(chunk)
    return count


def _fill_computed(evaluations: list[Evaluation], *, scheme: Scheme) -> None:
    """Set the computed points of these evaluations from the stored figures; re-total them."""
    if not evaluations:
        return
    criteria = list(scheme.criteria.all())
    bands = list(scheme.bands.all())
    catalogue_now = catalogue.metrics()
    keys = {c.metric_key for c in criteria if c.is_computed}
    first = evaluations[0]
    values = {
        (v.metric_key, v.subject_id): v
        for v in MetricValue.objects.filter(
            period_kind=first.period_kind, period_start=first.period_start, subject_kind=scheme.subject,
            metric_key__in=keys, subject_id__in=[e.subject_id for e in evaluations],
        )
    }
    scores = {(s.evaluation_id, s.criterion_id): s for s in Score.objects.filter(evaluation__in=evaluations)}
    changed_scores, new_scores, changed_evaluations = [], [], []
    for evaluation in evaluations:
        for criterion in criteria:
            score = scores.get((evaluation.pk, criterion.pk))
            if score is None:
                score = Score(evaluation=evaluation, criterion=criterion)
                new_scores.append(score)
                scores[(evaluation.pk, criterion.pk)] = score
            if not criterion.is_computed:
                continue
            value = values.get((criterion.metric_key, evaluation.subject_id))
            metric = catalogue_now.get(criterion.metric_key)
            if value is None or metric is None:
                points = None
            else:
                points = scoring.points_for(
                    value=value.value, max_points=criterion.max_points, mapping=criterion.mapping,
                    thresholds=criterion.thresholds, kind=metric.kind,
                    full_when_empty=criterion.full_points_when_empty, higher_is_better=metric.higher_is_better,
                )
            if score.computed_points != points or score.metric_value_id != (value.pk if value else None):
                score.computed_points = points
                score.metric_value = value
                if score.pk:
                    changed_scores.append(score)
        before = (evaluation.total, evaluation.band_id)
        _retotal(evaluation, [scores[(evaluation.pk, c.pk)] for c in criteria], criteria, bands, scheme)
        if (evaluation.total, evaluation.band_id) != before:
            changed_evaluations.append(evaluation)
    Score.objects.bulk_create(new_scores)
    # An upsert on the primary key: one INSERT … ON CONFLICT per batch, far cheaper than the
    # CASE WHEN statements of bulk_update at 10,000 rows.
    Score.objects.bulk_create(changed_scores, batch_size=2000, update_conflicts=True, unique_fields=["id"],
                              update_fields=["computed_points", "metric_value"])
    Evaluation.objects.bulk_create(changed_evaluations, batch_size=2000, update_conflicts=True,
                                   unique_fields=["id"], update_fields=["total", "band"])


def _retotal(evaluation: Evaluation, scores: list[Score], criteria: list[Criterion], bands: list[Band],
             scheme: Scheme) -> None:
    by_id = {c.pk: c for c in criteria}
    total = Decimal(0)
    for score in scores:
        score.criterion = by_id[score.criterion_id]
        if score.points is not None:
            total += score.points
    total = min(total, scheme.total_points)
    evaluation.total = scoring.q2(total)
    evaluation.band = scoring.band_for(evaluation.total, bands)


# --- background runs --------------------------------------------------------------------------------
@transaction.atomic
def compute_run_start(*, by, scheme: Scheme, period: Period, unit: OrgUnit | None) -> ComputeRun:
    """Start (or join) the recalculation of a period in the background. A second click while a
    run is unfinished returns that run instead of starting another one."""
    if not may_compute(by, unit):
        raise UserError(_("Bạn không có quyền tính số liệu KPI của đơn vị này."))
    if period.kind != scheme.period_kind:
        raise UserError(_("Bộ tiêu chí này đánh giá theo %(kind)s, không theo kỳ đã chọn.")
                        % {"kind": scheme.get_period_kind_display().lower()})
    lookup = {"scheme": scheme, "period_kind": period.kind, "period_start": period.start, "unit": unit,
              "state__in": [RunState.QUEUED, RunState.RUNNING]}
    existing = ComputeRun.objects.select_for_update().filter(**lookup).first()
    if existing is not None:
        beat = existing.heartbeat_at or existing.created_at
        if timezone.now() - beat < STALE_RUN:
            return existing
        existing.state, existing.error = RunState.FAILED, _("Quá thời gian, không thấy tiến độ.")
        existing.finished_at = timezone.now()
        existing.save(update_fields=["state", "error", "finished_at"])
    try:
        with transaction.atomic():
            run = ComputeRun.objects.create(scheme=scheme, period_kind=period.kind, period_start=period.start,
                                            unit=unit, requested_by=by)
    except IntegrityError:
        return ComputeRun.objects.filter(**lookup).first()

    def enqueue():
        from .tasks import compute_run_execute

        compute_run_execute.enqueue(run.pk)

    transaction.on_commit(enqueue)
    return run


def compute_run_execute_now(run_id: int) -> ComputeRun:
    """The body of the background task: run the computation, recording progress on the row."""
    run = ComputeRun.objects.select_related("scheme", "unit", "requested_by").get(pk=run_id)
    if run.finished:
        return run
    now = timezone.now()
    ComputeRun.objects.filter(pk=run.pk).update(state=RunState.RUNNING, started_at=now, heartbeat_at=now)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        moment = time.monotonic()
        if done == total or moment - last[0] > 0.5:
            last[0] = moment
            ComputeRun.objects.filter(pk=run.pk).update(done=done, total=total, heartbeat_at=timezone.now())

    period = Period(run.period_kind, run.period_start)
    try:
        with audit_context(actor=run.requested_by):
            summary = kpi_compute_period(by=run.requested_by, scheme=run.scheme, period=period, unit=run.unit,
                                         progress=progress)
    except Exception as error:  # recorded on the run for the page; the task itself re-raises
        message = "; ".join(error.messages) if isinstance(error, UserError) else repr(error)
        ComputeRun.objects.filter(pk=run.pk).update(state=RunState.FAILED, error=message[:2000],
                                                    finished_at=timezone.now())
        raise
    ComputeRun.objects.filter(pk=run.pk).update(
        state=RunState.DONE, subjects=summary.subjects, values=summary.values, finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    run.refresh_from_db()
    if run.requested_by_id:
        with transaction.atomic():
            notifications.notify(
                recipients=[run.requested_by_id], kind="kpi.computed",
                title=_("Đã tính xong số liệu KPI %(period)s") % {"period": period.label},
                url=run_url(run),
            )
    return run


def run_url(run: ComputeRun) -> str:
    from django.urls import reverse

    return reverse("kpi:run_detail", kwargs={"pk": run.pk})


# --- evaluations ------------------------------------------------------------------------------------
def _event(evaluation: Evaluation, kind: str, by, note: str = "") -> None:
    EvaluationEvent.objects.create(evaluation=evaluation, kind=kind, actor=by, note=note)


def _end_of(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59)))


def _open_items(evaluation: Evaluation, purpose: str, people: list, title: str, by, due: dt.date | None = None):
    url = evaluation.get_absolute_url()
    if people:
        for person in people:
            inbox.work_item_open(module="kpi", obj=evaluation, purpose=purpose, title=title, assignee_user=person,
                                 due_at=_end_of(due), url=url, by=by)
    else:  # nobody holds the duty by name: the unit shares it
        inbox.work_item_open(module="kpi", obj=evaluation, purpose=purpose, title=title,
                             assignee_unit=evaluation.unit, due_at=_end_of(due), url=url, by=by)


def _notify(people: list, kind: str, title: str, evaluation: Evaluation, by) -> None:
    if people:
        notifications.notify(recipients=people, kind=kind, title=title, url=evaluation.get_absolute_url(),
                             actor=by, obj=evaluation)


def _check_scheme_ready(scheme: Scheme) -> None:
    if not scheme.active:
        raise UserError(_("Bộ tiêu chí “%(name)s” đã ngừng áp dụng.") % {"name": scheme.name})
    total = sum((c.max_points for c in scheme.criteria.all()), Decimal(0))
    if total != scheme.total_points:
        raise UserError(_("Tổng điểm tối đa của các tiêu chí (%(sum)s) khác tổng điểm của bộ tiêu chí (%(total)s): "
                          "cần sửa cấu hình trước khi đánh giá.") % {"sum": scoring.q2(total),
                                                                     "total": scoring.q2(scheme.total_points)})
    if not scheme.bands.exists():
        raise UserError(_("Bộ tiêu chí chưa có mức xếp loại."))


@transaction.atomic
def evaluation_round_open(*, by, scheme: Scheme, period: Period, unit: OrgUnit,
                          self_due: dt.date | None = None) -> list[Evaluation]:
    """Open the period's evaluations in a unit: one per member (a person scheme) or one per unit
    directly under it (a unit scheme), each with an inbox item to self-assess by `self_due`.
    Opening again adds only the missing ones."""
    if not may_compute(by, unit):
        raise UserError(_("Bạn không có quyền mở kỳ đánh giá của đơn vị này."))
    if period.kind != scheme.period_kind:
        raise UserError(_("Bộ tiêu chí này đánh giá theo %(kind)s, không theo kỳ đã chọn.")
                        % {"kind": scheme.get_period_kind_display().lower()})
    if self_due is not None and self_due < timezone.localdate():
        raise UserError(_("Hạn tự đánh giá đã qua."))
    _check_scheme_ready(scheme)
    base = {"scheme": scheme, "period_kind": period.kind, "period_start": period.start}
    if scheme.subject == Subject.PERSON:
        members = (
            Membership.objects.filter(active_memberships_q(), unit=unit, user__is_active=True).exclude(role=CITIZEN)
            .values_list("user_id", flat=True).distinct()
        )
        have = set(Evaluation.objects.filter(**base, user__isnull=False).values_list("user_id", flat=True))
        wanted = [{"user_id": uid, "unit": unit} for uid in sorted(set(members)) if uid not in have]
    else:
        children = list(unit.children.filter(active=True).order_by("pk"))
        if not children:
            raise UserError(_("Đơn vị không có đơn vị trực thuộc để đánh giá tập thể."))
        have = set(Evaluation.objects.filter(**base, user__isnull=True).values_list("unit_id", flat=True))
        wanted = [{"user_id": None, "unit": child} for child in children if child.pk not in have]
    created = []
    for fields in wanted:
        try:
            with transaction.atomic():
                evaluation = Evaluation.objects.create(
                    **base, **fields, subject_kind=scheme.subject, self_due=self_due,
                )
        except IntegrityError:  # opened meanwhile by another click
            continue
        created.append(evaluation)
    _fill_computed(created, scheme=scheme)
    fresh = list(Evaluation.objects.filter(pk__in=[e.pk for e in created]).select_related("user", "unit", "scheme"))
    EvaluationEvent.objects.bulk_create([
        EvaluationEvent(evaluation=e, kind=EvaluationEvent.Kind.OPENED, actor=by) for e in fresh])
    people_told = []
    for evaluation in fresh:
        people = self_assessors(evaluation)
        title = _("Tự đánh giá KPI %(period)s: %(subject)s") % {"period": period.label,
                                                              "subject": evaluation.subject_name}
        _open_items(evaluation, SELF_ASSESS, people, title, by, due=self_due)
        people_told.extend(people)
    if people_told:  # one notification each, in one call: the inbox item leads to the evaluation
        from django.urls import reverse

        notifications.notify(
            recipients=sorted({p.pk for p in people_told}), kind="kpi.self_assess",
            title=_("Đến kỳ tự đánh giá KPI %(period)s") % {"period": period.label}, url=reverse("kpi:my"), actor=by)
    return created


def _locked(evaluation_pk: int) -> Evaluation:
    return (Evaluation.objects.select_for_update(of=("self",)).select_related("scheme", "unit", "user")
            .get(pk=evaluation_pk))


def _parse_points(raw, criterion: Criterion, *, required: bool) -> Decimal | None:
    if raw is None or str(raw).strip() == "":
        if required:
            raise UserError(_("Chưa chấm điểm tiêu chí “%(name)s”.") % {"name": criterion.name})
        return None
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        raise UserError(_("Điểm của tiêu chí “%(name)s” phải là một số.") % {"name": criterion.name}) from None
    if not value.is_finite() or value < 0 or value > criterion.max_points:
        raise UserError(_("Điểm của tiêu chí “%(name)s” phải từ 0 đến %(max)s.")
                        % {"name": criterion.name, "max": scoring.q2(criterion.max_points)})
    return scoring.q2(value)


def _manual_scores(evaluation: Evaluation) -> list[Score]:
    return [s for s in evaluation.scores.select_related("criterion").select_for_update(of=("self",))
            if not s.criterion.is_computed]


def _retotal_saved(evaluation: Evaluation) -> None:
    scheme = evaluation.scheme
    criteria = list(scheme.criteria.all())
    scores = list(evaluation.scores.all())
    _retotal(evaluation, scores, criteria, list(scheme.bands.all()), scheme)


@transaction.atomic
def evaluation_self_assess(*, by, evaluation: Evaluation, points: dict[int, object],
                           comments: dict[int, str] | None = None, comment: str = "") -> Evaluation:
    """The person (or the unit's leader) scores the evaluator-scored criteria. Sending again
    before the leader's review replaces the scores."""
    evaluation = _locked(evaluation.pk)
    if not may_self_assess(by, evaluation):
        raise UserError(_("Bạn không tự đánh giá phiếu này được."))
    if evaluation.state not in (EvaluationState.DRAFT, EvaluationState.SELF_ASSESSED):
        raise ConflictError(_("Phiếu đã được lãnh đạo nhận xét, không sửa phần tự đánh giá được nữa."))
    comments = comments or {}
    scores = _manual_scores(evaluation)
    for score in scores:
        score.self_points = _parse_points(points.get(score.criterion_id), score.criterion, required=True)
        score.comment = str(comments.get(score.criterion_id, "") or "").strip()[:2000]
    for score in scores:  # a few rows; saved one by one so that the audit log records each change
        score.save(update_fields=["self_points", "comment"])
    evaluation.self_comment = str(comment or "").strip()[:4000]
    first_time = evaluation.state == EvaluationState.DRAFT
    evaluation.state = EvaluationState.SELF_ASSESSED
    _retotal_saved(evaluation)
    evaluation.save(update_fields=["self_comment", "state", "total", "band"])
    _event(evaluation, EvaluationEvent.Kind.SELF_ASSESSED, by,
           _("Tự chấm %(total)s điểm") % {"total": evaluation.total})
    inbox.work_item_close(obj=evaluation, purpose=SELF_ASSESS, module="kpi", by=by)
    people = reviewers(evaluation)
    title = _("Nhận xét KPI %(period)s: %(subject)s") % {"period": evaluation.period.label,
                                                       "subject": evaluation.subject_name}
    _open_items(evaluation, REVIEW, people, title, by)
    if first_time:
        _notify(people, "kpi.review", title, evaluation, by)
    return evaluation


@transaction.atomic
def evaluation_review(*, by, evaluation: Evaluation, points: dict[int, object],
                      comments: dict[int, str] | None = None, comment: str = "") -> Evaluation:
    """The leader adjusts the evaluator-scored points (empty = keep the person's) and comments.
    May be sent again until the evaluation is approved."""
    evaluation = _locked(evaluation.pk)
    if not may_review(by, evaluation):
        raise UserError(_("Bạn không có quyền nhận xét phiếu này."))
    if evaluation.state == EvaluationState.APPROVED:
        raise ConflictError(_("Phiếu đã được phê duyệt; cần mở lại trước khi sửa."))
    if evaluation.state == EvaluationState.DRAFT:
        raise ConflictError(_("Người được đánh giá chưa tự đánh giá."))
    comments = comments or {}
    scores = _manual_scores(evaluation)
    for score in scores:
        score.review_points = _parse_points(points.get(score.criterion_id), score.criterion, required=False)
        score.review_comment = str(comments.get(score.criterion_id, "") or "").strip()[:2000]
    for score in scores:
        score.save(update_fields=["review_points", "review_comment"])
    first_time = evaluation.state == EvaluationState.SELF_ASSESSED
    evaluation.review_comment = str(comment or "").strip()[:4000]
    evaluation.reviewer = by
    evaluation.state = EvaluationState.REVIEWED
    _retotal_saved(evaluation)
    evaluation.save(update_fields=["review_comment", "reviewer", "state", "total", "band"])
    _event(evaluation, EvaluationEvent.Kind.REVIEWED, by,
           _("Lãnh đạo chấm %(total)s điểm") % {"total": evaluation.total})
    inbox.work_item_close(obj=evaluation, purpose=REVIEW, module="kpi", by=by)
    people = approvers(evaluation)
    title = _("Phê duyệt KPI %(period)s: %(subject)s") % {"period": evaluation.period.label,
                                                        "subject": evaluation.subject_name}
    _open_items(evaluation, APPROVAL, people, title, by)
    if first_time:
        _notify(people, "kpi.approve", title, evaluation, by)
    return evaluation


@dataclass(frozen=True)
class CapStatus:
    band: Band | None  # the top band
    cap_percent: Decimal | None
    population: int
    allowed: int | None
    approved_top: int

    @property
    def full(self) -> bool:
        return self.allowed is not None and self.approved_top >= self.allowed


def cap_status(evaluation: Evaluation) -> CapStatus:
    """How many evaluations of the same unit, scheme and period are approved in the top band,
    against the cap."""
    bands = list(evaluation.scheme.bands.all())
    top = max(bands, key=lambda b: b.min_score) if bands else None
    peers = Evaluation.objects.filter(
        scheme=evaluation.scheme, period_kind=evaluation.period_kind, period_start=evaluation.period_start,
        unit=evaluation.unit,
    )
    population = peers.count()
    approved_top = peers.filter(state=EvaluationState.APPROVED, band=top).exclude(pk=evaluation.pk).count() if top else 0
    cap = evaluation.scheme.top_band_cap_percent
    return CapStatus(band=top, cap_percent=cap, population=population,
                     allowed=scoring.cap_allowed(cap, population), approved_top=approved_top)


@transaction.atomic
def evaluation_approve(*, by, evaluation: Evaluation, comment: str = "", demote: bool = False) -> Evaluation:
    """Approve and lock. The top band is capped as a share of the unit: past the cap, approval
    is refused, unless the approver chooses to approve in the band below (`demote`)."""
    evaluation = _locked(evaluation.pk)
    if not may_approve(by, evaluation):
        raise UserError(_("Bạn không có quyền phê duyệt phiếu này."))
    if evaluation.state == EvaluationState.APPROVED:
        if evaluation.approver_id == by.pk:
            return evaluation  # the same approval sent twice
        raise ConflictError(_("Phiếu đã được phê duyệt."))
    if evaluation.state != EvaluationState.REVIEWED:
        raise ConflictError(_("Phiếu chưa được lãnh đạo nhận xét, chưa phê duyệt được."))
    _retotal_saved(evaluation)
    bands = list(evaluation.scheme.bands.all())
    status = cap_status(evaluation)
    evaluation.demoted = False
    if evaluation.band is not None and status.band is not None and evaluation.band.pk == status.band.pk and status.full:
        if not demote:
            raise UserError(
                _("Đơn vị đã có %(approved)s/%(allowed)s người được xếp “%(band)s” (tối đa %(cap)s%% của %(population)s "
                  "phiếu). Không phê duyệt thêm vào mức này được: hãy xếp xuống mức liền kề hoặc để lãnh đạo chấm lại.")
                % {"approved": status.approved_top, "allowed": status.allowed, "band": status.band.label,
                   "cap": scoring.q2(status.cap_percent), "population": status.population}
            )
        evaluation.band = scoring.band_below(evaluation.band, bands)
        evaluation.demoted = True
    evaluation.state = EvaluationState.APPROVED
    evaluation.approver = by
    evaluation.approved_at = timezone.now()
    evaluation.approval_comment = str(comment or "").strip()[:4000]
    evaluation.save(update_fields=["state", "approver", "approved_at", "approval_comment", "total", "band", "demoted"])
    note = evaluation.band.label if evaluation.band else ""
    if evaluation.demoted:
        note = _("%(band)s (hạ một mức do vượt tỷ lệ tối đa)") % {"band": note}
    _event(evaluation, EvaluationEvent.Kind.APPROVED, by, note)
    inbox.work_item_close(obj=evaluation, purpose=APPROVAL, module="kpi", by=by)
    title = _("Kết quả KPI %(period)s đã được phê duyệt: %(band)s") % {"period": evaluation.period.label,
                                                                     "band": note}
    _notify(self_assessors(evaluation), "kpi.approved", title, evaluation, by)
    return evaluation


@transaction.atomic
def evaluation_reopen(*, by, evaluation: Evaluation, reason: str) -> Evaluation:
    """Unlock an approved evaluation for a new review; the reason is kept on the timeline."""
    evaluation = _locked(evaluation.pk)
    if not may_approve(by, evaluation):
        raise UserError(_("Bạn không có quyền mở lại phiếu này."))
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise UserError(_("Cần nêu lý do mở lại."))
    if evaluation.state != EvaluationState.APPROVED:
        raise ConflictError(_("Phiếu chưa được phê duyệt nên không cần mở lại."))
    evaluation.state = EvaluationState.SELF_ASSESSED
    evaluation.approver, evaluation.approved_at, evaluation.demoted = None, None, False
    _fill_computed([evaluation], scheme=evaluation.scheme)
    evaluation.save(update_fields=["state", "approver", "approved_at", "demoted", "total", "band"])
    _event(evaluation, EvaluationEvent.Kind.REOPENED, by, reason[:2000])
    people = reviewers(evaluation)
    title = _("Nhận xét lại KPI %(period)s: %(subject)s") % {"period": evaluation.period.label,
                                                           "subject": evaluation.subject_name}
    _open_items(evaluation, REVIEW, people, title, by)
    _notify(people + self_assessors(evaluation), "kpi.approved",
            _("Kết quả KPI %(period)s được mở lại: %(reason)s") % {"period": evaluation.period.label, "reason": reason},
            evaluation, by)
    return evaluation


# --- configuration ----------------------------------------------------------------------------------
def _check_configure(by, scheme: Scheme) -> None:
    if not may_configure(by, scheme):
        raise UserError(_("Bạn không có quyền sửa bộ tiêu chí này."))


def _in_use(scheme: Scheme) -> bool:
    return scheme.evaluations.filter(state=EvaluationState.APPROVED).exists()


@transaction.atomic
def scheme_update(*, by, scheme: Scheme, data: dict) -> Scheme:
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    _check_configure(by, scheme)
    for name in ("name", "effective_from", "legal_basis", "note", "top_band_cap_percent", "active", "total_points"):
        if name in data:
            setattr(scheme, name, data[name])
    scheme.full_clean(exclude=["unit", "code"])
    scheme.save()
    return scheme


@transaction.atomic
def scheme_copy(*, by, scheme: Scheme, unit: OrgUnit, name: str = "") -> Scheme:
    """A unit's own copy of a scheme (criteria and bands), which the unit's administrators edit."""
    if not user_can(by, CONFIGURE, unit):
        raise UserError(_("Bạn không có quyền cấu hình KPI của đơn vị này."))
    code = f"{scheme.code[:40]}-{unit.pk}"
    existing = Scheme.objects.filter(code=code).first()
    if existing is not None:
        return existing  # copying twice gives the same copy
    copy = Scheme.objects.create(
        code=code, name=(name or f"{scheme.name} – {unit.name}")[:255], subject=scheme.subject,
        period_kind=scheme.period_kind, total_points=scheme.total_points, effective_from=scheme.effective_from,
        legal_basis=scheme.legal_basis, note=scheme.note, top_band_cap_percent=scheme.top_band_cap_percent,
        unit=unit,
    )
    Criterion.objects.bulk_create([
        Criterion(scheme=copy, group=c.group, name=c.name, description=c.description, max_points=c.max_points,
                  method=c.method, metric_key=c.metric_key, mapping=c.mapping, thresholds=c.thresholds,
                  full_points_when_empty=c.full_points_when_empty, order=c.order)
        for c in scheme.criteria.all()
    ])
    Band.objects.bulk_create([Band(scheme=copy, code=b.code, label=b.label, min_score=b.min_score)
                              for b in scheme.bands.all()])
    return copy


def clean_thresholds(raw) -> list[list[float]]:
    """"100:70, 90:60, 0:0" or [[100, 70], …] → [[100.0, 70.0], …], highest first."""
    pairs = []
    if isinstance(raw, str):
        for part in raw.replace(";", ",").split(","):
            if not part.strip():
                continue
            if ":" not in part:
                raise UserError(_("Ngưỡng “%(part)s” cần có dạng tỷ lệ:điểm, ví dụ 90:60.") % {"part": part.strip()})
            left, right = part.split(":", 1)
            pairs.append((left, right))
    else:
        pairs = [tuple(p) for p in raw or []]
    result = []
    for left, right in pairs:
        try:
            result.append([float(str(left).strip()), float(str(right).strip())])
        except ValueError:
            raise UserError(_("Ngưỡng “%(left)s:%(right)s” phải gồm hai số.") % {"left": left, "right": right}) from None
    return sorted(result, reverse=True)


@transaction.atomic
def criterion_save(*, by, scheme: Scheme, criterion: Criterion | None = None, data: dict) -> Criterion:
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    _check_configure(by, scheme)
    if _in_use(scheme):
        raise ConflictError(_("Bộ tiêu chí đã có phiếu được phê duyệt: hãy sao chép thành bộ mới để sửa tiêu chí."))
    criterion = criterion or Criterion(scheme=scheme)
    for name in ("group", "name", "description", "max_points", "method", "metric_key", "mapping",
                 "full_points_when_empty", "order"):
        if name in data:
            setattr(criterion, name, data[name])
    criterion.thresholds = clean_thresholds(data.get("thresholds", criterion.thresholds))
    if criterion.method == Method.COMPUTED:
        metric = catalogue.metric(criterion.metric_key)
        if metric is None:
            raise UserError(_("Chỉ số “%(key)s” không có phân hệ nào khai báo.") % {"key": criterion.metric_key})
        if metric.subject != scheme.subject:
            raise UserError(_("Chỉ số “%(label)s” không dùng cho đối tượng của bộ tiêu chí này.") % {"label": metric.label})
        if criterion.mapping == Mapping.THRESHOLDS and not criterion.thresholds:
            raise UserError(_("Cách quy đổi theo ngưỡng cần ít nhất một ngưỡng."))
    else:
        criterion.metric_key = ""
    for _threshold, points in criterion.thresholds:
        if points < 0 or Decimal(str(points)) > Decimal(criterion.max_points):
            raise UserError(_("Điểm của mỗi ngưỡng phải từ 0 đến điểm tối đa của tiêu chí."))
    criterion.full_clean(exclude=["scheme"])
    criterion.save()
    return criterion


@transaction.atomic
def band_save(*, by, scheme: Scheme, band: Band | None = None, data: dict) -> Band:
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    _check_configure(by, scheme)
    if _in_use(scheme):
        raise ConflictError(_("Bộ tiêu chí đã có phiếu được phê duyệt: hãy sao chép thành bộ mới để sửa mức xếp loại."))
    band = band or Band(scheme=scheme)
    for name in ("code", "label", "min_score"):
        if name in data:
            setattr(band, name, data[name])
    if band.min_score is not None and band.min_score > scheme.total_points:
        raise UserError(_("Điểm tối thiểu không được lớn hơn tổng điểm."))
    clash = Band.objects.filter(scheme=scheme).exclude(pk=band.pk).filter(Q(code=band.code) | Q(min_score=band.min_score))
    if clash.exists():
        raise UserError(_("Đã có mức xếp loại cùng mã hoặc cùng điểm tối thiểu."))
    band.full_clean(exclude=["scheme"])
    band.save()
    return band
