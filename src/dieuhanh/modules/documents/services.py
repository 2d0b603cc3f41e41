"""Every write of the documents module: one keyword-only function per user action.

Each is transactional, checks the permission in the document's unit, opens and closes the
work items of the duties it creates or ends, and re-indexes search and notifies after commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dieuhanh.platform import notifications, search
from dieuhanh.platform.inbox import services as inbox
from dieuhanh.platform.inbox.models import Urgency
from dieuhanh.platform.orgs.models import Membership, OrgUnit, OrgUnitKind
from dieuhanh.platform.permissions.checks import user_can
from dieuhanh.platform.permissions.roles import active_memberships_q
from dieuhanh.platform.registry import CLERK, LEADER
from dieuhanh.platform.ui.errors import ConflictError, UserError
from dieuhanh.platform.workcalendar import api as workcalendar

from . import integrations, numbering
from .models import (
    Assignment,
    AssignmentKind,
    AssignmentState,
    DocumentLink,
    DocumentType,
    DraftComment,
    DraftVersion,
    IncomingDocument,
    IncomingState,
    OutgoingDocument,
    OutgoingState,
    Recipient,
    Record,
    RecordRelation,
    RecordStatus,
    RelationKind,
    ReviewState,
    ReviewStep,
    Secrecy,
)
from .module import DIRECT, DRAFT, ISSUE, PROCESS, RECORDS_MANAGE, REGISTER, REVIEW, SIGN

MODULE = "documents"
PROCESS_RULE = "document.process"
URGENT = (Urgency.URGENT, Urgency.VERY_URGENT, Urgency.FLASH)
MAX_SUMMARY = 2000


# --- helpers --------------------------------------------------------------------------------------
def _require(user, action: str, unit, message: str | None = None) -> None:
    if not user_can(user, action, unit):
        raise UserError(message or _("Bạn không có quyền thực hiện thao tác này với văn bản của đơn vị này."))


def _text(value, *, field: str, required: bool = True, limit: int = MAX_SUMMARY) -> str:
    value = str(value or "").strip()
    if required and not value:
        raise UserError(_("Cần nhập %(field)s.") % {"field": field})
    return value[:limit]


def _members(unit, role: str):
    User = get_user_model()
    ids = Membership.objects.filter(active_memberships_q(), unit=unit, role=role).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def _end_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def _open_for_people(*, obj, purpose: str, title: str, people, unit, by, **kwargs) -> None:
    """One item per person named, or one shared by the unit when it has nobody in that role."""
    if people:
        for person in people:
            inbox.work_item_open(module=MODULE, obj=obj, purpose=purpose, title=title, assignee_user=person, by=by, **kwargs)
    else:
        inbox.work_item_open(module=MODULE, obj=obj, purpose=purpose, title=title, assignee_unit=unit, by=by, **kwargs)


def _reindex(kind: str, *pks) -> None:
    search.index_after_commit(module=MODULE, type=kind, object_ids=list(pks))


def _notify(recipients, *, kind: str, title: str, obj, actor=None) -> None:
    recipients = [r for r in recipients if r is not None]
    if recipients:
        notifications.notify(recipients=recipients, kind=kind, title=title, url=obj.get_absolute_url(), actor=actor, obj=obj)


def _lock(model, pk):
    return model.objects.select_for_update().get(pk=pk)


def _search_text(*parts) -> str:
    return " ".join(str(p) for p in parts if p)[:4000]


# --- incoming: register ---------------------------------------------------------------------------
@dataclass
class IncomingData:
    received_on: dt.date
    issuer_name: str
    doc_type: DocumentType
    summary: str
    notation: str = ""
    document_date: dt.date | None = None
    issuer_unit: OrgUnit | None = None
    urgency: str = Urgency.NORMAL
    secrecy: str = Secrecy.NORMAL
    note: str = ""


def _new_incoming(*, unit, data: IncomingData, file, by, request_key: str = "", **extra) -> IncomingDocument:
    year = data.received_on.year
    secret = data.secrecy != Secrecy.NORMAL
    number = numbering.take_number(unit=unit, series=numbering.arrival_series(secret=secret), year=year)
    issuer_name = data.issuer_name or (str(data.issuer_unit) if data.issuer_unit else "")
    return IncomingDocument.objects.create(
        unit=unit,
        year=year,
        arrival_number=number,
        received_on=data.received_on,
        issuer_unit=data.issuer_unit,
        issuer_name=issuer_name[:255],
        notation=data.notation[:100],
        document_date=data.document_date,
        doc_type=data.doc_type,
        summary=data.summary,
        urgency=data.urgency,
        secrecy=data.secrecy,
        note=data.note,
        file=file,
        registered_by=by,
        request_key=request_key,
        search_text=_search_text(issuer_name, data.notation, data.summary),
        **extra,
    )


def _open_direct_items(document: IncomingDocument, *, by) -> None:
    """The leaders of the receiving unit must direct it: next working day (Điều 21), urgent at once."""
    title = _("Cho ý kiến chỉ đạo: %(doc)s") % {"doc": document}
    if document.urgency in URGENT:
        kwargs = {"due_at": timezone.now()}
    else:
        kwargs = {"deadline": _process_deadline(document)}
    _open_for_people(
        obj=document, purpose="direct", title=title, people=_members(document.unit, LEADER),
        unit=document.unit, by=by, urgency=document.urgency, **kwargs,
    )


def _process_deadline(document: IncomingDocument):
    running = workcalendar.deadlines_for(document, running_only=True).first()
    return running or workcalendar.deadline_start(rule_key=PROCESS_RULE, start=document.received_on, owner=document)


@transaction.atomic
def incoming_register(*, by, unit: OrgUnit, data: IncomingData, file=None, request_key: str = "") -> IncomingDocument:
    """The clerk enters a document that arrived into the unit's register (số đến per year) and
    presents it: the unit's leaders get the duty to direct it.

    A repeated submission with the same `request_key` returns the first registration.
    """
    _require(by, REGISTER, unit, _("Bạn không có quyền vào sổ văn bản đến của đơn vị này."))
    if request_key:
        existing = IncomingDocument.objects.filter(unit=unit, request_key=request_key).first()
        if existing is not None:
            return existing
    data.summary = _text(data.summary, field=_("trích yếu"))
    data.issuer_name = _text(data.issuer_name or (str(data.issuer_unit) if data.issuer_unit else ""), field=_("cơ quan ban hành"), limit=255)
    if data.received_on > timezone.localdate():
        raise UserError(_("Ngày đến không được sau ngày hôm nay."))
    if data.document_date and data.document_date > data.received_on:
        raise UserError(_("Ngày văn bản không được sau ngày đến."))
    try:
        with transaction.atomic():
            document = _new_incoming(unit=unit, data=data, file=file, by=by, request_key=request_key, presented=True)
    except IntegrityError:
        existing = IncomingDocument.objects.filter(unit=unit, request_key=request_key).first() if request_key else None
        if existing is None:
            raise
        return existing
    _open_direct_items(document, by=by)
    if file is not None:
        integrations.extract_text(file)
    _reindex("incoming", document.pk)
    _notify(_members(unit, LEADER), kind="documents.incoming_direct",
            title=_("Văn bản đến chờ ý kiến chỉ đạo: %(doc)s") % {"doc": document}, obj=document, actor=by)
    return document


def _deliver(*, unit: OrgUnit, data: IncomingData, file, by, source_outgoing=None, forwarded_from=None) -> IncomingDocument:
    """A document sent on the platform lands at once in the unit's register, with its
    arrival number; the unit's clerk must present it to the leaders."""
    document = _new_incoming(
        unit=unit, data=data, file=file, by=None, source_outgoing=source_outgoing, forwarded_from=forwarded_from,
    )
    title = _("Văn bản đến cần trình lãnh đạo: %(doc)s") % {"doc": document}
    kwargs = {"due_at": timezone.now()} if document.urgency in URGENT else {"deadline": _process_deadline(document)}
    clerks = _members(unit, CLERK)
    _open_for_people(obj=document, purpose="register", title=title, people=clerks, unit=unit, by=by,
                     urgency=document.urgency, **kwargs)
    _reindex("incoming", document.pk)
    _notify(clerks or _members(unit, LEADER), kind="documents.incoming_arrived", title=title, obj=document, actor=by)
    return document


@transaction.atomic
def incoming_present(*, by, document: IncomingDocument) -> IncomingDocument:
    """The clerk presents a document delivered on the platform to the unit's leaders."""
    document = _lock(IncomingDocument, document.pk)
    _require(by, REGISTER, document.unit)
    if document.state == IncomingState.RECALLED:
        raise ConflictError(_("Văn bản này đã bị thu hồi."))
    if document.presented:
        return document
    document.presented = True
    document.registered_by = by
    document.save(update_fields=["presented", "registered_by"])
    inbox.work_item_close(obj=document, purpose="register", module=MODULE, by=by)
    _open_direct_items(document, by=by)
    _notify(_members(document.unit, LEADER), kind="documents.incoming_direct",
            title=_("Văn bản đến chờ ý kiến chỉ đạo: %(doc)s") % {"doc": document}, obj=document, actor=by)
    return document


# --- incoming: direction, receipt, completion ----------------------------------------------------
@dataclass
class AssignmentData:
    kind: str
    user: object | None = None
    unit: OrgUnit | None = None
    due_on: dt.date | None = None


def _assignment_title(assignment: Assignment) -> str:
    doc = assignment.document
    if assignment.kind == AssignmentKind.PROCESS:
        return _("Xử lý văn bản đến: %(doc)s") % {"doc": doc}
    return _("Ký nhận văn bản đến: %(doc)s") % {"doc": doc}


def _open_assignment_item(assignment: Assignment, *, by) -> None:
    doc = assignment.document
    if assignment.kind == AssignmentKind.PROCESS:
        due_at = _end_of(assignment.due_on) if assignment.due_on else None
        purpose = "process"
    else:
        due_at = _end_of(timezone.localdate())  # the receiver confirms the same day
        purpose = "read"
    inbox.work_item_open(
        module=MODULE, obj=assignment, purpose=purpose, title=_assignment_title(assignment),
        assignee_user=assignment.assignee_user, assignee_unit=assignment.assignee_unit,
        due_at=due_at, urgency=doc.urgency, url=doc.get_absolute_url(), by=by,
    )


@transaction.atomic
def incoming_direct(*, by, document: IncomingDocument, direction: str, assignments: list[AssignmentData]) -> IncomingDocument:
    """Ý kiến chỉ đạo: the leader names who processes (with a deadline) and who only reads."""
    document = _lock(IncomingDocument, document.pk)
    _require(by, DIRECT, document.unit, _("Bạn không có quyền cho ý kiến chỉ đạo văn bản của đơn vị này."))
    if document.state == IncomingState.RECALLED:
        raise ConflictError(_("Văn bản này đã bị thu hồi."))
    if document.state not in (IncomingState.REGISTERED, IncomingState.DIRECTED, IncomingState.READ_ONLY):
        raise ConflictError(_("Văn bản đã được xử lý, không thể chỉ đạo lại."))
    direction = _text(direction, field=_("ý kiến chỉ đạo"))
    if not assignments:
        raise UserError(_("Cần chọn ít nhất một đơn vị hoặc người xử lý hoặc để biết."))
    today = timezone.localdate()
    seen = set()
    for a in assignments:
        if (a.user is None) == (a.unit is None):
            raise UserError(_("Mỗi phân công phải chỉ rõ một người hoặc một đơn vị."))
        if a.kind == AssignmentKind.PROCESS:
            if a.due_on is None:
                raise UserError(_("Cần chọn hạn xử lý cho đơn vị, người xử lý."))
            if a.due_on < today:
                raise UserError(_("Hạn xử lý %(day)s đã qua.") % {"day": a.due_on.strftime("%d/%m/%Y")})
        key = (a.kind, getattr(a.user, "pk", None), getattr(a.unit, "pk", None))
        if key in seen:
            raise UserError(_("Một người hoặc đơn vị được chọn hai lần."))
        seen.add(key)
    # A new direction replaces the open lines of the previous one.
    for old in document.assignments.filter(state__in=[AssignmentState.OPEN, AssignmentState.RECEIVED]):
        inbox.work_item_cancel(obj=old, module=MODULE, by=by, note=_("Chỉ đạo lại"))
        old.state = AssignmentState.CANCELLED
        old.save(update_fields=["state"])
    created = []
    for a in assignments:
        assignment = Assignment.objects.create(
            document=document, kind=a.kind, assignee_user=a.user, assignee_unit=a.unit,
            due_on=a.due_on if a.kind == AssignmentKind.PROCESS else None,
        )
        _open_assignment_item(assignment, by=by)
        created.append(assignment)
    has_process = any(a.kind == AssignmentKind.PROCESS for a in created)
    document.direction = direction
    document.directed_by = by
    document.directed_at = timezone.now()
    document.forwarded_on = today
    document.state = IncomingState.DIRECTED if has_process else IncomingState.READ_ONLY
    document.due_on = max((a.due_on for a in created if a.due_on), default=None)
    document.save(update_fields=["direction", "directed_by", "directed_at", "forwarded_on", "state", "due_on"])
    inbox.work_item_close(obj=document, purpose="direct", module=MODULE, by=by)
    inbox.work_item_close(obj=document, purpose="register", module=MODULE, by=by)
    running = workcalendar.deadlines_for(document, running_only=True).first()
    if running is not None:
        workcalendar.deadline_meet(deadline=running)
    people = []
    for a in created:
        people += [a.assignee_user] if a.assignee_user else _members(a.assignee_unit, LEADER) + _members(a.assignee_unit, "staff")
    _notify(set(people), kind="documents.incoming_assigned",
            title=_("Văn bản đến được giao: %(doc)s") % {"doc": document}, obj=document, actor=by)
    _reindex("incoming", document.pk)
    return document


def _may_act_on(user, assignment: Assignment) -> bool:
    if assignment.assignee_user_id is not None:
        return assignment.assignee_user_id == user.pk
    return user_can(user, PROCESS, assignment.assignee_unit)


def _assignment_for(by, assignment: Assignment) -> Assignment:
    assignment = Assignment.objects.select_for_update(of=("self",)).select_related("document", "assignee_unit").get(pk=assignment.pk)
    if not _may_act_on(by, assignment):
        raise UserError(_("Phân công này không giao cho bạn."))
    if assignment.document.state == IncomingState.RECALLED:
        raise ConflictError(_("Văn bản này đã bị thu hồi."))
    return assignment


@transaction.atomic
def assignment_confirm(*, by, assignment: Assignment) -> Assignment:
    """Ký nhận: the receiver confirms receipt (a processor thereby starts processing)."""
    assignment = _assignment_for(by, assignment)
    if assignment.state != AssignmentState.OPEN:
        return assignment
    assignment.state = AssignmentState.RECEIVED if assignment.kind == AssignmentKind.PROCESS else AssignmentState.DONE
    assignment.received_at = timezone.now()
    assignment.received_by = by
    assignment.save(update_fields=["state", "received_at", "received_by"])
    if assignment.kind == AssignmentKind.READ:
        inbox.work_item_close(obj=assignment, module=MODULE, by=by)
    else:
        document = _lock(IncomingDocument, assignment.document_id)
        if document.state == IncomingState.DIRECTED:
            document.state = IncomingState.IN_PROGRESS
            document.save(update_fields=["state"])
    return assignment


@transaction.atomic
def assignment_complete(*, by, assignment: Assignment, result: str, result_file=None) -> Assignment:
    """The unit or person reports the result; when every processor is done, so is the document."""
    assignment = _assignment_for(by, assignment)
    if assignment.kind != AssignmentKind.PROCESS:
        raise UserError(_("Phân công để biết không cần báo cáo kết quả."))
    if assignment.state == AssignmentState.DONE:
        return assignment
    if assignment.state == AssignmentState.CANCELLED:
        raise ConflictError(_("Phân công này đã bị hủy."))
    result = _text(result, field=_("kết quả xử lý"))
    now = timezone.now()
    if assignment.received_at is None:
        assignment.received_at, assignment.received_by = now, by
    assignment.state = AssignmentState.DONE
    assignment.completed_at = now
    assignment.completed_by = by
    assignment.result = result
    assignment.save()
    inbox.work_item_close(obj=assignment, module=MODULE, by=by)
    document = _lock(IncomingDocument, assignment.document_id)
    still_open = document.assignments.filter(
        kind=AssignmentKind.PROCESS, state__in=[AssignmentState.OPEN, AssignmentState.RECEIVED]
    ).exists()
    if still_open:
        if document.state == IncomingState.DIRECTED:
            document.state = IncomingState.IN_PROGRESS
            document.save(update_fields=["state"])
    else:
        document.state = IncomingState.COMPLETED
        document.result = "\n".join(
            a.result for a in document.assignments.filter(kind=AssignmentKind.PROCESS, state=AssignmentState.DONE)
        )
        document.result_file = result_file or document.result_file
        document.completed_at = now
        document.completed_by = by
        document.save(update_fields=["state", "result", "result_file", "completed_at", "completed_by"])
        _notify([document.directed_by], kind="documents.incoming_completed",
                title=_("Văn bản đến đã xử lý xong: %(doc)s") % {"doc": document}, obj=document, actor=by)
    if result_file is not None:
        integrations.extract_text(result_file)
    _reindex("incoming", document.pk)
    return assignment


@transaction.atomic
def incoming_forward(*, by, document: IncomingDocument, unit: OrgUnit, note: str = "") -> IncomingDocument:
    """Send the document on to another unit on the platform; it arrives in its register."""
    document = _lock(IncomingDocument, document.pk)
    if not (user_can(by, REGISTER, document.unit) or user_can(by, DIRECT, document.unit)):
        raise UserError(_("Bạn không có quyền chuyển văn bản của đơn vị này."))
    if document.state == IncomingState.RECALLED:
        raise ConflictError(_("Văn bản này đã bị thu hồi."))
    if unit.pk == document.unit_id:
        raise UserError(_("Không thể chuyển văn bản cho chính đơn vị đang giữ nó."))
    if IncomingDocument.objects.filter(forwarded_from=document, unit=unit).exists():
        raise ConflictError(_("Văn bản đã được chuyển cho đơn vị này."))
    data = IncomingData(
        received_on=timezone.localdate(), issuer_name=document.issuer_name, issuer_unit=document.issuer_unit,
        doc_type=document.doc_type, summary=document.summary, notation=document.notation,
        document_date=document.document_date, urgency=document.urgency, secrecy=document.secrecy,
        note=_text(note, field=_("ghi chú"), required=False),
    )
    copy = _deliver(unit=unit, data=data, file=document.file, by=by, forwarded_from=document)
    document.forwarded_on = timezone.localdate()
    if document.state == IncomingState.REGISTERED:
        document.state = IncomingState.FORWARDED
        inbox.work_item_close(obj=document, purpose="direct", module=MODULE, by=by)
        inbox.work_item_close(obj=document, purpose="register", module=MODULE, by=by)
    document.save(update_fields=["forwarded_on", "state"])
    _reindex("incoming", document.pk)
    return copy


# --- outgoing: drafts, review, approval, signature, issue, recall --------------------------------
@transaction.atomic
def outgoing_create(
    *, by, unit: OrgUnit, issuer: OrgUnit, doc_type: DocumentType, summary: str, file, note: str = "",
    urgency: str = Urgency.NORMAL, secrecy: str = Secrecy.NORMAL, request_key: str = "",
) -> OutgoingDocument:
    """A new draft, with its first version."""
    _require(by, DRAFT, unit, _("Bạn không có quyền soạn thảo văn bản của đơn vị này."))
    if not issuer_allowed(unit=unit, issuer=issuer):
        raise UserError(_("Đơn vị soạn thảo không thuộc cơ quan ban hành đã chọn."))
    if request_key:
        existing = OutgoingDocument.objects.filter(created_by=by, request_key=request_key).first()
        if existing is not None:
            return existing
    if file is None:
        raise UserError(_("Cần tải lên tệp dự thảo."))
    document = OutgoingDocument.objects.create(
        unit=unit, issuer=issuer, doc_type=doc_type, summary=_text(summary, field=_("trích yếu")),
        urgency=urgency, secrecy=secrecy, created_by=by, request_key=request_key,
        note=_text(note, field=_("ghi chú"), required=False),
    )
    DraftVersion.objects.create(document=document, number=1, file=file, note=_("Dự thảo ban đầu"), created_by=by)
    _reindex("outgoing", document.pk)
    return document


SERVED_BY_SECRETARIAT = (
    OrgUnitKind.CITY_COUNCIL, OrgUnitKind.STANDING_COMMITTEE, OrgUnitKind.COMMITTEE, OrgUnitKind.NA_DELEGATION,
)


def issuer_allowed(*, unit: OrgUnit, issuer: OrgUnit) -> bool:
    """A unit drafts for itself and the bodies above it; the secretariat (Văn phòng Đoàn
    ĐBQH và HĐND) and its divisions also draft for the council and the delegation it serves."""
    if unit.path.startswith(issuer.path):
        return True
    in_secretariat = unit.ancestors().filter(kind=OrgUnitKind.SECRETARIAT).exists()
    return in_secretariat and issuer.kind in SERVED_BY_SECRETARIAT


def _may_edit_draft(by, document: OutgoingDocument) -> bool:
    return document.created_by_id == by.pk or user_can(by, DRAFT, document.unit)


@transaction.atomic
def outgoing_add_version(*, by, document: OutgoingDocument, file, note: str = "") -> DraftVersion:
    document = _lock(OutgoingDocument, document.pk)
    if not _may_edit_draft(by, document):
        raise UserError(_("Bạn không có quyền sửa dự thảo này."))
    if document.state not in (OutgoingState.DRAFT, OutgoingState.RETURNED):
        raise ConflictError(_("Chỉ thêm phiên bản khi dự thảo chưa trình hoặc bị trả lại."))
    last = document.versions.order_by("-number").first()
    version = DraftVersion.objects.create(
        document=document, number=(last.number + 1 if last else 1), file=file,
        note=_text(note, field=_("ghi chú"), required=False), created_by=by,
    )
    return version


@transaction.atomic
def outgoing_comment(*, by, document: OutgoingDocument, text: str) -> DraftComment:
    document = _lock(OutgoingDocument, document.pk)
    if document.state in (OutgoingState.ISSUED, OutgoingState.RECALLED):
        raise ConflictError(_("Văn bản đã phát hành, không nhận thêm góp ý."))
    reviewer = document.review_steps.filter(reviewer=by).exists() or document.signer_id == by.pk
    if not (_may_edit_draft(by, document) or reviewer):
        raise UserError(_("Bạn không có quyền góp ý dự thảo này."))
    return DraftComment.objects.create(
        document=document, version=document.versions.order_by("-number").first(), author=by,
        text=_text(text, field=_("nội dung góp ý")),
    )


def _request_approval(document: OutgoingDocument, *, by) -> None:
    document.state = OutgoingState.AWAITING_APPROVAL
    document.save(update_fields=["state"])
    inbox.work_item_open(module=MODULE, obj=document, purpose="approve", assignee_user=document.signer,
                         title=_("Duyệt văn bản: %(doc)s") % {"doc": document}, urgency=document.urgency, by=by)
    _notify([document.signer], kind="documents.review_requested",
            title=_("Dự thảo chờ duyệt: %(doc)s") % {"doc": document}, obj=document, actor=by)


def _open_review(step: ReviewStep, *, by) -> None:
    step.state = ReviewState.PENDING
    step.save(update_fields=["state"])
    document = step.document
    inbox.work_item_open(module=MODULE, obj=step, purpose="review", assignee_user=step.reviewer,
                         title=_("Thẩm định dự thảo: %(doc)s") % {"doc": document},
                         urgency=document.urgency, url=document.get_absolute_url(), by=by)
    _notify([step.reviewer], kind="documents.review_requested",
            title=_("Dự thảo chờ thẩm định: %(doc)s") % {"doc": document}, obj=document, actor=by)


@transaction.atomic
def outgoing_submit(*, by, document: OutgoingDocument, reviewers: list, signer) -> OutgoingDocument:
    """Send the draft through its review chain (in order), then to the signer for approval."""
    document = _lock(OutgoingDocument, document.pk)
    if not _may_edit_draft(by, document):
        raise UserError(_("Bạn không có quyền trình dự thảo này."))
    if document.state not in (OutgoingState.DRAFT, OutgoingState.RETURNED):
        raise ConflictError(_("Dự thảo đã được trình."))
    if signer is None or not user_can(signer, SIGN, document.issuer) and not user_can(signer, SIGN, document.unit):
        raise UserError(_("Người ký phải là lãnh đạo có quyền ký văn bản của cơ quan ban hành."))
    ids = [r.pk for r in reviewers]
    if len(set(ids)) != len(ids):
        raise UserError(_("Một người được chọn thẩm định hai lần."))
    for reviewer in reviewers:
        if not user_can(reviewer, REVIEW, document.unit) and not user_can(reviewer, REVIEW, document.issuer):
            raise UserError(_("%(name)s không có quyền thẩm định văn bản này.") % {"name": reviewer})
    document.signer = signer
    document.review_round += 1
    document.save(update_fields=["signer", "review_round"])
    inbox.work_item_close(obj=document, purpose="revise", module=MODULE, by=by)
    steps = [
        ReviewStep.objects.create(document=document, round=document.review_round, order=i, reviewer=r)
        for i, r in enumerate(reviewers, start=1)
    ]
    if steps:
        document.state = OutgoingState.IN_REVIEW
        document.save(update_fields=["state"])
        _open_review(steps[0], by=by)
    else:
        _request_approval(document, by=by)
    return document


def _return_to_drafter(document: OutgoingDocument, *, by, reason: str) -> None:
    document.state = OutgoingState.RETURNED
    document.save(update_fields=["state"])
    DraftComment.objects.create(document=document, version=document.versions.order_by("-number").first(),
                                author=by, text=_("Trả lại: %(reason)s") % {"reason": reason})
    inbox.work_item_open(module=MODULE, obj=document, purpose="revise", assignee_user=document.created_by,
                         title=_("Sửa dự thảo bị trả lại: %(doc)s") % {"doc": document}, by=by)
    _notify([document.created_by], kind="documents.draft_returned",
            title=_("Dự thảo bị trả lại: %(doc)s") % {"doc": document}, obj=document, actor=by)


@transaction.atomic
def outgoing_review(*, by, document: OutgoingDocument, approve: bool, reason: str = "") -> OutgoingDocument:
    """The current reviewer agrees (the next one, then the signer, takes over) or returns it."""
    document = _lock(OutgoingDocument, document.pk)
    if document.state != OutgoingState.IN_REVIEW:
        raise ConflictError(_("Dự thảo không ở bước thẩm định."))
    step = document.review_steps.filter(round=document.review_round, state=ReviewState.PENDING).first()
    if step is None or step.reviewer_id != by.pk:
        raise UserError(_("Chưa đến lượt bạn thẩm định dự thảo này."))
    reason = _text(reason, field=_("lý do trả lại"), required=not approve)
    step.state = ReviewState.APPROVED if approve else ReviewState.RETURNED
    step.reason = reason
    step.decided_at = timezone.now()
    step.save(update_fields=["state", "reason", "decided_at"])
    inbox.work_item_close(obj=step, module=MODULE, by=by)
    if not approve:
        _return_to_drafter(document, by=by, reason=reason)
        return document
    following = document.review_steps.filter(round=document.review_round, state=ReviewState.WAITING).order_by("order").first()
    if following is not None:
        _open_review(following, by=by)
    else:
        _request_approval(document, by=by)
    return document


@transaction.atomic
def outgoing_approve(*, by, document: OutgoingDocument, approve: bool = True, reason: str = "") -> OutgoingDocument:
    """The signer's final approval (or return); approval opens the duty to sign."""
    document = _lock(OutgoingDocument, document.pk)
    if document.state != OutgoingState.AWAITING_APPROVAL:
        raise ConflictError(_("Dự thảo không ở bước chờ duyệt."))
    if document.signer_id != by.pk:
        raise UserError(_("Chỉ người ký được chọn mới duyệt được văn bản này."))
    inbox.work_item_close(obj=document, purpose="approve", module=MODULE, by=by)
    if not approve:
        _return_to_drafter(document, by=by, reason=_text(reason, field=_("lý do trả lại")))
        return document
    document.state = OutgoingState.APPROVED
    document.approved_at = timezone.now()
    document.save(update_fields=["state", "approved_at"])
    inbox.work_item_open(module=MODULE, obj=document, purpose="sign", assignee_user=document.signer,
                         title=_("Ký số văn bản: %(doc)s") % {"doc": document}, urgency=document.urgency, by=by)
    return document


@transaction.atomic
def outgoing_sign(*, by, document: OutgoingDocument, secret: str) -> OutgoingDocument:
    """The signer's personal PAdES signature on the last version (a PDF)."""
    document = _lock(OutgoingDocument, document.pk)
    if document.state == OutgoingState.SIGNED and document.signer_id == by.pk:
        return document
    if document.state != OutgoingState.APPROVED:
        raise ConflictError(_("Văn bản chưa được duyệt hoặc đã ký."))
    if document.signer_id != by.pk or not user_can(by, SIGN):
        raise UserError(_("Chỉ người ký được chọn mới ký được văn bản này."))
    version = document.versions.order_by("-number").first()
    if version is None or version.file.kind != "pdf":
        raise UserError(_("Phiên bản cuối của dự thảo phải là tệp PDF để ký số."))
    credential = integrations.personal_credential(by)
    if credential is None:
        raise UserError(_("Bạn chưa có chứng thư số để ký. Hãy liên hệ quản trị hệ thống."))
    signed = integrations.sign_pdf(
        integrations.read_bytes(version.file), credential=credential, secret=secret or "", role="personal",
        reason=_("Ký ban hành văn bản"),
    )
    stored = integrations.store_bytes(signed, name=f"van-ban-{document.pk}-da-ky.pdf", by=by)
    document.signed_file = stored
    document.signed_at = timezone.now()
    document.state = OutgoingState.SIGNED
    document.save(update_fields=["signed_file", "signed_at", "state"])
    inbox.work_item_close(obj=document, purpose="sign", module=MODULE, by=by)
    clerks = _members(document.unit, CLERK) or _members(document.issuer, CLERK)
    _open_for_people(obj=document, purpose="issue", title=_("Phát hành văn bản: %(doc)s") % {"doc": document},
                     people=clerks, unit=document.unit, by=by, urgency=document.urgency)
    _notify(clerks, kind="documents.ready_to_issue",
            title=_("Văn bản đã ký chờ phát hành: %(doc)s") % {"doc": document}, obj=document, actor=by)
    return document


@dataclass
class RecipientData:
    unit: OrgUnit | None = None
    email: str = ""
    name: str = ""


def _validate_recipients(recipients: list[RecipientData], *, document) -> list[RecipientData]:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    if not recipients:
        raise UserError(_("Cần chọn ít nhất một nơi nhận."))
    units, emails = set(), set()
    for r in recipients:
        if r.unit is not None:
            if r.unit.pk in units:
                raise UserError(_("Đơn vị %(unit)s được chọn hai lần.") % {"unit": r.unit})
            units.add(r.unit.pk)
        else:
            r.email = (r.email or "").strip().lower()
            try:
                validate_email(r.email)
            except ValidationError:
                raise UserError(_("Địa chỉ thư điện tử “%(email)s” không hợp lệ.") % {"email": r.email}) from None
            if r.email in emails:
                raise UserError(_("Địa chỉ %(email)s được nhập hai lần.") % {"email": r.email})
            emails.add(r.email)
    return recipients


@transaction.atomic
def outgoing_issue(
    *, by, document: OutgoingDocument, recipients: list[RecipientData], seal_secret: str, copies: int = 1
) -> OutgoingDocument:
    """The clerk issues: number taken (no gap, no duplicate), organisation signature whose
    stamp shows the number and time, delivery to platform units at once and e-mail outside."""
    document = OutgoingDocument.objects.select_for_update(of=("self",)).select_related("issuer", "unit", "doc_type").get(pk=document.pk)
    if document.state == OutgoingState.ISSUED:
        return document
    if document.state != OutgoingState.SIGNED:
        raise ConflictError(_("Văn bản chưa được ký, chưa thể phát hành."))
    if not (user_can(by, ISSUE, document.unit) or user_can(by, ISSUE, document.issuer)):
        raise UserError(_("Bạn không có quyền phát hành văn bản của đơn vị này."))
    recipients = _validate_recipients(recipients, document=document)
    if not 1 <= int(copies or 1) <= 999:
        raise UserError(_("Số lượng bản phải từ 1 đến 999."))
    seal = integrations.organisation_credential(document.issuer) or integrations.organisation_credential(document.unit)
    if seal is None:
        raise UserError(_("Cơ quan ban hành chưa có chứng thư số tổ chức để phát hành."))
    now = timezone.now()
    today = timezone.localdate(now)
    number = numbering.take_number(
        unit=document.issuer, series=numbering.outgoing_series(document.doc_type, secret=document.is_secret), year=today.year
    )
    notation = numbering.format_notation(number=number, doc_type=document.doc_type, issuer=document.issuer, drafting_unit=document.unit)
    stamp = integrations.copy_stamp_text(notation, now)
    issued = integrations.sign_pdf(
        integrations.read_bytes(document.signed_file), credential=seal, secret=seal_secret or "", role="organisation",
        stamp_text=stamp, reason=_("Phát hành văn bản số %(notation)s") % {"notation": notation},
    )
    stored = integrations.store_bytes(issued, name=f"{notation.replace('/', '-')}.pdf", by=by)
    document.number, document.year, document.notation = number, today.year, notation
    document.issued_on, document.issued_at, document.issued_by = today, now, by
    document.issued_file = stored
    document.copies = int(copies or 1)
    document.state = OutgoingState.ISSUED
    document.save()
    inbox.work_item_close(obj=document, purpose="issue", module=MODULE, by=by)
    data = IncomingData(
        received_on=today, issuer_name=str(document.issuer), issuer_unit=document.issuer, doc_type=document.doc_type,
        summary=document.summary, notation=notation, document_date=today, urgency=document.urgency, secrecy=document.secrecy,
    )
    email_ids = []
    for r in recipients:
        row = Recipient.objects.create(document=document, unit=r.unit, email=r.email if r.unit is None else "",
                                       name=(r.name or str(r.unit or r.email))[:255])
        if r.unit is not None:
            _deliver(unit=r.unit, data=IncomingData(**data.__dict__), file=stored, by=by, source_outgoing=document)
            row.state, row.sent_at = Recipient.State.DELIVERED, now
            row.save(update_fields=["state", "sent_at"])
        else:
            email_ids.append(row.pk)
    if email_ids:
        from .tasks import send_issued_email

        transaction.on_commit(lambda: [send_issued_email.enqueue(pk) for pk in email_ids])
    if document.doc_type.in_records:
        record = Record.objects.create(
            outgoing=document, doc_type=document.doc_type, notation=notation, number=number, issuer=document.issuer,
            signed_on=today, effective_on=today, summary=document.summary,
            signer_name=document.signer.get_full_name() or str(document.signer), file=stored, created_by=by,
        )
        _reindex("record", record.pk)
    integrations.extract_text(stored)
    _reindex("outgoing", document.pk)
    return document


@transaction.atomic
def outgoing_recall(*, by, document: OutgoingDocument, reason: str) -> OutgoingDocument:
    """Thu hồi: the number stays used; recipients' copies are marked recalled and notified."""
    document = _lock(OutgoingDocument, document.pk)
    if not (user_can(by, ISSUE, document.unit) or user_can(by, ISSUE, document.issuer)):
        raise UserError(_("Bạn không có quyền thu hồi văn bản này."))
    if document.state == OutgoingState.RECALLED:
        return document
    if document.state != OutgoingState.ISSUED:
        raise ConflictError(_("Chỉ thu hồi được văn bản đã phát hành."))
    reason = _text(reason, field=_("lý do thu hồi"))
    document.state = OutgoingState.RECALLED
    document.recall_reason = reason
    document.recalled_at = timezone.now()
    document.save(update_fields=["state", "recall_reason", "recalled_at"])
    emailed = list(document.recipients.filter(state=Recipient.State.SENT).exclude(email="").values_list("pk", flat=True))
    document.recipients.update(state=Recipient.State.RECALLED)
    if emailed:
        from .tasks import send_recall_email

        transaction.on_commit(lambda: [send_recall_email.enqueue(pk) for pk in emailed])
    people = []
    for copy in IncomingDocument.objects.select_for_update().filter(source_outgoing=document):
        copy.state = IncomingState.RECALLED
        copy.recall_reason = reason
        copy.save(update_fields=["state", "recall_reason"])
        inbox.work_item_cancel(obj=copy, module=MODULE, by=by, note=_("Văn bản bị thu hồi"))
        for assignment in copy.assignments.filter(state__in=[AssignmentState.OPEN, AssignmentState.RECEIVED]):
            inbox.work_item_cancel(obj=assignment, module=MODULE, by=by, note=_("Văn bản bị thu hồi"))
            assignment.state = AssignmentState.CANCELLED
            assignment.save(update_fields=["state"])
        people += _members(copy.unit, CLERK) + _members(copy.unit, LEADER)
        _reindex("incoming", copy.pk)
        _notify(set(people), kind="documents.recalled",
                title=_("Văn bản %(notation)s bị thu hồi: %(reason)s") % {"notation": document.notation, "reason": reason},
                obj=copy, actor=by)
        people = []
    Record.objects.filter(outgoing=document).update(status=RecordStatus.REPEALED)
    _reindex("outgoing", document.pk)
    return document


# --- the resolutions database ---------------------------------------------------------------------
@transaction.atomic
def record_create(
    *, by, issuer: OrgUnit, doc_type: DocumentType, notation: str, signed_on: dt.date, summary: str,
    effective_on: dt.date | None = None, field=None, status: str = RecordStatus.IN_FORCE, signer_name: str = "",
    file=None, is_public: bool = False,
) -> Record:
    """Enter a historical or external resolution, decision, report or plan with its file."""
    _require(by, RECORDS_MANAGE, issuer, _("Bạn không có quyền cập nhật cơ sở dữ liệu văn bản của cơ quan này."))
    notation = _text(notation, field=_("số, ký hiệu"), limit=100)
    if Record.objects.filter(issuer=issuer, notation=notation, signed_on=signed_on).exists():
        raise ConflictError(_("Văn bản %(notation)s ngày %(day)s đã có trong cơ sở dữ liệu.") % {
            "notation": notation, "day": signed_on.strftime("%d/%m/%Y")})
    if effective_on and effective_on < signed_on:
        raise UserError(_("Ngày có hiệu lực không được trước ngày ký."))
    number = None
    head = notation.split("/", 1)[0]
    if head.isdigit():
        number = int(head)
    record = Record.objects.create(
        issuer=issuer, doc_type=doc_type, notation=notation, number=number, signed_on=signed_on,
        effective_on=effective_on, field=field, status=status, summary=_text(summary, field=_("trích yếu")),
        signer_name=signer_name[:255], file=file, is_public=is_public, created_by=by,
    )
    if file is not None:
        integrations.extract_text(file)
    _reindex("record", record.pk)
    return record


@transaction.atomic
def record_update(*, by, record: Record, field=None, status: str | None = None, is_public: bool | None = None,
                  effective_on: dt.date | None = None) -> Record:
    record = _lock(Record, record.pk)
    _require(by, RECORDS_MANAGE, record.issuer)
    if status is not None:
        if status not in RecordStatus.values:
            raise UserError(_("Tình trạng hiệu lực không hợp lệ."))
        record.status = status
    if is_public is not None:
        record.is_public = is_public
    record.field = field if field is not None else record.field
    record.effective_on = effective_on or record.effective_on
    record.save()
    _reindex("record", record.pk)
    return record


STATUS_FOR_RELATION = {
    RelationKind.REPLACES: RecordStatus.REPLACED,
    RelationKind.AMENDS: RecordStatus.AMENDED,
    RelationKind.REPEALS: RecordStatus.REPEALED,
}


@transaction.atomic
def record_relate(*, by, source: Record, target: Record, kind: str) -> RecordRelation:
    """`source` amends / replaces / implements / repeals `target`; the target's status follows."""
    _require(by, RECORDS_MANAGE, source.issuer)
    if kind not in RelationKind.values:
        raise UserError(_("Quan hệ giữa hai văn bản không hợp lệ."))
    if source.pk == target.pk:
        raise UserError(_("Một văn bản không thể liên kết với chính nó."))
    relation, _created = RecordRelation.objects.get_or_create(source=source, target=target, kind=kind, defaults={"created_by": by})
    new_status = STATUS_FOR_RELATION.get(kind)
    if new_status is not None:
        Record.objects.filter(pk=target.pk).update(status=new_status)
        _reindex("record", target.pk)
    return relation


# --- links to other modules -----------------------------------------------------------------------
DOCUMENT_MODELS = (IncomingDocument, OutgoingDocument, Record)


def _link_key(document, target, role: str) -> dict:
    if not isinstance(document, DOCUMENT_MODELS) or document.pk is None:
        raise ValueError("document must be a saved IncomingDocument, OutgoingDocument or Record")
    if target is None or target.pk is None:
        raise ValueError("target must be a saved model instance")
    role = str(role or "").strip()
    if not role:
        raise UserError(_("Cần nêu vai trò của liên kết."))
    return {
        "document_type": ContentType.objects.get_for_model(document), "document_id": document.pk,
        "target_type": ContentType.objects.get_for_model(target), "target_id": str(target.pk), "role": role[:40],
    }


def _may_see_document(user, document) -> bool:
    from . import selectors

    return selectors.document_visible(user, document)


@transaction.atomic
def document_attach(*, by, document, target, role: str) -> DocumentLink:
    """Attach a document the person may see to any object (agenda item, petition answer…).
    Attaching twice returns the same link."""
    key = _link_key(document, target, role)
    if not _may_see_document(by, document):
        raise UserError(_("Bạn không có quyền dùng văn bản này."))
    link, _created = DocumentLink.objects.get_or_create(**key, defaults={"created_by": by})
    return link


@transaction.atomic
def document_detach(*, by, document, target, role: str) -> int:
    key = _link_key(document, target, role)
    if not _may_see_document(by, document):
        raise UserError(_("Bạn không có quyền dùng văn bản này."))
    deleted, _rows = DocumentLink.objects.filter(**key).delete()
    return deleted


__all__ = [
    "AssignmentData", "IncomingData", "RecipientData", "assignment_complete", "assignment_confirm",
    "document_attach", "document_detach", "incoming_direct", "incoming_forward", "incoming_present",
    "incoming_register", "outgoing_add_version", "outgoing_approve", "outgoing_comment", "outgoing_create",
    "outgoing_issue", "outgoing_recall", "outgoing_review", "outgoing_sign", "outgoing_submit", "record_create",
    "record_relate", "record_update",
]
