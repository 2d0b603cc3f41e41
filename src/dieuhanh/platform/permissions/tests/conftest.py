"""Fixtures of the permissions tests.

`walk_role_users` gives one person per demo role. It uses the root conftest's `role_users`
(built on the demo city) when that fixture exists, and otherwise builds the eight people here
with the orgs factories, so the walk works before and after the demo city lands.
"""

import pytest

from dieuhanh.platform.registry import ALL_ROLES


def build_role_users() -> dict:
    """One person per role in a small tree: city council → secretariat, and a department."""
    from dieuhanh.platform.orgs.models import OrgUnitKind
    from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, person

    city = OrgUnitFactory(name="HĐND thành phố Thử Nghiệm", kind=OrgUnitKind.CITY_COUNCIL)
    office = OrgUnitFactory(name="Văn phòng Đoàn ĐBQH và HĐND", kind=OrgUnitKind.SECRETARIAT, parent=city)
    department = OrgUnitFactory(name="Sở Thử Nghiệm", kind=OrgUnitKind.DEPARTMENT)
    ward = OrgUnitFactory(name="HĐND phường Thử Nghiệm", kind=OrgUnitKind.WARD_COUNCIL, parent=city)
    where = {
        "system_admin": city,
        "unit_admin": city,
        "leader": office,
        "staff": office,
        "delegate": city,
        "responder": department,
        "clerk": office,
        "citizen": ward,
    }
    return {role: person(role, where[role], username=f"walk-{role}") for role in ALL_ROLES}


@pytest.fixture
def walk_role_users(request, db) -> dict:
    try:
        users = request.getfixturevalue("role_users")
    except pytest.FixtureLookupError:
        return build_role_users()
    if isinstance(users, dict) and set(ALL_ROLES) <= set(users):
        return {role: users[role] for role in ALL_ROLES}
    raise TypeError("the root `role_users` fixture should map every role key to a user")
