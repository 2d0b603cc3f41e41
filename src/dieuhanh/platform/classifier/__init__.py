"""Text classification and near-duplicate finding, trained on the deployment's own history.

    from dieuhanh.platform import classifier

    info = classifier.train(key="petitions.field", examples=[(text, label), ...], by=user)
    info.ready, info.message, info.version, info.top1, info.top3, info.metrics

    s = classifier.suggest(key="petitions.field", text="Đường Láng ngập sâu mỗi khi mưa")
    s.ready, s.message, s.model_version, [(i.label, i.confidence) for i in s.items]
    many = classifier.suggest_many(key="petitions.field", texts=[...])   # batched, fast

    classifier.feedback(key="petitions.field", text=..., suggested="giao thông",
                        chosen="môi trường", by=user, ref="petitions.petition:12")

    classifier.register_source("petitions.field", "dieuhanh.modules.petitions.classifying.history")
    classifier.retrain(key="petitions.field", by=user)                  # reads that source

    pairs = classifier.find_similar(texts=[...], ids=[...])             # near-duplicate pairs
    hits = classifier.similar_to(text=..., candidates=[(id, text), ...], top=5)

Nothing here imports models at import time (this package is also the Django app).
See docs/dev/CLASSIFIER.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .sources import register_source, unregister_source
from .types import ModelInfo, Similar, SimilarPair, Suggestion, Suggestions

DEFAULT_FIELDS = (
    "đất đai",
    "xây dựng – đô thị",
    "giao thông",
    "môi trường",
    "giáo dục",
    "y tế",
    "lao động – xã hội",
    "an ninh – trật tự",
    "kinh tế – tài chính",
    "nông nghiệp",
    "văn hóa – thể thao",
    "tổ chức bộ máy",
    "tư pháp",
    "khác",
)


def train(*, key: str, examples: Iterable[tuple[str, str]], by=None, holdout: float = 0.2,
          min_examples: int | None = None, min_per_label: int | None = None, source: str = "",
          dry_run: bool = False, progress=None) -> ModelInfo:
    """Evaluate on a stratified held-back share, refit on everything, store and activate a
    new version. Too little history → `ready=False` with a Vietnamese `message`, nothing kept."""
    from . import services

    return services.model_train(
        key=key, examples=examples, by=by, holdout=holdout,
        min_examples=services.DEFAULT_MIN_EXAMPLES if min_examples is None else min_examples,
        min_per_label=services.DEFAULT_MIN_PER_LABEL if min_per_label is None else min_per_label,
        source=source, dry_run=dry_run, progress=progress,
    )


def retrain(*, key: str, by=None, force: bool = True) -> ModelInfo:
    """Retrain now from the source registered for `key` (see `register_source`)."""
    from . import services

    return services.model_retrain(key=key, by=by, force=force)


def suggest(*, key: str, text: str, top: int = 3) -> Suggestions:
    return suggest_many(key=key, texts=[text], top=top)[0]


def suggest_many(*, key: str, texts: Sequence[str], top: int = 3) -> list[Suggestions]:
    """Suggestions for many texts with one model load and one batched prediction."""
    from . import engine

    row, pipeline = _active(key)
    if pipeline is None:
        message = _not_ready(key)
        return [Suggestions(ready=False, message=message) for _ in texts]
    ranked = engine.top_k(pipeline, [t or "" for t in texts], top)
    return [
        Suggestions(ready=True, items=[Suggestion(label, confidence) for label, confidence in items],
                    model_version=row.version)
        for items in ranked
    ]


def _active(key: str):
    from . import store

    try:
        return store.active_pipeline(key)
    except store.UntrustedModel:
        import logging

        logging.getLogger("dieuhanh.classifier").error("stored model of %s failed its integrity check", key)
        return None, None


def _not_ready(key: str) -> str:
    from . import services, sources

    spec = sources.source(key)
    minimum = spec.min_examples if spec and spec.min_examples is not None else services.DEFAULT_MIN_EXAMPLES
    return services.not_ready_message(minimum)


def feedback(*, key: str, text: str, suggested: str | None, chosen: str, by, ref: str = "",
             model_version: int | None = None):
    """Staff accepted (`chosen == suggested`) or corrected a suggestion; `suggested=None` when
    none was shown. With `ref` a repeated call for the same object updates its one row."""
    from . import services

    return services.suggestion_feedback_record(key=key, text=text, suggested=suggested, chosen=chosen,
                                               by=by, ref=ref, model_version=model_version)


def find_similar(*, texts: Sequence[str], ids: Sequence[Any], threshold: float | None = None,
                 within: Sequence[Any] | None = None) -> list[SimilarPair]:
    """Near-duplicate pairs among a batch, best first (cosine of TF-IDF over folded syllables,
    fitted on the batch). `within`: only pairs involving at least one of these ids (e.g. the
    new petitions of a meeting checked against everything)."""
    from . import engine

    if len(texts) != len(ids):
        raise ValueError("texts and ids must have the same length")
    if threshold is None:
        threshold = engine.DEFAULT_SIMILARITY_THRESHOLD
    only_rows = None
    if within is not None:
        wanted = set(within)
        only_rows = [i for i, ident in enumerate(ids) if ident in wanted]
        if not only_rows:
            return []
    rows_a, rows_b, scores = engine.similar_pairs(list(texts), threshold=threshold, only_rows=only_rows)
    order = sorted(range(len(scores)), key=lambda k: -scores[k])
    return [SimilarPair(ids[rows_a[k]], ids[rows_b[k]], round(float(scores[k]), 4)) for k in order]


def similar_to(*, text: str, candidates: Sequence[tuple[Any, str]], top: int = 5,
               threshold: float = 0.0) -> list[Similar]:
    """The candidates most like `text` ("this new petition looks like these"), best first."""
    from . import engine

    if not candidates:
        return []
    ids = [c[0] for c in candidates]
    scores = engine.similarity_to(text, [c[1] for c in candidates])
    order = sorted(range(len(ids)), key=lambda i: -scores[i])[: max(top, 0)]
    return [Similar(ids[i], round(float(scores[i]), 4)) for i in order if scores[i] > threshold]


__all__ = [
    "DEFAULT_FIELDS", "ModelInfo", "Similar", "SimilarPair", "Suggestion", "Suggestions", "feedback",
    "find_similar", "register_source", "retrain", "similar_to", "suggest", "suggest_many", "train",
    "unregister_source",
]
