"""Reads of the classifier part (the admin screen). Payloads are never loaded here."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404

from . import sources
from .models import ClassifierModel, SuggestionFeedback, TrainingRun

LIGHT = ("payload",)


@dataclass
class Acceptance:
    accepted: int
    total: int

    @property
    def rate(self) -> float | None:
        return self.accepted / self.total if self.total else None


@dataclass
class KeyOverview:
    key: str
    active: ClassifierModel | None
    versions: int
    source: str | None
    acceptance: Acceptance
    open_run: TrainingRun | None


def _acceptance_by_key() -> dict[str, Acceptance]:
    rows = (SuggestionFeedback.objects.exclude(suggested=None).values("key")
            .annotate(total=Count("pk"), accepted=Count("pk", filter=Q(accepted=True))))
    return {r["key"]: Acceptance(r["accepted"], r["total"]) for r in rows}


def keys_overview() -> list[KeyOverview]:
    """Every label set known: trained, declared by a module, or with feedback."""
    declared = sources.sources()
    active = {m.key: m for m in ClassifierModel.objects.filter(is_active=True).defer(*LIGHT)}
    versions = dict(ClassifierModel.objects.values_list("key").annotate(n=Count("pk")))
    acceptance = _acceptance_by_key()
    open_runs = {r.key: r for r in TrainingRun.objects.filter(status__in=TrainingRun.OPEN)}
    keys = sorted(set(declared) | set(versions) | set(acceptance))
    return [
        KeyOverview(
            key=key, active=active.get(key), versions=versions.get(key, 0),
            source=declared[key].path if key in declared else None,
            acceptance=acceptance.get(key, Acceptance(0, 0)), open_run=open_runs.get(key),
        )
        for key in keys
    ]


def key_exists(key: str) -> bool:
    return (key in sources.sources() or ClassifierModel.objects.filter(key=key).exists()
            or SuggestionFeedback.objects.filter(key=key).exists())


def key_detail(key: str) -> dict:
    if not key_exists(key):
        raise Http404
    versions = list(ClassifierModel.objects.filter(key=key).defer(*LIGHT).select_related("trained_by")
                    .order_by("-version")[:50])
    active = next((v for v in versions if v.is_active), None)
    by_version = {
        r["model_version"]: Acceptance(r["accepted"], r["total"])
        for r in SuggestionFeedback.objects.filter(key=key).exclude(suggested=None).values("model_version")
        .annotate(total=Count("pk"), accepted=Count("pk", filter=Q(accepted=True)))
    }
    for v in versions:
        v.acceptance = by_version.get(v.version, Acceptance(0, 0))
    total = Acceptance(sum(a.accepted for a in by_version.values()), sum(a.total for a in by_version.values()))
    runs = list(TrainingRun.objects.filter(key=key).select_related("requested_by")[:10])
    spec = sources.source(key)
    return {
        "key": key, "active": active, "versions": versions, "acceptance": total, "runs": runs,
        "source": spec.path if spec else None, "open_run": next((r for r in runs if r.is_open), None),
    }


def training_run(*, key: str, pk: int) -> TrainingRun:
    run = TrainingRun.objects.filter(key=key, pk=pk).first()
    if run is None:
        raise Http404
    return run


def per_label_rows(model: ClassifierModel | None) -> list[dict]:
    if model is None:
        return []
    per_label = (model.metrics or {}).get("per_label") or {}
    counts = (model.metrics or {}).get("label_counts") or {}
    return [
        {"label": label, "precision": v.get("precision"), "recall": v.get("recall"), "f1": v.get("f1"),
         "support": v.get("support"), "examples": counts.get(label)}
        for label, v in sorted(per_label.items())
    ]
