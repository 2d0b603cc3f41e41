"""The demo city: Hanoi's shape, one account per role, idempotent."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from dieuhanh.platform.orgs import demo
from dieuhanh.platform.orgs.models import (
    Constituency,
    Delegate,
    Membership,
    OrgUnit,
    OrgUnitKind,
    Term,
)
from dieuhanh.platform.permissions.roles import role_keys
from dieuhanh.platform.registry import ALL_ROLES, Module

pytestmark = pytest.mark.django_db
User = get_user_model()


def snapshot():
    """Everything the loader writes, so that a second run can be compared row by row."""
    return (
        sorted(OrgUnit.objects.values_list("code", "name", "kind", "path", "depth", "parent__code")),
        sorted(User.objects.values_list("username", "full_name", "email", "password")),
        sorted(Membership.objects.values_list("user__username", "unit__code", "role", "title", "is_primary")),
        sorted(Term.objects.values_list("council__code", "name", "start_date", "total_delegates")),
        sorted(Constituency.objects.values_list("term__council__code", "term__name", "number", "name", "area", "seats")),
        sorted(Delegate.objects.values_list("user__username", "term__name", "constituency__number", "delegate_group__code")),
        # Module demo hooks must be idempotent too (the inbox adds a delegation).
        sorted(apps.get_model("inbox", "Delegation").objects.values_list("from_user__username", "to_user__username", "start_date", "end_date")),
    )


def test_role_users_cover_every_role_with_that_role(role_users):
    assert set(role_users) == set(ALL_ROLES)
    for role, user in role_users.items():
        assert role in role_keys(user), role
    assert {u.username for u in role_users.values()} == {a[0] for a in demo.DEMO_ACCOUNTS}


def test_small_city_has_the_shape_and_is_idempotent(demo_city):
    assert len(demo_city.local_councils) == 6 and len(demo_city.wards) == 3 and len(demo_city.communes) == 3
    assert len(demo_city.local_committees) == 6
    assert demo_city.local_committee_of(demo_city.wards[0]).kind == OrgUnitKind.PEOPLES_COMMITTEE
    assert demo_city.city_council.short_name == "HĐND"
    assert OrgUnit.objects.filter(kind=OrgUnitKind.COMMITTEE).count() == 5
    assert demo_city.current_term.name == "2026–2031" and demo_city.previous_term.name == "2021–2026"
    assert 25 <= User.objects.count() <= 45
    # Staff-like accounts work in the city secretariat, the responder in a department.
    for role in ("unit_admin", "leader", "staff", "clerk"):
        assert demo_city.users[role].memberships.filter(unit=demo_city.secretariat, role=role).exists()
    assert demo_city.users["responder"].memberships.get(role="responder").unit.kind == OrgUnitKind.DEPARTMENT
    assert Delegate.objects.filter(user=demo_city.users["delegate"], term=demo_city.current_term).exists()
    before = snapshot()
    # Loading again, with every module's demo hook, changes nothing.
    again = demo.load_demo_city(small=True)
    assert snapshot() == before
    assert again.users["staff"].pk == demo_city.users["staff"].pk


def test_demo_accounts_log_in_with_the_known_password(client, demo_city):
    assert client.login(username="lanhdao", password=demo.DEMO_PASSWORD)
    generated = demo_city.people[0]
    assert not generated.has_usable_password()


def test_modules_add_their_demo_data_in_order(db, monkeypatch):
    calls = []
    monkeypatch.setattr(demo, "_test_hook_calls", calls, raising=False)
    modules = (
        Module(key="late", name="Late", demo_data=f"{__name__}.record_late", demo_order=20),
        Module(key="early", name="Early", demo_data=f"{__name__}.record_early", demo_order=10),
        Module(key="none", name="None"),
    )
    monkeypatch.setattr(demo.registry, "modules", lambda: modules)
    city = demo.load_demo_city(small=True)
    assert calls == [("early", city.city_council.code, True), ("late", city.city_council.code, True)]


def record_early(city, *, small):
    demo._test_hook_calls.append(("early", city.city_council.code, small))


def record_late(city, *, small):
    demo._test_hook_calls.append(("late", city.city_council.code, small))


def test_full_city_reads_hanoi_units_from_the_csv(capsys):
    call_command("load_demo", "--without-modules")
    assert OrgUnit.objects.filter(kind=OrgUnitKind.WARD_COUNCIL).count() == 51
    assert OrgUnit.objects.filter(kind=OrgUnitKind.COMMUNE_COUNCIL).count() == 75
    assert OrgUnit.objects.filter(kind=OrgUnitKind.PEOPLES_COMMITTEE).count() == 127  # city + 126
    assert OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT).count() >= 15
    hoan_kiem = OrgUnit.objects.get(code="hdnd-phuong-hoan-kiem")
    assert hoan_kiem.name == "HĐND phường Hoàn Kiếm" and "phường Hàng Bạc" in hoan_kiem.formed_from
    assert OrgUnit.objects.filter(code="ubnd-phuong-hoan-kiem", parent__code="ubnd-tp").exists()
    assert 300 <= User.objects.count() <= 600
    assert Term.objects.get(council__code="hdnd-tp", name="2026–2031").total_delegates == 95
    assert Delegate.objects.filter(term__council__code="hdnd-tp", term__name="2026–2031").count() == 95
    output = capsys.readouterr().out
    assert demo.DEMO_PASSWORD in output and "quantridonvi" in output
    before = snapshot()
    call_command("load_demo", "--without-modules")
    assert snapshot() == before


def test_readme_lists_the_demo_accounts():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[5] / "README.md").read_text(encoding="utf-8")
    section = readme.split("Tài khoản mẫu", 1)[1]
    assert demo.DEMO_PASSWORD in section
    for username, *_ in demo.DEMO_ACCOUNTS:
        assert f"`{username}`" in section, username
