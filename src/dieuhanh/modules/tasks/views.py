"""Pages of the tasks module. Thin: parse input, call a selector or a service, render."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from dieuhanh.platform import files
from dieuhanh.platform.orgs.models import OrgUnit
from dieuhanh.platform.permissions.access import access, any_of, can
from dieuhanh.platform.permissions.checks import user_can
from dieuhanh.platform.ui.tables import Column, paginate

from . import api, reports, selectors, services
from .forms import (
    CompleteForm,
    DecisionForm,
    ExtensionForm,
    FilterForm,
    LeadPersonForm,
    NoteForm,
    ProgressForm,
    ReasonForm,
    ResumeForm,
    TaskForm,
)
from .models import Extension, Status, Supervision, Task, TaskState
from .module import ASSIGN, CREATE_OWN, SUPERVISE, VIEW, VIEW_UNIT

COLUMNS = [
    Column("title", gettext_lazy("Nhiệm vụ"), sort="title"),
    Column("lead", gettext_lazy("Chủ trì")),
    Column("assigned", gettext_lazy("Ngày giao"), sort="assigned"),
    Column("due", gettext_lazy("Hạn"), sort="due"),
    Column("status", gettext_lazy("Tình trạng")),
    Column("progress", gettext_lazy("Tiến độ"), sort="progress"),
]
SORT_FIELDS = {"title": "title", "assigned": "assigned_on", "due": "due_date", "progress": "progress"}
LISTS = {
    "mine": gettext_lazy("Nhiệm vụ của tôi"),
    "assigned": gettext_lazy("Nhiệm vụ tôi đã giao"),
    "unit": gettext_lazy("Nhiệm vụ của đơn vị"),
}
may_create = any_of(can(ASSIGN), can(CREATE_OWN))
may_dashboard = any_of(can(VIEW_UNIT), can(SUPERVISE))


def _bad_request(request, errors):
    return render(request, "errors/4xx.html",
                  {"status": 400, "title": _("Yêu cầu không hợp lệ"), "messages_list": errors}, status=400)


# --- lists --------------------------------------------------------------------------------------
def _chosen_unit(request) -> OrgUnit | None:
    """The unit of a unit page (?unit=), among those the person may open; 404 otherwise."""
    allowed = selectors.dashboard_units(request.user)
    raw = request.GET.get("unit")
    if raw:
        if not raw.isdigit():
            raise Http404
        unit = allowed.filter(pk=int(raw)).first()
        if unit is None:
            raise Http404
        return unit
    return selectors.default_dashboard_unit(request.user)


def _list_source(request, kind: str):
    if kind == "assigned":
        return selectors.assigned_by(request.user), None
    if kind == "unit":
        unit = _chosen_unit(request)
        if unit is None:
            return Task.objects.none(), None
        return selectors.unit_tasks(unit).select_related(*selectors.LIST_RELATED), unit
    return selectors.my_tasks(request.user), None


def _list(request, kind: str):
    tasks, unit = _list_source(request, kind)
    form = FilterForm(request.GET or None)
    today = timezone.localdate()
    tasks = selectors.filter_tasks(tasks, **form.filters(), on=today)
    table = paginate(request, tasks, sort_fields=SORT_FIELDS, default_sort="due", columns=COLUMNS)
    for task in table.object_list:
        task.reported = Status(task.status(today))
    return render(request, "tasks/list.html", {
        "table": table, "form": form, "kind": kind, "title": LISTS[kind], "unit": unit,
        "units": selectors.dashboard_units(request.user).order_by("path") if kind == "unit" else None,
        "lists": LISTS, "may_create": may_create.allows(request.user),
        "may_unit": user_can(request.user, VIEW_UNIT), "query": request.GET.urlencode(),
    })


@access(VIEW)
def mine(request):
    return _list(request, "mine")


@access(VIEW)
def assigned(request):
    return _list(request, "assigned")


@access(VIEW_UNIT)
def unit_list(request):
    return _list(request, "unit")


# --- creating ------------------------------------------------------------------------------------
@access(may_create)
@require_http_methods(["GET", "POST"])
def create(request):
    user = request.user
    parent = None
    raw_parent = request.GET.get("parent") or request.POST.get("parent")
    if raw_parent:
        if not str(raw_parent).isdigit():
            raise Http404
        try:
            parent = selectors.task_for(user, int(raw_parent))
        except Task.DoesNotExist:
            raise Http404 from None
        if not selectors.may_split(user, parent):
            return _bad_request(request, [_("Bạn không được chia nhiệm vụ này thành nhiệm vụ con.")])
    token = request.GET.get("source") or request.POST.get("source") or ""
    source = api.source_from_token(token, user=user) if token else None
    if token and source is None:
        return _bad_request(request, [_("Liên kết giao nhiệm vụ đã hết hạn hoặc không hợp lệ. Hãy mở lại từ trang gốc.")])
    personal_only = not user_can(user, ASSIGN) and parent is None
    form = TaskForm(request.POST or None, user=user, personal_only=personal_only,
                    initial={"source": token, "lead_user": user.pk if personal_only else None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = services.task_create(
                by=user, title=data["title"], description=data["description"],
                lead_unit=data.get("lead_unit"), lead_user=data.get("lead_user"),
                cooperating_units=data.get("cooperating_units") or (),
                cooperating_users=data.get("cooperating_users") or (),
                due_date=data.get("due_date"), due_rule=data.get("due_rule", ""),
                priority=data["priority"], source=source, parent=parent,
                submission_key=data.get("submission_key") or "",
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Đã giao nhiệm vụ."))
            return redirect(task)
    status = 400 if request.method == "POST" else 200
    return render(request, "tasks/form.html",
                  {"form": form, "parent": parent, "source": source, "source_token": token}, status=status)


# --- one task ------------------------------------------------------------------------------------
def _task_or_404(request, pk: int) -> Task:
    try:
        return selectors.task_for(request.user, pk)
    except Task.DoesNotExist:
        raise Http404 from None


def _detail(request, task: Task, *, forms=None, status: int = 200):
    user = request.user
    perms = selectors.permissions_on(user, task)
    pending = selectors.pending_extension(task)
    forms = forms or {}
    context = {
        "task": task,
        "rights": perms,
        "status_value": Status(task.status()),
        "timeline": selectors.timeline(task),
        "reports": selectors.reports_of(task).prefetch_related("files"),
        "extensions": selectors.extensions_of(task),
        "pending_extension": pending,
        "subtasks": selectors.subtasks_of(user, task),
        "cooperating_units": task.cooperating_units.all(),
        "cooperating_users": task.cooperating_users.all(),
        "working": task.state in (TaskState.ASSIGNED, TaskState.IN_PROGRESS, TaskState.RETURNED),
        "progress_form": forms.get("progress") or ProgressForm(prefix="progress"),
        "extension_form": forms.get("extension") or ExtensionForm(prefix="extension"),
        "decision_form": forms.get("decision") or DecisionForm(prefix="decision"),
        "complete_form": forms.get("complete") or CompleteForm(prefix="complete"),
        "confirm_form": forms.get("confirm") or NoteForm(prefix="confirm"),
        "return_form": forms.get("return") or ReasonForm(prefix="return"),
        "suspend_form": forms.get("suspend") or ReasonForm(prefix="suspend"),
        "cancel_form": forms.get("cancel") or ReasonForm(prefix="cancel"),
        "resume_form": forms.get("resume") or ResumeForm(prefix="resume"),
        "lead_person_form": forms.get("lead_person") or (
            LeadPersonForm(unit=task.lead_unit, prefix="lead") if task.lead_unit_id else None),
        "may_assign_person": task.lead_unit_id is not None and (
            user_can(user, ASSIGN, task.lead_unit) or perms.decide),
    }
    return render(request, "tasks/detail.html", context, status=status)


@access(VIEW)
def detail(request, pk: int):
    return _detail(request, _task_or_404(request, pk))


def _act(request, pk: int, *, name: str, form_class, call, success: str, form_kwargs=None):
    """Run one action posted from the task page: 400 with the page and inline errors if the
    input or the rule says no, else back to the page with a toast."""
    task = _task_or_404(request, pk)
    form = form_class(request.POST, request.FILES, **(form_kwargs or {}))
    if form.is_valid():
        try:
            call(task, form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, success)
            return redirect(task)
    task = _task_or_404(request, pk)
    return _detail(request, task, forms={name: form}, status=400)


@access(VIEW)
@require_POST
def progress(request, pk: int):
    def call(task, data):
        services.progress_report(by=request.user, task=task, percent=data["percent"], text=data["text"],
                                 submission_key=data.get("submission_key") or "",
                                 attachments=[data["attachment"]] if data.get("attachment") else ())

    return _act(request, pk, name="progress", form_class=ProgressForm, call=call, form_kwargs={"prefix": "progress"},
                success=_("Đã gửi báo cáo tiến độ."))


@access(VIEW)
@require_POST
def extension(request, pk: int):
    return _act(request, pk, name="extension", form_class=ExtensionForm, form_kwargs={"prefix": "extension"},
                call=lambda task, d: services.extension_request(
                    by=request.user, task=task, requested_date=d["requested_date"], reason=d["reason"]),
                success=_("Đã gửi đề nghị gia hạn."))


@access(VIEW)
@require_POST
def extension_decide(request, pk: int, extension_pk: int):
    def call(task, data):
        ext = get_object_or_404(Extension, pk=extension_pk, task=task)
        services.extension_decide(by=request.user, extension=ext, approve=data["decision"] == "approve",
                                  note=data.get("note") or "")

    return _act(request, pk, name="decision", form_class=DecisionForm, call=call, form_kwargs={"prefix": "decision"},
                success=_("Đã quyết định đề nghị gia hạn."))


@access(VIEW)
@require_POST
def complete(request, pk: int):
    return _act(request, pk, name="complete", form_class=CompleteForm, form_kwargs={"prefix": "complete"},
                call=lambda task, d: services.completion_report(
                    by=request.user, task=task, text=d["text"], completed_on=d.get("completed_on")),
                success=_("Đã báo cáo hoàn thành."))


@access(VIEW)
@require_POST
def confirm(request, pk: int):
    return _act(request, pk, name="confirm", form_class=NoteForm, form_kwargs={"prefix": "confirm"},
                call=lambda task, d: services.task_confirm(by=request.user, task=task, note=d.get("note") or ""),
                success=_("Đã xác nhận hoàn thành."))


@access(VIEW)
@require_POST
def return_(request, pk: int):
    return _act(request, pk, name="return", form_class=ReasonForm, form_kwargs={"prefix": "return"},
                call=lambda task, d: services.task_return(by=request.user, task=task, reason=d["reason"]),
                success=_("Đã trả lại nhiệm vụ."))


@access(VIEW)
@require_POST
def suspend(request, pk: int):
    return _act(request, pk, name="suspend", form_class=ReasonForm, form_kwargs={"prefix": "suspend"},
                call=lambda task, d: services.task_suspend(by=request.user, task=task, reason=d["reason"]),
                success=_("Đã tạm dừng nhiệm vụ."))


@access(VIEW)
@require_POST
def resume(request, pk: int):
    return _act(request, pk, name="resume", form_class=ResumeForm, form_kwargs={"prefix": "resume"},
                call=lambda task, d: services.task_resume(by=request.user, task=task, due_date=d.get("due_date")),
                success=_("Nhiệm vụ được tiếp tục thực hiện."))


@access(VIEW)
@require_POST
def cancel(request, pk: int):
    return _act(request, pk, name="cancel", form_class=ReasonForm, form_kwargs={"prefix": "cancel"},
                call=lambda task, d: services.task_cancel(by=request.user, task=task, reason=d["reason"]),
                success=_("Đã hủy nhiệm vụ."))


@access(VIEW)
@require_POST
def lead_person(request, pk: int):
    task = _task_or_404(request, pk)
    if task.lead_unit_id is None:
        return _bad_request(request, [_("Nhiệm vụ giao trực tiếp cho cá nhân, không cần phân công.")])
    return _act(request, pk, name="lead_person", form_class=LeadPersonForm, form_kwargs={"unit": task.lead_unit, "prefix": "lead"},
                call=lambda t, d: services.task_lead_person_assign(by=request.user, task=t, person=d["person"]),
                success=_("Đã phân công người chủ trì."))


@access(VIEW)
def attachment(request, pk: int, file_pk: int):
    task = _task_or_404(request, pk)
    stored = reports.attachment_of(task, file_pk)
    if stored is None:
        raise Http404
    return files.response(stored)


# --- calendar -------------------------------------------------------------------------------------
def _month(request) -> tuple[int, int] | None:
    raw = request.GET.get("month") or ""
    today = timezone.localdate()
    if not raw:
        return today.year, today.month
    try:
        year, month = (int(p) for p in raw.split("-"))
        dt.date(year, month, 1)
    except (TypeError, ValueError):
        return None
    if not 1900 <= year <= 2200:
        return None
    return year, month


@access(VIEW)
def calendar(request):
    parsed = _month(request)
    if parsed is None:
        return _bad_request(request, [_("Tháng không hợp lệ; hãy dùng dạng năm-tháng, ví dụ 2026-09.")])
    year, month = parsed
    kind = request.GET.get("list") or "mine"
    if kind not in LISTS or (kind == "unit" and not user_can(request.user, VIEW_UNIT)):
        return _bad_request(request, [_("Không có danh sách nhiệm vụ này.")])
    tasks, unit = _list_source(request, kind)
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    start, end = weeks[0][0], weeks[-1][-1]
    today = timezone.localdate()
    by_day: dict[dt.date, list] = {}
    for task in selectors.calendar_tasks(tasks, start, end)[:2000]:
        task.reported = Status(task.status(today))
        by_day.setdefault(task.due_date, []).append(task)
    first = dt.date(year, month, 1)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    grid = [[{"day": d, "in_month": d.month == month, "today": d == today, "tasks": by_day.get(d, [])}
             for d in week] for week in weeks]
    return render(request, "tasks/calendar.html", {
        "grid": grid, "first": first, "previous": previous, "following": following, "kind": kind,
        "unit": unit, "lists": LISTS, "may_unit": user_can(request.user, VIEW_UNIT),
        "weekdays": [_("Thứ Hai"), _("Thứ Ba"), _("Thứ Tư"), _("Thứ Năm"), _("Thứ Sáu"), _("Thứ Bảy"), _("Chủ Nhật")],
    })


# --- dashboard ------------------------------------------------------------------------------------
@access(may_dashboard)
def dashboard(request):
    unit = _chosen_unit(request)
    if unit is None:
        raise Http404
    context = reports.dashboard_context(unit, today=timezone.localdate())
    context["units"] = selectors.dashboard_units(request.user).order_by("path")
    return render(request, "tasks/dashboard.html", context)


@access(VIEW)
def export_xlsx(request):
    kind = request.GET.get("list") or "mine"
    if kind not in LISTS or (kind == "unit" and not user_can(request.user, VIEW_UNIT)):
        return _bad_request(request, [_("Không có danh sách nhiệm vụ này.")])
    tasks, unit = _list_source(request, kind)
    form = FilterForm(request.GET or None)
    if request.GET and not form.is_valid() and any(k in request.GET for k in form.fields):
        return _bad_request(request, [m for errors in form.errors.values() for m in errors])
    tasks = selectors.filter_tasks(tasks, **form.filters()).order_by("due_date", "pk")
    return reports.xlsx(tasks, title=str(LISTS[kind]) + (f" – {unit}" if unit else ""))


@access(may_dashboard)
def report_docx(request):
    unit = _chosen_unit(request)
    if unit is None:
        raise Http404
    return reports.unit_report_docx(unit, today=timezone.localdate())


# --- supervision ---------------------------------------------------------------------------------
@access(SUPERVISE)
def supervisions(request):
    qs = selectors.supervisions_for(request.user)
    table = paginate(request, qs, sort_fields={"created": "created_at", "title": "title"}, default_sort="-created",
                     columns=[Column("title", gettext_lazy("Nội dung giám sát"), sort="title"),
                              Column("unit", gettext_lazy("Đơn vị giám sát")),
                              Column("tasks", gettext_lazy("Số nhiệm vụ")),
                              Column("created", gettext_lazy("Ngày tạo"), sort="created")])
    return render(request, "tasks/supervisions.html", {"table": table})


@access(SUPERVISE)
def supervision_detail(request, pk: int):
    supervision = get_object_or_404(Supervision.objects.select_related("unit", "created_by"), pk=pk)
    if not selectors.supervision_visible(request.user, supervision):
        raise Http404
    tasks = selectors.tasks_for_supervision(request.user, supervision)
    context = reports.supervision_context(supervision, tasks, today=timezone.localdate())
    return render(request, "tasks/supervision.html", context)

