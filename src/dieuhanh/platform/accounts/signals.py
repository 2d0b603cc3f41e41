"""Signal handlers: a person's stored language follows them to every browser they log in on."""

from allauth.account.signals import user_logged_in
from django.conf import settings
from django.dispatch import receiver
from django.utils import translation


def supported_language(code: str | None) -> str | None:
    codes = {c for c, _name in settings.LANGUAGES}
    return code if code in codes else None


@receiver(user_logged_in, dispatch_uid="dieuhanh.accounts.activate_user_language")
def activate_user_language(sender, request, user, response=None, **kwargs):
    """Activate the account's language at login and remember it in the language cookie.

    allauth sends this signal before it adds the "signed in" message and with the
    response that follows the login, so the message and every later page use the language.
    """
    language = supported_language(getattr(user, "language", None))
    if not language:
        return
    translation.activate(language)
    request.LANGUAGE_CODE = language
    if response is not None and hasattr(response, "set_cookie"):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
