"""The resolutions database, links to other modules' objects, search and KPI."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from dieuhanh.modules.documents import kpi, selectors, services
from dieuhanh.modules.documents.indexers import incoming_entries, record_entries
from dieuhanh.modules.documents.models import AssignmentKind, Record, RecordStatus, RelationKind
from dieuhanh.platform import search
from dieuhanh.platform.ui.errors import ConflictError, UserError

from .factories import doc_type, incoming, stored_pdf

pytestmark = pytest.mark.django_db


def record(world, notation, *, signed=dt.date(2025, 7, 1), public=True, **kwargs):
    return services.record_create(by=world.leader, issuer=world.secretariat, doc_type=doc_type(kwargs.pop("key", "nghi-quyet")),
                                  notation=notation, signed_on=signed, summary=kwargs.pop("summary", f"Nghị quyết {notation}"),
                                  is_public=public, **kwargs)


def test_historical_resolutions_are_entered_searched_and_related(world):
    old = record(world, "12/NQ-HĐND", signed=dt.date(2024, 7, 5), summary="Nghị quyết về giá dịch vụ trông giữ xe")
    new = record(world, "25/NQ-HĐND", signed=dt.date(2025, 12, 10), summary="Nghị quyết thay thế về giá trông giữ xe")
    report = record(world, "08/BC-HĐND", key="bao-cao", public=False, summary="Báo cáo giám sát")
    services.record_relate(by=world.leader, source=new, target=old, kind=RelationKind.REPLACES)
    old.refresh_from_db()
    assert old.status == RecordStatus.REPLACED and new.status == RecordStatus.IN_FORCE
    out, into = selectors.record_relations(old)
    assert [r.source for r in into] == [new]
    found = selectors.records_search(world.staff, selectors.RecordFilters(number="25/NQ"))
    assert list(found) == [new]
    by_status = selectors.records_search(world.staff, selectors.RecordFilters(status=RecordStatus.REPLACED))
    assert list(by_status) == [old]
    by_type = selectors.records_search(world.staff, selectors.RecordFilters(doc_type=doc_type("bao-cao")))
    assert list(by_type) == [report]
    assert set(selectors.public_records()) == {old, new}
    with pytest.raises(ConflictError):
        record(world, "12/NQ-HĐND", signed=dt.date(2024, 7, 5))
    with pytest.raises(UserError, match="chính nó"):
        services.record_relate(by=world.leader, source=new, target=new, kind=RelationKind.AMENDS)
    with pytest.raises(UserError, match="không có quyền"):
        services.record_create(by=world.outsider, issuer=world.secretariat, doc_type=doc_type("nghi-quyet"),
                               notation="1/NQ", signed_on=dt.date(2025, 1, 1), summary="X")


def test_full_text_search_finds_documents_without_diacritics_and_respects_visibility(world):
    doc = incoming(by=world.clerk, unit=world.secretariat, summary="Đề nghị thẩm tra nghị quyết về đất đai")
    secret = incoming(by=world.clerk, unit=world.secretariat, summary="Phương án bảo vệ đất đai kỳ họp", secrecy="secret")
    rec = record(world, "30/NQ-HĐND", summary="Nghị quyết về bảng giá đất đai", file=stored_pdf("Bang gia dat"))
    search.index(list(incoming_entries([doc.pk, secret.pk])))
    search.index(list(record_entries([rec.pk])))
    titles = [h.title for h in search.query(world.leader, "dat dai", modules=["documents"]).hits]
    assert any("thẩm tra" in t for t in titles) and any("bảng giá" in t for t in titles)
    assert any("Phương án" in t for t in titles)  # the unit's leader reads secret ones
    staff_titles = [h.title for h in search.query(world.staff, "dat dai", modules=["documents"]).hits]
    assert not any("Phương án" in t for t in staff_titles)
    assert search.query(world.outsider, "tham tra", modules=["documents"]).total == 0


def test_documents_attach_to_any_object_and_only_visible_ones_are_listed(world):
    doc = incoming(by=world.clerk, unit=world.secretariat)
    target = world.ward  # any model instance: here an OrgUnit plays the agenda item
    link = services.document_attach(by=world.leader, document=doc, target=target, role="agenda_item")
    again = services.document_attach(by=world.leader, document=doc, target=target, role="agenda_item")
    assert link.pk == again.pk
    assert selectors.documents_attached_to(user=world.leader, target=target) == [doc]
    assert selectors.documents_attached_to(user=world.outsider, target=target) == []
    with pytest.raises(UserError):
        services.document_attach(by=world.outsider, document=doc, target=target, role="petition_answer")
    assert services.document_detach(by=world.leader, document=doc, target=target, role="agenda_item") == 1
    assert selectors.documents_attached_to(user=world.leader, target=target) == []


def test_kpi_counts_processing_assignments_completed_by_their_deadline(world):
    today = timezone.localdate()
    on_time = incoming(by=world.clerk, unit=world.secretariat, file=False)
    late = incoming(by=world.clerk, unit=world.secretariat, file=False)
    for doc in (on_time, late):
        services.incoming_direct(by=world.leader, document=doc, direction="Xử lý", assignments=[
            services.AssignmentData(AssignmentKind.PROCESS, unit=world.division, due_on=today)])
    services.assignment_complete(by=world.staff, assignment=on_time.assignments.get(), result="Xong")
    figures = kpi.unit_on_time([world.division.pk], today - dt.timedelta(days=1), today + dt.timedelta(days=1))
    assert figures == {world.division.pk: (1.0, 2.0)}
    items = kpi.unit_on_time_items(world.division.pk, today, today)
    assert sorted(i.counted for i in items) == [False, True]
    assert Record.objects.count() == 0
