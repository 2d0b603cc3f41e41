"""Every read of the documents module, scoped to what the person may see.

A person sees the documents of the units where they may view documents (a role in a unit
covers the units below it) and those whose direction names them or one of their units.
Secret documents (any secrecy level) are seen only by the people the direction names and by
the leaders and clerks of the unit; every read of one is written to the access log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import Http404

from dieuhanh.platform.audit.services import access_log_record
from dieuhanh.platform.permissions.checks import units_where, user_can
from dieuhanh.platform.permissions.roles import held_roles, is_system_admin

from .models import (
    Assignment,
    AssignmentState,
    DocumentLink,
    IncomingDocument,
    OutgoingDocument,
    OutgoingState,
    Recipient,
    Record,
    RecordStatus,
    ReviewStep,
    Secrecy,
)
from .module import DIRECT, ISSUE, REGISTER, VIEW


def _unit_ids(user, action: str) -> list[int]:
    return list(units_where(user, action).values_list("pk", flat=True))


def _member_unit_ids(user) -> set[int]:
    return {h.unit_id for h in held_roles(user)}


# --- incoming ------------------------------------------------------------------------------------
def _assigned_q(user) -> Q:
    mine = Q(assignee_user=user) | Q(assignee_unit_id__in=_member_unit_ids(user))
    return Q(pk__in=Assignment.objects.filter(mine).exclude(state=AssignmentState.CANCELLED).values("document_id"))


def incoming_visible(user) -> QuerySet[IncomingDocument]:
    """Every incoming document this person may open."""
    qs = IncomingDocument.objects.all()
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_system_admin(user):
        return qs
    view_units = _unit_ids(user, VIEW)
    secret_units = sorted(set(_unit_ids(user, DIRECT)) | set(_unit_ids(user, REGISTER)))
    assigned_to_me = Q(pk__in=Assignment.objects.filter(assignee_user=user).values("document_id"))
    normal = Q(secrecy=Secrecy.NORMAL) & (Q(unit_id__in=view_units) | _assigned_q(user))
    secret = ~Q(secrecy=Secrecy.NORMAL) & (Q(unit_id__in=secret_units) | assigned_to_me)
    return qs.filter(normal | secret)


def register_units(user):
    """The units whose incoming register the person may open (for the unit filter)."""
    from dieuhanh.platform.orgs.models import OrgUnit

    if is_system_admin(user):
        return OrgUnit.objects.filter(active=True)
    return units_where(user, VIEW).filter(active=True)


@dataclass
class RegisterFilters:
    unit: object | None = None
    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    issuer: str = ""
    doc_type: object | None = None
    urgency: str = ""
    state: str = ""
    processing_unit: object | None = None
    text: str = ""


def incoming_register(user, filters: RegisterFilters | None = None) -> QuerySet[IncomingDocument]:
    """The incoming register with its filters; the list, the PDF and the Excel export use it."""
    f = filters or RegisterFilters()
    qs = incoming_visible(user)
    if f.unit is not None:
        qs = qs.filter(unit=f.unit)
    if f.year:
        qs = qs.filter(year=f.year)
    if f.date_from:
        qs = qs.filter(received_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(received_on__lte=f.date_to)
    if f.issuer:
        qs = qs.filter(issuer_name__icontains=f.issuer)
    if f.doc_type is not None:
        qs = qs.filter(doc_type=f.doc_type)
    if f.urgency:
        qs = qs.filter(urgency=f.urgency)
    if f.state:
        qs = qs.filter(state=f.state)
    if f.processing_unit is not None:
        qs = qs.filter(pk__in=Assignment.objects.filter(assignee_unit=f.processing_unit).values("document_id"))
    if f.text:
        qs = qs.filter(search_text__icontains=f.text)
    return qs.select_related("unit", "doc_type")


def incoming_get(user, pk, *, request=None) -> IncomingDocument:
    """One document, or 404 when it is outside the person's scope. Reads of secret ones are logged."""
    document = (
        incoming_visible(user)
        .select_related("unit", "doc_type", "file", "issuer_unit", "registered_by", "directed_by",
                        "completed_by", "result_file", "source_outgoing")
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404
    if document.is_secret:
        access_log_record(user=user, obj=document, reason="Đọc văn bản mật", request=request)
    return document


def assignments_of(document: IncomingDocument) -> list[Assignment]:
    return list(
        document.assignments.exclude(state=AssignmentState.CANCELLED)
        .select_related("assignee_user", "assignee_unit", "received_by", "completed_by")
    )


def my_assignments(user, document: IncomingDocument) -> list[Assignment]:
    """The open lines of the direction this person may act on."""
    result = []
    for a in assignments_of(document):
        if not a.is_open:
            continue
        if a.assignee_user_id == user.pk or (a.assignee_unit_id and user_can(user, "documents.process", a.assignee_unit)):
            result.append(a)
    return result


def assignment_get(user, pk) -> Assignment:
    found = Assignment.objects.select_related("document").filter(pk=pk).first()
    if found is None or not incoming_visible(user).filter(pk=found.document_id).exists():
        raise Http404
    return found


# --- outgoing ------------------------------------------------------------------------------------
def outgoing_visible(user) -> QuerySet[OutgoingDocument]:
    qs = OutgoingDocument.objects.all()
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_system_admin(user):
        return qs
    view_units = _unit_ids(user, VIEW)
    delivered = Q(pk__in=Recipient.objects.filter(unit_id__in=view_units).values("document_id"))
    involved = (
        Q(created_by=user)
        | Q(signer=user)
        | Q(pk__in=ReviewStep.objects.filter(reviewer=user).values("document_id"))
    )
    secret_units = sorted(set(_unit_ids(user, DIRECT)) | set(_unit_ids(user, ISSUE)))
    normal = Q(secrecy=Secrecy.NORMAL) & (Q(unit_id__in=view_units) | Q(issuer_id__in=view_units) | delivered | involved)
    secret = ~Q(secrecy=Secrecy.NORMAL) & (Q(unit_id__in=secret_units) | involved)
    return qs.filter(normal | secret)


def outgoing_list(user, *, state: str = "", year: int | None = None, text: str = "") -> QuerySet[OutgoingDocument]:
    qs = outgoing_visible(user)
    if state:
        qs = qs.filter(state=state)
    if year:
        qs = qs.filter(Q(year=year) | Q(year__isnull=True, created_at__year=year))
    if text:
        qs = qs.filter(Q(summary__icontains=text) | Q(notation__icontains=text))
    return qs.select_related("unit", "issuer", "doc_type", "signer", "created_by")


def outgoing_get(user, pk, *, request=None) -> OutgoingDocument:
    document = (
        outgoing_visible(user)
        .select_related("unit", "issuer", "doc_type", "signer", "created_by", "signed_file", "issued_file", "issued_by")
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404
    if document.is_secret:
        access_log_record(user=user, obj=document, reason="Đọc văn bản mật", request=request)
    return document


def versions_of(document: OutgoingDocument):
    return list(document.versions.select_related("file", "created_by").order_by("number"))


def comments_of(document: OutgoingDocument):
    return list(document.comments.select_related("author", "version"))


def review_steps_of(document: OutgoingDocument):
    return list(document.review_steps.select_related("reviewer").order_by("round", "order"))


def pending_review_step(document: OutgoingDocument):
    if document.state != OutgoingState.IN_REVIEW:
        return None
    return document.review_steps.filter(round=document.review_round, state="pending").select_related("reviewer").first()


def recipients_of(document: OutgoingDocument):
    return list(document.recipients.select_related("unit"))


# --- resolutions database -----------------------------------------------------------------------
def records_visible(user) -> QuerySet[Record]:
    """Officials see the records of their units and every public one."""
    qs = Record.objects.all()
    if not getattr(user, "is_authenticated", False):
        return qs.filter(is_public=True)
    if is_system_admin(user):
        return qs
    from dieuhanh.platform.orgs.models import OrgUnit

    view_units = _unit_ids(user, VIEW)
    # A record of a council is read by the units below it too (its committees, its delegates).
    paths = list(OrgUnit.objects.filter(pk__in=view_units).values_list("path", flat=True))
    above = set()
    for path in paths:
        above |= {int(p) for p in path.strip("/").split("/") if p}
    return qs.filter(Q(is_public=True) | Q(issuer_id__in=set(view_units) | above))


@dataclass
class RecordFilters:
    number: str = ""
    doc_type: object | None = None
    issuer: object | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    field: object | None = None
    status: str = ""
    text: str = ""
    public: bool | None = None


def records_search(user, filters: RecordFilters | None = None) -> QuerySet[Record]:
    f = filters or RecordFilters()
    qs = records_visible(user)
    if f.number:
        qs = qs.filter(notation__icontains=f.number)
    if f.doc_type is not None:
        qs = qs.filter(doc_type=f.doc_type)
    if f.issuer is not None:
        qs = qs.filter(issuer=f.issuer)
    if f.date_from:
        qs = qs.filter(signed_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(signed_on__lte=f.date_to)
    if f.field is not None:
        qs = qs.filter(field=f.field)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.public is not None:
        qs = qs.filter(is_public=f.public)
    if f.text:
        qs = qs.filter(Q(summary__icontains=f.text) | Q(notation__icontains=f.text) | Q(file__text__icontains=f.text))
    return qs.select_related("doc_type", "issuer", "field")


def record_get(user, pk) -> Record:
    record = records_visible(user).select_related("doc_type", "issuer", "field", "file", "outgoing").filter(pk=pk).first()
    if record is None:
        raise Http404
    return record


def record_relations(record: Record):
    out = list(record.relations_out.select_related("target", "target__doc_type"))
    into = list(record.relations_in.select_related("source", "source__doc_type"))
    return out, into


def public_records(*, doc_type=None, issuer=None, status: str = "", text: str = "") -> QuerySet[Record]:
    """The records the portal publishes (no user: only public ones), newest first."""
    qs = Record.objects.filter(is_public=True).select_related("doc_type", "issuer", "field", "file")
    if doc_type is not None:
        qs = qs.filter(doc_type=doc_type)
    if issuer is not None:
        qs = qs.filter(issuer=issuer)
    if status:
        qs = qs.filter(status=status)
    if text:
        qs = qs.filter(Q(summary__icontains=text) | Q(notation__icontains=text))
    return qs.order_by("-signed_on", "-pk")


def records_in_force(user) -> QuerySet[Record]:
    return records_visible(user).filter(status=RecordStatus.IN_FORCE)


# --- links ---------------------------------------------------------------------------------------
def document_visible(user, document) -> bool:
    if isinstance(document, IncomingDocument):
        return incoming_visible(user).filter(pk=document.pk).exists()
    if isinstance(document, OutgoingDocument):
        return outgoing_visible(user).filter(pk=document.pk).exists()
    if isinstance(document, Record):
        return records_visible(user).filter(pk=document.pk).exists()
    return False


def documents_attached_to(*, user, target, role: str | None = None) -> list:
    """The documents attached to `target` that this person may see (incoming, outgoing, records)."""
    links = DocumentLink.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    )
    if role:
        links = links.filter(role=role)
    by_model: dict[int, list[int]] = {}
    for type_id, doc_id in links.values_list("document_type_id", "document_id"):
        by_model.setdefault(type_id, []).append(doc_id)
    found = []
    for model, visible in ((IncomingDocument, incoming_visible), (OutgoingDocument, outgoing_visible), (Record, records_visible)):
        ids = by_model.get(ContentType.objects.get_for_model(model).pk)
        if ids:
            found += list(visible(user).filter(pk__in=ids))
    return found
