"""The inbox page and the delegation page. Thin: parse, call a selector or a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dieuhanh.platform import registry
from dieuhanh.platform.permissions.access import access
from dieuhanh.platform.permissions.checks import user_can

from . import fragments, selectors, services
from .forms import DelegationForm

PAGE_SIZE = 20
TAB_ORDER = (
    selectors.VIEW_OVERDUE,
    selectors.VIEW_TODAY,
    selectors.VIEW_SOON,
    selectors.VIEW_ALL,
    selectors.VIEW_DONE,
)


def _bad_request(request, errors: list[str]):
    return render(
        request,
        "errors/4xx.html",
        {"status": 400, "title": _("Yêu cầu không hợp lệ"), "messages_list": errors},
        status=400,
    )


@access("inbox.view")
def index(request):
    view = request.GET.get("view") or selectors.VIEW_ALL
    module = request.GET.get("module") or ""
    module_names = {m.key: m.name for m in registry.modules()}
    errors = []
    if view not in selectors.VIEWS:
        errors.append(_("Không có danh sách công việc này."))
    if module and module not in module_names:
        errors.append(_("Phân hệ không hợp lệ."))
    if errors:
        return _bad_request(request, errors)
    now = timezone.now()
    tab_counts = selectors.view_counts(request.user, module=module or None, now=now)
    items = selectors.inbox_items(request.user, view=view, module=module or None, now=now)
    paginator = Paginator(selectors.row_values(items), PAGE_SIZE)
    paginator.count = tab_counts[view]  # the tab counts already know it: no second COUNT
    page = paginator.get_page(request.GET.get("page"))
    rows = selectors.inbox_rows(page, request.user, module_names=module_names, now=now)
    per_module = selectors.counts_by_module(request.user)
    tabs = [
        {"key": key, "label": selectors.VIEWS[key], "count": tab_counts[key], "active": key == view}
        for key in TAB_ORDER
    ]
    module_choices = [
        {"key": key, "name": name, "count": per_module.get(key, 0)}
        for key, name in module_names.items()
        if per_module.get(key) or key == module
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "inbox/index.html",
        {
            "page": page,
            "rows": rows,
            "cards": fragments.item_cards(rows),  # the hot list, built without the engine
            "view": view,
            "view_label": selectors.VIEWS[view],
            "module": module,
            "tabs": tabs,
            "module_choices": module_choices,
            "delegators": list(selectors.delegators(request.user).values()),
            "query": query.urlencode(),
            "now": now,
        },
    )


@access("inbox.view")
@require_http_methods(["GET", "POST"])
def delegations(request):
    user = request.user
    may_for_others = user_can(user, services.MANAGE_OTHERS_ACTION)
    form = DelegationForm(
        request.POST or None,
        people=selectors.colleagues(user),
        may_delegate_for_others=may_for_others,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.delegation_create(
                by=user,
                from_user=data.get("from_user") or user,
                to_user=data["to_user"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                reason=data["reason"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Đã ghi nhận ủy quyền."))
            return redirect("inbox:delegations")
    status = 400 if request.method == "POST" else 200
    today = timezone.localdate()
    return render(
        request,
        "inbox/delegations.html",
        {
            "form": form,
            "given": selectors.delegations_given(user)[:50],
            "received": selectors.delegations_received(user)[:50],
            "today": today,
        },
        status=status,
    )


@access("inbox.view")
@require_POST
def delegation_end(request, pk: int):
    delegation = selectors.delegation_for_user(request.user, pk)
    if delegation is None:
        raise Http404(_("Không tìm thấy ủy quyền."))
    services.delegation_end(delegation=delegation, by=request.user)
    messages.success(request, _("Đã chấm dứt ủy quyền."))
    return redirect("inbox:delegations")
