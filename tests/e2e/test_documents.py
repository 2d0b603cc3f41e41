"""Documents in a real browser.

1. A clerk registers an incoming PDF, a leader directs it to a unit with a deadline, a staff
   member of that unit processes and completes it; the work items open and close on the way.
2. A draft is reviewed, approved, signed and issued as 01/NQ-HĐND; the recipient unit finds it
   in its incoming register at once.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dieuhanh.modules.documents.models import IncomingDocument, OutgoingDocument
from dieuhanh.modules.documents.tests.factories import (
    PASSPHRASE,
    make_credentials,
    make_world,
    pdf_bytes,
)
from dieuhanh.platform.inbox.models import WorkItem, WorkItemState

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def open_items(**filters):
    return WorkItem.objects.filter(module="documents", state=WorkItemState.OPEN, **filters)


def as_user(new_context, login_as, user):
    context = new_context()
    login_as(context, user)
    return context.new_page()


def test_incoming_pdf_registered_directed_processed_and_completed(new_context, login_as, tmp_path):
    world = make_world()
    pdf = tmp_path / "to-trinh.pdf"
    pdf.write_bytes(pdf_bytes("To trinh ve dat dai", pages=2))

    clerk = as_user(new_context, login_as, world.clerk)
    clerk.goto("/van-ban/den/vao-so/")
    clerk.get_by_label("Tác giả (cơ quan ban hành)").fill("UBND thành phố Hà Nội")
    clerk.get_by_label("Số, ký hiệu").fill("125/TTr-UBND")
    clerk.get_by_label("Tên loại").select_option(label="Tờ trình")
    clerk.get_by_label("Trích yếu").fill("Tờ trình về bảng giá đất năm 2027")
    clerk.get_by_label("Tệp văn bản (PDF, Word hoặc ảnh quét)").set_input_files(str(pdf))
    clerk.get_by_role("button", name="Vào sổ và trình lãnh đạo").click()
    expect(clerk.get_by_role("heading", name="125/TTr-UBND")).to_be_visible()
    expect(clerk.get_by_text("Đã vào sổ văn bản đến số 01")).to_be_visible()
    document = IncomingDocument.objects.get()
    assert document.file.kind == "pdf"
    assert open_items(purpose="direct", assignee_user=world.leader).count() == 1

    leader = as_user(new_context, login_as, world.leader)
    leader.goto(document.get_absolute_url())
    leader.get_by_role("link", name="Cho ý kiến chỉ đạo").click()
    leader.get_by_label("Ý kiến chỉ đạo").fill("Giao Phòng Công tác HĐND nghiên cứu, tham mưu.")
    leader.get_by_label("Đơn vị xử lý").select_option(label=world.division.name)
    due = timezone.localdate() + dt.timedelta(days=5)
    leader.get_by_label("Hạn xử lý").fill(due.strftime("%d/%m/%Y"))
    leader.get_by_role("button", name="Ghi ý kiến chỉ đạo và chuyển").click()
    expect(leader.get_by_text("Đã ghi ý kiến chỉ đạo và chuyển văn bản.")).to_be_visible()
    assert not open_items(purpose="direct").exists()
    process_item = open_items(purpose="process").get()
    assert process_item.assignee_unit == world.division
    assert timezone.localtime(process_item.due_at).date() == due

    staff = as_user(new_context, login_as, world.staff)
    staff.goto(document.get_absolute_url())
    staff.get_by_role("button", name="Nhận xử lý").click()
    expect(staff.get_by_text("Đã ký nhận văn bản.")).to_be_visible()
    assert open_items(purpose="process").exists()  # received, not yet done
    staff.get_by_role("link", name="Báo cáo kết quả").click()
    staff.get_by_label("Kết quả xử lý").fill("Đã tham mưu văn bản trả lời UBND thành phố.")
    staff.get_by_role("button", name="Hoàn thành xử lý").click()
    expect(staff.get_by_role("heading", name="Kết quả xử lý")).to_be_visible()
    expect(staff.get_by_text("Đã tham mưu văn bản trả lời UBND thành phố.").first).to_be_visible()
    document.refresh_from_db()
    assert document.state == "completed"
    assert not open_items().exists()


def test_draft_reviewed_approved_signed_and_issued_reaches_the_recipient_register(new_context, login_as, tmp_path):
    from dieuhanh.platform.orgs.tests.factories import person

    world = make_world()
    make_credentials(world)
    reviewer = person("leader", world.secretariat, full_name="Đỗ Thị Thẩm Định")
    pdf = tmp_path / "du-thao.pdf"
    pdf.write_bytes(pdf_bytes("Du thao nghi quyet giam sat 2027", pages=3))

    staff = as_user(new_context, login_as, world.staff)
    staff.goto("/van-ban/di/du-thao/")
    staff.get_by_label("Cơ quan ban hành").select_option(label=world.council.name)
    staff.get_by_label("Tên loại").select_option(label="Nghị quyết")
    staff.get_by_label("Trích yếu").fill("Nghị quyết về chương trình giám sát năm 2027")
    staff.get_by_label("Tệp dự thảo (PDF hoặc Word)").set_input_files(str(pdf))
    staff.get_by_role("button", name="Tạo dự thảo").click()
    expect(staff.get_by_text("Đã tạo dự thảo.")).to_be_visible()
    staff.get_by_label("Người thẩm định (theo thứ tự chọn)").select_option(label=reviewer.get_full_name())
    staff.get_by_label("Người ký").select_option(label=world.leader.get_full_name())
    staff.get_by_role("button", name="Trình", exact=True).click()
    expect(staff.get_by_text("Đã trình dự thảo.")).to_be_visible()
    document = OutgoingDocument.objects.get()
    assert open_items(purpose="review", assignee_user=reviewer).count() == 1

    review = as_user(new_context, login_as, reviewer)
    review.goto(document.get_absolute_url())
    review.get_by_label("Đồng ý").check()
    review.get_by_role("button", name="Gửi ý kiến").click()
    expect(review.get_by_text("Đã ghi ý kiến thẩm định.")).to_be_visible()
    assert open_items(purpose="approve", assignee_user=world.leader).count() == 1

    leader = as_user(new_context, login_as, world.leader)
    leader.goto(document.get_absolute_url())
    leader.get_by_label("Đồng ý").check()
    leader.get_by_role("button", name="Gửi ý kiến").click()
    expect(leader.get_by_text("Đã duyệt văn bản, chờ ký số.")).to_be_visible()
    leader.get_by_role("link", name="Ký số", exact=True).click()
    leader.get_by_label("Mật khẩu chứng thư số hoặc mã PIN").fill(PASSPHRASE)
    leader.get_by_role("button", name="Ký số", exact=True).click()
    expect(leader.get_by_text("Đã ký số văn bản.")).to_be_visible()
    expect(leader.locator("[data-state=valid]")).to_be_visible()
    assert open_items(purpose="issue").count() == 1

    clerk = as_user(new_context, login_as, world.clerk)
    clerk.goto(document.get_absolute_url())
    clerk.get_by_role("link", name="Phát hành", exact=True).click()
    clerk.get_by_label("Nơi nhận trên hệ thống").select_option(label=world.ward.name)
    clerk.get_by_label("Mật khẩu chứng thư số của cơ quan").fill(PASSPHRASE)
    clerk.get_by_role("button", name="Cấp số và phát hành").click()
    expect(clerk.get_by_text("Đã phát hành văn bản số 01/NQ-HĐND.")).to_be_visible()
    expect(clerk.get_by_role("heading", name="01/NQ-HĐND")).to_be_visible()
    expect(clerk.locator("[data-state=valid]")).to_be_visible()
    assert not open_items(object_id=str(document.pk), purpose="issue").exists()

    ward = as_user(new_context, login_as, world.ward_clerk)
    ward.goto("/van-ban/den/")
    row = ward.get_by_role("row", name="01/NQ-HĐND")
    expect(row).to_be_visible()
    expect(row).to_contain_text("Nghị quyết về chương trình giám sát năm 2027")
    row.get_by_role("link").click()
    expect(ward.locator("[data-state=valid]")).to_be_visible()
    assert open_items(purpose="register", assignee_user=world.ward_clerk).count() == 1
