"""The audit screen: search both logs by person, object and dates; bad input answers 400."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dieuhanh.platform.audit.context import audit_context
from dieuhanh.platform.audit.models import AccessLog
from dieuhanh.platform.audit.services import access_log_record
from dieuhanh.platform.orgs.models import OrgUnit
from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, UserFactory, person

pytestmark = pytest.mark.django_db

URL = reverse("audit:index")


@pytest.fixture
def admin(db):
    return person("system_admin", OrgUnitFactory(name="HĐND thành phố"), full_name="Quản Trị Viên")


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def at(day: str):
    """A moment in local time from dd/mm/yyyy HH:MM."""
    return timezone.make_aware(dt.datetime.strptime(day, "%d/%m/%Y %H:%M"))


def rows(response) -> list:
    return list(response.context["page"].object_list)


def test_only_auditors_may_open_it(client, admin):
    assert client.get(URL)["Location"].startswith(reverse("account_login"))
    client.force_login(person("unit_admin", OrgUnitFactory()))
    assert client.get(URL).status_code == 403


def test_the_change_log_lists_changes_with_actor_and_principal(admin_client):
    clerk = UserFactory(full_name="Lê Văn Thư")
    leader = UserFactory(full_name="Phạm Lãnh Đạo")
    with audit_context(actor=clerk, on_behalf_of=leader):
        OrgUnitFactory(name="Ban Pháp chế")
    response = admin_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ban Pháp chế" in html
    assert "Lê Văn Thư" in html
    assert "thay mặt Phạm Lãnh Đạo" in html
    assert "Tạo mới" in html


def test_search_changes_by_person_also_finds_the_principal(admin_client):
    clerk, leader = UserFactory(full_name="Lê Văn Thư"), UserFactory(full_name="Phạm Lãnh Đạo")
    with audit_context(actor=clerk, on_behalf_of=leader):
        mine = OrgUnitFactory(name="Ban Kinh tế")
    with audit_context(actor=UserFactory(full_name="Người Khác")):
        OrgUnitFactory(name="Ban Đô thị")
    for query in ("văn thư", "lãnh đạo", clerk.username):
        found = rows(admin_client.get(URL, {"person": query}))
        assert [e.object_pk for e in found] == [str(mine.pk)], query


def test_search_changes_by_object_type_id_and_text(admin_client):
    unit = OrgUnitFactory(name="Ban Văn hóa – Xã hội")
    OrgUnitFactory(name="Ban khác")
    org_type = "orgs.orgunit"
    found = rows(admin_client.get(URL, {"object_type": org_type, "object_id": str(unit.pk)}))
    assert {(e.content_type.model, e.object_pk) for e in found} == {("orgunit", str(unit.pk))}
    found = rows(admin_client.get(URL, {"object_text": "văn hóa"}))
    assert {e.object_repr for e in found} == {"Ban Văn hóa – Xã hội"}
    memberships = rows(admin_client.get(URL, {"object_type": "orgs.membership"}))
    assert memberships and all(e.content_type.model == "membership" for e in memberships)


def test_search_by_date_range_uses_local_days(admin_client):
    ids = []
    for moment in ("31/12/2025 23:30", "01/01/2026 00:10", "02/01/2026 23:59", "03/01/2026 00:00"):
        unit = OrgUnitFactory()
        LogEntry.objects.filter(object_pk=str(unit.pk), content_type__model="orgunit").update(timestamp=at(moment))
        ids.append(str(unit.pk))
    found = rows(admin_client.get(URL, {"object_type": "orgs.orgunit", "date_from": "01/01/2026", "date_to": "02/01/2026"}))
    assert [e.object_pk for e in found] == [ids[2], ids[1]]
    found = rows(admin_client.get(URL, {"object_type": "orgs.orgunit", "date_from": "03/01/2026", "date_to": "03/01/2026"}))
    assert [e.object_pk for e in found] == [ids[3]]


def test_the_access_log_tab_searches_reads(admin_client):
    reader, leader = UserFactory(full_name="Đỗ Thanh Tra"), UserFactory(full_name="Vũ Chủ Tịch")
    secret = OrgUnitFactory(name="Hồ sơ tố cáo 7")
    with audit_context(on_behalf_of=leader):
        access_log_record(user=reader, obj=secret, reason="Xác minh nội dung tố cáo")
    access_log_record(user=UserFactory(full_name="Ai Đó"), obj=OrgUnitFactory(name="Hồ sơ khác"))
    response = admin_client.get(URL, {"log": "access", "person": "chủ tịch"})
    assert response.status_code == 200
    assert [r.object_repr for r in rows(response)] == ["Hồ sơ tố cáo 7"]
    html = response.content.decode()
    assert "Xác minh nội dung tố cáo" in html
    assert "thay mặt Vũ Chủ Tịch" in html
    assert 'aria-current="page">Truy cập hồ sơ nhạy cảm' in html
    found = rows(admin_client.get(URL, {"log": "access", "object_type": "orgs.orgunit", "object_id": str(secret.pk)}))
    assert [r.object_pk for r in found] == [str(secret.pk)]
    old = AccessLog.objects.get(object_repr="Hồ sơ khác")
    AccessLog.objects.filter(pk=old.pk).update(timestamp=at("01/02/2026 09:00"))
    found = rows(admin_client.get(URL, {"log": "access", "date_to": "28/02/2026"}))
    assert [r.pk for r in found] == [old.pk]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "31/02/2026"}, "Ngày không hợp lệ. Nhập theo dạng dd/mm/yyyy"),
        ({"date_to": "2026-13-01"}, "Ngày không hợp lệ. Nhập theo dạng dd/mm/yyyy"),
        ({"date_from": "hôm qua"}, "Ngày không hợp lệ"),
        ({"date_from": "05/03/2026", "date_to": "01/03/2026"}, "“Đến ngày” phải sau hoặc bằng “Từ ngày”."),
        ({"object_type": "auth.nothing"}, "Loại đối tượng không hợp lệ."),
        ({"log": "everything"}, "Loại nhật ký không hợp lệ."),
        ({"person": "x" * 101}, "tối đa 100 kí tự"),
    ],
)
def test_bad_filters_answer_400_with_a_vietnamese_message(admin_client, params, message):
    response = admin_client.get(URL, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert 'aria-invalid="true"' in html or "log" in params


def test_pages_of_fifty_and_a_bad_page_number(admin_client):
    for _ in range(60):
        access_log_record(user=None, obj=OrgUnitFactory())
    first = admin_client.get(URL, {"log": "access"})
    assert len(rows(first)) == 50
    assert "Trang 1/2" in first.content.decode()
    assert "page=2" in first.content.decode()
    second = admin_client.get(URL, {"log": "access", "page": "2"})
    assert len(rows(second)) == 10
    assert admin_client.get(URL, {"log": "access", "page": "abc"}).status_code == 200


@pytest.mark.parametrize("log", ["changes", "access"])
def test_the_number_of_queries_does_not_grow_with_the_rows(admin_client, log):
    def fill(n):
        for i in range(n):
            actor, leader = UserFactory(), UserFactory()
            with audit_context(actor=actor, on_behalf_of=leader):
                unit = OrgUnitFactory()
                access_log_record(user=actor, obj=unit, reason=f"lần {i}")

    fill(2)
    admin_client.get(URL, {"log": log})
    with CaptureQueriesContext(connection) as few:
        admin_client.get(URL, {"log": log})
    fill(20)
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(URL, {"log": log})
    assert len(rows(response)) >= 22
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    assert len(many) <= 20


def test_the_object_type_choices_name_models_in_vietnamese(admin_client):
    html = admin_client.get(URL).content.decode()
    assert '<option value="orgs.orgunit">Đơn vị</option>' in html
    assert '<option value="permissions.rolegrant">Điều chỉnh phân quyền</option>' in html
    assert ContentType.objects.get_for_model(OrgUnit)


def test_changes_show_field_labels_and_choice_names(admin_client):
    unit = OrgUnitFactory(name="Ban cũ")
    unit.name = "Ban mới"
    unit.save()
    person("leader", unit)
    html = admin_client.get(URL, {"object_type": "orgs.orgunit", "object_id": str(unit.pk)}).content.decode()
    assert "<strong>Tên đơn vị</strong>: Ban cũ → Ban mới" in html
    html = admin_client.get(URL, {"object_type": "orgs.membership"}).content.decode()
    assert "<strong>Vai trò</strong>: — → Lãnh đạo" in html


def test_a_too_long_person_is_refused_in_vietnamese(admin_client):
    html = admin_client.get(URL, {"person": "x" * 101}).content.decode()
    assert "Người thực hiện: Giá trị này chỉ có tối đa 100 kí tự" in html


def test_the_screen_speaks_english_when_asked(admin_client):
    from django.utils import translation

    admin_client.cookies["django_language"] = "en"
    try:
        html = admin_client.get(URL, {"date_from": "31/02/2026"}).content.decode()
    finally:
        translation.activate(settings.LANGUAGE_CODE)  # the request left English active
    assert "System logs" in html
    assert "Invalid date. Type it as dd/mm/yyyy" in html
