from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from dieuhanh.platform.permissions.access import AUTHENTICATED, access

from . import selectors, services
from .forms import ProfileForm


@access(AUTHENTICATED)
def profile(request):
    """The person's own account: details (editable), units and roles, security links."""
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                services.profile_update(actor=user, user=user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Đã lưu thông tin cá nhân."))
                return redirect("accounts:profile")
        status = 400
    else:
        form = ProfileForm(
            initial={
                "full_name": user.full_name,
                "username": user.username,
                "email": user.email,
                "phone": user.phone,
            }
        )
        status = 200
    context = {
        "form": form,
        "memberships": selectors.profile_memberships(user=user),
        "mfa": selectors.mfa_status(user=user),
    }
    return render(request, "accounts/profile.html", context, status=status)


# allauth answers a bare 404 when a person opens the page of a second factor they do not
# have (e.g. a bookmark to "turn off TOTP" after it was turned off): say so and go to the
# MFA overview instead.
_MISSING_FACTOR = {
    "mfa_deactivate_totp": ("totp", _lazy("Ứng dụng xác thực chưa được bật.")),
    "mfa_view_recovery_codes": ("recovery_codes", _lazy("Bạn chưa có mã khôi phục.")),
    "mfa_download_recovery_codes": ("recovery_codes", _lazy("Bạn chưa có mã khôi phục.")),
}


def redirect_if_factor_missing(url_name: str, view):
    """Wrap an allauth MFA view named `url_name` (others are returned unchanged)."""
    if url_name not in _MISSING_FACTOR:
        return view
    kind, message = _MISSING_FACTOR[url_name]

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated and not selectors.mfa_status(user=request.user)[kind]:
            messages.info(request, message)
            return redirect("mfa_index")
        return view(request, *args, **kwargs)

    return wrapped
