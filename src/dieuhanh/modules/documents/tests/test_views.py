"""The pages: register with filters (bounded queries), exports of the same set, upload checks,
scope (404), and the signature report shown plainly."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from dieuhanh.modules.documents import integrations, services
from dieuhanh.modules.documents.models import AssignmentKind, IncomingDocument

from .factories import PASSPHRASE, doc_type, incoming, pdf_bytes

pytestmark = pytest.mark.django_db


def register_form(world, **overrides):
    data = {
        "unit": world.secretariat.pk, "received_on": timezone.localdate().strftime("%d/%m/%Y"),
        "issuer_name": "Sở Tài chính", "notation": "88/STC-NS", "doc_type": doc_type("bao-cao").pk,
        "summary": "Báo cáo thu chi ngân sách quý I", "urgency": "normal", "secrecy": "normal", "request_key": "abc",
    }
    data.update(overrides)
    return data


def test_a_clerk_registers_a_pdf_and_lands_on_its_page(client, world):
    client.force_login(world.clerk)
    upload = SimpleUploadedFile("cong-van.pdf", pdf_bytes("Bao cao thu chi"), content_type="application/pdf")
    response = client.post(reverse("documents:incoming_create"), {**register_form(world), "file": upload})
    document = IncomingDocument.objects.get()
    assert response.status_code == 302 and response.url == document.get_absolute_url()
    assert document.file.kind == "pdf" and document.arrival_number == 1
    page = client.get(document.get_absolute_url())
    assert page.status_code == 200
    assert "Báo cáo thu chi ngân sách quý I" in page.content.decode()
    # The same form sent twice (double click) registers once.
    upload = SimpleUploadedFile("cong-van.pdf", pdf_bytes("Bao cao thu chi"), content_type="application/pdf")
    client.post(reverse("documents:incoming_create"), {**register_form(world), "file": upload})
    assert IncomingDocument.objects.count() == 1


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes("Mat"))))
    writer.encrypt("mat-khau")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("rong.pdf", b"", "trống"),
        ("hong.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "hỏng"),
        ("doi-ten.pdf", b"MZ\x90\x00 this is really a Windows program" * 20, "không phải"),
        ("mat-khau.pdf", None, "mật khẩu"),
    ],
)
def test_bad_files_get_a_clear_vietnamese_message_and_nothing_is_lost(client, world, name, content, expected):
    client.force_login(world.clerk)
    content = _encrypted_pdf() if content is None else content
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(reverse("documents:incoming_create"), {**register_form(world), "file": upload})
    assert response.status_code == 400
    text = response.content.decode()
    assert expected in text.lower()
    assert "Báo cáo thu chi ngân sách quý I" in text  # what was typed is still in the form
    assert not IncomingDocument.objects.exists()


def test_an_oversize_file_is_refused(client, world, settings):
    settings.DIEUHANH_MAX_UPLOAD_BYTES = 1000
    client.force_login(world.clerk)
    upload = SimpleUploadedFile("lon.pdf", pdf_bytes("x", pages=30), content_type="application/pdf")
    response = client.post(reverse("documents:incoming_create"), {**register_form(world), "file": upload})
    assert response.status_code == 400
    assert "quá" in response.content.decode().lower()
    assert not IncomingDocument.objects.exists()


def test_register_filters_sorts_and_pages_with_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for i in range(30):
        incoming(by=world.clerk, unit=world.secretariat, file=False, summary=f"Văn bản số {i}",
                 urgency="urgent" if i % 3 == 0 else "normal", issuer_name="Sở Tài chính" if i % 2 else "Sở Y tế")
    client.force_login(world.leader)
    url = reverse("documents:incoming_list")
    client.get(url)  # warm the per-process caches (grants, calendar) as a running server has them
    with django_assert_max_num_queries(16):
        response = client.get(url, {"urgency": "urgent", "issuer": "Tài chính", "sort": "arrival"})
    assert response.status_code == 200
    rows = response.context["table"].page.object_list
    assert {d.urgency for d in rows} == {"urgent"} and all("Tài chính" in d.issuer_name for d in rows)
    assert [d.arrival_number for d in rows] == sorted(d.arrival_number for d in rows)
    with django_assert_max_num_queries(16):
        assert client.get(url, {"page": "2", "per_page": "10"}).status_code == 200
    for bad in ({"date_from": "31/02/2026"}, {"page": "abc", "sort": "evil"}, {"year": "x"}, {"unit": "999999"}):
        assert client.get(url, bad).status_code == 200


def test_exports_hold_the_same_filtered_set(client, world):
    from openpyxl import load_workbook

    incoming(by=world.clerk, unit=world.secretariat, file=False, summary="Khẩn về mưa lũ", urgency="flash")
    incoming(by=world.clerk, unit=world.secretariat, file=False, summary="Thường về hội nghị")
    client.force_login(world.leader)
    response = client.get(reverse("documents:incoming_xlsx"), {"urgency": "flash"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)).active
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "Khẩn về mưa lũ" in text and "Thường về hội nghị" not in text
    response = client.get(reverse("documents:incoming_pdf"), {"urgency": "flash"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(response.content))
    assert pdf.pages[0].mediabox.width > pdf.pages[0].mediabox.height  # landscape
    printed = pdf.pages[0].extract_text()
    assert "mưa lũ" in printed and "hội nghị" not in printed


def test_documents_of_another_unit_answer_404(client, world):
    document = incoming(by=world.clerk, unit=world.secretariat)
    client.force_login(world.outsider)
    for name in ("documents:incoming_detail", "documents:incoming_file"):
        assert client.get(reverse(name, args=[document.pk])).status_code == 404
    assert document.summary not in client.get(reverse("documents:incoming_list")).content.decode()


def test_leader_directs_through_the_page_and_the_staff_member_completes(client, world):
    document = incoming(by=world.clerk, unit=world.secretariat)
    client.force_login(world.leader)
    url = reverse("documents:incoming_direct", args=[document.pk])
    bad = client.post(url, {"direction": "Xử lý", "process_units": [world.division.pk], "due_on": "32/13/2026"})
    assert bad.status_code == 400
    due = (timezone.localdate() + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    response = client.post(url, {"direction": "Giao phòng xử lý", "process_units": [world.division.pk], "due_on": due})
    assert response.status_code == 302
    assignment = document.assignments.get(kind=AssignmentKind.PROCESS)
    client.force_login(world.staff)
    page = client.get(document.get_absolute_url()).content.decode()
    assert reverse("documents:assignment_complete", args=[assignment.pk]) in page
    response = client.post(reverse("documents:assignment_complete", args=[assignment.pk]), {"result": "Đã xong"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.state == "completed"


def test_an_altered_signed_pdf_is_reported_plainly_in_vietnamese(client, world, credentials):
    from dieuhanh.platform import signing

    signed = signing.sign_pdf(pdf_bytes("Nghi quyet"), credential=credentials[0], secret=PASSPHRASE)
    at = signed.index(b"Trang 1/1")
    altered = signed[: at + 6] + b"7" + signed[at + 7:]
    client.force_login(world.clerk)
    stored = integrations.store_bytes(altered, name="da-sua.pdf", by=world.clerk)
    document = services.incoming_register(
        by=world.clerk, unit=world.secretariat, file=stored,
        data=services.IncomingData(received_on=timezone.localdate(), issuer_name="Sở", doc_type=doc_type(), summary="Văn bản đã bị sửa"),
    )
    page = client.get(document.get_absolute_url()).content.decode()
    assert "thay đổi sau khi ký" in page or "không hợp lệ" in page
    assert 'role="alert"' in page
    # The validation page gives the same verdict for any uploaded PDF.
    response = client.post(reverse("documents:validate"), {"file": SimpleUploadedFile("x.pdf", altered, content_type="application/pdf")})
    assert response.status_code == 200
    assert response.context["report"].state in ("altered", "invalid")
    good = client.post(reverse("documents:validate"), {"file": SimpleUploadedFile("y.pdf", signed, content_type="application/pdf")})
    assert good.context["report"].state == "valid"
    assert world.leader.get_full_name() in good.content.decode()


def test_outgoing_and_records_lists_have_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    from .factories import draft

    for i in range(12):
        draft(by=world.staff, unit=world.division, issuer=world.council, summary=f"Dự thảo số {i}")
        services.record_create(by=world.leader, issuer=world.secretariat, doc_type=doc_type("nghi-quyet"),
                               notation=f"{i + 1:02d}/NQ-HĐND", signed_on=dt.date(2025, 1, i + 1), summary=f"Nghị quyết {i}")
    client.force_login(world.leader)
    for name in ("documents:outgoing_list", "documents:record_list"):
        client.get(reverse(name))
        with django_assert_max_num_queries(16):
            response = client.get(reverse(name))
        assert response.status_code == 200 and response.context["table"].count == 12


def test_a_resolution_is_entered_through_its_page_and_an_incoming_document_offers_a_task(client, world):
    client.force_login(world.leader)
    response = client.post(reverse("documents:record_create"), {
        "issuer": world.secretariat.pk, "doc_type": doc_type("nghi-quyet").pk, "notation": "15/NQ-HĐND",
        "signed_on": "10/12/2025", "effective_on": "01/12/2025", "status": "in_force", "summary": "Nghị quyết thử",
    })
    assert response.status_code == 400
    assert "Ngày có hiệu lực không được trước ngày ký." in response.content.decode()
    response = client.post(reverse("documents:record_create"), {
        "issuer": world.secretariat.pk, "doc_type": doc_type("nghi-quyet").pk, "notation": "15/NQ-HĐND",
        "signed_on": "10/12/2025", "status": "in_force", "summary": "Nghị quyết thử", "is_public": "on",
    })
    assert response.status_code == 302
    document = incoming(by=world.clerk, unit=world.secretariat)
    page = client.get(document.get_absolute_url()).content.decode()
    from django.apps import apps

    if apps.is_installed("dieuhanh.modules.tasks"):
        assert "Giao nhiệm vụ" in page and reverse("tasks:create") in page


def test_forwarding_through_the_page(client, world):
    document = incoming(by=world.clerk, unit=world.secretariat)
    client.force_login(world.staff)
    assert client.get(reverse("documents:incoming_forward", args=[document.pk])).status_code == 403
    client.force_login(world.clerk)
    response = client.post(reverse("documents:incoming_forward", args=[document.pk]), {"unit": world.ward.pk, "note": ""})
    assert response.status_code == 302
    assert IncomingDocument.objects.filter(unit=world.ward, forwarded_from=document).exists()
    again = client.post(reverse("documents:incoming_forward", args=[document.pk]), {"unit": world.ward.pk})
    assert again.status_code == 400 and "đã được chuyển" in again.content.decode()
