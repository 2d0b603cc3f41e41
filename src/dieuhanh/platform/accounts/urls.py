"""allauth's views behind our access rules, plus the profile page."""

from django.urls import URLPattern, URLResolver, include, path

from dieuhanh.platform.permissions.access import AUTHENTICATED, PUBLIC, guard

from . import views

app_name = "accounts"

# allauth views a visitor who is not logged in must reach: logging in is a process of
# several steps (password, then the second factor), and so is resetting a password.
PUBLIC_ALLAUTH_VIEWS = {
    "account_login", "account_logout", "account_inactive", "account_signup",
    "account_reset_password", "account_reset_password_done", "account_reset_password_from_key",
    "account_reset_password_from_key_done", "account_confirm_email", "account_email_verification_sent",
    "account_login_code_confirm", "account_request_login_code", "account_confirm_login_code",
    "mfa_authenticate", "mfa_trust", "mfa_login_webauthn", "mfa_signup_webauthn",
    "account_reset_password_code", "account_confirm_password_reset_code",
    "account_verify_phone", "account_change_phone",
}


def _guarded(patterns):
    result = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            result.append(URLResolver(entry.pattern, _guarded(entry.url_patterns), entry.default_kwargs, entry.app_name, entry.namespace))
        elif isinstance(entry, URLPattern):
            rule = PUBLIC if entry.name in PUBLIC_ALLAUTH_VIEWS else AUTHENTICATED
            callback = views.redirect_if_factor_missing(entry.name, entry.callback)
            result.append(URLPattern(entry.pattern, guard(callback, rule), entry.default_args, entry.name))
    return result


def allauth_patterns():
    from allauth import urls as allauth_urls

    return _guarded(allauth_urls.urlpatterns)


urlpatterns = [
    path("profile/", views.profile, name="profile"),
]

# allauth's names (account_login, mfa_index …) are used without a namespace by allauth itself.
allauth_urlpatterns = [path("", include(allauth_patterns()))]
