"""The values the classifier service hands back (plain data, no Django models)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Suggestion:
    label: str
    confidence: float  # probability in [0, 1]


@dataclass(frozen=True)
class Suggestions:
    ready: bool
    items: list[Suggestion] = field(default_factory=list)
    message: str = ""  # Vietnamese, when not ready
    model_version: int | None = None

    @property
    def best(self) -> Suggestion | None:
        return self.items[0] if self.items else None


@dataclass(frozen=True)
class ModelInfo:
    """What a training produced. `ready` is False when the history was too small: then no
    model was kept and `message` says why, in Vietnamese."""

    key: str
    ready: bool
    message: str = ""
    version: int | None = None
    n_examples: int = 0
    labels: list[str] = field(default_factory=list)
    metrics: dict = field(default_factory=dict)  # top1, top3, per_label, confusion, dropped_labels …
    unchanged: bool = False  # retrain found the same data as the active version: nothing trained

    @property
    def top1(self) -> float | None:
        return self.metrics.get("top1")

    @property
    def top3(self) -> float | None:
        return self.metrics.get("top3")


@dataclass(frozen=True)
class SimilarPair:
    id_a: Any
    id_b: Any
    score: float  # cosine similarity in [0, 1]


@dataclass(frozen=True)
class Similar:
    id: Any
    score: float
