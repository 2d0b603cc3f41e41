"""Parameters for the documents URLs, for the authorization walk (the demo city is loaded).

Each sample picks an object the person opening the URL may see, so that an allowed role gets
the page and the others are refused by the rule."""


def _incoming(user):
    from dieuhanh.modules.documents.models import IncomingDocument
    from dieuhanh.modules.documents.selectors import incoming_visible

    found = incoming_visible(user).order_by("pk").first() or IncomingDocument.objects.order_by("pk").first()
    return {"pk": found.pk}


def _assignment(user):
    from dieuhanh.modules.documents.models import Assignment
    from dieuhanh.modules.documents.selectors import incoming_visible

    found = (
        Assignment.objects.filter(document__in=incoming_visible(user)).order_by("pk").first()
        or Assignment.objects.order_by("pk").first()
    )
    return {"pk": found.pk}


def _outgoing(user):
    from dieuhanh.modules.documents.models import OutgoingDocument
    from dieuhanh.modules.documents.selectors import outgoing_visible

    found = outgoing_visible(user).order_by("pk").first() or OutgoingDocument.objects.order_by("pk").first()
    return {"pk": found.pk}


def _outgoing_file(user):
    return {**_outgoing(user), "which": "1"}


def _record(user):
    from dieuhanh.modules.documents.models import Record
    from dieuhanh.modules.documents.selectors import records_visible

    found = records_visible(user).order_by("pk").first() or Record.objects.order_by("pk").first()
    return {"pk": found.pk}


SAMPLES = {
    "documents:incoming_detail": _incoming,
    "documents:incoming_file": _incoming,
    "documents:incoming_present": _incoming,
    "documents:incoming_direct": _incoming,
    "documents:incoming_forward": _incoming,
    "documents:assignment_confirm": _assignment,
    "documents:assignment_complete": _assignment,
    "documents:outgoing_detail": _outgoing,
    "documents:outgoing_file": _outgoing_file,
    "documents:outgoing_version": _outgoing,
    "documents:outgoing_comment": _outgoing,
    "documents:outgoing_submit": _outgoing,
    "documents:outgoing_review": _outgoing,
    "documents:outgoing_approve": _outgoing,
    "documents:outgoing_sign": _outgoing,
    "documents:outgoing_issue": _outgoing,
    "documents:outgoing_recall": _outgoing,
    "documents:record_detail": _record,
    "documents:record_file": _record,
    "documents:record_update": _record,
    "documents:record_relate": _record,
}
