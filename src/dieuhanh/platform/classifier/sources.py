"""Where retraining reads a label set's examples from.

A module declares, for each of its label sets, a callable returning an iterable of
(text, label) — its classified history:

    # in the module's manifest (module.py), no platform change needed:
    extras={"classifier:petitions.field": "dieuhanh.modules.petitions.classifying.field_history"}
    # or at start-up (AppConfig.ready):
    classifier.register_source("petitions.field", "dieuhanh.modules.petitions.classifying.field_history")
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.module_loading import import_string

EXTRAS_PREFIX = "classifier:"

_registered: dict[str, SourceSpec] = {}


@dataclass(frozen=True)
class SourceSpec:
    key: str
    path: str
    min_examples: int | None = None
    min_per_label: int | None = None
    include_feedback: bool = False  # add staff corrections not already in the module's history


def register_source(key: str, dotted_path: str, *, min_examples: int | None = None,
                    min_per_label: int | None = None, include_feedback: bool = False) -> None:
    _registered[key] = SourceSpec(key, dotted_path, min_examples, min_per_label, include_feedback)


def unregister_source(key: str) -> None:
    _registered.pop(key, None)


def sources() -> dict[str, SourceSpec]:
    """Every declared source: manifests' `extras` first, then explicit registrations."""
    from dieuhanh.platform import registry

    found: dict[str, SourceSpec] = {}
    for manifest in registry.modules():
        for name, value in (manifest.extras or {}).items():
            if name.startswith(EXTRAS_PREFIX) and isinstance(value, str):
                key = name[len(EXTRAS_PREFIX):]
                found[key] = SourceSpec(key, value)
    found.update(_registered)
    return found


def source(key: str) -> SourceSpec | None:
    return sources().get(key)


def load_examples(spec: SourceSpec):
    return import_string(spec.path)()
