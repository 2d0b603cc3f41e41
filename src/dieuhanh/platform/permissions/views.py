from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dieuhanh.platform.ui.errors import UserError

from .access import access
from .forms import RoleGrantForm
from .selectors import permission_cell, permission_matrix, role_labels
from .services import MANAGE_ACTION, role_grant_set


@access(MANAGE_ACTION)
def matrix(request):
    groups = permission_matrix()
    module_key = request.GET.get("module", "")
    modules = [(g.key, g.name) for g in groups]
    if module_key:
        groups = [g for g in groups if g.key == module_key]
    return render(
        request,
        "permissions/matrix.html",
        {"groups": groups, "roles": role_labels(), "modules": modules, "module_key": module_key},
    )


@access(MANAGE_ACTION)
@require_POST
def grant_set(request):
    form = RoleGrantForm(request.POST)
    if not form.is_valid():
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        if request.htmx:
            return HttpResponseBadRequest(" ".join(errors))
        raise UserError(errors)
    role_grant_set(
        actor=request.user,
        action_key=form.cleaned_data["action"],
        role=form.cleaned_data["role"],
        granted=form.granted,
    )
    cell = permission_cell(action_key=form.cleaned_data["action"], role=form.cleaned_data["role"])
    if request.htmx:
        return render(request, "permissions/_cell.html", {"cell": cell})
    messages.success(request, _("Đã lưu phân quyền."))
    module_key = request.POST.get("module", "")
    url = reverse("permissions:matrix") + (f"?{urlencode({'module': module_key})}" if module_key else "")
    return redirect(f"{url}#row-{cell.action_key.replace('.', '-')}")

