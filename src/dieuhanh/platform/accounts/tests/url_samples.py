"""Sample arguments for allauth's URLs with parameters (see docs/dev/CONVENTIONS.md).

- account_reset_password_from_key: a real reset key made with allauth's token generator
  for the user (or, for an anonymous visitor, for the first active account). A valid key
  answers 302 to the "set-password" URL (allauth keeps the key in the session); if no
  account exists the sample is an invalid key, answered by the Vietnamese "invalid link" page.
- account_confirm_email: email verification is off; an unknown key answers 200 with the
  Vietnamese "link invalid or expired" page.
- mfa_edit_webauthn / mfa_remove_webauthn: the user's own security key when they have one
  (200), otherwise a key id that belongs to nobody: allauth answers 404, which is what a
  person must get for a key that is not theirs.
"""


def _reset_key(user) -> dict:
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str
    from django.contrib.auth import get_user_model

    target = user if getattr(user, "is_authenticated", False) else (
        get_user_model().objects.filter(is_active=True).order_by("pk").first()
    )
    if target is None:
        return {"uidb36": "0", "key": "khong-hop-le"}
    return {"uidb36": user_pk_to_url_str(target), "key": default_token_generator.make_token(target)}


def _own_security_key(user) -> dict:
    from allauth.mfa.models import Authenticator

    pk = None
    if getattr(user, "is_authenticated", False):
        pk = (
            Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN)
            .values_list("pk", flat=True)
            .first()
        )
    return {"pk": pk or 2_000_000_000}


SAMPLES = {
    "account_reset_password_from_key": _reset_key,
    "account_confirm_email": lambda user: {"key": "khong-hop-le"},
    "mfa_edit_webauthn": _own_security_key,
    "mfa_remove_webauthn": _own_security_key,
}
