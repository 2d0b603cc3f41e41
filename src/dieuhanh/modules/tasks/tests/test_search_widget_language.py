"""Search finds a task by its progress text for the people concerned only; the dashboard
widget; the English translation."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from dieuhanh.modules.tasks import services, widgets
from dieuhanh.platform import search

from .factories import move_back, world

pytestmark = pytest.mark.django_db


def test_search_finds_the_task_by_its_progress_text_for_the_people_concerned(django_capture_on_commit_callbacks):
    w = world()
    with django_capture_on_commit_callbacks(execute=True):
        task = w.task(title="Khảo sát chất lượng nước sinh hoạt")
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_report(by=w.dept_staff, task=task, percent=30, text="Đã lấy mẫu ở giếng khoan Đông Anh")
    hits = search.query(w.dept_staff, "gieng khoan dong anh")  # without diacritics
    assert [h.url for h in hits.hits] == [task.get_absolute_url()]
    assert search.query(w.leader, "chat luong nuoc").total == 1  # the assigner
    assert search.query(w.outsider, "chat luong nuoc").total == 0


def test_the_widget_lists_my_overdue_and_soon_due_tasks():
    w = world()
    move_back(w.task(title="Đã quá hạn", due_in=1), days=4)
    w.task(title="Sắp đến hạn", due_in=1)
    w.task(title="Còn lâu", due_in=60)
    request = RequestFactory().get("/")
    request.user = w.dept_staff
    context = widgets.mine_widget(request)
    assert [t.title for t in context["overdue"]] == ["Đã quá hạn"] and context["overdue_count"] == 1
    assert [t.title for t in context["soon"]] == ["Sắp đến hạn"]


def test_messages_and_statuses_have_english_translations():
    from django.utils import translation
    from django.utils.translation import gettext

    from dieuhanh.modules.tasks.models import Status

    with translation.override("en"):
        assert gettext("Nhiệm vụ cần có tên.") == "A task needs a title."
        assert str(Status.OVERDUE.label) == "In progress, overdue"
        assert gettext("Tỷ lệ quá hạn") == "Overdue rate"
