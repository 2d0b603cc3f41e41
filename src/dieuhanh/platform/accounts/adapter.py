from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Officials' accounts are created by unit administrators.
        return settings.DIEUHANH_OPEN_SIGNUP


class MfaAdapter(DefaultMFAAdapter):
    pass
