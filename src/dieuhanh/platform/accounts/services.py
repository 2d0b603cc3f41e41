"""Writes a person makes to their own account."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from dieuhanh.platform.ui.errors import UserError

_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
_PHONE = re.compile(r"^0\d{9,10}$")


def normalize_phone(raw: str) -> str:
    """'+84 912 345 678' and '0912.345.678' both become '0912345678'. Blank stays blank."""
    phone = _PHONE_SEPARATORS.sub("", raw or "")
    if phone.startswith("+84"):
        phone = "0" + phone[3:]
    elif phone.startswith("84") and len(phone) in (11, 12):
        phone = "0" + phone[2:]
    return phone


def _clean_profile(*, user, full_name: str, username: str, email: str, phone: str) -> dict:
    errors: dict[str, list[str]] = {}
    User = get_user_model()
    full_name = " ".join((full_name or "").split())
    username = (username or "").strip()
    email = (email or "").strip()
    phone_raw = (phone or "").strip()

    if not full_name:
        errors.setdefault("full_name", []).append(_("Vui lòng nhập họ và tên."))
    elif len(full_name) > 200:
        errors.setdefault("full_name", []).append(_("Họ và tên dài tối đa 200 ký tự."))

    if not username:
        errors.setdefault("username", []).append(_("Vui lòng nhập tên đăng nhập."))
    else:
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError:
            errors.setdefault("username", []).append(
                _("Tên đăng nhập chỉ gồm chữ, số và các ký tự @ . + - _ (không có dấu cách).")
            )
        else:
            if len(username) > 150:
                errors.setdefault("username", []).append(_("Tên đăng nhập dài tối đa 150 ký tự."))
            elif User.objects.filter(username__iexact=username).exclude(pk=user.pk).exists():
                errors.setdefault("username", []).append(_("Tên đăng nhập này đã có người dùng."))

    if not email:
        errors.setdefault("email", []).append(_("Vui lòng nhập địa chỉ thư điện tử."))
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors.setdefault("email", []).append(_("Địa chỉ thư điện tử không hợp lệ."))
        else:
            if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
                errors.setdefault("email", []).append(
                    _("Địa chỉ thư điện tử này đã được dùng cho tài khoản khác.")
                )

    phone_value = normalize_phone(phone_raw)
    if phone_value and not _PHONE.match(phone_value):
        errors.setdefault("phone", []).append(
            _("Số điện thoại không hợp lệ. Nhập 10–11 chữ số, ví dụ 0912 345 678 hoặc +84 912 345 678.")
        )

    if errors:
        raise UserError(errors)
    return {"full_name": full_name, "username": username, "email": email, "phone": phone_value}


@transaction.atomic
def profile_update(
    *, actor, user, full_name: str, username: str, email: str, phone: str
):
    """A person edits their own name, username, email and phone.

    Raises PermissionDenied when `actor` is not `user`, UserError (field → messages) on
    bad input. The change is recorded by auditlog (platform/audit registers User).
    Allauth's EmailAddress row, if any, follows the new email so that login by email and
    password reset keep working.
    """
    if not actor.is_authenticated or actor.pk != user.pk:
        raise PermissionDenied
    values = _clean_profile(
        user=user, full_name=full_name, username=username, email=email, phone=phone
    )
    User = get_user_model()
    locked = User.objects.select_for_update().get(pk=user.pk)
    old_email = locked.email
    changed = [name for name, value in values.items() if getattr(locked, name) != value]
    if not changed:
        return locked
    for name in changed:
        setattr(locked, name, values[name])
    locked.save(update_fields=changed)
    if "email" in changed:
        _sync_allauth_email(user=locked, old_email=old_email)
    for name in changed:
        setattr(user, name, values[name])
    return locked


def user_language_set(*, user, language: str) -> bool:
    """Remember the person's interface language on their account; True if it changed.

    Called by the language switch (platform/ui) so that the language follows the person
    to every browser: accounts.signals activates it at each login.
    """
    from django.conf import settings

    if language not in {code for code, _name in settings.LANGUAGES}:
        raise UserError(_("Ngôn ngữ không được hỗ trợ."))
    if not getattr(user, "is_authenticated", False) or user.language == language:
        return False
    get_user_model().objects.filter(pk=user.pk).update(language=language)
    user.language = language
    return True


def _sync_allauth_email(*, user, old_email: str) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).delete()
    if not EmailAddress.objects.filter(user=user, email__iexact=user.email).exists():
        # Verification is off (ACCOUNT_EMAIL_VERIFICATION = "none"): units set the address.
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
