"""Fixtures of the KPI tests: the seeded schemes, a test-only module declaring metrics, people."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _schemes(request):
    """The data migration's schemes (a transactional test elsewhere may have flushed them)."""
    if "_django_db_helper" in request.fixturenames:
        request.getfixturevalue("_django_db_helper")
        from dieuhanh.modules.kpi.defaults import ensure_default_schemes

        ensure_default_schemes()
    yield


@pytest.fixture
def metric_module(monkeypatch):
    """Installs, for one test, a module that declares the test metrics of `tests/metric_module.py`
    (read through the registry like any module's)."""
    from dieuhanh.platform import registry

    from .metric_module import module

    original = registry.modules
    monkeypatch.setattr(registry, "modules", lambda: (*original(), module))
    return module
