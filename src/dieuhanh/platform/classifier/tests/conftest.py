import pytest

from dieuhanh.platform.registry import ALL_ROLES


@pytest.fixture
def people(db):
    """Role key → a person holding it (no demo city: quicker)."""
    from dieuhanh.platform.orgs.tests.factories import person

    return {role: person(role) for role in ALL_ROLES}
