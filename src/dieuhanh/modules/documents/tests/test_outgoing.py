"""Outgoing documents: draft → review → approval → signature → issue → delivery → recall."""

from __future__ import annotations

import email
import email.policy
import mailbox
import shutil
import subprocess

import pytest
from django.utils import timezone

from dieuhanh.modules.documents import integrations, services
from dieuhanh.modules.documents.models import (
    IncomingDocument,
    IncomingState,
    OutgoingState,
    Recipient,
    Record,
)
from dieuhanh.platform.inbox.models import WorkItem, WorkItemState
from dieuhanh.platform.ui.errors import ConflictError, UserError

from .factories import PASSPHRASE, draft, stored_pdf

pytestmark = pytest.mark.django_db


def open_items(obj, **filters):
    return WorkItem.objects.filter(module="documents", state=WorkItemState.OPEN, object_id=str(obj.pk), **filters)


def signed_and_approved(world, *, key="nghi-quyet"):
    doc = draft(by=world.staff, unit=world.division, issuer=world.council, key=key)
    services.outgoing_submit(by=world.staff, document=doc, reviewers=[], signer=world.leader)
    services.outgoing_approve(by=world.leader, document=doc)
    services.outgoing_sign(by=world.leader, document=doc, secret=PASSPHRASE)
    doc.refresh_from_db()
    return doc


def test_review_chain_in_order_then_approval_and_signature(world, credentials):
    from dieuhanh.platform.orgs.tests.factories import person

    second = person("leader", world.secretariat, full_name="Đỗ Thị Thẩm Định")
    doc = draft(by=world.staff, unit=world.division, issuer=world.council)
    services.outgoing_comment(by=world.staff, document=doc, text="Đề nghị xem kỹ điều 2.")
    services.outgoing_submit(by=world.staff, document=doc, reviewers=[second, world.leader], signer=world.leader)
    doc.refresh_from_db()
    assert doc.state == OutgoingState.IN_REVIEW
    first_step, second_step = doc.review_steps.order_by("order")
    assert open_items(first_step, purpose="review").get().assignee_user == second
    with pytest.raises(UserError, match="Chưa đến lượt"):
        services.outgoing_review(by=world.leader, document=doc, approve=True)

    services.outgoing_review(by=second, document=doc, approve=False, reason="Sửa căn cứ pháp lý")
    doc.refresh_from_db()
    assert doc.state == OutgoingState.RETURNED
    assert open_items(doc, purpose="revise").get().assignee_user == world.staff
    assert doc.comments.filter(text__contains="Sửa căn cứ pháp lý").exists()

    services.outgoing_add_version(by=world.staff, document=doc, file=stored_pdf("Ban sua", by=world.staff), note="Đã sửa")
    services.outgoing_submit(by=world.staff, document=doc, reviewers=[second], signer=world.leader)
    assert not open_items(doc, purpose="revise").exists()
    step = doc.review_steps.get(round=2)
    services.outgoing_review(by=second, document=doc, approve=True)
    assert not open_items(step).exists()
    doc.refresh_from_db()
    assert doc.state == OutgoingState.AWAITING_APPROVAL
    assert open_items(doc, purpose="approve").get().assignee_user == world.leader

    services.outgoing_approve(by=world.leader, document=doc)
    assert open_items(doc, purpose="sign").exists()
    with pytest.raises(UserError):
        services.outgoing_sign(by=world.leader, document=doc, secret="sai-mat-khau")
    services.outgoing_sign(by=world.leader, document=doc, secret=PASSPHRASE)
    doc.refresh_from_db()
    assert doc.state == OutgoingState.SIGNED and doc.versions.count() == 2
    assert not open_items(doc, purpose="sign").exists()
    issue_item = open_items(doc, purpose="issue").get()
    assert issue_item.assignee_unit == world.division or issue_item.assignee_user == world.clerk
    report = integrations.validation_report(doc.signed_file)
    assert report.state == "valid"
    assert report.signatures[0].signer_name == world.leader.get_full_name()


def test_issue_numbers_signs_delivers_on_the_platform_and_lands_in_the_database(world, credentials):
    doc = signed_and_approved(world)
    services.outgoing_issue(by=world.clerk, document=doc, seal_secret=PASSPHRASE,
                            recipients=[services.RecipientData(unit=world.ward)])
    doc.refresh_from_db()
    assert doc.state == OutgoingState.ISSUED
    assert doc.notation == "01/NQ-HĐND" and doc.number == 1 and doc.issued_on == timezone.localdate()
    assert not open_items(doc, purpose="issue").exists()
    report = integrations.validation_report(doc.issued_file)
    assert report.state == "valid" and len(report.signatures) == 2
    # The recipient unit finds it at once in its register, with a duty for its clerk.
    copy = IncomingDocument.objects.get(unit=world.ward, source_outgoing=doc)
    assert copy.notation == "01/NQ-HĐND" and copy.arrival_number == 1 and copy.issuer_unit == world.council
    assert copy.file == doc.issued_file
    assert open_items(copy, purpose="register").get().assignee_user == world.ward_clerk
    record = Record.objects.get(outgoing=doc)
    assert record.notation == "01/NQ-HĐND" and record.status == "in_force"
    # Issuing twice (double click) changes nothing.
    services.outgoing_issue(by=world.clerk, document=doc, seal_secret=PASSPHRASE,
                            recipients=[services.RecipientData(unit=world.ward)])
    assert IncomingDocument.objects.filter(source_outgoing=doc).count() == 1

    second = signed_and_approved(world)
    services.outgoing_issue(by=world.clerk, document=second, seal_secret=PASSPHRASE,
                            recipients=[services.RecipientData(unit=world.ward)])
    second.refresh_from_db()
    assert second.notation == "02/NQ-HĐND"


def test_a_letter_is_numbered_with_the_issuer_and_drafting_unit(world, credentials):
    doc = signed_and_approved(world, key="cong-van")
    services.outgoing_issue(by=world.clerk, document=doc, seal_secret=PASSPHRASE,
                            recipients=[services.RecipientData(unit=world.ward)])
    doc.refresh_from_db()
    assert doc.notation == "01/HĐND-PCTHĐND"
    assert not Record.objects.filter(outgoing=doc).exists()  # a công văn is not a resolution


def test_a_failed_issue_gives_its_number_back(world, credentials):
    doc = signed_and_approved(world)
    with pytest.raises(UserError):
        services.outgoing_issue(by=world.clerk, document=doc, seal_secret="sai", recipients=[services.RecipientData(unit=world.ward)])
    doc.refresh_from_db()
    assert doc.state == OutgoingState.SIGNED and doc.number is None
    services.outgoing_issue(by=world.clerk, document=doc, seal_secret=PASSPHRASE,
                            recipients=[services.RecipientData(unit=world.ward)])
    doc.refresh_from_db()
    assert doc.notation == "01/NQ-HĐND"


def test_only_the_clerk_issues_and_only_a_signed_document(world, credentials):
    doc = draft(by=world.staff, unit=world.division, issuer=world.council)
    with pytest.raises(ConflictError):
        services.outgoing_issue(by=world.clerk, document=doc, seal_secret=PASSPHRASE,
                                recipients=[services.RecipientData(unit=world.ward)])
    doc = signed_and_approved(world)
    with pytest.raises(UserError, match="không có quyền phát hành"):
        services.outgoing_issue(by=world.staff, document=doc, seal_secret=PASSPHRASE,
                                recipients=[services.RecipientData(unit=world.ward)])


def test_pdfsig_verifies_the_issued_pdf_and_one_changed_byte_is_reported_as_altered(world, credentials, tmp_path):
    assert shutil.which("pdfsig"), "poppler-utils (pdfsig) is required"
    doc = signed_and_approved(world)
    services.outgoing_issue(by=world.clerk, document=doc, seal_secret=PASSPHRASE,
                            recipients=[services.RecipientData(unit=world.ward)])
    doc.refresh_from_db()
    data = integrations.read_bytes(doc.issued_file)
    path = tmp_path / "issued.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    assert out.stdout.count("Signature Validation: Signature is Valid.") == 2, out.stdout + out.stderr

    # Change one byte inside the signed content (a digit of the page's text stream).
    at = data.index(b"Trang 1/1")
    altered = data[: at + 6] + b"9" + data[at + 7:]
    assert len(altered) == len(data) and altered != data
    from dieuhanh.platform import signing

    report = signing.validate_pdf(altered)
    assert report.state in ("altered", "invalid")
    assert "thay đổi" in report.summary or "không hợp lệ" in report.summary


def test_external_recipients_receive_the_signed_pdf_by_real_smtp(world, credentials, settings, smtp_server):
    port, maildir = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    doc = signed_and_approved(world)
    with _capture_on_commit():
        services.outgoing_issue(by=world.clerk, document=doc, seal_secret=PASSPHRASE,
                                recipients=[services.RecipientData(email="vanthu@ubnd.hanoi.gov.vn")])
    recipient = Recipient.objects.get(document=doc)
    assert recipient.state == Recipient.State.SENT
    messages = [email.message_from_bytes(m.as_bytes(), policy=email.policy.default) for m in mailbox.Maildir(str(maildir))]
    assert len(messages) == 1
    assert "01/NQ-HĐND" in messages[0]["Subject"]
    attachments = [p for p in messages[0].walk() if p.get_content_type() == "application/pdf"]
    assert attachments and attachments[0].get_payload(decode=True).startswith(b"%PDF")


def test_recall_marks_the_copies_and_cancels_their_duties_but_keeps_the_number(world, credentials):
    doc = signed_and_approved(world)
    services.outgoing_issue(by=world.clerk, document=doc, seal_secret=PASSPHRASE,
                            recipients=[services.RecipientData(unit=world.ward)])
    copy = IncomingDocument.objects.get(source_outgoing=doc)
    with pytest.raises(UserError, match="lý do thu hồi"):
        services.outgoing_recall(by=world.clerk, document=doc, reason=" ")
    services.outgoing_recall(by=world.clerk, document=doc, reason="Sai sót về căn cứ")
    copy.refresh_from_db()
    assert copy.state == IncomingState.RECALLED and copy.recall_reason == "Sai sót về căn cứ"
    assert not open_items(copy).exists()
    next_doc = signed_and_approved(world)
    services.outgoing_issue(by=world.clerk, document=next_doc, seal_secret=PASSPHRASE,
                            recipients=[services.RecipientData(unit=world.ward)])
    next_doc.refresh_from_db()
    assert next_doc.notation == "02/NQ-HĐND"


def test_a_recall_is_emailed_once_to_the_outside_addresses_that_received_the_document(world, credentials, mailoutbox):
    outside = "vanthu@ubnd.hanoi.gov.vn"

    def sent_outside():
        return [m for m in mailoutbox if m.to == [outside]]

    doc = signed_and_approved(world)
    with _capture_on_commit():
        services.outgoing_issue(by=world.clerk, document=doc, seal_secret=PASSPHRASE,
                                recipients=[services.RecipientData(email=outside), services.RecipientData(unit=world.ward)])
    assert len(sent_outside()) == 1
    with _capture_on_commit():
        services.outgoing_recall(by=world.clerk, document=doc, reason="Sai sót về căn cứ pháp lý")
    assert len(sent_outside()) == 2
    notice = sent_outside()[1]
    assert "Thu hồi văn bản số 01/NQ-HĐND" in notice.subject
    assert "Sai sót về căn cứ pháp lý" in notice.body
    recipient = Recipient.objects.get(document=doc, unit__isnull=True)
    assert recipient.state == Recipient.State.RECALLED and recipient.recall_notified_at is not None

    from dieuhanh.modules.documents.tasks import send_recall_email

    send_recall_email.call(recipient.pk)  # a retried job sends nothing twice
    assert len(sent_outside()) == 2


class _capture_on_commit:
    """Run on_commit callbacks (the e-mail task) at the end of the block, as a commit would."""

    def __enter__(self):
        from django.test import TestCase

        self._ctx = TestCase.captureOnCommitCallbacks(execute=True)
        return self._ctx.__enter__()

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)


def test_the_outgoing_register_prints_and_exports_issued_documents_only(client, world, credentials):
    import io

    from django.urls import reverse
    from openpyxl import load_workbook
    from pypdf import PdfReader

    issued = signed_and_approved(world)
    services.outgoing_issue(by=world.clerk, document=issued, seal_secret=PASSPHRASE,
                            recipients=[services.RecipientData(unit=world.ward)])
    recalled = signed_and_approved(world)
    services.outgoing_issue(by=world.clerk, document=recalled, seal_secret=PASSPHRASE,
                            recipients=[services.RecipientData(unit=world.ward)])
    services.outgoing_recall(by=world.clerk, document=recalled, reason="Sai thẩm quyền")
    draft(by=world.staff, unit=world.division, issuer=world.council, summary="Dự thảo chưa ban hành")
    client.force_login(world.clerk)

    response = client.get(reverse("documents:outgoing_xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    text = " ".join(str(v) for row in rows for v in row if v)
    assert "01/NQ-HĐND" in text and "02/NQ-HĐND" in text
    assert "Dự thảo chưa ban hành" not in text
    assert "Đã thu hồi: Sai thẩm quyền" in text and str(world.ward) in text

    response = client.get(reverse("documents:outgoing_pdf"), {"year": "x"})  # a bad filter is ignored
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    printed = PdfReader(io.BytesIO(response.content)).pages[0].extract_text().replace("\n", "")  # cells wrap
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in printed and "01/NQ-HĐND" in printed and "Dự thảo" not in printed
