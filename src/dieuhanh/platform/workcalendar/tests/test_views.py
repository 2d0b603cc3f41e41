"""The calendar screens: who may open them, forms, bad input, and the calculator."""

from datetime import date

import pytest
from django.urls import reverse

from dieuhanh.platform.orgs.tests.factories import person
from dieuhanh.platform.registry import CITIZEN, STAFF
from dieuhanh.platform.workcalendar import api
from dieuhanh.platform.workcalendar.models import CalendarDay, DayKind, DeadlineRule

from .factories import calendar_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(calendar_admin())
    return client


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("workcalendar:index", {}),
        ("workcalendar:year", {"year": 2026}),
        ("workcalendar:rules", {}),
        ("workcalendar:rule_add", {}),
    ],
)
def test_management_screens_are_for_system_administrators(client, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    assert client.get(url).status_code == 302  # anonymous → login
    client.force_login(person(STAFF))
    assert client.get(url).status_code == 403
    client.force_login(calendar_admin())
    assert client.get(url).status_code in (200, 302)


def test_calculator_is_for_officials_not_citizens(client):
    url = reverse("workcalendar:calculator")
    client.force_login(person(CITIZEN))
    assert client.get(url).status_code == 403
    client.force_login(person(STAFF))
    assert client.get(url).status_code == 200


def test_year_view_lists_holidays_and_overrides(admin_client, django_assert_max_num_queries):
    CalendarDay.objects.create(
        date=date(2026, 3, 7), kind=DayKind.WORKING_DAY, reason="Làm bù theo QĐ 12"
    )
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("workcalendar:year", kwargs={"year": 2026}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "17/02/2026" in html  # Tết
    assert "07/03/2026" in html and "Làm bù theo QĐ 12" in html
    assert "22/08/2026" in html  # the package's make-up Saturday
    assert admin_client.get("/calendar/manage/3000/").status_code == 404


def test_add_a_day_through_the_form_moves_running_deadlines(admin_client):
    deadline = api.deadline_start(rule_key="denunciation.accept", start=date(2026, 3, 2))
    response = admin_client.post(
        reverse("workcalendar:day_add"),
        {"day": "07/03/2026", "kind": DayKind.WORKING_DAY, "reason": "Làm bù"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("workcalendar:year", kwargs={"year": 2026})
    assert CalendarDay.objects.get().date == date(2026, 3, 7)
    deadline.refresh_from_db()
    assert deadline.due_date == date(2026, 3, 10)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("30/02/2026", "Ngày không hợp lệ"),
        ("2026-13-01", "Ngày không hợp lệ"),
        ("", "Hãy nhập ngày"),
        ("01/01/0001", "Năm phải từ"),
    ],
)
def test_impossible_dates_get_a_vietnamese_message_not_a_500(admin_client, value, message):
    response = admin_client.post(
        reverse("workcalendar:day_add"), {"day": value, "kind": DayKind.DAY_OFF, "reason": "Nghỉ"}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CalendarDay.objects.exists()


def test_service_refusals_show_inline(admin_client):
    response = admin_client.post(
        reverse("workcalendar:day_add"),
        {"day": "07/03/2026", "kind": DayKind.DAY_OFF, "reason": "Nghỉ"},
    )
    assert response.status_code == 400
    assert "Ngày 07/03/2026 đã là ngày nghỉ." in response.content.decode()
    response = admin_client.post(
        reverse("workcalendar:day_add"), {"day": "09/03/2026", "kind": "holiday", "reason": "x"}
    )
    assert response.status_code == 400
    assert "Loại ngày không hợp lệ." in response.content.decode()


def test_remove_a_day(admin_client):
    row = CalendarDay.objects.create(date=date(2026, 3, 9), kind=DayKind.DAY_OFF, reason="Nghỉ")
    url = reverse("workcalendar:day_remove", kwargs={"pk": row.pk})
    assert admin_client.get(url).status_code == 405
    assert admin_client.post(url).status_code == 302
    assert not CalendarDay.objects.exists()
    assert admin_client.post(url).status_code == 404


def test_rule_table_and_new_version(admin_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = admin_client.get(reverse("workcalendar:rules"))
    assert "Điều 28 Luật Khiếu nại 2011" in response.content.decode()
    prefilled = admin_client.get(reverse("workcalendar:rule_add") + "?key=petition.local_answer")
    assert 'value="petition.local_answer"' in prefilled.content.decode()
    data = {
        "key": "petition.local_answer",
        "name": "Hạn trả lời kiến nghị cử tri (địa phương)",
        "length": "20",
        "unit": "calendar_days",
        "roll_to_working_day": "on",
        "start_event": "ngày nhận được kiến nghị",
        "legal_basis": "Nghị quyết 1/2026/NQ-HĐND",
        "effective_from": "01/07/2026",
        "effective_to": "",
        "note": "",
    }
    assert admin_client.post(reverse("workcalendar:rule_add"), data).status_code == 302
    assert DeadlineRule.objects.filter(key="petition.local_answer").count() == 2
    again = admin_client.post(reverse("workcalendar:rule_add"), data)
    assert again.status_code == 400
    assert "đã có phiên bản áp dụng từ ngày 01/07/2026" in again.content.decode()
    bad = admin_client.post(
        reverse("workcalendar:rule_add"), {**data, "key": "Mã có dấu", "length": "-1"}
    )
    assert bad.status_code == 400
    assert DeadlineRule.objects.filter(key="petition.local_answer").count() == 2


def test_calculator_shows_due_date_and_explanation(client):
    client.force_login(person(STAFF))
    url = reverse("workcalendar:calculator")
    response = client.get(url, {"start": "20/01/2026", "rule": "complaint.resolve_first"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hạn: 23/02/2026" in html
    assert "(Điều 28 Luật Khiếu nại 2011), đến 23/02/2026" in html
    bad = client.get(url, {"start": "31/04/2026", "rule": "complaint.resolve_first"})
    assert bad.status_code == 400 and "Ngày không hợp lệ" in bad.content.decode()
    unknown = client.get(url, {"start": "20/01/2026", "rule": "no.such.rule"})
    assert (
        unknown.status_code == 400 and "Quy tắc thời hạn không tồn tại." in unknown.content.decode()
    )
    # Before the Law on Complaints was in force there is no rule version.
    early = client.get(url, {"start": "01/01/2011", "rule": "complaint.resolve_first"})
    assert early.status_code == 400 and "Không có quy tắc thời hạn" in early.content.decode()


def test_screens_and_explanations_are_translated_to_english(client):
    from django.utils import translation

    deadline = api.deadline_start(rule_key="denunciation.accept", start=date(2026, 3, 2))
    with translation.override("en"):
        text = api.deadline_explain(deadline)
    assert text.startswith(
        "Hạn quyết định thụ lý tố cáo: 7 working days from ngày nhận được tố cáo 02/03/2026"
    )
    assert text.endswith("until 11/03/2026")
    assert deadline.explanation.endswith("đến 11/03/2026")  # the stored cache stays Vietnamese
    client.force_login(person(STAFF))
    client.cookies["django_language"] = "en"
    response = client.get(
        reverse("workcalendar:calculator"),
        {"start": "20/01/2026", "rule": "complaint.resolve_first"},
    )
    assert "Due: 23/02/2026" in response.content.decode()
