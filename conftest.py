"""Shared fixtures: a small demo city with one person per role."""

import pytest


@pytest.fixture(autouse=True)
def _isolated_state(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    from django.core.cache import cache

    cache.clear()
    yield
