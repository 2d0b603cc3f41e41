"""Demo credentials: every leader of the demo city gets a personal certificate, the councils,
the standing committee, the National Assembly delegation and the secretariat a seal, all
issued by the demo CA and protected by the demo passphrase `DieuHanh@2026`.

The hook is idempotent (an owner that already has an active credential of the kind is
skipped) and fast: EC P-256 keys, and PKCS#12 files encrypted with fewer PBKDF2 rounds than
a real one would use (these files protect nothing).
"""

from __future__ import annotations

import logging
import time

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from dieuhanh.platform.registry import LEADER

from .demo_ca import DEMO_PASSPHRASE, demo_authority, issue_demo_certificate

logger = logging.getLogger(__name__)

DEMO_KDF_ROUNDS = 100


def _row(*, kind: str, authority, common_name: str, organisation: str, owner_user=None, owner_unit=None):
    """An unsaved SigningCredential holding a fresh demo PKCS#12 file."""
    from .models import CredentialSource, SigningCredential
    from .services import certificate_facts

    data, certificate = _demo_pkcs12(common_name=common_name, organisation=organisation, kind=kind, authority=authority)
    return SigningCredential(
        owner_user=owner_user, owner_unit=owner_unit, kind=kind, source=CredentialSource.PKCS12,
        pkcs12=data, chain_pem=authority[0].public_bytes(serialization.Encoding.PEM).decode(),
        **certificate_facts(certificate),
    )


def _demo_pkcs12(*, common_name: str, organisation: str, kind: str, authority) -> tuple[bytes, object]:
    key, certificate = issue_demo_certificate(
        common_name=common_name, organisation=organisation, kind=kind, authority=authority
    )
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(DEMO_KDF_ROUNDS)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(DEMO_PASSPHRASE.encode())
    )
    data = pkcs12.serialize_key_and_certificates(
        name=f"{kind}:{common_name}".encode(), key=key, cert=certificate, cas=[authority[0]],
        encryption_algorithm=encryption,
    )
    return data, certificate


def _seal_units(city) -> list:
    units = [city.city_council, city.standing_committee, city.na_delegation, city.secretariat]
    return [*units, *city.local_councils]


def _organisations(users) -> dict[int, str]:
    """User id → the name of their primary unit (or of any unit), in one query."""
    from dieuhanh.platform.orgs.models import Membership

    names: dict[int, str] = {}
    rows = Membership.objects.filter(user__in=users).order_by("-is_primary", "pk").values_list("user_id", "unit__name")
    for user_id, unit_name in rows:
        names.setdefault(user_id, unit_name)
    return names


def demo_credentials(city, *, small: bool) -> None:
    from django.contrib.auth import get_user_model

    from .models import CredentialKind, SigningCredential

    started = time.perf_counter()
    leaders = list(
        get_user_model().objects.filter(memberships__role=LEADER).distinct().order_by("pk")
    )
    have_personal = set(
        SigningCredential.objects.filter(kind=CredentialKind.PERSONAL, active=True, owner_user__in=leaders)
        .values_list("owner_user_id", flat=True)
    )
    missing = [user for user in leaders if user.pk not in have_personal]
    units = _seal_units(city)
    have_seal = set(
        SigningCredential.objects.filter(kind=CredentialKind.ORGANISATION, active=True, owner_unit__in=units)
        .values_list("owner_unit_id", flat=True)
    )
    if not missing and all(unit.pk in have_seal for unit in units):
        return
    authority = demo_authority()
    organisations = _organisations(missing)
    rows = [
        _row(
            owner_user=user, kind=CredentialKind.PERSONAL, authority=authority,
            common_name=user.get_full_name() or user.get_username(), organisation=organisations.get(user.pk, ""),
        )
        for user in missing
    ] + [
        _row(owner_unit=unit, kind=CredentialKind.ORGANISATION, authority=authority, common_name=unit.name, organisation=unit.name)
        for unit in units
        if unit.pk not in have_seal
    ]
    # One insert for all: seed data, not a person's action (hence no audit entry per row).
    SigningCredential.objects.bulk_create(rows, batch_size=200)
    made = len(rows)
    logger.info("demo signing credentials: %s made in %.2f s", made, time.perf_counter() - started)
