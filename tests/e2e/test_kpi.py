"""KPI in a real browser: a leader recalculates a month (progress shown) and opens the month's
evaluations; the staff member opens the computed figure to the items behind it and assesses
themself; the leader reviews; the head of the office above approves; the rating is locked.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dieuhanh.modules.kpi.defaults import ensure_default_schemes
from dieuhanh.modules.kpi.models import Evaluation, Scheme
from dieuhanh.modules.kpi.periods import Period
from dieuhanh.modules.kpi.tests.factories import at, office, work_item

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_month_is_computed_assessed_reviewed_and_approved(new_context, login_as):
    ensure_default_schemes()
    scheme = Scheme.objects.get(code="nd335-ca-nhan-thang")
    period = Period.containing("month", timezone.localdate()).previous()
    team = office(staff_count=1)
    worker = team.staff[0]
    work_item(worker, due=at(period.start + dt.timedelta(days=4)), closed=at(period.start + dt.timedelta(days=3)),
              title="Báo cáo kết quả giám sát chuyên đề")
    work_item(worker, due=at(period.start + dt.timedelta(days=9)), closed=at(period.start + dt.timedelta(days=12)),
              title="Tổng hợp ý kiến cử tri trước kỳ họp")

    # --- the leader recalculates the month, then opens the evaluations ----------------------------
    leader_ctx = new_context()
    login_as(leader_ctx, team.leader)
    leader = leader_ctx.new_page()
    leader.goto(f"/kpi/don-vi/?scheme={scheme.pk}&period={period.key}&unit={team.unit.pk}")
    expect(leader.get_by_role("heading", name="Đánh giá của đơn vị")).to_be_visible()
    leader.get_by_role("button", name="Tính lại").click()
    bar = leader.get_by_role("progressbar")
    expect(bar).to_have_attribute("aria-valuenow", "100")
    expect(leader.get_by_text("Đã xong")).to_be_visible()
    leader.get_by_role("link", name="Về trang đánh giá của đơn vị").click()
    due = timezone.localdate() + dt.timedelta(days=3)
    leader.get_by_label("Hạn tự đánh giá").fill(due.strftime("%d/%m/%Y"))
    leader.get_by_role("button", name="Mở kỳ đánh giá").click()
    expect(leader.get_by_text("Đã mở 3 phiếu đánh giá.")).to_be_visible()

    # --- the staff member: the work item, the figure and what it came from, the self-assessment ---
    worker_ctx = new_context()
    login_as(worker_ctx, worker)
    page = worker_ctx.new_page()
    page.goto("/inbox/")
    page.get_by_role("link", name=re.compile(r"Tự đánh giá KPI")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(period.label)
    figure = page.get_by_role("link", name=re.compile("Xem các việc tạo nên số liệu"))
    expect(figure).to_contain_text("50")
    figure.click()
    expect(page.get_by_role("link", name="Báo cáo kết quả giám sát chuyên đề")).to_be_visible()
    expect(page.get_by_role("link", name="Tổng hợp ý kiến cử tri trước kỳ họp")).to_be_visible()
    expect(page.get_by_text("trễ hạn")).to_be_visible()
    page.go_back()
    manual = [c for c in scheme.criteria.all() if not c.is_computed]
    for criterion in manual:
        page.get_by_label(f"Tự chấm: {criterion.name}").fill(str(int(criterion.max_points)))
    page.get_by_label(f"Tự chấm: {manual[0].name}").fill("12")  # more than the maximum of 10
    page.get_by_role("button", name="Gửi tự đánh giá").click()
    expect(page.get_by_role("alert")).to_contain_text("phải từ 0 đến 10")
    page.get_by_label(f"Tự chấm: {manual[0].name}").fill("9")
    page.get_by_label("Tự nhận xét").fill("Hoàn thành các việc được giao.")
    page.get_by_role("button", name="Gửi tự đánh giá").click()
    expect(page.get_by_text("Đã gửi phần tự đánh giá.")).to_be_visible()
    expect(page.get_by_test_id("kpi-total")).to_have_text("84,00")  # 9+10+10+20+20 + 15 of 30 computed

    # --- the leader reviews ----------------------------------------------------------------------
    evaluation = Evaluation.objects.get(user=worker)
    leader.goto(f"/kpi/phieu/{evaluation.pk}/")
    leader.get_by_label(f"Lãnh đạo chấm: {manual[3].name}").fill("15")
    leader.get_by_label("Nhận xét của lãnh đạo").fill("Chất lượng cần nâng cao.")
    leader.get_by_role("button", name="Gửi nhận xét").click()
    expect(leader.get_by_text("Đã gửi nhận xét, chấm điểm.")).to_be_visible()
    expect(leader.get_by_test_id("kpi-total")).to_have_text("79,00")

    # --- the head of the office above approves; the evaluation is locked ---------------------------
    head_ctx = new_context()
    login_as(head_ctx, team.head)
    head = head_ctx.new_page()
    head.goto(f"/kpi/phieu/{evaluation.pk}/")
    head.get_by_role("button", name="Phê duyệt").click()
    expect(head.get_by_text("Đã phê duyệt kết quả đánh giá.")).to_be_visible()
    expect(head.get_by_text("Hoàn thành tốt nhiệm vụ").first).to_be_visible()
    expect(head.get_by_role("button", name="Mở lại")).to_be_visible()

    page.reload()
    expect(page.get_by_text("Đã phê duyệt").first).to_be_visible()
    expect(page.get_by_role("button", name="Gửi tự đánh giá")).to_have_count(0)
    timeline = page.get_by_role("region", name="Diễn biến")
    for step in ("Mở phiếu đánh giá", "Tự đánh giá", "Lãnh đạo nhận xét, chấm điểm", "Phê duyệt"):
        expect(timeline.get_by_text(step, exact=True)).to_be_visible()
