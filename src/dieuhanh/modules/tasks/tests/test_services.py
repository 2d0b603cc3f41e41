"""The life of a task, told through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from dieuhanh.modules.tasks import selectors, services
from dieuhanh.modules.tasks.models import Extension, Status, Task, TaskEvent, TaskState
from dieuhanh.platform.inbox.models import WorkItem, WorkItemState
from dieuhanh.platform.notifications.models import Notification
from dieuhanh.platform.ui.errors import ConflictError, UserError

from .factories import move_back, world

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def open_items(task, purpose=None):
    qs = WorkItem.objects.filter(module="tasks", object_id=str(task.pk), state=WorkItemState.OPEN)
    return qs.filter(purpose=purpose) if purpose else qs


def kinds(task):
    return list(task.events.order_by("at", "pk").values_list("kind", flat=True))


def test_a_leader_assigns_a_task_to_a_unit_whose_members_share_the_work_item():
    w = world()
    task = w.task(cooperating_units=[w.other])
    assert task.state == TaskState.ASSIGNED and task.assigner_unit == w.office
    assert task.status() == Status.ON_TIME
    item = open_items(task, "carry_out").get()
    assert item.assignee_unit == w.department
    assert timezone.localtime(item.due_at).date() == task.due_date
    assert kinds(task) == [TaskEvent.Kind.CREATED]
    assert set(Notification.objects.filter(kind="tasks.assigned").values_list("recipient_id", flat=True)) >= {
        w.dept_staff.pk, w.dept_leader.pk, w.outsider.pk}
    assert task in selectors.my_tasks(w.dept_staff)
    assert task in selectors.my_tasks(w.outsider)  # cooperating unit
    assert task in selectors.assigned_by(w.leader)


def test_staff_may_not_assign_to_a_unit_but_may_create_a_personal_task():
    w = world()
    with pytest.raises(UserError):
        services.task_create(by=w.dept_staff, title="Việc", lead_unit=w.other)
    own = services.task_create(by=w.dept_staff, title="Việc của tôi", lead_user=w.dept_staff)
    assert own.lead_user == w.dept_staff and own.status() == Status.NO_DEADLINE


def test_a_double_submit_creates_one_task():
    w = world()
    first = w.task(submission_key="abc")
    second = w.task(submission_key="abc")
    assert first.pk == second.pk and Task.objects.count() == 1


def test_an_empty_title_or_no_lead_is_refused_with_a_message():
    w = world()
    with pytest.raises(UserError, match="tên"):
        services.task_create(by=w.leader, title="  ", lead_unit=w.department)
    with pytest.raises(UserError, match="chủ trì"):
        services.task_create(by=w.leader, title="Việc")


def test_progress_then_completion_then_confirmation_on_time():
    w = world()
    task = w.task()
    services.progress_report(by=w.dept_staff, task=task, percent=40, text="Đã làm được một phần")
    task.refresh_from_db()
    assert task.state == TaskState.IN_PROGRESS and task.progress == 40
    services.completion_report(by=w.dept_staff, task=task, text="Xong")
    task.refresh_from_db()
    assert task.state == TaskState.AWAITING_CONFIRMATION and task.completed_on == TODAY()
    assert not open_items(task, "carry_out").exists()
    assert open_items(task, "confirm").get().assignee_user == w.leader
    with pytest.raises(UserError):
        services.task_confirm(by=w.dept_staff, task=task)
    services.task_confirm(by=w.leader, task=task, note="Tốt")
    task.refresh_from_db()
    assert task.state == TaskState.DONE and task.status() == Status.DONE_ON_TIME
    assert not open_items(task).exists()
    assert kinds(task) == ["created", "progress", "completion_reported", "confirmed"]
    assert Notification.objects.filter(kind="tasks.confirmed", recipient=w.dept_staff).exists()


def test_an_outsider_cannot_report_progress():
    w = world()
    task = w.task()
    with pytest.raises(UserError):
        services.progress_report(by=w.outsider, task=task, percent=10, text="?")
    with pytest.raises(UserError):
        services.progress_report(by=w.dept_staff, task=task, percent=101, text="quá")


def test_a_repeated_progress_report_is_recorded_once():
    w = world()
    task = w.task()
    a = services.progress_report(by=w.dept_staff, task=task, percent=10, text="a", submission_key="k1")
    b = services.progress_report(by=w.dept_staff, task=task, percent=10, text="a", submission_key="k1")
    assert a.pk == b.pk and task.reports.count() == 1


def test_the_assigner_returns_a_completion_with_a_reason_and_the_work_goes_on():
    w = world()
    task = w.task()
    services.completion_report(by=w.dept_staff, task=task, text="Xong")
    with pytest.raises(UserError):
        services.task_return(by=w.leader, task=task, reason="")
    services.task_return(by=w.leader, task=task, reason="Thiếu số liệu")
    task.refresh_from_db()
    assert task.state == TaskState.RETURNED and task.completed_on is None
    assert task.status() == Status.RETURNED
    assert open_items(task, "carry_out").exists() and not open_items(task, "confirm").exists()
    assert Notification.objects.filter(kind="tasks.returned", recipient=w.dept_staff).exists()


def test_a_task_past_its_due_date_is_overdue_and_done_late_when_finished_after_it():
    w = world()
    task = move_back(w.task(due_in=5), days=10)  # due 5 days ago
    assert task.status() == Status.OVERDUE
    assert task in selectors.filter_tasks(Task.objects.all(), status=Status.OVERDUE)
    services.completion_report(by=w.dept_staff, task=task, text="Muộn")
    services.task_confirm(by=w.leader, task=task)
    task.refresh_from_db()
    assert task.status() == Status.DONE_LATE


def test_an_approved_extension_moves_the_due_date_and_the_task_is_no_longer_overdue():
    w = world()
    task = move_back(w.task(due_in=5), days=10)
    assert task.status() == Status.OVERDUE
    original = task.due_date
    with pytest.raises(UserError):
        services.extension_request(by=w.dept_staff, task=task, requested_date=original, reason="Chưa đủ")
    ext = services.extension_request(by=w.dept_staff, task=task, requested_date=TODAY() + dt.timedelta(days=7),
                                     reason="Chờ số liệu")
    assert open_items(task, "extension").get().assignee_user == w.leader
    with pytest.raises(ConflictError):
        services.extension_request(by=w.dept_staff, task=task, requested_date=TODAY() + dt.timedelta(days=9),
                                   reason="Lần hai")
    services.extension_decide(by=w.leader, extension=ext, approve=True)
    task.refresh_from_db()
    assert task.due_date == TODAY() + dt.timedelta(days=7) and task.original_due_date == original
    assert task.status() == Status.ON_TIME
    assert timezone.localtime(open_items(task, "carry_out").get().due_at).date() == task.due_date
    assert not open_items(task, "extension").exists()
    with pytest.raises(ConflictError):
        services.extension_decide(by=w.leader, extension=ext, approve=False, note="muộn")
    # Finished before the new date: done on time.
    services.completion_report(by=w.dept_staff, task=task, text="Xong")
    services.task_confirm(by=w.leader, task=task)
    task.refresh_from_db()
    assert task.status() == Status.DONE_ON_TIME


def test_a_refused_extension_needs_a_reason_and_leaves_the_due_date():
    w = world()
    task = w.task(due_in=3)
    ext = services.extension_request(by=w.dept_staff, task=task, requested_date=TODAY() + dt.timedelta(days=30),
                                     reason="Nhiều việc")
    with pytest.raises(UserError):
        services.extension_decide(by=w.leader, extension=ext, approve=False)
    services.extension_decide(by=w.leader, extension=ext, approve=False, note="Không có căn cứ")
    ext.refresh_from_db()
    task.refresh_from_db()
    assert ext.state == Extension.State.REFUSED and task.due_date == TODAY() + dt.timedelta(days=3)
    assert Notification.objects.filter(kind="tasks.extension_decided", recipient=w.dept_staff).exists()


def test_suspend_resume_and_cancel_move_the_work_items():
    w = world()
    task = w.task()
    services.task_suspend(by=w.leader, task=task, reason="Chờ thanh tra")
    task.refresh_from_db()
    assert task.status() == Status.SUSPENDED and not open_items(task).exists()
    with pytest.raises(UserError):
        services.progress_report(by=w.dept_staff, task=task, percent=5, text="x")
    services.task_resume(by=w.leader, task=task, due_date=TODAY() + dt.timedelta(days=20))
    task.refresh_from_db()
    assert task.state == TaskState.ASSIGNED and open_items(task, "carry_out").exists()
    services.task_cancel(by=w.leader, task=task, reason="Không còn cần")
    task.refresh_from_db()
    assert task.status() == Status.CANCELLED and not open_items(task).exists()
    assert kinds(task)[-3:] == ["suspended", "resumed", "cancelled"]


def test_subtasks_are_created_by_the_lead_and_a_lead_person_can_be_named():
    w = world()
    task = w.task()
    sub = services.task_create(by=w.dept_staff, title="Thu thập số liệu", lead_user=w.dept_staff, parent=task)
    assert sub.parent == task and sub.assigner_unit == w.department
    with pytest.raises(UserError):
        services.task_create(by=w.outsider, title="x", lead_user=w.outsider, parent=task)
    with pytest.raises(UserError, match="chính mình"):
        services.task_create(by=w.dept_staff, title="x", lead_unit=w.other, parent=task)
    services.task_lead_person_assign(by=w.dept_leader, task=task, person=w.dept_staff)
    task.refresh_from_db()
    assert task.lead_user == w.dept_staff
    assert open_items(task, "carry_out").get().assignee_user == w.dept_staff
    with pytest.raises(UserError):
        services.task_lead_person_assign(by=w.dept_leader, task=task, person=w.outsider)


def test_reminders_are_sent_once_per_task_and_day():
    w = world()
    soon = w.task(title="Sắp đến hạn", due_in=1)
    late = move_back(w.task(title="Đã quá hạn", due_in=2), days=5)
    w.task(title="Còn xa", due_in=40)
    first = services.reminders_send()
    assert first == {"reminded": 1, "overdue": 1}
    assert services.reminders_send() == {"reminded": 0, "overdue": 0}
    assert Notification.objects.filter(kind="tasks.reminder", object_id=str(soon.pk)).exists()
    assert Notification.objects.filter(kind="tasks.overdue", object_id=str(late.pk)).exists()
    assert late.events.filter(kind="overdue").count() == 1
    # The next day: still overdue, but that was already said; the soon one is reminded again.
    tomorrow = TODAY() + dt.timedelta(days=1)
    again = services.reminders_send(today=tomorrow)
    assert again["overdue"] == 0


def test_visibility_outsiders_get_nothing():
    w = world()
    task = w.task()
    assert not selectors.visible_tasks(w.outsider).filter(pk=task.pk).exists()
    assert selectors.visible_tasks(w.dept_staff).filter(pk=task.pk).exists()
    assert selectors.visible_tasks(w.clerk_staff).filter(pk=task.pk).exists()  # assigning unit
