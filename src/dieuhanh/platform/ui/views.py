from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.i18n import set_language

from dieuhanh.platform.permissions.access import AUTHENTICATED, PUBLIC, access


@access(AUTHENTICATED)
def home(request):
    return redirect("dashboard:index")


@access(PUBLIC)
def healthz(request):
    """Liveness probe; also the ceiling a trivial view sets in bench/ (no database)."""
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")


@access(PUBLIC)
def change_language(request):
    """Django's set_language, also remembering the choice on the person's account."""
    from django.conf import settings

    from dieuhanh.platform.accounts.services import user_language_set

    response = set_language(request)
    language = request.POST.get("language")
    if language in {code for code, _name in settings.LANGUAGES}:
        user_language_set(user=request.user, language=language)
    return response


def _error(request, status, title, message):
    return render(request, "errors/4xx.html", {"status": status, "title": title, "messages_list": [message]}, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, _("Yêu cầu không hợp lệ"), _("Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra và thử lại."))


def permission_denied(request, exception=None):
    return _error(request, 403, _("Không có quyền truy cập"), _("Bạn không có quyền thực hiện thao tác này. Nếu cần, hãy liên hệ quản trị đơn vị."))


def page_not_found(request, exception=None):
    return _error(request, 404, _("Không tìm thấy trang"), _("Trang hoặc hồ sơ bạn tìm không tồn tại hoặc bạn không được xem."))


def server_error(request):
    return render(request, "errors/500.html", status=500)
