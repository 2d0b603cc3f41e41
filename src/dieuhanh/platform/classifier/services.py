"""Writes of the classifier part: training and storing versions, switching the active version,
asking for a retraining, recording staff feedback.

`model_train` is the programmatic entry (the command, the tasks, a module's own code): it
records `by` but checks no permission. The entries behind the admin screen
(`training_request`, `model_activate`) check the action "classifier.manage".
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import nullcontext

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dieuhanh.platform.audit.context import audit_context
from dieuhanh.platform.permissions.checks import user_can
from dieuhanh.platform.ui.errors import ConflictError, UserError

from . import store
from .models import ClassifierModel, SuggestionFeedback, TrainingRun
from .types import ModelInfo

DEFAULT_MIN_EXAMPLES = 100
DEFAULT_MIN_PER_LABEL = 5
MAX_TEXT = 20_000  # characters of one example that are used
MANAGE = "classifier.manage"

Progress = Callable[[str, int], None]


def not_ready_message(min_examples: int) -> str:
    return _("Chưa đủ dữ liệu lịch sử để gợi ý (cần ít nhất %(n)s ví dụ đã phân loại).") % {"n": min_examples}


def clean_examples(examples: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Strip, drop empty texts or labels, cut very long texts."""
    out = []
    for text, label in examples:
        text = " ".join(str(text or "").split())[:MAX_TEXT]
        label = " ".join(str(label or "").split())
        if text and label:
            out.append((text, label))
    return out


def fingerprint(examples: list[tuple[str, str]]) -> str:
    h = hashlib.sha256()
    for text, label in sorted(examples):
        h.update(label.encode())
        h.update(b"\t")
        h.update(text.encode())
        h.update(b"\n")
    return h.hexdigest()


def model_train(
    *,
    key: str,
    examples: Iterable[tuple[str, str]],
    by=None,
    holdout: float = 0.2,
    min_examples: int = DEFAULT_MIN_EXAMPLES,
    min_per_label: int = DEFAULT_MIN_PER_LABEL,
    source: str = "",
    dry_run: bool = False,
    progress: Progress | None = None,
    seed: int = 0,
) -> ModelInfo:
    """Evaluate on a stratified held-back share, refit on everything, store the new version
    and make it active (unless `dry_run`).

    Labels with fewer than `min_per_label` examples are left out (listed in
    metrics["dropped_labels"]); when fewer than `min_examples` examples or fewer than two
    labels remain, nothing is kept and the result says so (`ready=False`)."""
    from . import engine

    step = progress or (lambda stage, percent: None)
    key = _check_key(key)
    if not 0 <= holdout < 0.9:
        raise UserError(_("Tỷ lệ dữ liệu để đánh giá phải từ 0 đến 0,9."))
    step(_("Đọc dữ liệu"), 5)
    rows = clean_examples(examples)
    counts = Counter(label for _, label in rows)
    dropped = sorted(label for label, n in counts.items() if n < min_per_label)
    if dropped:
        left_out = set(dropped)
        rows = [(t, lab) for t, lab in rows if lab not in left_out]
    labels = sorted({lab for _, lab in rows})
    if len(rows) < min_examples or len(labels) < 2:
        message = not_ready_message(min_examples)
        if len(labels) < 2 and len(rows) >= min_examples:
            message = _("Chưa đủ dữ liệu lịch sử để gợi ý: cần ít nhất hai nhãn, mỗi nhãn có ít nhất %(n)s ví dụ.") % {
                "n": min_per_label}
        return ModelInfo(key=key, ready=False, message=message, n_examples=len(rows), labels=labels,
                         metrics={"dropped_labels": dropped})
    data_sha = fingerprint(rows)
    texts, targets = [t for t, _ in rows], [lab for _, lab in rows]

    def engine_step(stage: str, share: float) -> None:
        names = {"evaluate": _("Đánh giá trên dữ liệu giữ lại"), "refit": _("Huấn luyện trên toàn bộ dữ liệu")}
        step(names.get(stage, stage), 10 + int(share * 80))

    test_n = max(round(holdout * len(rows)), len(labels)) if holdout > 0 else 0
    effective_holdout = test_n / len(rows) if test_n and len(rows) - test_n >= len(labels) else 0.0
    pipeline, evaluation = engine.fit_and_evaluate(texts, targets, holdout=effective_holdout, seed=seed,
                                                   progress=engine_step)
    metrics = evaluation.as_dict() if evaluation else {}
    metrics.update({"dropped_labels": dropped, "holdout": effective_holdout,
                    "label_counts": {lab: counts[lab] for lab in labels}})
    if dry_run:
        step(_("Xong (chạy thử, không lưu)"), 100)
        return ModelInfo(key=key, ready=True, n_examples=len(rows), labels=labels, metrics=metrics)
    step(_("Lưu mô hình"), 92)
    payload = store.dumps(pipeline)
    row = _store_version(key=key, by=by, source=source, rows=rows, labels=labels, metrics=metrics,
                         data_sha=data_sha, payload=payload)
    store.forget(key)
    step(_("Hoàn thành"), 100)
    return ModelInfo(key=key, ready=True, version=row.version, n_examples=len(rows), labels=labels, metrics=metrics)


def _store_version(*, key, by, source, rows, labels, metrics, data_sha, payload) -> ClassifierModel:
    for attempt in range(3):
        try:
            with transaction.atomic(), audit_context(actor=by) if by else nullcontext():
                version = (ClassifierModel.objects.filter(key=key).aggregate(v=Max("version"))["v"] or 0) + 1
                ClassifierModel.objects.filter(key=key, is_active=True).update(is_active=False)
                row = ClassifierModel.objects.create(
                    key=key, version=version, trained_by=by if getattr(by, "pk", None) else None,
                    source=source[:200], n_examples=len(rows), labels=labels, metrics=metrics,
                    data_sha256=data_sha, payload=payload, payload_sha256=store.digest(payload),
                    payload_hmac=store.signature(payload), payload_size=len(payload), is_active=True,
                )
                transaction.on_commit(lambda: store.forget(key))
                return row
        except IntegrityError:  # two trainings of the same key finished together
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _check_key(key: str) -> str:
    key = (key or "").strip()
    if not key or len(key) > 100 or any(c.isspace() or c == "/" for c in key):
        raise UserError(_("Tên bộ nhãn không hợp lệ: %(key)s") % {"key": key or "–"})
    return key


def model_retrain(*, key: str, by=None, force: bool = False, progress: Progress | None = None) -> ModelInfo:
    """Retrain from the source the module declared for `key`. Without `force`, data identical
    to the active version's (same fingerprint) trains nothing (`unchanged=True`)."""
    from . import sources

    spec = sources.source(key)
    if spec is None:
        raise UserError(_("Bộ nhãn %(key)s chưa khai báo nguồn dữ liệu để huấn luyện lại.") % {"key": key})
    step = progress or (lambda stage, percent: None)
    step(_("Đọc dữ liệu từ phân hệ"), 2)
    rows = clean_examples(sources.load_examples(spec))
    if spec.include_feedback:
        rows += clean_examples(SuggestionFeedback.objects.filter(key=key, ref="").values_list("text", "chosen"))
    active = ClassifierModel.objects.filter(key=key, is_active=True).only("data_sha256", "version").first()
    if not force and active is not None and active.data_sha256 == fingerprint(rows):
        return ModelInfo(key=key, ready=True, version=active.version, n_examples=len(rows), unchanged=True,
                         message=_("Dữ liệu không thay đổi từ phiên bản %(v)s; không huấn luyện lại.") % {
                             "v": active.version})
    options = {}
    if spec.min_examples is not None:
        options["min_examples"] = spec.min_examples
    if spec.min_per_label is not None:
        options["min_per_label"] = spec.min_per_label
    return model_train(key=key, examples=rows, by=by, source=spec.path, progress=progress, **options)


@transaction.atomic
def model_activate(*, key: str, version: int, by) -> ClassifierModel:
    """Go back (or forward) to a stored version."""
    if not user_can(by, MANAGE):
        raise UserError(_("Bạn không có quyền quản lý mô hình phân loại."))
    target = ClassifierModel.objects.select_for_update().filter(key=key, version=version).defer("payload").first()
    if target is None:
        raise UserError(_("Không có phiên bản %(v)s của bộ nhãn %(key)s.") % {"v": version, "key": key})
    if target.is_active:
        return target
    with audit_context(actor=by):
        ClassifierModel.objects.filter(key=key, is_active=True).update(is_active=False)
        target.is_active = True
        target.save(update_fields=["is_active"])
    store.forget(key)  # this process at once; every process's cache entry again after commit
    transaction.on_commit(lambda: store.forget(key))
    return target


@transaction.atomic
def training_request(*, key: str, by) -> TrainingRun:
    """Queue a retraining (admin screen). A second request while one is queued or running
    returns that one instead of starting another."""
    from . import sources
    from .tasks import run_training

    if not user_can(by, MANAGE):
        raise UserError(_("Bạn không có quyền huấn luyện lại mô hình phân loại."))
    if sources.source(key) is None:
        raise UserError(_("Bộ nhãn %(key)s chưa khai báo nguồn dữ liệu để huấn luyện lại.") % {"key": key})
    existing = TrainingRun.objects.filter(key=key, status__in=TrainingRun.OPEN).first()
    if existing is not None:
        raise ConflictError(_("Bộ nhãn %(key)s đang được huấn luyện lại.") % {"key": key})
    try:
        with transaction.atomic():
            run = TrainingRun.objects.create(key=key, requested_by=by, stage=_("Đang chờ tiến trình nền"))
    except IntegrityError:
        raise ConflictError(_("Bộ nhãn %(key)s đang được huấn luyện lại.") % {"key": key}) from None
    transaction.on_commit(lambda: run_training.enqueue(run.pk))
    return run


def training_run_execute(*, run_id: int, force: bool = True) -> TrainingRun:
    """Carry out a queued run (inside the task); progress is written as it goes."""
    run = TrainingRun.objects.filter(pk=run_id).first()
    if run is None or run.status not in TrainingRun.OPEN:
        return run
    TrainingRun.objects.filter(pk=run.pk).update(status=TrainingRun.Status.RUNNING, started_at=timezone.now(),
                                                 progress=1)

    def progress(stage: str, percent: int) -> None:
        TrainingRun.objects.filter(pk=run.pk).update(stage=str(stage)[:200], progress=max(0, min(percent, 99)))

    try:
        info = model_retrain(key=run.key, by=run.requested_by, force=force, progress=progress)
    except Exception as error:  # noqa: BLE001 - the run must end visibly, then the task fails
        TrainingRun.objects.filter(pk=run.pk).update(
            status=TrainingRun.Status.FAILED, finished_at=timezone.now(),
            message=(" ".join(error.messages) if isinstance(error, UserError) else repr(error))[:2000],
        )
        raise
    if info.unchanged:
        status, message = TrainingRun.Status.UNCHANGED, info.message
    elif not info.ready:
        status, message = TrainingRun.Status.INSUFFICIENT, info.message
    else:
        status = TrainingRun.Status.DONE
        message = _("Phiên bản %(v)s: %(n)s ví dụ, đúng ở gợi ý đầu %(top1)s, trong ba gợi ý %(top3)s.") % {
            "v": info.version, "n": info.n_examples, "top1": _percent(info.top1), "top3": _percent(info.top3)}
    model_id = ClassifierModel.objects.filter(key=run.key, version=info.version).values_list("pk", flat=True).first()
    TrainingRun.objects.filter(pk=run.pk).update(
        status=status, progress=100, finished_at=timezone.now(), message=message, stage=_("Hoàn thành"),
        model_id=model_id if info.version else None,
    )
    run.refresh_from_db()
    return run


def _percent(value) -> str:
    return "–" if value is None else f"{value * 100:.1f} %".replace(".", ",")


def retrain_changed() -> dict[str, str]:
    """The daily job: retrain every declared key whose data changed."""
    from . import sources

    done = {}
    for key in sorted(sources.sources()):
        if TrainingRun.objects.filter(key=key, status__in=TrainingRun.OPEN).exists():
            done[key] = "busy"
            continue
        try:
            run = TrainingRun.objects.create(key=key, stage=_("Việc định kỳ"))
        except IntegrityError:
            done[key] = "busy"
            continue
        run = training_run_execute(run_id=run.pk, force=False)
        done[key] = run.status
    return done


def suggestion_feedback_record(*, key: str, text: str, suggested: str | None, chosen: str, by,
                               ref: str = "", model_version: int | None = None) -> SuggestionFeedback:
    """Staff accepted or corrected a suggestion. With `ref` (the object, e.g.
    "petitions.petition:12") a repeated submit updates the one row instead of adding another."""
    key = _check_key(key)
    chosen = " ".join(str(chosen or "").split())[:200]
    if not chosen:
        raise UserError(_("Hãy chọn một nhãn."))
    suggested = " ".join(str(suggested).split())[:200] if suggested else None
    if model_version is None:
        model_version = ClassifierModel.objects.filter(key=key, is_active=True).values_list(
            "version", flat=True).first()
    values = {
        "text": str(text or "")[:MAX_TEXT], "suggested": suggested, "chosen": chosen,
        "accepted": suggested is not None and suggested == chosen, "model_version": model_version,
        "by": by if getattr(by, "pk", None) else None,
    }
    with transaction.atomic():
        if ref:
            row, _created = SuggestionFeedback.objects.update_or_create(key=key, ref=ref[:200], defaults=values)
        else:
            row = SuggestionFeedback.objects.create(key=key, **values)
    return row
