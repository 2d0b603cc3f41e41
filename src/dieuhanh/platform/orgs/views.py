"""Screens of organisations and people. Thin: parse, call a selector or a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from dieuhanh.platform.permissions.access import access
from dieuhanh.platform.permissions.checks import user_can
from dieuhanh.platform.permissions.roles import is_system_admin
from dieuhanh.platform.ui.errors import UserError
from dieuhanh.platform.ui.tables import Column, paginate

from . import forms, selectors, services
from .importing import XLSX_CONTENT_TYPE, people_template_workbook
from .models import COUNCIL_KINDS
from .module import MANAGE_PEOPLE, MANAGE_UNITS, VIEW_DIRECTORY


def _filters(form) -> dict:
    """Cleaned filter values; a bad filter is ignored (the form shows why)."""
    if form.is_bound and form.is_valid():
        return form.cleaned_data
    return {}


def _render(request, template: str, context: dict, status: int = 200):
    context.setdefault("can_manage_people_anywhere", user_can(request.user, MANAGE_PEOPLE))
    return render(request, template, context, status=status)


def _invalid(request, template: str, context: dict):
    """The same page with the errors, answered 400 so that clients see the input was refused."""
    return _render(request, template, context, status=400)


def _add_user_error(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def _submit(request, form, write, *, template: str, context: dict):
    """The flow every form page here shares: on a valid POST, `write(cleaned_data)` calls the
    service and returns the success response; a refused input re-renders the page with 400."""
    context = {"form": form, **context}
    if request.method != "POST":
        return _render(request, template, context)
    if form.is_valid():
        try:
            return write(form.cleaned_data)
        except UserError as error:
            _add_user_error(form, error)
    return _invalid(request, template, context)


def _saved(request, message: str, to: str, **kwargs):
    messages.success(request, message)
    return redirect(to, **kwargs)


# --- units -------------------------------------------------------------------------------------
@access(VIEW_DIRECTORY)
def index(request):
    return redirect("orgs:unit_list")


@access(VIEW_DIRECTORY)
def unit_list(request):
    form = forms.UnitFilterForm(request.GET or None)
    data = _filters(form)
    units = selectors.unit_list(user=request.user, q=data.get("q", ""), kind=data.get("kind", ""))
    table = paginate(
        request, units,
        sort_fields={"tree": "path", "name": "name", "kind": "kind", "members": "member_count"},
        default_sort="tree", per_page=50,
        columns=[
            Column("name", gettext_lazy("Tên đơn vị"), sort="name"),
            Column("code", gettext_lazy("Mã")),
            Column("kind", gettext_lazy("Loại"), sort="kind"),
            Column("parent", gettext_lazy("Đơn vị cấp trên")),
            Column("members", gettext_lazy("Số người"), sort="members"),
        ],
    )
    tree = table.sort.key == "tree" and not table.sort.descending and not data.get("q") and not data.get("kind")
    return _render(request, "orgs/unit_list.html", {
        "table": table, "filter_form": form, "tree": tree,
        "can_create": bool(selectors.structure_units(request.user).exists()),
    })


@access(VIEW_DIRECTORY)
def unit_detail(request, pk: int):
    unit = selectors.unit_get(user=request.user, pk=pk)
    members = selectors.unit_members(unit=unit)
    table = paginate(
        request, members,
        sort_fields={"name": "user__full_name", "role": "role", "title": "title"},
        default_sort="name", per_page=25,
        columns=[
            Column("name", gettext_lazy("Họ và tên"), sort="name"),
            Column("title", gettext_lazy("Chức vụ"), sort="title"),
            Column("role", gettext_lazy("Vai trò"), sort="role"),
            Column("email", gettext_lazy("Thư điện tử")),
        ],
    )
    return _render(request, "orgs/unit_detail.html", {
        "unit": unit,
        "ancestors": list(unit.ancestors(include_self=False)),
        "children": list(selectors.unit_children(unit=unit)),
        "table": table,
        "terms": list(selectors.term_list(user=request.user, council=unit)) if unit.kind in COUNCIL_KINDS else [],
        "can_manage_people": selectors.can_manage_unit(request.user, unit, MANAGE_PEOPLE),
        "can_manage_unit": selectors.can_manage_unit(request.user, unit, MANAGE_UNITS),
    })


@access(MANAGE_UNITS)
@require_http_methods(["GET", "POST"])
def unit_create(request):
    initial = {}
    parent_pk = request.GET.get("parent", "")
    if parent_pk.isdigit():
        initial["parent"] = parent_pk
    form = forms.UnitForm(request.POST or None, user=request.user, initial=initial)

    def write(data):
        unit = services.unit_create(actor=request.user, **data)
        return _saved(request, _("Đã tạo đơn vị %(name)s.") % {"name": unit.name}, "orgs:unit_detail", pk=unit.pk)

    return _submit(request, form, write, template="orgs/unit_form.html", context={"unit": None})


@access(MANAGE_UNITS)
@require_http_methods(["GET", "POST"])
def unit_update(request, pk: int):
    unit = selectors.unit_get(user=request.user, pk=pk)
    if not selectors.can_manage_unit(request.user, unit, MANAGE_UNITS):
        raise Http404
    initial = {
        "name": unit.name, "short_name": unit.short_name, "code": unit.code, "kind": unit.kind,
        "parent": unit.parent_id, "email": unit.email, "is_remote": unit.is_remote,
        "formed_from": unit.formed_from, "active": unit.active,
    }
    form = forms.UnitForm(request.POST or None, user=request.user, unit=unit, initial=initial)

    def write(data):
        services.unit_update(actor=request.user, unit=unit, **data)
        return _saved(request, _("Đã lưu đơn vị %(name)s.") % {"name": unit.name}, "orgs:unit_detail", pk=unit.pk)

    return _submit(request, form, write, template="orgs/unit_form.html", context={"unit": unit})


# --- people ------------------------------------------------------------------------------------
@access(MANAGE_PEOPLE)
def person_list(request):
    form = forms.PeopleFilterForm(request.GET or None)
    data = _filters(form)
    people = selectors.with_active_roles(
        selectors.people_list(user=request.user, q=data.get("q", ""), role=data.get("role", ""))
    )
    table = paginate(
        request, people,
        sort_fields={"name": "full_name", "username": "username", "email": "email"},
        default_sort="name", per_page=25,
        columns=[
            Column("name", gettext_lazy("Họ và tên"), sort="name"),
            Column("username", gettext_lazy("Tên đăng nhập"), sort="username"),
            Column("email", gettext_lazy("Thư điện tử"), sort="email"),
            Column("roles", gettext_lazy("Vai trò, đơn vị")),
            Column("state", gettext_lazy("Trạng thái")),
        ],
    )
    return _render(request, "orgs/person_list.html", {"table": table, "filter_form": form})


@access(MANAGE_PEOPLE)
def person_detail(request, pk: int):
    person = selectors.person_get_for_management(user=request.user, pk=pk)
    scope = set(selectors.manageable_units(request.user).values_list("pk", flat=True))
    memberships = list(selectors.person_memberships(person=person))
    today = timezone.localdate()
    for membership in memberships:
        membership.is_active_now = (membership.start_date is None or membership.start_date <= today) and (
            membership.end_date is None or membership.end_date >= today
        )
        membership.in_scope = membership.unit_id in scope
    return _render(request, "orgs/person_detail.html", {
        "person": person, "memberships": memberships,
        "outside_scope": any(m.is_active_now and not m.in_scope for m in memberships),
    })


@access(MANAGE_PEOPLE)
@require_http_methods(["GET", "POST"])
def person_create(request):
    initial = {}
    unit_pk = request.GET.get("unit", "")
    if unit_pk.isdigit():
        initial["unit"] = unit_pk
    form = forms.PersonCreateForm(request.POST or None, user=request.user, initial=initial)

    def write(data):
        person = services.person_create(actor=request.user, **data)
        return _saved(request, _("Đã thêm %(name)s.") % {"name": person}, "orgs:person_detail", pk=person.pk)

    return _submit(request, form, write, template="orgs/person_form.html", context={"person": None})


@access(MANAGE_PEOPLE)
@require_http_methods(["GET", "POST"])
def person_update(request, pk: int):
    person = selectors.person_get_for_management(user=request.user, pk=pk)
    initial = {"full_name": person.full_name, "email": person.email, "phone": person.phone,
               "is_active": person.is_active}
    form = forms.PersonUpdateForm(request.POST or None, initial=initial)

    def write(data):
        services.person_update(actor=request.user, person=person, **data)
        return _saved(request, _("Đã lưu thông tin của %(name)s.") % {"name": person}, "orgs:person_detail", pk=person.pk)

    return _submit(request, form, write, template="orgs/person_form.html", context={"person": person})


@access(MANAGE_PEOPLE)
@require_http_methods(["GET", "POST"])
def membership_grant(request, pk: int):
    person = selectors.person_get_for_management(user=request.user, pk=pk)
    form = forms.MembershipGrantForm(request.POST or None, user=request.user)

    def write(data):
        membership = services.membership_grant(actor=request.user, person=person, **data)
        message = _("Đã cấp vai trò %(role)s tại %(unit)s cho %(name)s.") % {
            "role": membership.get_role_display(), "unit": membership.unit, "name": person,
        }
        return _saved(request, message, "orgs:person_detail", pk=person.pk)

    return _submit(request, form, write, template="orgs/membership_form.html", context={"person": person})


@access(MANAGE_PEOPLE)
@require_http_methods(["GET", "POST"])
def membership_revoke(request, pk: int):
    membership = selectors.membership_get_for_management(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            services.membership_revoke(actor=request.user, membership=membership)
        except UserError as error:
            return _invalid(request, "orgs/membership_revoke.html", {"membership": membership, "errors": error.messages})
        messages.success(request, _("Đã thu hồi vai trò %(role)s tại %(unit)s của %(name)s.") % {
            "role": membership.get_role_display(), "unit": membership.unit, "name": membership.user,
        })
        return redirect("orgs:person_detail", pk=membership.user_id)
    return _render(request, "orgs/membership_revoke.html", {"membership": membership})


# --- the Excel import ------------------------------------------------------------------------
@access(MANAGE_PEOPLE)
@require_http_methods(["GET", "POST"])
def people_import(request):
    form = forms.PeopleImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "problems": None}
    if request.method == "POST":
        if form.is_valid():
            try:
                result = services.people_import(actor=request.user, file=form.cleaned_data["file"])
            except UserError as error:
                _add_user_error(form, error)
            else:
                if result.ok:
                    messages.success(request, _("Đã nhập %(count)s người.") % {"count": len(result.created)})
                    return redirect("orgs:person_list")
                context["problems"] = result.problems
        return _invalid(request, "orgs/people_import.html", context)
    return _render(request, "orgs/people_import.html", context)


@access(MANAGE_PEOPLE)
def people_import_template(request):
    content = people_template_workbook(units=selectors.manageable_units(request.user))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-can-bo.xlsx"'
    return response


# --- terms, constituencies, delegates -----------------------------------------------------------
@access(VIEW_DIRECTORY)
def term_list(request):
    terms = selectors.term_list(user=request.user)
    table = paginate(
        request, terms,
        sort_fields={"council": "council__path", "name": "name", "start": "start_date"},
        default_sort="council", per_page=25,
        columns=[
            Column("council", gettext_lazy("Hội đồng"), sort="council"),
            Column("name", gettext_lazy("Nhiệm kỳ"), sort="name"),
            Column("start", gettext_lazy("Thời gian"), sort="start"),
            Column("total", gettext_lazy("Tổng số đại biểu")),
            Column("constituencies", gettext_lazy("Đơn vị bầu cử")),
        ],
    )
    return _render(request, "orgs/term_list.html", {"table": table})


CONSTITUENCY_COLUMNS = [
    Column("number", gettext_lazy("Số"), sort="number"),
    Column("name", gettext_lazy("Tên đơn vị bầu cử"), sort="name"),
    Column("area", gettext_lazy("Địa bàn")),
    Column("seats", gettext_lazy("Số đại biểu được bầu")),
    Column("delegates", gettext_lazy("Số đại biểu")),
]


@access(VIEW_DIRECTORY)
def term_detail(request, pk: int):
    term = selectors.term_get(user=request.user, pk=pk)
    table = paginate(
        request, selectors.constituency_list(user=request.user, term=term),
        sort_fields={"number": "number", "name": "name"}, default_sort="number", per_page=50,
        columns=CONSTITUENCY_COLUMNS,
    )
    return _render(request, "orgs/term_detail.html", {"term": term, "table": table})


@access(VIEW_DIRECTORY)
def constituency_list(request):
    form = forms.TermFilterForm(request.GET or None)
    data = _filters(form)
    constituencies = selectors.constituency_list(user=request.user, term=data.get("term"), q=data.get("q", ""))
    table = paginate(
        request, constituencies,
        sort_fields={"term": "term__council__path", "number": "number", "name": "name"},
        default_sort="term", per_page=50,
        columns=[
            Column("term", gettext_lazy("Nhiệm kỳ"), sort="term"),
            *CONSTITUENCY_COLUMNS,
        ],
    )
    return _render(request, "orgs/constituency_list.html", {"table": table, "filter_form": form})


@access(VIEW_DIRECTORY)
def delegate_list(request):
    form = forms.DelegateFilterForm(request.GET or None)
    data = _filters(form)
    delegates = selectors.delegate_list(
        user=request.user, term=data.get("term"), constituency=data.get("constituency"), q=data.get("q", "")
    )
    table = paginate(
        request, delegates,
        sort_fields={"name": "user__full_name", "term": "term__council__path", "constituency": "constituency__number"},
        default_sort="name", per_page=25,
        columns=[
            Column("name", gettext_lazy("Họ và tên"), sort="name"),
            Column("term", gettext_lazy("Hội đồng, nhiệm kỳ"), sort="term"),
            Column("constituency", gettext_lazy("Đơn vị bầu cử"), sort="constituency"),
            Column("group", gettext_lazy("Tổ đại biểu")),
            Column("position", gettext_lazy("Chức vụ, nơi công tác")),
        ],
    )
    return _render(request, "orgs/delegate_list.html", {
        "table": table, "filter_form": form, "is_system_admin": is_system_admin(request.user),
    })
