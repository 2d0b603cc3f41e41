"""Session rules for officials: end idle sessions, and make staff enrol a second factor."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _

_LAST_SEEN = "dieuhanh:last-seen"


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(_LAST_SEEN)
            if last and now - last > settings.DIEUHANH_IDLE_TIMEOUT:
                logout(request)
                messages.info(request, _("Phiên làm việc đã hết hạn do lâu không thao tác. Vui lòng đăng nhập lại."))
                # After logging in again the person comes back to the page they asked for.
                next_path = request.get_full_path() if request.method == "GET" else None
                return redirect_to_login(next_path) if next_path else redirect(settings.LOGIN_URL)
            if not last or now - last > 30:  # avoid a session write on every request
                request.session[_LAST_SEEN] = now
        return self.get_response(request)


class MfaRequiredMiddleware:
    """With DIEUHANH_MFA_REQUIRED_FOR_STAFF, staff without TOTP may only reach the MFA pages."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.DIEUHANH_MFA_REQUIRED_FOR_STAFF
            and request.user.is_authenticated
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and _is_staff(request.user)
            and not _has_totp(request.user)
        ):
            messages.warning(request, _("Tài khoản cán bộ phải bật xác thực hai lớp trước khi làm việc."))
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _is_staff(user) -> bool:
    from dieuhanh.platform.permissions.roles import role_keys
    from dieuhanh.platform.registry import OFFICIAL_ROLES

    return bool(role_keys(user) & OFFICIAL_ROLES)


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
