"""The administrators' jobs screens and the retry button."""

import uuid

import pytest
from django.urls import reverse

from dieuhanh.platform.jobs.models import ManualRetry, ScheduledRun
from dieuhanh.platform.jobs.services import task_retry
from dieuhanh.platform.ui.errors import ConflictError, UserError

from .factories import failed_result


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_only_system_administrators_see_the_screens(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("jobs:index")).status_code == 403
    assert client.get(reverse("jobs:schedule")).status_code == 403
    result = failed_result()
    assert client.get(reverse("jobs:detail", args=[result.pk])).status_code == 403
    assert client.post(reverse("jobs:retry", args=[result.pk])).status_code == 403
    assert not ManualRetry.objects.exists()


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get(reverse("jobs:index"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_list_shows_failures_with_their_error(admin_client, django_assert_max_num_queries):
    for _ in range(12):
        failed_result()
    failed_result(task_path="dieuhanh.platform.jobs.tests.sample_tasks.record", status="SUCCESSFUL")
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("jobs:index"), {"status": "FAILED", "per_page": "10"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "RuntimeError: lỗi không thử lại" in html
    assert "fails_once_without_policy" in html and ">record<" not in html
    assert "Hiển thị 1–10 trên 12" in html
    assert 'aria-sort="descending"' in html


@pytest.mark.parametrize("query", [
    {"page": "abc"}, {"sort": "evil"}, {"sort": "-traceback"}, {"per_page": "-3"}, {"status": "nonsense"},
    {"q": "x" * 500},
])
def test_bad_query_strings_never_fail(admin_client, query):
    failed_result()
    response = admin_client.get(reverse("jobs:index"), query)
    assert response.status_code == 200


def test_detail_shows_the_traceback_and_the_retry_button(admin_client):
    result = failed_result()
    html = admin_client.get(reverse("jobs:detail", args=[result.pk])).content.decode()
    assert "Traceback (most recent call last)" in html
    assert reverse("jobs:retry", args=[result.pk]) in html


def test_unknown_result_is_404(admin_client):
    assert admin_client.get(reverse("jobs:detail", args=[uuid.uuid4()])).status_code == 404
    assert admin_client.get("/jobs/not-a-uuid/").status_code == 404


def test_retry_button_enqueues_one_copy(admin_client, admin_user, db_tasks):
    from django_tasks_db.models import DBTaskResult

    result = failed_result(args=["x"])
    response = admin_client.post(reverse("jobs:retry", args=[result.pk]))
    retry = ManualRetry.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[retry.new_id])
    copy = DBTaskResult.objects.get(pk=retry.new_id)
    assert copy.status == "READY" and copy.task_path == result.task_path
    assert copy.args_kwargs == {"args": ["x"], "kwargs": {}}
    assert retry.by == admin_user and retry.original_id == str(result.pk)

    # a double click: refused with a message, nothing more enqueued
    again = admin_client.post(reverse("jobs:retry", args=[result.pk]), follow=True)
    assert "đã được yêu cầu chạy lại" in again.content.decode()
    assert DBTaskResult.objects.count() == 2

    # the detail page of the failure now links to the new run instead of offering the button
    html = admin_client.get(reverse("jobs:detail", args=[result.pk])).content.decode()
    assert reverse("jobs:retry", args=[result.pk]) not in html
    assert reverse("jobs:detail", args=[retry.new_id]) in html


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections
def test_retry_runs_the_task_again(admin_user, db_tasks):
    from django_tasks_db.models import DBTaskResult

    from .test_retry import run_worker

    result = failed_result(task_path="dieuhanh.platform.jobs.tests.sample_tasks.record", args=["lại"])
    new_id = task_retry(result_id=str(result.pk), by=admin_user)
    run_worker()
    assert DBTaskResult.objects.get(pk=new_id).return_value == "lại"


def test_retry_service_refuses_what_it_cannot_do(admin_user, staff_user):
    ok = failed_result(status="SUCCESSFUL")
    with pytest.raises(UserError, match="đã thất bại"):
        task_retry(result_id=str(ok.pk), by=admin_user)
    with pytest.raises(UserError, match="quyền"):
        task_retry(result_id=str(failed_result().pk), by=staff_user)
    gone = failed_result(task_path="dieuhanh.nowhere.task")
    with pytest.raises(UserError, match="không còn tồn tại"):
        task_retry(result_id=str(gone.pk), by=admin_user)
    done = failed_result()
    task_retry(result_id=str(done.pk), by=admin_user)
    with pytest.raises(ConflictError):
        task_retry(result_id=str(done.pk), by=admin_user)


def test_retry_of_a_successful_task_shows_a_message(admin_client):
    ok = failed_result(status="SUCCESSFUL")
    response = admin_client.post(reverse("jobs:retry", args=[ok.pk]), follow=True)
    assert response.status_code == 200
    assert "Chỉ chạy lại được tác vụ đã thất bại." in response.content.decode()


def test_schedule_page_lists_declared_jobs_and_last_runs(admin_client):
    import datetime as dt

    from django.utils import timezone

    result = failed_result(task_path="dieuhanh.platform.jobs.tasks.prune_history", status="SUCCESSFUL")
    ScheduledRun.objects.create(key="jobs.prune_history", due_at=timezone.now() - dt.timedelta(hours=1),
                                result_id=str(result.pk))
    html = admin_client.get(reverse("jobs:schedule")).content.decode()
    assert "Dọn kết quả tác vụ cũ" in html and "hằng ngày lúc 03:15" in html
    assert reverse("jobs:detail", args=[result.pk]) in html and "Thành công" in html
