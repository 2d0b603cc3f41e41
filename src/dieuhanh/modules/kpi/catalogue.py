"""The computed metrics every module declares in its manifest (read from the registry, never
imported from the modules)."""

from __future__ import annotations

from django.utils.module_loading import import_string

from dieuhanh.platform import registry
from dieuhanh.platform.registry import KpiMetric


def metrics() -> dict[str, KpiMetric]:
    # `registry.modules` is looked up at call time, so a test can add a module for a while.
    return {m.key: m for module in registry.modules() for m in module.kpi_metrics}


def metric(key: str) -> KpiMetric | None:
    return metrics().get(key)


def metrics_for(subject: str) -> list[KpiMetric]:
    return [m for m in metrics().values() if m.subject == subject]


def compute_function(metric: KpiMetric):
    return import_string(metric.compute)


def items_function(metric: KpiMetric):
    return import_string(metric.items)
