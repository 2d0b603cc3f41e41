"""The pages, as the people using them see them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from dieuhanh.modules.tasks import api, services
from dieuhanh.modules.tasks.models import Task, TaskState

from .factories import move_back, world

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def _queries(client, url, params=None) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def test_my_tasks_lists_the_units_tasks_in_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    w = world()
    for i in range(3):
        w.task(title=f"Nhiệm vụ đầu {i}", due_in=i)
    login(client, w.dept_staff)
    few = _queries(client, reverse("tasks:mine"), {"per_page": 50})
    for i in range(30):
        w.task(title=f"Nhiệm vụ số {i}", due_in=i - 5)
    with django_assert_max_num_queries(few):  # no query per row
        response = client.get(reverse("tasks:mine"), {"per_page": 50})
    assert response.status_code == 200
    assert response.content.decode().count('data-task="') == 33
    assert "Đang thực hiện quá hạn" in response.content.decode()
    assert few <= 40  # the page itself is a handful; the rest is the shared layout (navigation)


@pytest.mark.parametrize("name", ["tasks:assigned", "tasks:unit", "tasks:calendar", "tasks:dashboard"])
def test_other_task_pages_are_bounded_too(client, django_assert_max_num_queries, name):
    w = world()
    w.task(title="Nhiệm vụ đầu", due_in=1)
    login(client, w.leader)
    few = _queries(client, reverse(name), {"sort": "-due"})
    for i in range(20):
        w.task(title=f"Nhiệm vụ số {i}", due_in=i % 5)
    with django_assert_max_num_queries(few):
        response = client.get(reverse(name), {"sort": "-due"})
    assert response.status_code == 200
    if name in ("tasks:assigned", "tasks:unit"):
        assert response.content.decode().count('data-task="') == 21


def test_bad_filters_and_sorts_never_break_the_list(client):
    w = world()
    w.task()
    login(client, w.dept_staff)
    response = client.get(reverse("tasks:mine"), {"due_from": "31/02/2026", "sort": "drop table", "page": "x",
                                                   "status": "nonsense"})
    assert response.status_code == 200
    assert "không tồn tại" in response.content.decode() or "Chọn" in response.content.decode()


def test_filter_by_overdue_status_and_text(client):
    w = world()
    move_back(w.task(title="Báo cáo môi trường", due_in=1), days=5)
    w.task(title="Báo cáo giáo dục", due_in=20)
    login(client, w.dept_staff)
    body = client.get(reverse("tasks:mine"), {"status": "overdue"}).content.decode()
    assert "Báo cáo môi trường" in body and "Báo cáo giáo dục" not in body
    body = client.get(reverse("tasks:mine"), {"q": "giáo dục"}).content.decode()
    assert "Báo cáo giáo dục" in body and "Báo cáo môi trường" not in body


def test_a_leader_assigns_through_the_form_and_a_double_submit_makes_one_task(client):
    w = world()
    login(client, w.leader)
    form = client.get(reverse("tasks:create"))
    assert form.status_code == 200
    key = form.context["form"].initial["submission_key"]
    data = {"title": "Rà soát kiến nghị tồn đọng", "lead_unit": w.department.pk, "due_date": "15/12/2099",
            "priority": "normal", "submission_key": key}
    first = client.post(reverse("tasks:create"), data)
    second = client.post(reverse("tasks:create"), data)
    task = Task.objects.get()
    assert first.status_code == second.status_code == 302 and first["Location"] == task.get_absolute_url()
    assert task.due_date == dt.date(2099, 12, 15)


def test_the_form_answers_bad_input_with_messages_and_400(client):
    w = world()
    login(client, w.leader)
    response = client.post(reverse("tasks:create"), {"title": "", "due_date": "31/02/2099", "priority": "normal"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nhập tên nhiệm vụ." in body and "không tồn tại" in body and "Chọn đơn vị chủ trì" in body
    past = client.post(reverse("tasks:create"), {"title": "x", "lead_unit": w.department.pk,
                                                  "due_date": "01/01/2000", "priority": "normal"})
    assert past.status_code == 400 and "trước hôm nay" in past.content.decode()
    assert not Task.objects.exists()


def test_a_deadline_in_working_days_comes_from_the_work_calendar(client):
    from dieuhanh.platform.workcalendar.api import add_working_days

    w = world()
    login(client, w.leader)
    client.post(reverse("tasks:create"), {"title": "Theo lịch", "lead_unit": w.department.pk, "working_days": 10,
                                          "priority": "normal"})
    task = Task.objects.get()
    assert task.due_date == add_working_days(timezone.localdate(), 10) and "10 ngày làm việc" in task.due_rule


def test_no_task_link_is_offered_to_someone_who_may_not_create_tasks():
    from dieuhanh.platform.orgs.tests.factories import person
    from dieuhanh.platform.registry import CLERK

    w = world()
    clerk = person(CLERK, w.office)
    assert api.task_create_url(source=w.other, user=clerk) is None
    assert api.task_create_url(source=w.other, user=w.clerk_staff) is not None  # own tasks


def test_a_task_created_from_a_source_links_back_to_it(client):
    w = world()
    source = w.other  # a stand-in source without a page of its own: the link is kept all the same
    url = api.task_create_url(source=source, user=w.leader)
    login(client, w.leader)
    page = client.get(url)
    assert page.status_code == 200 and str(source) in page.content.decode()
    token = page.context["form"].initial["source"]
    client.post(reverse("tasks:create"), {"title": "Từ nguồn", "lead_unit": w.department.pk, "priority": "normal",
                                          "source": token})
    task = Task.objects.get()
    assert task.source == source and task.source_title == str(source)
    assert task.source_url == ""
    assert list(api.tasks_for_source(user=w.leader, source=source)) == [task]
    # Another person cannot reuse the link, and a forged one is refused.
    login(client, w.dept_leader)
    assert client.get(url).status_code in (400, 403)
    login(client, w.leader)
    assert client.get(reverse("tasks:create"), {"source": "forged"}).status_code == 400


def test_outsiders_get_404_and_members_see_the_page(client):
    w = world()
    task = w.task()
    login(client, w.outsider)
    assert client.get(task.get_absolute_url()).status_code == 404
    assert client.post(reverse("tasks:progress", args=[task.pk]), {"progress-percent": 5, "progress-text": "x"}).status_code == 404
    login(client, w.dept_staff)
    assert client.get(task.get_absolute_url()).status_code == 200


def test_progress_and_completion_from_the_page(client):
    w = world()
    task = w.task()
    login(client, w.dept_staff)
    bad = client.post(reverse("tasks:progress", args=[task.pk]), {"progress-percent": 150, "progress-text": "x"})
    assert bad.status_code == 400 and "100" in bad.content.decode()
    ok = client.post(reverse("tasks:progress", args=[task.pk]), {"progress-percent": 50, "progress-text": "Đã xong nửa"})
    assert ok.status_code == 302
    done = client.post(reverse("tasks:complete", args=[task.pk]), {"complete-text": "Hoàn thành"})
    assert done.status_code == 302
    # Not the assigner: confirming is refused with a message.
    refused = client.post(reverse("tasks:confirm", args=[task.pk]), {})
    assert refused.status_code == 400
    login(client, w.leader)
    assert client.post(reverse("tasks:confirm", args=[task.pk]), {}).status_code == 302
    task.refresh_from_db()
    assert task.state == TaskState.DONE


def test_a_progress_report_with_a_file_checked_by_content(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    w = world()
    task = w.task()
    login(client, w.dept_staff)
    fake = SimpleUploadedFile("bao-cao.pdf", b"not a pdf at all", content_type="application/pdf")
    bad = client.post(reverse("tasks:progress", args=[task.pk]), {"progress-percent": 10, "progress-text": "x", "progress-attachment": fake})
    assert bad.status_code == 400
    assert not task.reports.exists()  # nothing half-written
    from dieuhanh.platform.files.exports import docx_bytes
    from dieuhanh.platform.files.word import new_document

    good = SimpleUploadedFile("bao-cao.docx", docx_bytes(new_document("Báo cáo")))
    ok = client.post(reverse("tasks:progress", args=[task.pk]), {"progress-percent": 10, "progress-text": "x", "progress-attachment": good})
    assert ok.status_code == 302
    stored = task.reports.get().files.get()
    assert client.get(reverse("tasks:attachment", args=[task.pk, stored.pk])).status_code == 200
    login(client, w.outsider)
    assert client.get(reverse("tasks:attachment", args=[task.pk, stored.pk])).status_code == 404


def test_calendar_shows_due_dates_and_refuses_a_bad_month(client):
    w = world()
    task = w.task(due_in=0)
    login(client, w.dept_staff)
    page = client.get(reverse("tasks:calendar"))
    assert page.status_code == 200 and task.title in page.content.decode()
    assert 'aria-current="date"' in page.content.decode()
    assert client.get(reverse("tasks:calendar"), {"month": "2026-13"}).status_code == 400
    assert client.get(reverse("tasks:calendar"), {"month": "abc"}).status_code == 400


def test_excel_export_of_the_filtered_list(client):
    import openpyxl

    w = world()
    for i in range(3):
        w.task(title=f"Xuất {i}")
    login(client, w.dept_staff)
    response = client.get(reverse("tasks:export_xlsx"), {"list": "mine", "q": "Xuất"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)
                                              if response.streaming else response.content)).active
    titles = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert {"Xuất 0", "Xuất 1", "Xuất 2"} <= set(titles)
    assert client.get(reverse("tasks:export_xlsx"), {"list": "unit"}).status_code == 400  # staff: no unit list


def test_word_report_per_unit(client):
    import docx

    w = world()
    move_back(w.task(title="Quá hạn một", due_in=1), days=4)
    login(client, w.dept_leader)
    response = client.get(reverse("tasks:report_docx"), {"unit": w.department.pk})
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert w.department.name.upper() in text and "Quá hạn một" in cells
    assert client.get(reverse("tasks:report_docx"), {"unit": w.other.pk}).status_code == 404


def test_dashboard_overdue_rate_equals_an_independent_count(client):
    w = world()
    today = timezone.localdate()
    move_back(w.task(title="quá hạn", due_in=1), days=3)  # overdue
    late = move_back(w.task(title="xong muộn", due_in=1), days=6)
    services.completion_report(by=w.dept_staff, task=late, text="x")
    services.task_confirm(by=w.leader, task=late)
    w.task(title="trong hạn", due_in=5)  # not due yet: not counted
    ontime = move_back(w.task(title="xong đúng hạn", due_in=5), days=6)
    Task.objects.filter(pk=ontime.pk).update(state=TaskState.DONE, completed_on=today - dt.timedelta(days=3))
    w.task(title="không thời hạn", due_in=None)
    login(client, w.dept_leader)
    response = client.get(reverse("tasks:dashboard"), {"unit": w.department.pk})
    assert response.status_code == 200
    # Independent count: due by today with a deadline, and late = not completed by the due date.
    due = [t for t in Task.objects.filter(lead_unit=w.department) if t.due_date and t.due_date <= today]
    late_count = sum(1 for t in due if t.due_date < today and (t.completed_on is None or t.completed_on > t.due_date))
    assert (late_count, len(due)) == (2, 3)
    assert response.context["overdue"] == late_count and response.context["total_due"] == len(due)
    assert response.context["overdue_rate_text"] == "66,7 %"
    assert "tasks-trend-chart" in response.content.decode()
