"""Pages of the documents module. Thin: parse input, call a selector or a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from dieuhanh.platform import files
from dieuhanh.platform.orgs.models import OrgUnit
from dieuhanh.platform.permissions.access import access, any_of, can
from dieuhanh.platform.permissions.checks import units_where, user_can
from dieuhanh.platform.ui.tables import Column, paginate
from dieuhanh.platform.workcalendar import api as workcalendar

from . import forms, integrations, selectors, services
from .models import AssignmentKind, IncomingState, OutgoingState
from .module import DIRECT, DRAFT, ISSUE, PROCESS, RECORDS_MANAGE, REGISTER, REVIEW, SIGN, VIEW

REGISTER_COLUMNS = [
    Column("received", gettext_lazy("Ngày đến"), sort="received"),
    Column("arrival", gettext_lazy("Số đến"), sort="arrival"),
    Column("issuer", gettext_lazy("Tác giả"), sort="issuer"),
    Column("notation", gettext_lazy("Số, ký hiệu")),
    Column("date", gettext_lazy("Ngày văn bản")),
    Column("summary", gettext_lazy("Tên loại và trích yếu")),
    Column("urgency", gettext_lazy("Độ khẩn")),
    Column("state", gettext_lazy("Trạng thái")),
]
REGISTER_SORTS = {"received": "received_on", "arrival": "arrival_number", "issuer": "issuer_name"}


def _errors_page(request, error: ValidationError, status: int = 400):
    return render(
        request, "errors/4xx.html",
        {"status": status, "title": _("Yêu cầu không hợp lệ"), "messages_list": error.messages}, status=status,
    )


def _apply(request, form, error: ValidationError) -> None:
    """Show a service's refusal beside the form."""
    for message in error.messages:
        form.add_error(None, message)


def _outgoing_action_page(request, document, form, *, title, button, intro):
    """The one-form page of a step on an outgoing document (sign, issue, recall); 400 with errors."""
    return render(request, "documents/outgoing_action.html", {
        "document": document, "form": form, "title": title, "button": button, "intro": intro,
    }, status=400 if form.errors else 200)


def _fmt(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


# --- incoming register -----------------------------------------------------------------------------
def _register_filters(request):
    units = selectors.register_units(request.user)
    form = forms.RegisterFilterForm(request.GET or None, units=units)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = selectors.RegisterFilters(
        unit=data.get("unit"), year=data.get("year"), date_from=data.get("date_from"), date_to=data.get("date_to"),
        issuer=(data.get("issuer") or "").strip(), doc_type=data.get("doc_type"), urgency=data.get("urgency") or "",
        state=data.get("state") or "", processing_unit=data.get("processing_unit"), text=(data.get("q") or "").strip(),
    )
    return form, filters


@access(VIEW)
def incoming_list(request):
    form, filters = _register_filters(request)
    qs = selectors.incoming_register(request.user, filters)
    table = paginate(request, qs, sort_fields=REGISTER_SORTS, default_sort="-received", per_page=25, columns=REGISTER_COLUMNS)
    return render(request, "documents/incoming_list.html", {
        "table": table, "form": form, "query": request.GET.urlencode(),
        "may_register": user_can(request.user, REGISTER),
    })


def _register_rows(request):
    _form, filters = _register_filters(request)
    qs = selectors.incoming_register(request.user, filters).prefetch_related("assignments__assignee_unit", "assignments__assignee_user")
    return qs.order_by("-received_on", "-arrival_number")[:10000]


def _receivers(document) -> str:
    return "; ".join(str(a.assignee) for a in document.assignments.all() if a.state != "cancelled")


def _receipts(document) -> str:
    return "; ".join(
        f"{a.assignee} {timezone.localtime(a.received_at):%d/%m/%Y %H:%M}" for a in document.assignments.all() if a.received_at
    )


REGISTER_EXPORT_COLUMNS = [
    gettext_lazy("Ngày đến"), gettext_lazy("Số đến"), gettext_lazy("Tác giả"), gettext_lazy("Số, ký hiệu"),
    gettext_lazy("Ngày văn bản"), gettext_lazy("Tên loại và trích yếu"), gettext_lazy("Đơn vị hoặc người nhận"),
    gettext_lazy("Ngày chuyển"), gettext_lazy("Ký nhận"), gettext_lazy("Ghi chú"),
]


def _register_export_row(d) -> list:
    return [
        d.received_on, d.arrival_number, d.issuer_name, d.notation, d.document_date,
        f"{d.doc_type.name}: {d.summary}", _receivers(d), d.forwarded_on, _receipts(d), d.note,
    ]


@access(VIEW)
def incoming_xlsx(request):
    rows = [_register_export_row(d) for d in _register_rows(request)]
    return files.xlsx_response(
        filename="so-van-ban-den.xlsx", title=_("Sổ đăng ký văn bản đến"),
        columns=[str(c) for c in REGISTER_EXPORT_COLUMNS], rows=rows,
        column_widths=[12, 8, 30, 16, 12, 60, 30, 12, 30, 20],
    )


@access(VIEW)
def incoming_pdf(request):
    documents = list(_register_rows(request))
    rows = [
        [_fmt(d.received_on), d.arrival_number, d.issuer_name, d.notation, _fmt(d.document_date),
         f"{d.doc_type.name}: {d.summary}", _receivers(d), _fmt(d.forwarded_on), _receipts(d), d.note]
        for d in documents
    ]
    return files.pdf_response(
        filename="so-van-ban-den.pdf", template="documents/print_register.html",
        context={"title": _("Sổ đăng ký văn bản đến"), "columns": REGISTER_EXPORT_COLUMNS, "rows": rows,
                 "printed_at": timezone.localtime()},
        request=request, landscape=True,
    )


@access(REGISTER)
@require_http_methods(["GET", "POST"])
def incoming_create(request):
    units = units_where(request.user, REGISTER).filter(active=True)
    form = forms.IncomingForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            stored = integrations.store_upload(d["file"], by=request.user) if d.get("file") else None
            document = services.incoming_register(
                by=request.user, unit=d["unit"], file=stored, request_key=d.get("request_key") or "",
                data=services.IncomingData(
                    received_on=d["received_on"], issuer_name=d.get("issuer_name") or "", issuer_unit=d.get("issuer_unit"),
                    doc_type=d["doc_type"], summary=d["summary"], notation=d.get("notation") or "",
                    document_date=d.get("document_date"), urgency=d["urgency"], secrecy=d["secrecy"], note=d.get("note") or "",
                ),
            )
        except ValidationError as error:
            _apply(request, form, error)
        else:
            messages.success(request, _("Đã vào sổ văn bản đến số %(n)s.") % {"n": document.arrival_label})
            return redirect(document)
    return render(request, "documents/incoming_form.html", {"form": form}, status=400 if form.errors else 200)


def _signature_report(stored):
    try:
        return integrations.validation_report(stored)
    except Exception:  # noqa: BLE001 - a broken report must never hide the document itself
        return None


@access(VIEW)
def incoming_detail(request, pk: int):
    document = selectors.incoming_get(request.user, pk, request=request)
    assignments = selectors.assignments_of(document)
    mine = selectors.my_assignments(request.user, document)
    deadline = workcalendar.deadlines_for(document).first()
    days_left = None
    if document.due_on and document.state not in (IncomingState.COMPLETED, IncomingState.RECALLED):
        days_left = workcalendar.working_days_between(timezone.localdate(), document.due_on)
    context = {
        "document": document,
        "assignments": assignments,
        "mine": mine,
        "deadline": deadline,
        "days_left": days_left,
        "report": _signature_report(document.file),
        "may_present": not document.presented and user_can(request.user, REGISTER, document.unit),
        "may_direct": document.state in (IncomingState.REGISTERED, IncomingState.DIRECTED, IncomingState.READ_ONLY)
        and document.presented and user_can(request.user, DIRECT, document.unit),
        "may_forward": document.state != IncomingState.RECALLED
        and (user_can(request.user, REGISTER, document.unit) or user_can(request.user, DIRECT, document.unit)),
        "complete_form": forms.CompleteForm(),
        "task_url": integrations.task_create_url(source=document, user=request.user),
        "PROCESS": AssignmentKind.PROCESS,
    }
    return render(request, "documents/incoming_detail.html", context)


@access(VIEW)
def incoming_file(request, pk: int):
    document = selectors.incoming_get(request.user, pk, request=request)
    stored = document.result_file if request.GET.get("result") else document.file
    if stored is None:
        raise Http404
    return files.response(stored, inline=request.GET.get("inline") == "1")


@access(REGISTER)
@require_POST
def incoming_present(request, pk: int):
    document = selectors.incoming_get(request.user, pk, request=request)
    services.incoming_present(by=request.user, document=document)
    messages.success(request, _("Đã trình văn bản cho lãnh đạo đơn vị."))
    return redirect(document)


@access(DIRECT)
@require_http_methods(["GET", "POST"])
def incoming_direct(request, pk: int):
    document = selectors.incoming_get(request.user, pk, request=request)
    form = forms.DirectForm(request.POST or None, document=document)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        assignments = (
            [services.AssignmentData(AssignmentKind.PROCESS, unit=u, due_on=d["due_on"]) for u in d["process_units"]]
            + [services.AssignmentData(AssignmentKind.PROCESS, user=u, due_on=d["due_on"]) for u in d["process_users"]]
            + [services.AssignmentData(AssignmentKind.READ, unit=u) for u in d["read_units"]]
            + [services.AssignmentData(AssignmentKind.READ, user=u) for u in d["read_users"]]
        )
        try:
            services.incoming_direct(by=request.user, document=document, direction=d["direction"], assignments=assignments)
        except ValidationError as error:
            _apply(request, form, error)
        else:
            messages.success(request, _("Đã ghi ý kiến chỉ đạo và chuyển văn bản."))
            return redirect(document)
    return render(request, "documents/incoming_direct.html", {"document": document, "form": form},
                  status=400 if form.errors else 200)


@access(VIEW)
@require_POST
def assignment_confirm(request, pk: int):
    assignment = selectors.assignment_get(request.user, pk)
    services.assignment_confirm(by=request.user, assignment=assignment)
    messages.success(request, _("Đã ký nhận văn bản."))
    return redirect(assignment.document)


@access(PROCESS)
@require_http_methods(["GET", "POST"])
def assignment_complete(request, pk: int):
    assignment = selectors.assignment_get(request.user, pk)
    form = forms.CompleteForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = form.cleaned_data.get("result_file")
            stored = integrations.store_upload(upload, by=request.user) if upload else None
            services.assignment_complete(by=request.user, assignment=assignment, result=form.cleaned_data["result"], result_file=stored)
        except ValidationError as error:
            _apply(request, form, error)
        else:
            messages.success(request, _("Đã báo cáo kết quả xử lý."))
            return redirect(assignment.document)
    return render(request, "documents/assignment_complete.html", {"assignment": assignment, "document": assignment.document, "form": form},
                  status=400 if form.errors else 200)


@access(any_of(can(REGISTER), can(DIRECT)))
@require_http_methods(["GET", "POST"])
def incoming_forward(request, pk: int):
    document = selectors.incoming_get(request.user, pk, request=request)
    form = forms.ForwardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.incoming_forward(by=request.user, document=document, unit=form.cleaned_data["unit"], note=form.cleaned_data["note"])
        except ValidationError as error:
            _apply(request, form, error)
        else:
            messages.success(request, _("Đã chuyển văn bản đến %(unit)s.") % {"unit": form.cleaned_data["unit"]})
            return redirect(document)
    return render(request, "documents/incoming_forward.html", {"document": document, "form": form},
                  status=400 if form.errors else 200)


# --- outgoing -------------------------------------------------------------------------------------
OUTGOING_COLUMNS = [
    Column("notation", gettext_lazy("Số, ký hiệu"), sort="notation"),
    Column("date", gettext_lazy("Ngày"), sort="date"),
    Column("summary", gettext_lazy("Tên loại và trích yếu")),
    Column("signer", gettext_lazy("Người ký")),
    Column("unit", gettext_lazy("Đơn vị soạn thảo")),
    Column("state", gettext_lazy("Trạng thái"), sort="state"),
]


@access(VIEW)
def outgoing_list(request):
    form, filters = _outgoing_filters(request)
    qs = selectors.outgoing_list(request.user, **filters)
    table = paginate(request, qs, sort_fields={"notation": "notation", "date": "created_at", "state": "state"},
                     default_sort="-date", per_page=25, columns=OUTGOING_COLUMNS)
    return render(request, "documents/outgoing_list.html", {
        "table": table, "form": form, "may_draft": user_can(request.user, DRAFT), "query": request.GET.urlencode(),
    })


def _outgoing_filters(request) -> tuple[forms.OutgoingFilterForm, dict]:
    form = forms.OutgoingFilterForm(request.GET or None)
    d = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, {"state": d.get("state") or "", "year": d.get("year"), "text": (d.get("q") or "").strip()}


OUTGOING_REGISTER_COLUMNS = [
    gettext_lazy("Số, ký hiệu"), gettext_lazy("Ngày tháng"), gettext_lazy("Tên loại và trích yếu"),
    gettext_lazy("Người ký"), gettext_lazy("Nơi nhận"), gettext_lazy("Đơn vị, người nhận bản lưu"),
    gettext_lazy("Số lượng bản"), gettext_lazy("Ngày chuyển"), gettext_lazy("Ký nhận"), gettext_lazy("Ghi chú"),
]


def _outgoing_register_rows(request, *, as_text: bool) -> list[list]:
    """Sổ đăng ký văn bản đi: issued (and recalled) documents only, in number order."""
    _form, filters = _outgoing_filters(request)
    documents = (
        selectors.outgoing_list(request.user, **filters)
        .filter(state__in=[OutgoingState.ISSUED, OutgoingState.RECALLED])
        .prefetch_related("recipients")
        .order_by("issued_on", "issuer_id", "number")[:10000]
    )
    day = _fmt if as_text else (lambda value: value)
    rows = []
    for d in documents:
        recipients = list(d.recipients.all())
        receipts = "; ".join(
            f"{r} {timezone.localtime(r.sent_at):%d/%m/%Y %H:%M}" for r in recipients if r.sent_at
        )
        note = d.note
        if d.state == OutgoingState.RECALLED:
            note = (_("Đã thu hồi: %(reason)s") % {"reason": d.recall_reason} + (f"; {note}" if note else ""))
        rows.append([
            d.notation, day(d.issued_on), f"{d.doc_type.name}: {d.summary}",
            d.signer.get_full_name() if d.signer else "", "; ".join(str(r) for r in recipients),
            str(d.unit), d.copies, day(d.issued_on), receipts, note,
        ])
    return rows


@access(VIEW)
def outgoing_xlsx(request):
    return files.xlsx_response(
        filename="so-van-ban-di.xlsx", title=_("Sổ đăng ký văn bản đi"),
        columns=[str(c) for c in OUTGOING_REGISTER_COLUMNS], rows=_outgoing_register_rows(request, as_text=False),
        column_widths=[18, 12, 60, 24, 40, 24, 8, 12, 30, 24],
    )


@access(VIEW)
def outgoing_pdf(request):
    return files.pdf_response(
        filename="so-van-ban-di.pdf", template="documents/print_register.html",
        context={"title": _("Sổ đăng ký văn bản đi"), "columns": OUTGOING_REGISTER_COLUMNS,
                 "rows": _outgoing_register_rows(request, as_text=True), "printed_at": timezone.localtime()},
        request=request, landscape=True,
    )


def _issuer_choices(user):
    """The bodies the person's drafting units may issue for (see services.issuer_allowed)."""
    units = list(units_where(user, DRAFT).filter(active=True))
    ids = set()
    for unit in units:
        ids |= {int(p) for p in unit.path.strip("/").split("/") if p}
    served = OrgUnit.objects.filter(kind__in=services.SERVED_BY_SECRETARIAT, active=True)
    if any(u.ancestors().filter(kind="secretariat").exists() for u in units):
        ids |= set(served.values_list("pk", flat=True))
    return OrgUnit.objects.filter(pk__in=ids, active=True).order_by("path")


@access(DRAFT)
@require_http_methods(["GET", "POST"])
def outgoing_create(request):
    units = units_where(request.user, DRAFT).filter(active=True)
    form = forms.OutgoingForm(request.POST or None, request.FILES or None, units=units, issuers=_issuer_choices(request.user))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            stored = integrations.store_upload(d["file"], by=request.user, kinds=integrations.DRAFT_KINDS)
            document = services.outgoing_create(
                by=request.user, unit=d["unit"], issuer=d["issuer"], doc_type=d["doc_type"], summary=d["summary"],
                file=stored, note=d.get("note") or "", urgency=d["urgency"], secrecy=d["secrecy"],
                request_key=d.get("request_key") or "",
            )
        except ValidationError as error:
            _apply(request, form, error)
        else:
            messages.success(request, _("Đã tạo dự thảo."))
            return redirect(document)
    return render(request, "documents/outgoing_form.html", {"form": form}, status=400 if form.errors else 200)


def _leaders_for(document):
    units = document.issuer.descendants() if document.unit.path.startswith(document.issuer.path) else document.unit.descendants()
    ancestors = list(document.unit.ancestors())
    return forms.people_with_role("leader", OrgUnit.objects.filter(pk__in=[u.pk for u in ancestors]) | units)


@access(VIEW)
def outgoing_detail(request, pk: int):
    document = selectors.outgoing_get(request.user, pk, request=request)
    user = request.user
    step = selectors.pending_review_step(document)
    editable = document.state in (OutgoingState.DRAFT, OutgoingState.RETURNED) and (
        document.created_by_id == user.pk or user_can(user, DRAFT, document.unit))
    shown_file = document.issued_file or document.signed_file
    context = {
        "document": document,
        "versions": selectors.versions_of(document),
        "comments": selectors.comments_of(document),
        "steps": selectors.review_steps_of(document),
        "recipients": selectors.recipients_of(document),
        "pending_step": step,
        "may_review": step is not None and step.reviewer_id == user.pk,
        "may_approve": document.state == OutgoingState.AWAITING_APPROVAL and document.signer_id == user.pk,
        "may_sign": document.state == OutgoingState.APPROVED and document.signer_id == user.pk,
        "may_issue": document.state == OutgoingState.SIGNED and (user_can(user, ISSUE, document.unit) or user_can(user, ISSUE, document.issuer)),
        "may_recall": document.state == OutgoingState.ISSUED and (user_can(user, ISSUE, document.unit) or user_can(user, ISSUE, document.issuer)),
        "editable": editable,
        "report": _signature_report(shown_file),
        "shown_file": shown_file,
        "version_form": forms.VersionForm(),
        "comment_form": forms.CommentForm(),
        "decision_form": forms.DecisionForm(),
        "submit_form": forms.SubmitForm(leaders=_leaders_for(document)) if editable else None,
    }
    return render(request, "documents/outgoing_detail.html", context)


@access(VIEW)
def outgoing_file(request, pk: int, which: str):
    document = selectors.outgoing_get(request.user, pk, request=request)
    if which == "issued":
        stored = document.issued_file
    elif which == "signed":
        stored = document.signed_file
    elif which.isdigit():
        version = document.versions.filter(number=int(which)).select_related("file").first()
        stored = version.file if version else None
    else:
        stored = None
    if stored is None:
        raise Http404
    return files.response(stored, inline=request.GET.get("inline") == "1")


@access(DRAFT)
@require_POST
def outgoing_version(request, pk: int):
    document = selectors.outgoing_get(request.user, pk, request=request)
    form = forms.VersionForm(request.POST, request.FILES)
    if not form.is_valid():
        return _errors_page(request, ValidationError([e for errs in form.errors.values() for e in errs]))
    stored = integrations.store_upload(form.cleaned_data["file"], by=request.user, kinds=integrations.DRAFT_KINDS)
    services.outgoing_add_version(by=request.user, document=document, file=stored, note=form.cleaned_data["note"])
    messages.success(request, _("Đã thêm phiên bản mới."))
    return redirect(document)


@access(VIEW)
@require_POST
def outgoing_comment(request, pk: int):
    document = selectors.outgoing_get(request.user, pk, request=request)
    form = forms.CommentForm(request.POST)
    if not form.is_valid():
        return _errors_page(request, ValidationError([e for errs in form.errors.values() for e in errs]))
    services.outgoing_comment(by=request.user, document=document, text=form.cleaned_data["text"])
    messages.success(request, _("Đã ghi góp ý."))
    return redirect(document)


@access(DRAFT)
@require_POST
def outgoing_submit(request, pk: int):
    document = selectors.outgoing_get(request.user, pk, request=request)
    form = forms.SubmitForm(request.POST, leaders=_leaders_for(document))
    if not form.is_valid():
        return _errors_page(request, ValidationError([e for errs in form.errors.values() for e in errs]))
    # Reviewers are taken in the order they were chosen.
    chosen = request.POST.getlist("reviewers")
    by_pk = {str(u.pk): u for u in form.cleaned_data["reviewers"]}
    reviewers = [by_pk[pk_] for pk_ in dict.fromkeys(chosen) if pk_ in by_pk]
    services.outgoing_submit(by=request.user, document=document, reviewers=reviewers, signer=form.cleaned_data["signer"])
    messages.success(request, _("Đã trình dự thảo."))
    return redirect(document)


@access(REVIEW)
@require_POST
def outgoing_review(request, pk: int):
    document = selectors.outgoing_get(request.user, pk, request=request)
    form = forms.DecisionForm(request.POST)
    if not form.is_valid():
        return _errors_page(request, ValidationError([e for errs in form.errors.values() for e in errs]))
    approve = form.cleaned_data["decision"] == "approve"
    services.outgoing_review(by=request.user, document=document, approve=approve, reason=form.cleaned_data["reason"])
    messages.success(request, _("Đã ghi ý kiến thẩm định.") if approve else _("Đã trả lại dự thảo."))
    return redirect(document)


@access(SIGN)
@require_POST
def outgoing_approve(request, pk: int):
    document = selectors.outgoing_get(request.user, pk, request=request)
    form = forms.DecisionForm(request.POST)
    if not form.is_valid():
        return _errors_page(request, ValidationError([e for errs in form.errors.values() for e in errs]))
    approve = form.cleaned_data["decision"] == "approve"
    services.outgoing_approve(by=request.user, document=document, approve=approve, reason=form.cleaned_data["reason"])
    messages.success(request, _("Đã duyệt văn bản, chờ ký số.") if approve else _("Đã trả lại dự thảo."))
    return redirect(document)


@access(SIGN)
@require_http_methods(["GET", "POST"])
def outgoing_sign(request, pk: int):
    document = selectors.outgoing_get(request.user, pk, request=request)
    form = forms.SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.outgoing_sign(by=request.user, document=document, secret=form.cleaned_data["secret"])
        except ValidationError as error:
            _apply(request, form, error)
        else:
            messages.success(request, _("Đã ký số văn bản."))
            return redirect(document)
    return _outgoing_action_page(request, document, form, title=_("Ký số văn bản"), button=_("Ký số"),
                                 intro=_("Chữ ký số cá nhân của bạn được đặt vào phiên bản cuối của dự thảo."))


@access(ISSUE)
@require_http_methods(["GET", "POST"])
def outgoing_issue(request, pk: int):
    document = selectors.outgoing_get(request.user, pk, request=request)
    form = forms.IssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        recipients = [services.RecipientData(unit=u) for u in d["recipient_units"]] + [
            services.RecipientData(email=e) for e in d["emails"]
        ]
        try:
            services.outgoing_issue(by=request.user, document=document, recipients=recipients,
                                    seal_secret=d["seal_secret"], copies=d["copies"])
        except ValidationError as error:
            _apply(request, form, error)
        else:
            document.refresh_from_db()
            messages.success(request, _("Đã phát hành văn bản số %(notation)s.") % {"notation": document.notation})
            return redirect(document)
    return _outgoing_action_page(request, document, form, title=_("Phát hành văn bản"), button=_("Cấp số và phát hành"),
                                 intro=_("Số văn bản được cấp khi phát hành; chữ ký số của cơ quan kèm dòng số, ký hiệu và thời gian được đặt lên văn bản."))


@access(ISSUE)
@require_http_methods(["GET", "POST"])
def outgoing_recall(request, pk: int):
    document = selectors.outgoing_get(request.user, pk, request=request)
    form = forms.RecallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.outgoing_recall(by=request.user, document=document, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _apply(request, form, error)
        else:
            messages.success(request, _("Đã thu hồi văn bản."))
            return redirect(document)
    return _outgoing_action_page(request, document, form, title=_("Thu hồi văn bản"), button=_("Thu hồi"),
                                 intro=_("Nơi nhận được thông báo; bản văn bản đến của họ được đánh dấu bị thu hồi. Số văn bản không được dùng lại."))


# --- signature validation of any PDF ----------------------------------------------------------------
@access(VIEW)
@require_http_methods(["GET", "POST"])
def validate(request):
    form = forms.ValidateForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        upload.seek(0)
        from dieuhanh.platform import signing

        report = signing.validate_pdf(upload.read())
    return render(request, "documents/validate.html", {"form": form, "report": report}, status=400 if form.errors else 200)


# --- resolutions database ---------------------------------------------------------------------------
RECORD_COLUMNS = [
    Column("notation", gettext_lazy("Số, ký hiệu"), sort="notation"),
    Column("signed", gettext_lazy("Ngày ký"), sort="signed"),
    Column("type", gettext_lazy("Loại")),
    Column("summary", gettext_lazy("Trích yếu")),
    Column("issuer", gettext_lazy("Cơ quan ban hành")),
    Column("field", gettext_lazy("Lĩnh vực")),
    Column("status", gettext_lazy("Tình trạng"), sort="status"),
]


@access(VIEW)
def record_list(request):
    form = forms.RecordFilterForm(request.GET or None)
    d = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = selectors.RecordFilters(
        number=(d.get("number") or "").strip(), doc_type=d.get("doc_type"), issuer=d.get("issuer"),
        date_from=d.get("date_from"), date_to=d.get("date_to"), field=d.get("field"), status=d.get("status") or "",
        text=(d.get("q") or "").strip(),
    )
    table = paginate(request, selectors.records_search(request.user, filters),
                     sort_fields={"notation": "number", "signed": "signed_on", "status": "status"},
                     default_sort="-signed", per_page=25, columns=RECORD_COLUMNS)
    return render(request, "documents/record_list.html", {"table": table, "form": form,
                                                          "may_manage": user_can(request.user, RECORDS_MANAGE)})


@access(RECORDS_MANAGE)
@require_http_methods(["GET", "POST"])
def record_create(request):
    issuers = units_where(request.user, RECORDS_MANAGE).filter(active=True)
    form = forms.RecordForm(request.POST or None, request.FILES or None, issuers=issuers)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            stored = integrations.store_upload(d["file"], by=request.user, kinds=("pdf", "docx")) if d.get("file") else None
            record = services.record_create(
                by=request.user, issuer=d["issuer"], doc_type=d["doc_type"], notation=d["notation"], signed_on=d["signed_on"],
                effective_on=d.get("effective_on"), field=d.get("field"), status=d["status"], summary=d["summary"],
                signer_name=d.get("signer_name") or "", file=stored, is_public=d.get("is_public") or False,
            )
        except ValidationError as error:
            _apply(request, form, error)
        else:
            messages.success(request, _("Đã đưa văn bản vào cơ sở dữ liệu."))
            return redirect(record)
    return render(request, "documents/record_form.html", {"form": form}, status=400 if form.errors else 200)


@access(VIEW)
def record_detail(request, pk: int):
    record = selectors.record_get(request.user, pk)
    out, into = selectors.record_relations(record)
    may_manage = user_can(request.user, RECORDS_MANAGE, record.issuer)
    context = {
        "record": record, "relations_out": out, "relations_in": into, "may_manage": may_manage,
        "report": _signature_report(record.file),
        "task_url": integrations.task_create_url(source=record, user=request.user),
    }
    if may_manage:
        context["relation_form"] = forms.RelationForm(targets=selectors.records_visible(request.user).exclude(pk=record.pk))
        context["update_form"] = forms.RecordUpdateForm(initial={"status": record.status, "field": record.field_id, "is_public": record.is_public})
    return render(request, "documents/record_detail.html", context)


@access(VIEW)
def record_file(request, pk: int):
    record = selectors.record_get(request.user, pk)
    if record.file is None:
        raise Http404
    return files.response(record.file, inline=request.GET.get("inline") == "1")


@access(RECORDS_MANAGE)
@require_POST
def record_update(request, pk: int):
    record = selectors.record_get(request.user, pk)
    form = forms.RecordUpdateForm(request.POST)
    if not form.is_valid():
        return _errors_page(request, ValidationError([e for errs in form.errors.values() for e in errs]))
    d = form.cleaned_data
    services.record_update(by=request.user, record=record, status=d["status"], field=d.get("field"), is_public=d["is_public"])
    messages.success(request, _("Đã cập nhật."))
    return redirect(record)


@access(RECORDS_MANAGE)
@require_POST
def record_relate(request, pk: int):
    record = selectors.record_get(request.user, pk)
    form = forms.RelationForm(request.POST, targets=selectors.records_visible(request.user).exclude(pk=record.pk))
    if not form.is_valid():
        return _errors_page(request, ValidationError([e for errs in form.errors.values() for e in errs]))
    services.record_relate(by=request.user, source=record, target=form.cleaned_data["target"], kind=form.cleaned_data["kind"])
    messages.success(request, _("Đã thêm liên kết."))
    return redirect(record)

