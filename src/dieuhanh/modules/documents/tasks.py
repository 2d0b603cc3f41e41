"""Background work: e-mailing an issued document, and its recall, to recipients outside the platform."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django.utils.translation import gettext as _

from dieuhanh.platform.jobs.retry import retrying_task

from . import integrations
from .models import OutgoingState, Recipient


@retrying_task(max_attempts=5, backoff=timedelta(seconds=30), queue_name="email")
def send_issued_email(recipient_id: int) -> str:
    """Send the issued, signed PDF to one outside address. Idempotent: a sent row is skipped."""
    recipient = Recipient.objects.select_related("document", "document__issued_file", "document__issuer").get(pk=recipient_id)
    document = recipient.document
    if recipient.state == Recipient.State.SENT or document.state != OutgoingState.ISSUED or not recipient.email:
        return recipient.state
    subject = _("Văn bản số %(notation)s của %(issuer)s") % {"notation": document.notation, "issuer": document.issuer}
    body = _(
        "%(issuer)s gửi văn bản số %(notation)s ngày %(day)s về việc: %(summary)s\n\n"
        "Văn bản điện tử có chữ ký số đính kèm thư này."
    ) % {"issuer": document.issuer, "notation": document.notation, "day": document.issued_on.strftime("%d/%m/%Y"),
         "summary": document.summary}
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[recipient.email])
    message.attach(f"{document.notation.replace('/', '-')}.pdf", integrations.read_bytes(document.issued_file), "application/pdf")
    message.send()
    Recipient.objects.filter(pk=recipient.pk).update(state=Recipient.State.SENT, sent_at=timezone.now(), error="")
    return Recipient.State.SENT


@retrying_task(max_attempts=5, backoff=timedelta(seconds=30), queue_name="email")
def send_recall_email(recipient_id: int) -> str:
    """Tell an outside address that received the document that it is recalled, and why. Once."""
    recipient = Recipient.objects.select_related("document", "document__issuer").get(pk=recipient_id)
    document = recipient.document
    if recipient.recall_notified_at or document.state != OutgoingState.RECALLED or not recipient.email:
        return "skipped"
    subject = _("Thu hồi văn bản số %(notation)s của %(issuer)s") % {"notation": document.notation, "issuer": document.issuer}
    body = _(
        "%(issuer)s thu hồi văn bản số %(notation)s ngày %(day)s về việc: %(summary)s\n\n"
        "Lý do thu hồi: %(reason)s\n\n"
        "Đề nghị quý cơ quan không sử dụng văn bản đã nhận và hủy các bản đã lưu."
    ) % {"issuer": document.issuer, "notation": document.notation, "day": document.issued_on.strftime("%d/%m/%Y"),
         "summary": document.summary, "reason": document.recall_reason}
    EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[recipient.email]).send()
    Recipient.objects.filter(pk=recipient.pk).update(recall_notified_at=timezone.now())
    return "sent"
