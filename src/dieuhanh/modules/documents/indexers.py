"""Search entries of documents (declared as SearchTypes in module.py).

Ordinary documents are visible to the members of the holding unit and the units above it
and of the units the direction names; secret ones only to named people (user visibility).
"""

from __future__ import annotations

from dieuhanh.platform.orgs.models import Membership, OrgUnit
from dieuhanh.platform.permissions.roles import active_memberships_q
from dieuhanh.platform.registry import CLERK, LEADER
from dieuhanh.platform.search import EntryData

from .models import AssignmentState, IncomingDocument, OutgoingDocument, Record

MODULE = "documents"
BATCH = 500


def _ancestor_ids(unit) -> list[int]:
    return [int(p) for p in unit.path.strip("/").split("/") if p]


def _keepers(unit) -> set[int]:
    """Leaders and clerks of the unit and of the units above it."""
    return set(
        Membership.objects.filter(active_memberships_q(), unit_id__in=_ancestor_ids(unit), role__in=[LEADER, CLERK])
        .values_list("user_id", flat=True)
    )


def _text(stored) -> str:
    return (stored.text or "") if stored is not None else ""


def _chunks(qs, pks):
    if pks is not None:
        qs = qs.filter(pk__in=[int(p) for p in pks])
    return qs.iterator(chunk_size=BATCH)


def incoming_entries(pks=None):
    qs = IncomingDocument.objects.select_related("unit", "doc_type", "file").prefetch_related("assignments")
    for doc in _chunks(qs, pks):
        live = [a for a in doc.assignments.all() if a.state != AssignmentState.CANCELLED]
        title = f"{doc.notation} {doc.doc_type.name}: {doc.summary}".strip()
        body = "\n".join([doc.issuer_name, doc.direction, doc.result, _text(doc.file)])
        entry = EntryData(module=MODULE, type="incoming", obj=doc, url=doc.get_absolute_url(), title=title,
                          body=body, date=doc.received_on)
        if doc.is_secret:
            entry.users = _keepers(doc.unit) | {a.assignee_user_id for a in live if a.assignee_user_id}
        else:
            entry.units = set(_ancestor_ids(doc.unit)) | {a.assignee_unit_id for a in live if a.assignee_unit_id}
            entry.users = {a.assignee_user_id for a in live if a.assignee_user_id}
        yield entry


def outgoing_entries(pks=None):
    qs = OutgoingDocument.objects.select_related("unit", "issuer", "doc_type", "issued_file").prefetch_related("versions__file")
    for doc in _chunks(qs, pks):
        versions = list(doc.versions.all())
        stored = doc.issued_file or (versions[-1].file if versions else None)
        title = f"{doc.notation or ''} {doc.doc_type.name}: {doc.summary}".strip()
        entry = EntryData(module=MODULE, type="outgoing", obj=doc, url=doc.get_absolute_url(), title=title,
                          body=_text(stored), date=doc.issued_on or doc.created_at)
        involved = {doc.created_by_id, doc.signer_id} - {None}
        if doc.is_secret:
            entry.users = _keepers(doc.unit) | involved
        else:
            entry.units = set(_ancestor_ids(doc.unit)) | set(_ancestor_ids(doc.issuer))
            entry.users = involved
        yield entry


def record_entries(pks=None):
    qs = Record.objects.select_related("issuer", "doc_type", "field", "file")
    for record in _chunks(qs, pks):
        title = f"{record.notation} {record.doc_type.name}: {record.summary}"
        body = "\n".join([str(record.field or ""), record.signer_name, _text(record.file)])
        units = set(_ancestor_ids(record.issuer)) | set(
            OrgUnit.objects.filter(path__startswith=record.issuer.path).values_list("pk", flat=True)
        )
        yield EntryData(module=MODULE, type="record", obj=record, url=record.get_absolute_url(), title=title, body=body,
                        date=record.signed_on, is_public=record.is_public,
                        units=units)
