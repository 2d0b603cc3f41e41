"""PKCS#11 tokens (USB tokens of Vietnamese CAs, HSMs) through pyHanko's PKCS#11 signer.

Needs the `python-pkcs11` package and the token's PKCS#11 library (a .so path on the
server, e.g. /usr/lib/softhsm/libsofthsm2.so for SoftHSM2 in the tests). The PIN is typed by
the person at signing time and never stored. The certificate and the key carry the same
label on the token (the usual convention); `key_label` names both.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from dieuhanh.platform.ui.errors import UserError

from .asyncio_bridge import run_blocking

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Pkcs11Credential:
    library: str
    token_label: str
    key_label: str

    @classmethod
    def from_credential(cls, credential) -> Pkcs11Credential:
        return cls(
            library=credential.pkcs11_library,
            token_label=credential.pkcs11_token_label,
            key_label=credential.pkcs11_key_label,
        )

    def _check(self) -> None:
        if not self.library or not Path(self.library).is_file():
            raise UserError(_("Không tìm thấy thư viện PKCS#11 của thiết bị ký số trên máy chủ."))
        if not self.key_label:
            raise UserError(_("Chưa nhập nhãn khóa trên thiết bị ký số."))

    @contextlib.contextmanager
    def session(self, *, pin: str):
        """Open the token with the PIN; yields a pyHanko signer; closes the session after."""
        self._check()
        try:
            import pkcs11
            from pyhanko.config.pkcs11 import TokenCriteria
            from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session
        except ImportError as error:
            raise UserError(_("Máy chủ chưa cài gói python-pkcs11 để dùng thiết bị ký số.")) from error
        try:
            session = open_pkcs11_session(
                self.library,
                token_criteria=TokenCriteria(label=self.token_label or None),
                user_pin=pin or "",
            )
        except pkcs11.exceptions.PinIncorrect as error:
            raise UserError(_("Mật khẩu/PIN của chứng thư số không đúng.")) from error
        except pkcs11.exceptions.PinLocked as error:
            raise UserError(_("Thiết bị ký số đã bị khóa do nhập sai PIN nhiều lần.")) from error
        except (pkcs11.exceptions.PinLenRange, pkcs11.exceptions.ArgumentsBad) as error:
            raise UserError(_("Mật khẩu/PIN của chứng thư số không đúng.")) from error
        except Exception as error:  # no token, library that does not load …
            logger.warning("PKCS#11 token %r cannot be opened: %r", self.token_label, error)
            raise UserError(
                _("Không mở được thiết bị ký số “%(label)s”. Hãy kiểm tra thiết bị đã được cắm và đúng nhãn.")
                % {"label": self.token_label}
            ) from error
        try:
            yield PKCS11Signer(session, cert_label=self.key_label, key_label=self.key_label, other_certs_to_pull=None)
        finally:
            session.close()

    def read_certificates(self, *, pin: str):
        """(certificate, other certificates) as cryptography objects, after proving the key
        signs: a test signature is made with it."""
        from cryptography import x509

        with self.session(pin=pin) as signer:
            try:
                certificate = signer.signing_cert
                run_blocking(lambda: asyncio.run(signer.async_sign_raw(b"dieuhanh-pkcs11-probe", "sha256")))
                others = [c for c in signer.cert_registry if c.sha256 != certificate.sha256]
            except UserError:
                raise
            except Exception as error:
                logger.warning("PKCS#11 key %r unusable: %r", self.key_label, error)
                raise UserError(
                    _("Trên thiết bị không có khóa và chứng thư số mang nhãn “%(label)s”.") % {"label": self.key_label}
                ) from error
        return (
            x509.load_der_x509_certificate(certificate.dump()),
            [x509.load_der_x509_certificate(c.dump()) for c in others],
        )
