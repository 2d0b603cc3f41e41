"""Demo data: a few incoming and outgoing documents and resolutions for the demo city, made
through the services (so work items, deadlines and search entries are real), with small real
PDFs generated at load time. Loading again changes nothing."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from django.apps import apps
from django.db import connection
from django.utils import timezone

from dieuhanh.platform import search
from dieuhanh.platform.registry import CLERK, LEADER, RESPONDER, STAFF, SYSTEM_ADMIN

from . import integrations, services
from .indexers import incoming_entries, outgoing_entries, record_entries
from .models import (
    AssignmentKind,
    DocumentType,
    Field,
    IncomingDocument,
    IncomingState,
    OutgoingDocument,
    Record,
    RelationKind,
    Secrecy,
)
from .pdfgen import simple_pdf

DEMO_PASSPHRASE = "DieuHanh@2026"  # the demo credentials' passphrase (platform/signing demo)


def ensure_types() -> None:
    """The seeded types and fields (a flushed test database lost them)."""
    if not DocumentType.objects.exists() or not Field.objects.exists():
        import_module("dieuhanh.modules.documents.migrations.0002_seed_types").seed(apps, connection.schema_editor())


def _pdf(title: str, *lines: str, by=None):
    data = simple_pdf([title, *lines], title=title)
    return integrations.store_bytes(data, name=f"{title[:60]}.pdf", by=by)


def _type(key: str) -> DocumentType:
    return DocumentType.objects.get(key=key)


def _incoming(key: str, *, by, unit, summary: str, issuer: str, notation: str, days_ago: int, doc_type="cong-van",
              urgency="normal", secrecy=Secrecy.NORMAL, issuer_unit=None) -> IncomingDocument:
    existing = IncomingDocument.objects.filter(unit=unit, request_key=key).first()
    if existing is not None:
        return existing
    received = timezone.localdate() - dt.timedelta(days=days_ago)
    return services.incoming_register(
        by=by, unit=unit, request_key=key, file=_pdf(f"{notation} {summary}", issuer, by=by),
        data=services.IncomingData(
            received_on=received, issuer_name=issuer, issuer_unit=issuer_unit, doc_type=_type(doc_type), summary=summary,
            notation=notation, document_date=received - dt.timedelta(days=2), urgency=urgency, secrecy=secrecy,
        ),
    )


def load_demo(city, *, small: bool) -> None:
    ensure_types()
    users = city.users
    admin, clerk, leader, staff = users[SYSTEM_ADMIN], users[CLERK], users[LEADER], users[STAFF]
    secretariat, council = city.secretariat, city.city_council
    division = city.secretariat_divisions.get("vp-phong-cong-tac-hdnd") or next(iter(city.secretariat_divisions.values()))
    tnmt = city.departments.get("so-tnmt") or next(iter(city.departments.values()))
    today = timezone.localdate()

    # --- incoming ------------------------------------------------------------------------------
    _incoming(
        "demo-den-1", by=clerk, unit=secretariat, issuer="UBND thành phố Hà Nội", issuer_unit=city.peoples_committee,
        notation="125/UBND-KT", days_ago=0, summary="Đề nghị thẩm tra dự thảo nghị quyết về giá đất năm 2026",
    )
    directed = _incoming(
        "demo-den-2", by=clerk, unit=secretariat, issuer="Sở Tài chính", notation="88/STC-NS", days_ago=1,
        doc_type="bao-cao", summary="Báo cáo tình hình thực hiện dự toán ngân sách quý I", urgency="urgent",
    )
    if directed.state == IncomingState.REGISTERED:
        services.incoming_direct(
            by=leader, document=directed, direction="Giao Phòng Công tác HĐND nghiên cứu, tham mưu báo cáo Thường trực.",
            assignments=[services.AssignmentData(AssignmentKind.PROCESS, unit=division, due_on=today + dt.timedelta(days=7)),
                         services.AssignmentData(AssignmentKind.READ, user=staff)],
        )
    done = _incoming(
        "demo-den-3", by=clerk, unit=secretariat, issuer="Văn phòng Quốc hội", notation="45/VPQH-TH", days_ago=5,
        summary="Hướng dẫn tổng hợp ý kiến cử tri trước kỳ họp", doc_type="huong-dan",
    )
    if done.state == IncomingState.REGISTERED:
        services.incoming_direct(
            by=leader, document=done, direction="Chuyên viên tổng hợp, báo cáo.",
            assignments=[services.AssignmentData(AssignmentKind.PROCESS, user=staff, due_on=today)],
        )
        for a in done.assignments.all():
            services.assignment_complete(by=staff, assignment=a, result="Đã tổng hợp và báo cáo lãnh đạo Văn phòng.")
    _incoming(
        "demo-den-4", by=clerk, unit=secretariat, issuer="Công an thành phố", notation="12/CAHN-PV01", days_ago=0,
        summary="Về công tác bảo đảm an ninh kỳ họp", secrecy=Secrecy.CONFIDENTIAL,
    )
    _incoming(
        "demo-den-5", by=admin, unit=council, issuer="Thường trực HĐND thành phố", notation="30/TB-TTHĐND", days_ago=2,
        doc_type="thong-bao", summary="Thông báo lịch tiếp xúc cử tri của các Tổ đại biểu",
    )
    if RESPONDER in users:
        _incoming(
            "demo-den-6", by=admin, unit=tnmt, issuer="Ban Đô thị HĐND thành phố", notation="15/BĐT", days_ago=3,
            summary="Đề nghị báo cáo việc giải quyết kiến nghị cử tri về ô nhiễm môi trường",
        )

    # --- outgoing: a draft in review ------------------------------------------------------------------
    if not OutgoingDocument.objects.filter(request_key="demo-di-1").exists():
        draft = services.outgoing_create(
            by=staff, unit=division, issuer=council, doc_type=_type("nghi-quyet"), request_key="demo-di-1",
            summary="Nghị quyết về chương trình giám sát năm 2027 của HĐND thành phố",
            file=_pdf("Du thao nghi quyet giam sat 2027", "HĐND thành phố Hà Nội", by=staff),
        )
        services.outgoing_submit(by=staff, document=draft, reviewers=[], signer=leader)

    # --- outgoing: a department's draft report to the council ------------------------------------------
    if RESPONDER in users and not OutgoingDocument.objects.filter(request_key="demo-di-3").exists():
        services.outgoing_create(
            by=admin, unit=tnmt, issuer=tnmt, doc_type=_type("bao-cao"), request_key="demo-di-3",
            summary="Báo cáo kết quả giải quyết kiến nghị cử tri về môi trường (dự thảo)",
            file=_pdf("Bao cao ket qua giai quyet kien nghi cu tri", str(tnmt), by=admin),
        )

    # --- outgoing: a letter issued to a department (real signatures, demo CA); the full city only,
    # since rendering the signature stamps takes a second the small test city should not spend.
    if not small and not OutgoingDocument.objects.filter(request_key="demo-di-2").exists() and integrations.personal_credential(leader):
        issued = services.outgoing_create(
            by=staff, unit=division, issuer=council, doc_type=_type("cong-van"), request_key="demo-di-2",
            summary="Đề nghị báo cáo kết quả giải quyết kiến nghị cử tri trước kỳ họp",
            file=_pdf("De nghi bao cao ket qua giai quyet kien nghi cu tri", "HĐND thành phố Hà Nội", by=staff),
        )
        services.outgoing_submit(by=staff, document=issued, reviewers=[], signer=leader)
        services.outgoing_approve(by=leader, document=issued)
        services.outgoing_sign(by=leader, document=issued, secret=DEMO_PASSPHRASE)
        services.outgoing_issue(by=clerk, document=issued, seal_secret=DEMO_PASSPHRASE,
                                recipients=[services.RecipientData(unit=tnmt)])

    # --- the resolutions database ------------------------------------------------------------------------
    fields = {f.name: f for f in Field.objects.all()}
    rows = [
        ("12/NQ-HĐND", "nghi-quyet", dt.date(2024, 7, 5), "Nghị quyết về giá dịch vụ trông giữ xe", "Kinh tế – ngân sách", True),
        ("25/NQ-HĐND", "nghi-quyet", dt.date(2025, 12, 10), "Nghị quyết về giá dịch vụ trông giữ xe (thay thế)", "Kinh tế – ngân sách", True),
        ("08/BC-HĐND", "bao-cao", dt.date(2025, 6, 20), "Báo cáo kết quả giám sát việc giải quyết kiến nghị cử tri", "Pháp chế", False),
    ]
    made = {}
    for notation, key, signed, summary, field, public in rows:
        record = Record.objects.filter(issuer=council, notation=notation, signed_on=signed).first()
        if record is None:
            record = services.record_create(
                by=admin, issuer=council, doc_type=_type(key), notation=notation, signed_on=signed, summary=summary,
                effective_on=signed + dt.timedelta(days=10), field=fields.get(field), is_public=public,
                signer_name="Chủ tịch HĐND thành phố", file=_pdf(f"{notation} {summary}", "HĐND thành phố Hà Nội", by=admin),
            )
        made[notation] = record
    services.record_relate(by=admin, source=made["25/NQ-HĐND"], target=made["12/NQ-HĐND"], kind=RelationKind.REPLACES)

    # Index now (the demo runs in one transaction; the after-commit tasks would do it too).
    search.index(list(incoming_entries(None)))
    search.index(list(outgoing_entries(None)))
    search.index(list(record_entries(None)))
