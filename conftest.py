"""Shared fixtures: a small demo city with one person per role."""

import pytest


@pytest.fixture(autouse=True)
def _isolated_state(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    # A request in an earlier test may have left another language active on this thread.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _seeded_data(request):
    if "_django_db_helper" in request.fixturenames:
        request.getfixturevalue("_django_db_helper")
        from tests.seeding import ensure_seeded

        ensure_seeded()  # a transactional test before this one may have flushed it
    yield


@pytest.fixture
def demo_city(db):
    """The small demo city (6 wards and communes, ~30 people, every module's demo data).

    Returns `dieuhanh.platform.orgs.demo.DemoCity`: key units (city_council, secretariat,
    departments, local_councils, local_committees, …), terms, constituencies and `users`.
    """
    from dieuhanh.platform.orgs.demo import load_demo_city

    return load_demo_city(small=True)


@pytest.fixture
def role_users(demo_city):
    """Role key → the demo city's user holding that role (all eight roles)."""
    return dict(demo_city.users)
