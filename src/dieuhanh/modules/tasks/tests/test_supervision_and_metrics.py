"""A resolution or a conclusion becomes tracked tasks (the service the meetings module calls),
and the KPI metrics the kpi module reads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dieuhanh.modules.tasks import api, metrics, services
from dieuhanh.modules.tasks.models import Task
from dieuhanh.platform.orgs.models import OrgUnitKind
from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, person
from dieuhanh.platform.registry import LEADER
from dieuhanh.platform.ui.errors import UserError

from .factories import move_back, world

pytestmark = pytest.mark.django_db


def test_a_conclusion_becomes_tasks_with_a_link_back(client):
    w = world()
    standing = OrgUnitFactory(name="Thường trực HĐND Thử Nghiệm", kind=OrgUnitKind.STANDING_COMMITTEE)
    chair = person(LEADER, standing, full_name="Chủ Tịch HĐND")
    # A stand-in for a meeting's Conclusion: any saved model with get_absolute_url and __str__.
    conclusion = services.task_create(by=w.leader, title="Kết luận phiên giải trình số 05", lead_unit=w.office)
    due = timezone.localdate() + dt.timedelta(days=30)
    supervision = api.supervision_create(
        by=chair, source=conclusion, title="Giám sát Kết luận 05",
        items=[api.TaskSpec(title="Sửa chữa trường học", lead_unit=w.department, due_date=due),
               api.TaskSpec(title="Báo cáo kết quả", lead_unit=w.other, cooperating_units=(w.department,))],
    )
    tasks = list(api.tasks_for_source(user=chair, source=conclusion))
    assert [t.title for t in tasks] == ["Sửa chữa trường học", "Báo cáo kết quả"]
    assert all(t.source == conclusion and t.supervision == supervision and t.assigner_unit == standing for t in tasks)
    assert supervision.source_title == str(conclusion) and supervision.source_url == conclusion.get_absolute_url()
    assert api.supervision_for_source(user=chair, source=conclusion) == supervision
    # A retried call creates nothing more.
    again = api.supervision_create(by=chair, source=conclusion, title="Giám sát Kết luận 05",
                                   items=[api.TaskSpec(title="x", lead_unit=w.department)])
    assert again == supervision and Task.objects.filter(supervision__isnull=False).count() == 2
    # The departments see their task; the supervision page is the standing committee's.
    assert [t.title for t in api.tasks_for_source(user=w.dept_staff, source=conclusion)] == [
        "Sửa chữa trường học", "Báo cáo kết quả"]
    client.force_login(chair)
    page = client.get(supervision.get_absolute_url())
    assert page.status_code == 200 and "Sửa chữa trường học" in page.content.decode()
    assert str(conclusion) in page.content.decode()
    client.force_login(w.dept_leader)
    assert client.get(supervision.get_absolute_url()).status_code == 404
    client.force_login(chair)
    assert client.get(reverse("tasks:supervisions")).status_code == 200


def test_supervision_needs_the_right_and_at_least_one_item():
    w = world()
    with pytest.raises(UserError):
        api.supervision_create(by=w.dept_staff, source=w.other, title="x",
                               items=[api.TaskSpec(title="y", lead_unit=w.department)])
    with pytest.raises(UserError):
        api.supervision_create(by=w.leader, source=w.other, title="x", items=[])


def test_kpi_metrics_count_tasks_due_in_the_period():
    w = world()
    today = timezone.localdate()
    start, end = today - dt.timedelta(days=30), today
    on_time = move_back(w.task(title="đúng hạn", due_in=5), days=10, )
    services.completion_report(by=w.dept_staff, task=on_time, text="x", completed_on=on_time.assigned_on)
    services.task_confirm(by=w.leader, task=on_time)
    late = move_back(w.task(title="muộn", due_in=1), days=6)
    services.completion_report(by=w.dept_staff, task=late, text="x")
    services.task_confirm(by=w.leader, task=late)
    move_back(w.task(title="quá hạn", due_in=1), days=3)
    w.task(title="sau kỳ", due_in=10)
    personal = services.task_create(by=w.leader, title="người", lead_unit=w.other, lead_user=w.outsider,
                                    due_date=today)
    assert metrics.on_time_unit([w.department.pk, w.other.pk], start, end) == {
        w.department.pk: (1.0, 3.0), w.other.pk: (0.0, 1.0)}
    assert metrics.overdue_rate_unit([w.department.pk], start, end) == {w.department.pk: (2.0, 3.0)}
    assert metrics.on_time_person([w.outsider.pk], start, end) == {w.outsider.pk: (0.0, 1.0)}
    items = metrics.on_time_unit_items(w.department.pk, start, end)
    assert [(i.title, i.counted) for i in items] == [("đúng hạn", True), ("muộn", False), ("quá hạn", False)]
    assert items[0].url == on_time.get_absolute_url()
    overdue_items = metrics.overdue_rate_unit_items(w.department.pk, start, end)
    assert sorted(i.title for i in overdue_items if i.counted) == ["muộn", "quá hạn"]
    assert personal.status() == "on_time"


def test_the_manifest_declares_the_metrics_the_kpi_module_reads():
    from django.utils.module_loading import import_string

    from dieuhanh.platform import registry

    declared = {m.key: m for m in registry.get("tasks").kpi_metrics}
    assert set(declared) == {"tasks.on_time_unit", "tasks.on_time_person", "tasks.overdue_rate_unit"}
    assert declared["tasks.overdue_rate_unit"].higher_is_better is False
    for metric in declared.values():
        assert callable(import_string(metric.compute)) and callable(import_string(metric.items))
