"""Unit administrators manage the people and roles of their own units only."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dieuhanh.platform.orgs import services
from dieuhanh.platform.orgs.models import Membership, OrgUnit
from dieuhanh.platform.orgs.module import MANAGE_PEOPLE
from dieuhanh.platform.orgs.tests.factories import person
from dieuhanh.platform.permissions.checks import user_can
from dieuhanh.platform.permissions.roles import forget_roles
from dieuhanh.platform.ui.errors import UserError

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def admin_client(client, role_users):
    client.force_login(role_users["unit_admin"])  # unit admin of the city secretariat
    return client


@pytest.fixture
def outsider(demo_city):
    """Someone who works only in the Department of Health, outside the secretariat."""
    return person("staff", demo_city.departments["so-y-te"], username="ngoai.pham.vi", full_name="Ngoài Phạm Vi")


def test_unit_admin_cannot_open_or_change_people_of_another_unit(admin_client, outsider):
    membership = outsider.memberships.get()
    for url in (
        reverse("orgs:person_detail", args=[outsider.pk]),
        reverse("orgs:person_update", args=[outsider.pk]),
        reverse("orgs:membership_grant", args=[outsider.pk]),
        reverse("orgs:membership_revoke", args=[membership.pk]),
    ):
        assert admin_client.get(url).status_code == 404, url
        assert admin_client.post(url, {"full_name": "Đã đổi", "unit": "1", "role": "staff"}).status_code == 404, url
    outsider.refresh_from_db()
    assert outsider.full_name == "Ngoài Phạm Vi"
    membership.refresh_from_db()
    assert membership.end_date is None


def test_people_list_shows_only_people_in_scope(admin_client, outsider, role_users):
    response = admin_client.get(reverse("orgs:person_list"), {"per_page": 100})
    listed = {p.pk for p in response.context["table"].object_list}
    assert outsider.pk not in listed
    assert role_users["staff"].pk in listed  # works in the secretariat
    assert role_users["responder"].pk not in listed  # works in a department


def test_unit_admin_edits_a_person_of_their_unit(admin_client, role_users):
    staff = role_users["staff"]
    response = admin_client.post(
        reverse("orgs:person_update", args=[staff.pk]),
        {"full_name": "Trần Thị Mai Anh", "email": "mai.anh@hanoi.example", "phone": "0912 345 678", "is_active": "on"},
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert (staff.full_name, staff.email, staff.phone) == ("Trần Thị Mai Anh", "mai.anh@hanoi.example", "0912 345 678")


def test_unit_admin_cannot_grant_a_role_outside_scope_or_system_admin(admin_client, role_users, demo_city):
    staff = role_users["staff"]
    url = reverse("orgs:membership_grant", args=[staff.pk])
    before = Membership.objects.count()
    outside = admin_client.post(url, {"unit": demo_city.departments["so-y-te"].pk, "role": "leader"})
    assert outside.status_code == 400
    escalate = admin_client.post(url, {"unit": demo_city.secretariat.pk, "role": "system_admin"})
    assert escalate.status_code == 400
    assert Membership.objects.count() == before
    granted = admin_client.post(url, {"unit": demo_city.secretariat_divisions["vp-phong-dan-nguyen"].pk,
                                      "role": "leader", "title": "Trưởng phòng"})
    assert granted.status_code == 302
    assert Membership.objects.filter(user=staff, role="leader", unit__code="vp-phong-dan-nguyen").exists()


def test_person_with_a_role_elsewhere_is_not_editable_by_a_unit_admin(admin_client, demo_city, outsider):
    services.membership_grant(actor=demo_city.users["system_admin"], person=outsider,
                              unit=demo_city.secretariat, role="staff")
    assert admin_client.get(reverse("orgs:person_detail", args=[outsider.pk])).status_code == 200
    response = admin_client.post(
        reverse("orgs:person_update", args=[outsider.pk]),
        {"full_name": "Ngoài Phạm Vi", "email": "chiem.quyen@hanoi.example", "is_active": "on"},
    )
    assert response.status_code == 400
    assert "ngoài phạm vi" in response.content.decode()
    outsider.refresh_from_db()
    assert outsider.email != "chiem.quyen@hanoi.example"


def test_services_refuse_units_outside_scope(demo_city):
    admin = demo_city.users["unit_admin"]
    with pytest.raises(PermissionDenied):
        services.person_create(actor=admin, full_name="Lê Văn A", username="levana",
                               unit=demo_city.departments["so-y-te"], role="staff")
    with pytest.raises(PermissionDenied):
        services.unit_create(actor=admin, name="Phòng mới", code="phong-moi", kind="division",
                             parent=demo_city.peoples_committee)
    assert not User.objects.filter(username="levana").exists()
    created = services.person_create(actor=admin, full_name="Lê  Văn   A", username="levana",
                                     unit=demo_city.secretariat, role="staff", email="levana@hanoi.example")
    assert created.full_name == "Lê Văn A" and not created.has_usable_password()
    with pytest.raises(UserError):
        services.person_create(actor=admin, full_name="Lê Văn B", username="LEVANA",
                               unit=demo_city.secretariat, role="staff")


def test_revoked_role_no_longer_grants_rights(demo_city):
    sysadmin, unit_admin = demo_city.users["system_admin"], demo_city.users["unit_admin"]
    membership = unit_admin.memberships.get(role="unit_admin")
    services.membership_revoke(actor=sysadmin, membership=membership)
    forget_roles(unit_admin)
    assert not user_can(unit_admin, MANAGE_PEOPLE)
    membership.refresh_from_db()
    assert membership.end_date is not None  # history is kept
    with pytest.raises(UserError):
        services.membership_revoke(actor=sysadmin, membership=membership)
    services.membership_grant(actor=sysadmin, person=unit_admin, unit=demo_city.secretariat, role="unit_admin")
    forget_roles(unit_admin)
    assert user_can(unit_admin, MANAGE_PEOPLE)
    assert Membership.objects.filter(user=unit_admin, role="unit_admin").count() == 1


def test_the_last_system_admin_cannot_be_revoked(demo_city):
    sysadmin = demo_city.users["system_admin"]
    other = person("system_admin", demo_city.secretariat)
    with pytest.raises(UserError, match="tự thu hồi"):
        services.membership_revoke(actor=sysadmin, membership=sysadmin.memberships.get(role="system_admin"))
    services.membership_revoke(actor=other, membership=sysadmin.memberships.get(role="system_admin"))
    root = User.objects.create(username="root", is_superuser=True)
    with pytest.raises(UserError, match="ít nhất một quản trị hệ thống"):
        services.membership_revoke(actor=root, membership=other.memberships.get(role="system_admin"))


def test_moving_a_unit_moves_its_subtree_and_refuses_cycles(demo_city):
    sysadmin = demo_city.users["system_admin"]
    division = demo_city.secretariat_divisions["vp-phong-dan-nguyen"]
    sub = services.unit_create(actor=sysadmin, name="Tổ tiếp dân", code="to-tiep-dan", kind="division", parent=division)
    target = demo_city.city_council
    services.unit_update(actor=sysadmin, unit=division, name=division.name, code=division.code,
                         kind=division.kind, parent=target)
    division.refresh_from_db()
    sub.refresh_from_db()
    assert division.path.startswith(target.path) and division.depth == target.depth + 1
    assert sub.path.startswith(division.path) and sub.depth == division.depth + 1
    assert set(target.descendants().values_list("pk", flat=True)) >= {division.pk, sub.pk}
    with pytest.raises(UserError):
        services.unit_update(actor=sysadmin, unit=division, name=division.name, code=division.code,
                             kind=division.kind, parent=sub)


def test_unit_admin_creates_sub_units_only_inside_scope(admin_client, demo_city):
    ok = admin_client.post(reverse("orgs:unit_create"), {
        "name": "Phòng Thông tin", "code": "vp-phong-thong-tin", "kind": "division",
        "parent": demo_city.secretariat.pk,
    })
    assert ok.status_code == 302
    assert OrgUnit.objects.get(code="vp-phong-thong-tin").parent == demo_city.secretariat
    refused = admin_client.post(reverse("orgs:unit_create"), {
        "name": "Phòng lạ", "code": "phong-la", "kind": "division", "parent": demo_city.peoples_committee.pk,
    })
    assert refused.status_code == 400
    top = admin_client.post(reverse("orgs:unit_create"), {"name": "Cơ quan lạ", "code": "co-quan-la", "kind": "agency"})
    assert top.status_code in (400, 403)
    assert not OrgUnit.objects.filter(code__in=["phong-la", "co-quan-la"]).exists()
    other = demo_city.departments["so-y-te"]
    assert admin_client.get(reverse("orgs:unit_update", args=[other.pk])).status_code == 404


def test_bad_input_on_forms_answers_400_with_vietnamese_messages(admin_client, demo_city):
    response = admin_client.post(reverse("orgs:person_create"), {
        "full_name": "", "username": "có dấu cách", "email": "khong-phai-email", "unit": demo_city.secretariat.pk,
        "role": "staff",
    })
    assert response.status_code == 400
    body = response.content.decode()
    assert "Trường này là bắt buộc" in body or "bắt buộc" in body
    dup = admin_client.post(reverse("orgs:person_create"), {
        "full_name": "Trùng Tên", "username": "chuyenvien", "unit": demo_city.secretariat.pk, "role": "staff",
    })
    assert dup.status_code == 400
    assert "đã có trong hệ thống" in dup.content.decode()
