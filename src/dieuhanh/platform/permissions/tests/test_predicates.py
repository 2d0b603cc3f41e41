"""`user.has_perm(action, unit)` (rules) agrees with `user_can(user, action, unit)`."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from dieuhanh.platform import registry
from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, person
from dieuhanh.platform.permissions.checks import user_can
from dieuhanh.platform.permissions.predicates import register_action_rules
from dieuhanh.platform.registry import ALL_ROLES

pytestmark = pytest.mark.django_db


def test_every_declared_action_has_a_rule():
    keys = set(registry.actions())
    assert {"permissions.manage", "audit.view", "sample.view"} <= keys
    missing = [key for key in keys if not rules.perm_exists(key)]
    assert not missing


def test_registering_again_is_harmless():
    assert set(register_action_rules()) == set(registry.actions())


def test_has_perm_follows_the_unit_tree():
    city = OrgUnitFactory()
    office = OrgUnitFactory(parent=city)
    elsewhere = OrgUnitFactory()
    staff = person("staff", city)
    assert staff.has_perm("sample.view")
    assert staff.has_perm("sample.view", city)
    assert staff.has_perm("sample.view", office)  # a role in a unit applies below it
    assert not staff.has_perm("sample.view", elsewhere)
    assert not staff.has_perm("permissions.manage")


def test_objects_are_checked_through_their_unit():
    city = OrgUnitFactory()
    elsewhere = OrgUnitFactory()
    staff = person("staff", city)

    class Paper:
        def __init__(self, unit):
            self.unit = unit

    assert staff.has_perm("sample.view", Paper(city))
    assert not staff.has_perm("sample.view", Paper(elsewhere))
    assert not staff.has_perm("sample.view", object())  # no unit: default deny


def test_has_perm_agrees_with_user_can_for_every_role_action_and_unit():
    city = OrgUnitFactory()
    office = OrgUnitFactory(parent=city)
    elsewhere = OrgUnitFactory()
    people = [person(role, office) for role in ALL_ROLES]
    inactive = person("staff", office, is_active=False)
    units = [None, city, office, elsewhere]
    answers = set()
    for user in [*people, inactive]:
        for key in registry.actions():
            for unit in units:
                expected = user_can(user, key, unit)
                assert user.has_perm(key, unit) == expected, (user, key, unit)
                answers.add(expected)
    assert answers == {True, False}  # the comparison covered both answers


def test_visitors_have_no_permission():
    assert not AnonymousUser().has_perm("sample.view")
