"""The demo certificate authority: a root "CA Thử nghiệm Điều Hành (demo)" kept in the database.

Only for demonstrations and tests: its certificates have no legal value. The root key is
stored encrypted with a key derived from settings.SECRET_KEY; with another SECRET_KEY the
root cannot be used and `demo_root()` says so.

Key generation is the slow part (RSA 2048 takes 50–500 ms), so issued certificates use
EC P-256 keys (about 1 ms) and the root key is made once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DEMO_CA_NAME = "CA Thử nghiệm Điều Hành (demo)"
DEMO_PASSPHRASE = "DieuHanh@2026"
ROOT_YEARS = 20
LEAF_DAYS = 3 * 365

_lock = threading.Lock()
_cache: dict[str, tuple[x509.Certificate, object]] = {}


def _key_passphrase() -> bytes:
    from django.conf import settings

    return hashlib.sha256(f"dieuhanh-demo-ca:{settings.SECRET_KEY}".encode()).digest()


def demo_root() -> x509.Certificate:
    """The demo root certificate, created (once) on first use."""
    return _root_and_key()[0]


def demo_root_pem() -> bytes:
    return demo_root().public_bytes(serialization.Encoding.PEM)


def _root_and_key():
    from .models import DemoAuthority

    with _lock:
        authority = DemoAuthority.objects.filter(name=DEMO_CA_NAME).first()
        if authority is None:
            authority = _create_root()
        cached = _cache.get(authority.certificate_pem)
        if cached is None:
            certificate = x509.load_pem_x509_certificate(authority.certificate_pem.encode())
            try:
                key = serialization.load_pem_private_key(authority.key_pem.encode(), password=_key_passphrase())
            except ValueError as error:
                raise RuntimeError(
                    "The demo CA key cannot be opened with this SECRET_KEY; delete the DemoAuthority row to make a new root."
                ) from error
            cached = (certificate, key)
            _cache.clear()
            _cache[authority.certificate_pem] = cached
        return cached


def demo_authority() -> tuple[x509.Certificate, object]:
    """(root certificate, root key) of the demo CA, for issuing many certificates in a row."""
    return _root_and_key()


def _create_root():
    from django.db import IntegrityError, transaction

    from .models import DemoAuthority

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Điều Hành (demo)"),
            x509.NameAttribute(NameOID.COMMON_NAME, DEMO_CA_NAME),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=ROOT_YEARS * 365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    try:
        with transaction.atomic():
            return DemoAuthority.objects.create(
                name=DEMO_CA_NAME,
                certificate_pem=certificate.public_bytes(serialization.Encoding.PEM).decode(),
                key_pem=key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.BestAvailableEncryption(_key_passphrase()),
                ).decode(),
            )
    except IntegrityError:  # another process made it meanwhile
        return DemoAuthority.objects.get(name=DEMO_CA_NAME)


def issue_demo_certificate(
    *,
    common_name: str,
    organisation: str,
    kind: str,
    key=None,
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
    authority: tuple | None = None,
) -> tuple[object, x509.Certificate]:
    """A key (new EC P-256 unless given) and its certificate signed by the demo root.

    `authority` is `demo_authority()` when issuing many at once (saves a query each)."""
    root, root_key = authority or _root_and_key()
    key = key or ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    not_before = not_before or now - dt.timedelta(hours=1)
    not_after = not_after or now + dt.timedelta(days=LEAF_DAYS)
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attributes))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION, ExtendedKeyUsageOID.CODE_SIGNING]),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root.public_key()), critical=False
        )
        .sign(root_key, hashes.SHA256())
    )
    return key, certificate


def issue_demo_pkcs12(
    *,
    common_name: str,
    organisation: str,
    passphrase: str,
    kind: str,
    key=None,
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
) -> bytes:
    """A PKCS#12 file (key, certificate, demo root) protected by `passphrase`.

    `kind` is "personal" or "organisation" (the friendly name says which)."""
    key, certificate = issue_demo_certificate(
        common_name=common_name, organisation=organisation, kind=kind, key=key,
        not_before=not_before, not_after=not_after,
    )
    return pkcs12.serialize_key_and_certificates(
        name=f"{kind}:{common_name}".encode(),
        key=key,
        cert=certificate,
        cas=[demo_root()],
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode()),
    )
