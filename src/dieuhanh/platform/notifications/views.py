"""The notification centre and the preferences page. Thin: parse, call, render."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dieuhanh.platform.permissions.access import AUTHENTICATED, access

from . import selectors, services
from .kinds import kinds
from .models import Notification

PAGE_SIZE = 25


@access(AUTHENTICATED)
def centre(request):
    known = kinds()
    modules = {info.module_key for info in known.values()}
    module = request.GET.get("module", "")
    kind = request.GET.get("kind", "")
    errors = []
    if module and module not in modules:
        errors.append(_("Phân hệ không hợp lệ."))
        module = ""
    if kind and kind not in known:
        errors.append(_("Loại thông báo không hợp lệ."))
        kind = ""
    if errors:
        return render(
            request, "errors/4xx.html",
            {"status": 400, "title": _("Yêu cầu không hợp lệ"), "messages_list": errors},
            status=400,
        )
    paginator = Paginator(selectors.notifications_for(request.user, module=module, kind=kind), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    for n in page:
        n.kind_label = known[n.kind].kind.label if n.kind in known else n.kind
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "notifications/centre.html",
        {
            "page": page,
            "module": module,
            "kind": kind,
            "filters": selectors.filter_choices(),
            "unread": selectors.unread_count(request.user),
            "query": query.urlencode(),
        },
    )


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:centre")


@access(AUTHENTICATED)
@require_POST
def mark_read(request, pk: int):
    try:
        notification = services.notification_mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    if request.POST.get("open") and notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.url)
    return _back(request)


@access(AUTHENTICATED)
@require_POST
def mark_all_read(request):
    changed = services.notification_mark_all_read(user=request.user)
    if changed:
        messages.success(request, _("Đã đánh dấu tất cả thông báo là đã đọc."))
    return _back(request)


@access(AUTHENTICATED)
def preferences(request):
    table = selectors.preference_table(request.user)
    if request.method == "POST":
        choices = {}
        for group in table:
            for kind in group["kinds"]:
                for channel in kind["channels"]:
                    if channel["offered"]:
                        field = f"{kind['key']}:{channel['channel']}"
                        choices[(kind["key"], channel["channel"])] = field in request.POST
        services.preferences_save(user=request.user, choices=choices)
        messages.success(request, _("Đã lưu cách nhận thông báo."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"groups": table})
