"""Tasks in a real browser: a leader assigns a task to a unit with a deadline, the unit's staff
report progress, the deadline passes (the clock moves: `django.utils.timezone.now`, which every
service and selector reads), the task shows as overdue in the inbox and on the dashboard, an
approved extension makes it not overdue, completion is reported and confirmed, and the unit's
on-time KPI metric counts it."""

from __future__ import annotations

import datetime as dt
import re
from unittest import mock

import pytest

pytestmark = pytest.mark.e2e

DAYS_LATER = 5


def _section(page, heading: str):
    return page.locator("section", has=page.get_by_role("heading", name=heading, exact=True))


def _independent_overdue_count(unit, today):
    """Counted here from the rows, without the module's selectors: tasks the unit leads or
    assigned, due by today, late = not completed by the due date."""
    from dieuhanh.modules.tasks.models import Task

    rows = [t for t in Task.objects.all() if unit.pk in (t.lead_unit_id, t.assigner_unit_id) and t.due_date and t.due_date <= today
            and t.state not in ("suspended", "cancelled")]
    late = [t for t in rows if t.due_date < today and (t.completed_on is None or t.completed_on > t.due_date)]
    return len(late), len(rows)


def test_a_task_from_assignment_to_confirmed_completion(new_context, login_as, transactional_db):
    from django.utils import timezone
    from playwright.sync_api import expect

    from dieuhanh.modules.tasks import metrics
    from dieuhanh.modules.tasks.models import Task
    from dieuhanh.modules.tasks.tests.factories import world

    w = world()
    leader_ctx, staff_ctx = new_context(), new_context()
    login_as(leader_ctx, w.leader)
    login_as(staff_ctx, w.dept_staff)
    leader, staff = leader_ctx.new_page(), staff_ctx.new_page()
    due = timezone.localdate() + dt.timedelta(days=2)

    # 1. The leader assigns the task to the department, with a deadline.
    leader.goto("/tasks/new/")
    leader.get_by_label("Tên nhiệm vụ").fill("Báo cáo kết quả xử lý kiến nghị về ngập úng")
    leader.get_by_label("Đơn vị chủ trì").select_option(label=w.department.name)
    leader.get_by_label("Hạn hoàn thành").fill(due.strftime("%d/%m/%Y"))
    leader.get_by_role("button", name="Giao nhiệm vụ").click()
    expect(leader.get_by_test_id("task-status")).to_have_text("Đang thực hiện trong hạn")
    task = Task.objects.get()
    assert task.lead_unit == w.department and task.due_date == due

    # 2. The department's staff see it in their tasks and report progress.
    staff.goto("/tasks/")
    staff.get_by_role("link", name="Báo cáo kết quả xử lý kiến nghị về ngập úng").click()
    progress = _section(staff, "Báo cáo tiến độ")
    progress.get_by_label("Tiến độ (%)").fill("60")
    progress.get_by_label("Nội dung báo cáo").fill("Đã làm việc với 3 phường")
    progress.get_by_role("button", name="Gửi báo cáo tiến độ").click()
    expect(staff.get_by_test_id("task-progress")).to_have_text("60 %")
    expect(staff.get_by_test_id("task-timeline")).to_contain_text("Báo cáo tiến độ")

    # 3. The deadline passes: the clock moves DAYS_LATER days on.
    real_now = timezone.now
    with mock.patch("django.utils.timezone.now", lambda: real_now() + dt.timedelta(days=DAYS_LATER)):
        today = timezone.localdate()
        assert today > due
        login_as(leader_ctx, w.leader)  # the sessions of the real clock have run out meanwhile
        login_as(staff_ctx, w.dept_staff)
        staff.goto("/inbox/?view=overdue")
        expect(staff.get_by_test_id("inbox-list")).to_contain_text("Báo cáo kết quả xử lý kiến nghị về ngập úng")
        staff.goto(task.get_absolute_url())
        expect(staff.get_by_test_id("task-status")).to_have_text("Đang thực hiện quá hạn")

        leader.goto(f"/tasks/dashboard/?unit={w.office.pk}")
        overdue, total = _independent_overdue_count(w.office, today)
        assert (overdue, total) == (1, 1)
        expect(leader.get_by_test_id("overdue-count")).to_have_text(str(overdue))
        expect(leader.get_by_test_id("due-count")).to_have_text(str(total))
        expect(leader.get_by_test_id("overdue-rate")).to_have_text("100,0 %")
        expect(leader.get_by_test_id("overdue-list")).to_contain_text("ngập úng")

        # 4. The staff ask for an extension; the leader approves it: no longer overdue.
        extension = _section(staff, "Đề nghị gia hạn")
        new_due = today + dt.timedelta(days=7)
        extension.get_by_label("Đề nghị gia hạn đến ngày").fill(new_due.strftime("%d/%m/%Y"))
        extension.get_by_label("Lý do").fill("Chờ số liệu quan trắc của Sở Tài nguyên và Môi trường")
        extension.get_by_role("button", name="Gửi đề nghị gia hạn").click()
        expect(staff.get_by_role("heading", name="Đề nghị gia hạn chờ quyết định")).to_be_visible()

        leader.goto(task.get_absolute_url())
        decision = _section(leader, "Đề nghị gia hạn chờ quyết định")
        decision.get_by_label("Đồng ý gia hạn").check()
        decision.get_by_role("button", name="Ghi quyết định").click()
        expect(leader.get_by_test_id("task-status")).to_have_text("Đang thực hiện trong hạn")
        expect(leader.get_by_test_id("task-due")).to_contain_text(new_due.strftime("%d/%m/%Y"))
        expect(leader.get_by_test_id("task-due")).to_contain_text("đã gia hạn")
        leader.goto(f"/tasks/dashboard/?unit={w.office.pk}")
        expect(leader.get_by_test_id("overdue-count")).to_have_text("0")
        assert _independent_overdue_count(w.office, today) == (0, 0)
        staff.goto("/inbox/?view=overdue")
        expect(staff.get_by_test_id("inbox-empty")).to_be_visible()

        # 5. The staff report completion; the leader confirms it.
        staff.goto(task.get_absolute_url())
        complete = _section(staff, "Báo cáo hoàn thành")
        complete.get_by_label("Kết quả thực hiện").fill("Đã gửi báo cáo số 12/BC-STN")
        complete.get_by_role("button", name="Báo cáo hoàn thành").click()
        expect(staff.get_by_test_id("task-status")).to_have_text("Chờ xác nhận hoàn thành")

        leader.goto("/inbox/")
        leader.get_by_role("link", name=re.compile("Xác nhận hoàn thành nhiệm vụ")).click()
        _section(leader, "Xác nhận hoàn thành").get_by_role("button", name="Xác nhận hoàn thành").click()
        expect(leader.get_by_test_id("task-status")).to_have_text("Hoàn thành đúng hạn")
        expect(leader.get_by_test_id("task-timeline")).to_contain_text("Xác nhận hoàn thành")

        # 6. The unit's KPI: the metric the kpi module computes counts the task as on time.
        start = today.replace(day=1)
        period_end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        if new_due > period_end:
            start, period_end = new_due.replace(day=1), new_due + dt.timedelta(days=31)
        assert metrics.on_time_unit([w.department.pk], start, period_end) == {w.department.pk: (1.0, 1.0)}

        # 7. The department's head recalculates the unit KPI: the figure shows the task on time,
        # and it opens to the task it was computed from.
        from dieuhanh.modules.kpi.models import Scheme
        from dieuhanh.modules.kpi.periods import Period

        head_ctx = new_context()
        login_as(head_ctx, w.dept_leader)
        head = head_ctx.new_page()
        scheme = Scheme.objects.get(code="tap-the-quy")
        quarter = Period.containing("quarter", new_due)
        head.goto(f"/kpi/don-vi/?scheme={scheme.pk}&period={quarter.key}&unit={w.department.pk}")
        head.get_by_role("button", name="Tính lại").click()
        expect(head.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
        figure = head.get_by_test_id("kpi-figure-tasks.on_time_unit")
        expect(figure).to_contain_text("100,0% (1/1)")
