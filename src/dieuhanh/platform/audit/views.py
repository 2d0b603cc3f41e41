from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode

from dieuhanh.platform.permissions.access import access

from .forms import LOG_ACCESS, LOG_CHANGES, AuditSearchForm
from .selectors import access_log_search, change_log_search, describe_changes

PAGE_SIZE = 50


@access("audit.view")
def index(request):
    """Search the change log or the access log by person, object and date range."""
    form = AuditSearchForm(request.GET or None)
    bound = form.is_bound
    if bound and not form.is_valid():
        return render(request, "audit/index.html", {"form": form, "log": LOG_CHANGES}, status=400)
    filters = form.filters() if bound else AuditSearchForm.empty_filters()
    log = form.log_kind if bound else LOG_CHANGES
    queryset = access_log_search(filters) if log == LOG_ACCESS else change_log_search(filters)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    if log == LOG_CHANGES:
        for entry in page.object_list:
            entry.change_lines = describe_changes(entry)
    query = {k: v for k, v in request.GET.items() if k not in {"page", "log"} and v}
    return render(
        request,
        "audit/index.html",
        {
            "form": form,
            "log": log,
            "page": page,
            "query": urlencode({**query, "log": log}),
            "tab_changes": urlencode({**query, "log": LOG_CHANGES}),
            "tab_access": urlencode({**query, "log": LOG_ACCESS}),
        },
    )
