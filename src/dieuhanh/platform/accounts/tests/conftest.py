import pytest

from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, person


@pytest.fixture
def unit(db):
    return OrgUnitFactory(name="HĐND phường Ba Đình", code="hdnd-ba-dinh")


@pytest.fixture
def staff(unit):
    return person("staff", unit, username="chuyenvien", email="chuyenvien@hanoi.gov.vn",
                  full_name="Trần Thị Thu")


@pytest.fixture
def citizen(db):
    return person("citizen", username="congdan", email="congdan@example.vn", full_name="Lê Văn Dân")

