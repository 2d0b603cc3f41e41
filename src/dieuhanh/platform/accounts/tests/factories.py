"""Second factors for tests: a TOTP authenticator and the code an authenticator app would show."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time

PASSWORD = "matkhau-thu-nghiem-1"  # the password orgs' UserFactory gives everyone


def login_form(client, login: str, password: str = PASSWORD, **extra):
    """Submit allauth's login form as a browser would."""
    return client.post("/accounts/login/", {"login": login, "password": password, **extra})


def reauthenticate(client, password: str = PASSWORD):
    """Confirm the password again, as allauth asks before any change to second factors."""
    response = client.post("/accounts/reauthenticate/", {"password": password})
    assert response.status_code == 302, response.content[:500]
    return response


def totp_code(secret: str, *, at: float | None = None, period: int = 30, digits: int = 6) -> str:
    """RFC 6238 code, computed independently of allauth (what a phone app would display)."""
    counter = int((time.time() if at is None else at) // period)
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"


def wrong_totp_code(secret: str) -> str:
    """A six-digit code that is not valid now nor in the tolerance window."""
    now = time.time()
    valid = {totp_code(secret, at=now + delta) for delta in (-60, -30, 0, 30, 60)}
    candidate = 0
    while f"{candidate:06d}" in valid:
        candidate += 1
    return f"{candidate:06d}"


def totp_authenticator(user, secret: str | None = None, *, recovery_codes: bool = False) -> str:
    """Give `user` an active TOTP authenticator (as the activation page would); return the secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = secret or generate_totp_secret()
    TOTP.activate(user, secret)
    if recovery_codes:
        from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

        RecoveryCodes.activate(user)
    return secret
