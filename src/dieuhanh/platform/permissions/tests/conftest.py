"""Fixtures of the permissions tests.

`walk_role_users` gives one person per demo role, from a demo city loaded once per test file.
"""

import pytest

from dieuhanh.platform.registry import ALL_ROLES


@pytest.fixture(scope="module")
def _walk_city(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo city, loaded once for a whole test file (every test still runs in its own
    rolled-back transaction), then flushed. Loading it takes seconds and the walk has a test
    per URL."""
    from django.core.management import call_command
    from django.test import override_settings
    from tests.seeding import ensure_seeded

    from dieuhanh.platform.orgs.demo import load_demo_city

    media_root = tmp_path_factory.mktemp("walk-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
        ensure_seeded()
        city = load_demo_city(small=True)
    yield dict(city.users), media_root
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def walk_role_users(_walk_city, db, settings) -> dict:
    users, settings.MEDIA_ROOT = _walk_city  # the demo's files are there
    if set(ALL_ROLES) <= set(users):
        return {role: users[role] for role in ALL_ROLES}
    raise TypeError("the demo city should have a person for every role")
