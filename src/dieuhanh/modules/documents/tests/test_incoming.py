"""Incoming documents: register, direct, confirm receipt, process, complete, forward."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from dieuhanh.modules.documents import selectors, services
from dieuhanh.modules.documents.models import AssignmentKind, AssignmentState, IncomingState
from dieuhanh.platform.audit.models import AccessLog
from dieuhanh.platform.inbox.models import WorkItem, WorkItemState
from dieuhanh.platform.ui.errors import UserError

from .factories import doc_type, incoming

pytestmark = pytest.mark.django_db


def open_items(obj=None, **filters):
    qs = WorkItem.objects.filter(module="documents", state=WorkItemState.OPEN, **filters)
    if obj is not None:
        qs = qs.filter(object_id=str(obj.pk))
    return qs


def test_arrival_numbers_run_per_unit_and_year_with_a_separate_secret_series(world):
    last_year = timezone.localdate().replace(month=1, day=1) - dt.timedelta(days=1)
    a = incoming(by=world.clerk, unit=world.secretariat)
    b = incoming(by=world.clerk, unit=world.secretariat)
    old = incoming(by=world.clerk, unit=world.secretariat, received_on=last_year)
    secret = incoming(by=world.clerk, unit=world.secretariat, secrecy="confidential")
    assert (a.arrival_number, b.arrival_number) == (1, 2)
    assert (old.year, old.arrival_number) == (last_year.year, 1)
    assert secret.arrival_number == 1


def test_registering_opens_the_leaders_duty_to_direct_due_next_working_day(world):
    doc = incoming(by=world.clerk, unit=world.secretariat)
    item = open_items(doc, purpose="direct").get()
    assert item.assignee_user == world.leader
    assert item.due_at is not None and "Điều 21" in item.rule_text
    assert doc.state == IncomingState.REGISTERED


def test_an_urgent_document_is_due_at_once(world):
    doc = incoming(by=world.clerk, unit=world.secretariat, urgency="flash")
    item = open_items(doc, purpose="direct").get()
    assert item.due_at <= timezone.now()
    assert item.urgency == "flash"


def test_a_repeated_submission_registers_once(world):
    data = services.IncomingData(received_on=timezone.localdate(), issuer_name="Sở Tài chính", doc_type=doc_type(),
                                 summary="Báo cáo quý I")
    first = services.incoming_register(by=world.clerk, unit=world.secretariat, data=data, request_key="k1")
    again = services.incoming_register(by=world.clerk, unit=world.secretariat, data=data, request_key="k1")
    assert first.pk == again.pk
    assert open_items(first, purpose="direct").count() == 1


def test_only_the_units_clerk_registers(world):
    data = services.IncomingData(received_on=timezone.localdate(), issuer_name="Sở Tài chính", doc_type=doc_type(),
                                 summary="Báo cáo quý I")
    with pytest.raises(UserError, match="không có quyền vào sổ"):
        services.incoming_register(by=world.staff, unit=world.secretariat, data=data)
    with pytest.raises(UserError, match="không có quyền vào sổ"):
        services.incoming_register(by=world.ward_clerk, unit=world.secretariat, data=data)


def test_bad_dates_are_refused_in_vietnamese(world):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    data = services.IncomingData(received_on=tomorrow, issuer_name="Sở", doc_type=doc_type(), summary="X")
    with pytest.raises(UserError, match="Ngày đến không được sau ngày hôm nay"):
        services.incoming_register(by=world.clerk, unit=world.secretariat, data=data)


def test_the_whole_journey_opens_and_closes_the_right_work_items(world):
    doc = incoming(by=world.clerk, unit=world.secretariat)
    due = timezone.localdate() + dt.timedelta(days=5)
    services.incoming_direct(
        by=world.leader, document=doc, direction="Giao Phòng Công tác HĐND tham mưu.",
        assignments=[
            services.AssignmentData(AssignmentKind.PROCESS, unit=world.division, due_on=due),
            services.AssignmentData(AssignmentKind.READ, user=world.clerk),
        ],
    )
    doc.refresh_from_db()
    assert doc.state == IncomingState.DIRECTED and doc.forwarded_on == timezone.localdate()
    assert not open_items(doc, purpose="direct").exists()
    process, read = doc.assignments.order_by("kind")
    process_item = open_items(process, purpose="process").get()
    assert process_item.assignee_unit == world.division
    assert timezone.localtime(process_item.due_at).date() == due
    assert open_items(read, purpose="read").get().assignee_user == world.clerk

    services.assignment_confirm(by=world.clerk, assignment=read)  # ký nhận
    assert not open_items(read).exists()
    read.refresh_from_db()
    assert read.state == AssignmentState.DONE and read.received_by == world.clerk

    services.assignment_confirm(by=world.staff, assignment=process)
    doc.refresh_from_db()
    assert doc.state == IncomingState.IN_PROGRESS
    assert open_items(process).exists()  # receiving is not finishing

    services.assignment_complete(by=world.staff, assignment=process, result="Đã tham mưu báo cáo Thường trực.")
    doc.refresh_from_db()
    assert doc.state == IncomingState.COMPLETED
    assert "tham mưu" in doc.result
    assert not open_items(doc).exists() and not open_items(process).exists()
    # Completing twice changes nothing.
    services.assignment_complete(by=world.staff, assignment=process, result="lần hai")
    process.refresh_from_db()
    assert process.result == "Đã tham mưu báo cáo Thường trực."


def test_a_direction_needs_a_deadline_for_processors_and_someone_to_act(world):
    doc = incoming(by=world.clerk, unit=world.secretariat)
    with pytest.raises(UserError, match="hạn xử lý"):
        services.incoming_direct(by=world.leader, document=doc, direction="Xử lý",
                                 assignments=[services.AssignmentData(AssignmentKind.PROCESS, user=world.staff)])
    with pytest.raises(UserError, match="ít nhất một"):
        services.incoming_direct(by=world.leader, document=doc, direction="Xử lý", assignments=[])
    with pytest.raises(UserError, match="đã qua"):
        services.incoming_direct(
            by=world.leader, document=doc, direction="Xử lý",
            assignments=[services.AssignmentData(AssignmentKind.PROCESS, user=world.staff,
                                                 due_on=timezone.localdate() - dt.timedelta(days=1))])
    with pytest.raises(UserError, match="chỉ đạo"):
        services.incoming_direct(
            by=world.staff, document=doc, direction="Xử lý",
            assignments=[services.AssignmentData(AssignmentKind.READ, user=world.staff)])
    assert open_items(doc, purpose="direct").exists()


def test_someone_else_cannot_complete_an_assignment(world):
    doc = incoming(by=world.clerk, unit=world.secretariat)
    services.incoming_direct(by=world.leader, document=doc, direction="Xử lý", assignments=[
        services.AssignmentData(AssignmentKind.PROCESS, user=world.staff, due_on=timezone.localdate())])
    assignment = doc.assignments.get()
    with pytest.raises(UserError, match="không giao cho bạn"):
        services.assignment_complete(by=world.outsider, assignment=assignment, result="X")


def test_scope_other_units_get_404_and_assignees_see_it(world):
    doc = incoming(by=world.clerk, unit=world.secretariat)
    assert selectors.incoming_get(world.leader, doc.pk)
    with pytest.raises(Http404):
        selectors.incoming_get(world.outsider, doc.pk)
    services.incoming_direct(by=world.leader, document=doc, direction="Để biết", assignments=[
        services.AssignmentData(AssignmentKind.READ, user=world.outsider)])
    assert selectors.incoming_get(world.outsider, doc.pk)


def test_secret_documents_are_read_by_named_people_only_and_every_read_is_logged(world):
    doc = incoming(by=world.clerk, unit=world.secretariat, secrecy="secret")
    # A staff member of the unit below does not see it, although they see ordinary ones.
    with pytest.raises(Http404):
        selectors.incoming_get(world.staff, doc.pk)
    selectors.incoming_get(world.leader, doc.pk)
    assert AccessLog.objects.filter(object_pk=str(doc.pk), user=world.leader).count() == 1
    services.incoming_direct(by=world.leader, document=doc, direction="Đồng chí Chuyên xử lý", assignments=[
        services.AssignmentData(AssignmentKind.PROCESS, user=world.staff, due_on=timezone.localdate())])
    selectors.incoming_get(world.staff, doc.pk)
    assert AccessLog.objects.filter(object_pk=str(doc.pk), user=world.staff).count() == 1


def test_forwarding_sends_it_to_the_other_units_register_with_a_duty_for_its_clerk(world):
    doc = incoming(by=world.clerk, unit=world.secretariat)
    copy = services.incoming_forward(by=world.clerk, document=doc, unit=world.ward, note="Thuộc thẩm quyền phường")
    assert copy.unit == world.ward and copy.arrival_number == 1 and copy.forwarded_from == doc
    assert open_items(copy, purpose="register").get().assignee_user == world.ward_clerk
    doc.refresh_from_db()
    assert doc.state == IncomingState.FORWARDED
    assert not open_items(doc, purpose="direct").exists()
    services.incoming_present(by=world.ward_clerk, document=copy)
    assert not open_items(copy, purpose="register").exists()
    assert open_items(copy, purpose="direct").get().assignee_user == world.ward_leader
    with pytest.raises(UserError, match="đã được chuyển"):
        services.incoming_forward(by=world.clerk, document=doc, unit=world.ward)
