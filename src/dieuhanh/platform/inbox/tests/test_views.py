"""The inbox page and the delegation page, through the test client."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dieuhanh.platform.inbox import services, views
from dieuhanh.platform.inbox.models import Delegation, Urgency
from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, person

from .factories import at, open_item

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


@pytest.fixture
def unit():
    return OrgUnitFactory()


@pytest.fixture
def staff(client, unit):
    user = person("staff", unit, full_name="Phạm Văn Xử")
    client.force_login(user)
    return user


def test_the_inbox_shows_deadline_rule_urgency_and_on_behalf(client, staff, unit):
    absent = person("staff", unit, full_name="Đỗ Thị Vắng")
    open_item(
        assignee_user=staff,
        title="Giải quyết khiếu nại số 12",
        due_at=at(day(-1), 17),
        urgency=Urgency.FLASH,
        rule_text="30 ngày kể từ ngày thụ lý (Điều 28 Luật Khiếu nại 2011)",
        url="/sample/12/",
    )
    open_item(assignee_user=absent, title="Trả lời kiến nghị cử tri", due_at=at(day(3)))
    services.delegation_create(
        by=absent,
        from_user=absent,
        to_user=staff,
        start_date=TODAY,
        end_date=day(3),
        reason="Nghỉ phép",
    )
    response = client.get(reverse("inbox:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Giải quyết khiếu nại số 12" in html and 'href="/sample/12/"' in html
    assert "Điều 28 Luật Khiếu nại 2011" in html
    assert "Hỏa tốc" in html and "Quá hạn" in html
    assert "thay mặt Đỗ Thị Vắng" in html
    assert html.index("Giải quyết khiếu nại số 12") < html.index("Trả lời kiến nghị cử tri")
    overdue = client.get(reverse("inbox:index"), {"view": "overdue"}).content.decode()
    assert "Giải quyết khiếu nại số 12" in overdue and "Trả lời kiến nghị cử tri" not in overdue


def test_module_filter_and_bad_parameters(client, staff):
    open_item(assignee_user=staff, title="Việc mẫu", module="sample")
    open_item(assignee_user=staff, title="Việc lịch", module="workcalendar")
    html = client.get(reverse("inbox:index"), {"module": "sample"}).content.decode()
    assert "Việc mẫu" in html and "Việc lịch" not in html
    bad_view = client.get(reverse("inbox:index"), {"view": "<script>"})
    assert (
        bad_view.status_code == 400
        and "Không có danh sách công việc này." in bad_view.content.decode()
    )
    bad_module = client.get(reverse("inbox:index"), {"module": "khong-co"})
    assert bad_module.status_code == 400 and "Phân hệ không hợp lệ." in bad_module.content.decode()
    assert client.get(reverse("inbox:index"), {"page": "abc"}).status_code == 200


def test_who_may_open_the_inbox(client):
    assert client.get(reverse("inbox:index")).status_code == 302
    client.force_login(person("citizen"))
    assert client.get(reverse("inbox:index")).status_code == 403


def test_the_inbox_runs_a_bounded_number_of_queries(client, staff, unit, django_assert_max_num_queries):
    """The whole page stays under a fixed bound, and the inbox's own queries do not grow with
    the number of items, units or delegations (the other parts' per-process caches and the
    session's idle-time stamp make the total vary a little from run to run)."""

    def fill(n):
        for i in range(n):
            open_item(assignee_user=staff, title=f"Việc {i}", due_at=at(day(i % 5)))
            open_item(assignee_unit=unit, title=f"Việc đơn vị {i}", due_at=at(day(i % 3)))

    def inbox_queries(captured):
        return [q["sql"] for q in captured.captured_queries if '"inbox_' in q["sql"]]

    fill(2)
    url = reverse("inbox:index")
    client.get(url)  # warm the per-process caches (role grants, calendar year)
    with django_assert_max_num_queries(25) as few:
        assert client.get(url).status_code == 200
    fill(30)
    absent = person("staff", unit)
    open_item(assignee_user=absent, title="Việc thay")
    services.delegation_create(
        by=absent, from_user=absent, to_user=staff, start_date=TODAY, end_date=day(2), reason="Công tác"
    )
    with django_assert_max_num_queries(25) as many:
        response = client.get(url)
    assert response.content.decode().count('class="card inbox-item') == views.PAGE_SIZE  # one page
    # The count summaries of the person's keys (tab counts, page count and navigation badges
    # all come from them; not cached here: this test's transaction wrote them) and the page
    # rows; who delegated to the person comes from the cache until a delegation is written
    # in the transaction, then from one more query.
    assert len(inbox_queries(few)) == 2, inbox_queries(few)
    assert len(inbox_queries(many)) == 3, inbox_queries(many)
    assert '"inbox_delegation"' in inbox_queries(many)[0]


def test_delegation_page_creates_and_ends(client, staff, unit):
    colleague = person("staff", unit, full_name="Vũ Văn Thay")
    url = reverse("inbox:delegations")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "to_user": colleague.pk,
            "start_date": day(0).strftime("%d/%m/%Y"),
            "end_date": day(5).strftime("%d/%m/%Y"),
            "reason": "Đi học tập trung",
        },
    )
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    assert (delegation.from_user, delegation.to_user) == (staff, colleague)
    assert "Vũ Văn Thay" in client.get(url).content.decode()

    end = reverse("inbox:delegation_end", kwargs={"pk": delegation.pk})
    assert client.get(end).status_code == 405
    assert client.post(end).status_code == 302
    delegation.refresh_from_db()
    assert not delegation.active


def test_delegation_form_errors_are_clear(client, staff, unit):
    colleague, stranger = person("staff", unit), person("staff")
    url = reverse("inbox:delegations")
    cases = [
        (
            {
                "to_user": colleague.pk,
                "start_date": "31/02/2026",
                "end_date": "01/03/2026",
                "reason": "x",
            },
            "Ngày không hợp lệ",
        ),
        (
            {
                "to_user": colleague.pk,
                "start_date": day(5).strftime("%d/%m/%Y"),
                "end_date": day(1).strftime("%d/%m/%Y"),
                "reason": "x",
            },
            "Ngày kết thúc phải sau",
        ),
        (
            {
                "to_user": stranger.pk,
                "start_date": day(0).strftime("%d/%m/%Y"),
                "end_date": day(1).strftime("%d/%m/%Y"),
                "reason": "x",
            },
            "không thuộc đơn vị của bạn",
        ),
        (
            {
                "to_user": colleague.pk,
                "start_date": day(-9).strftime("%d/%m/%Y"),
                "end_date": day(-8).strftime("%d/%m/%Y"),
                "reason": "x",
            },
            "Thời gian ủy quyền đã qua",
        ),
        (
            {"to_user": colleague.pk, "start_date": "", "end_date": "", "reason": ""},
            "Hãy nhập ngày bắt đầu",
        ),
    ]
    for data, message in cases:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), message
    assert not Delegation.objects.exists()


def test_nobody_else_can_end_a_delegation(client, unit):
    absent, colleague, stranger = person("staff", unit), person("staff", unit), person("staff")
    delegation = services.delegation_create(
        by=absent,
        from_user=absent,
        to_user=colleague,
        start_date=TODAY,
        end_date=day(1),
        reason="Ốm",
    )
    client.force_login(stranger)
    response = client.post(reverse("inbox:delegation_end", kwargs={"pk": delegation.pk}))
    assert response.status_code == 404
    delegation.refresh_from_db()
    assert delegation.active
