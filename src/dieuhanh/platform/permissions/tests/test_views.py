"""The permission screen: generated from the manifests, toggles write RoleGrant rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, person
from dieuhanh.platform.permissions.checks import user_can
from dieuhanh.platform.permissions.models import RoleGrant

pytestmark = pytest.mark.django_db

MATRIX = reverse("permissions:matrix")
GRANT = reverse("permissions:grant_set")


@pytest.fixture
def unit():
    return OrgUnitFactory()


@pytest.fixture
def admin_client(client, unit):
    client.force_login(person("system_admin", unit))
    return client


def test_the_matrix_lists_every_module_action_and_role(admin_client):
    response = admin_client.get(MATRIX)
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Phân hệ mẫu", "Xem phân hệ mẫu", "sample.view", "Quản lý phân quyền theo vai trò",
                 "Chuyên viên", "Công dân", "Văn thư"):
        assert text in html
    # the default: staff may, citizens may not
    assert 'id="cell-sampleview-staff"' in html
    staff_cell = html.split('id="cell-sampleview-staff"')[1].split("</td>")[0]
    citizen_cell = html.split('id="cell-sampleview-citizen"')[1].split("</td>")[0]
    assert 'aria-pressed="true"' in staff_cell
    assert 'aria-pressed="false"' in citizen_cell
    assert "perm-overridden" not in html


def test_the_matrix_shows_overrides(admin_client):
    RoleGrant.objects.create(action="sample.view", role="staff", granted=False)
    html = admin_client.get(MATRIX).content.decode()
    staff_cell = html.split('id="cell-sampleview-staff"')[1].split("</td>")[0]
    assert 'aria-pressed="false"' in staff_cell
    assert "đã điều chỉnh" in staff_cell
    assert "Khôi phục mặc định" in staff_cell


def test_the_matrix_can_be_filtered_by_module(admin_client):
    html = admin_client.get(MATRIX, {"module": "sample"}).content.decode()
    assert "sample.view" in html
    assert "audit.view" not in html


def test_the_matrix_needs_a_fixed_number_of_queries(admin_client):
    admin_client.get(MATRIX)  # warm caches (content types, session)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(MATRIX)
    for role in ("citizen", "clerk", "responder", "delegate", "unit_admin"):
        RoleGrant.objects.create(action="sample.view", role=role, granted=True)
        RoleGrant.objects.create(action="audit.view", role=role, granted=True)
    with CaptureQueriesContext(connection) as many:
        admin_client.get(MATRIX)
    assert len(many) == len(few)
    assert len(many) <= 15


def test_toggling_a_cell_grants_at_once(admin_client, unit):
    citizen = person("citizen", unit)
    response = admin_client.post(GRANT, {"action": "sample.view", "role": "citizen", "value": "allow"})
    assert response.status_code == 302
    assert response["Location"].startswith(MATRIX)
    assert RoleGrant.objects.get(action="sample.view", role="citizen").granted
    assert user_can(citizen, "sample.view")


def test_toggling_with_htmx_returns_the_new_cell(admin_client, unit):
    staff = person("staff", unit)
    response = admin_client.post(
        GRANT, {"action": "sample.view", "role": "staff", "value": "deny"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith('<td class="perm-cell perm-overridden" id="cell-sampleview-staff"')
    assert 'aria-pressed="false"' in html
    assert not user_can(staff, "sample.view")
    response = admin_client.post(
        GRANT, {"action": "sample.view", "role": "staff", "value": "default"}, HTTP_HX_REQUEST="true"
    )
    assert 'aria-pressed="true"' in response.content.decode()
    assert user_can(staff, "sample.view")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "sample.nothing", "role": "staff", "value": "allow"}, "Thao tác không tồn tại."),
        ({"action": "sample.view", "role": "emperor", "value": "allow"}, "Vai trò không tồn tại."),
        ({"action": "sample.view", "role": "staff", "value": "maybe"}, "Giá trị không hợp lệ."),
        ({"action": "sample.view", "role": "system_admin", "value": "deny"}, "luôn có mọi quyền"),
        ({}, "bắt buộc"),
    ],
)
def test_bad_input_answers_400_in_vietnamese(admin_client, data, message):
    response = admin_client.post(GRANT, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    htmx = admin_client.post(GRANT, data, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 400
    assert not RoleGrant.objects.exists()


def test_only_permission_managers_see_the_screen(client, unit):
    assert client.get(MATRIX)["Location"].startswith(reverse("account_login"))
    client.force_login(person("unit_admin", unit))
    assert client.get(MATRIX).status_code == 403
    assert client.post(GRANT, {"action": "sample.view", "role": "citizen", "value": "allow"}).status_code == 403
    assert not RoleGrant.objects.exists()


def test_a_granted_role_may_open_the_screen(admin_client, client, unit):
    unit_admin = person("unit_admin", unit)
    admin_client.post(GRANT, {"action": "permissions.manage", "role": "unit_admin", "value": "allow"})
    client.force_login(unit_admin)
    assert client.get(MATRIX).status_code == 200
