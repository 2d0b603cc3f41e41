"""allauth adapters: closed sign-up, a per-account lockout that says for how long."""

from __future__ import annotations

import math
import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import ngettext

LOCKED_CODE = "too_many_login_attempts"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Officials' accounts are created by unit administrators.
        return settings.DIEUHANH_OPEN_SIGNUP

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Count failed logins per account, whether the person typed a username or an email.

        allauth keys the counter by what was typed; an attacker could then alternate the
        username and the email address to double the attempts. We key by the account when
        one matches, and by the typed text otherwise (so unknown names are limited too).
        """
        login = (credentials.get("username") or credentials.get("email") or "").strip()
        if login:
            user_id = (
                get_user_model()
                .objects.filter(Q(username__iexact=login) | Q(email__iexact=login))
                .order_by("pk")
                .values_list("pk", flat=True)
                .first()
            )
            if user_id is not None:
                return f"user:{user_id}"
        return f"login:{login.lower()}"

    def pre_authenticate(self, request, **credentials) -> None:
        self._lockout_request = request
        self._lockout_key = self._get_login_attempts_cache_key(request, **credentials)
        super().pre_authenticate(request, **credentials)

    def validation_error(self, code: str, *args):
        if code == LOCKED_CODE:
            return forms.ValidationError(
                lockout_message(
                    getattr(self, "_lockout_request", self.request), getattr(self, "_lockout_key", None)
                ), code=code
            )
        return super().validation_error(code, *args)


class MfaAdapter(DefaultMFAAdapter):
    def get_totp_label(self, user) -> str:
        # Shown in the authenticator app beside the issuer: the username is stable.
        return user.get_username()


def lockout_seconds_left(request, key: str | None) -> tuple[int, int] | None:
    """(seconds, limit): seconds until the per-account failed-login limit lets this account try again.

    None when the account is not the limit that was hit (e.g. the per-IP limit was).
    Reads allauth's rate-limit history; its cache layout is internal to allauth, so any
    surprise falls back to None and the message names the configured duration.
    """
    if not key:
        return None
    try:
        from allauth.core.internal import ratelimit

        rates = ratelimit.get_rates(app="allauth.account", action="login_failed")
        now = time.time()
        for rate in rates:
            if rate.per != "key":
                continue
            cache_key = ratelimit.get_cache_key(
                request, app="allauth.account", action="login_failed", rate=rate, key=key
            )
            from django.core.cache import cache

            history = [ts for ts in cache.get(cache_key, []) if ts > now - rate.duration]
            if len(history) >= rate.amount:
                history.sort(reverse=True)
                left = math.ceil(history[rate.amount - 1] + rate.duration - now)
                return max(1, left), rate.amount
    except Exception:  # noqa: BLE001 - a message must never turn into a 500
        return None
    return None


def lockout_message(request, key: str | None) -> str:
    found = lockout_seconds_left(request, key)
    if found is None:
        minutes = max(1, math.ceil(settings.DIEUHANH_LOGIN_ATTEMPTS_TIMEOUT / 60))
        return ngettext(
            "Đăng nhập sai quá nhiều lần. Tài khoản tạm thời bị khóa, vui lòng thử lại sau tối đa %(minutes)d phút.",
            "Đăng nhập sai quá nhiều lần. Tài khoản tạm thời bị khóa, vui lòng thử lại sau tối đa %(minutes)d phút.",
            minutes,
        ) % {"minutes": minutes}
    seconds, limit = found
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Tài khoản tạm thời bị khóa vì đăng nhập sai %(limit)d lần liên tiếp. Vui lòng thử lại sau %(minutes)d phút hoặc dùng chức năng quên mật khẩu.",
        "Tài khoản tạm thời bị khóa vì đăng nhập sai %(limit)d lần liên tiếp. Vui lòng thử lại sau %(minutes)d phút hoặc dùng chức năng quên mật khẩu.",
        minutes,
    ) % {"limit": limit, "minutes": minutes}




def display_name(user) -> str:
    """How allauth names a person in its messages ("Xin chào Trần Thị Thu!")."""
    return user.get_full_name()
