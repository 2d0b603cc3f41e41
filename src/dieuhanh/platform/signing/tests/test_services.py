"""Who may register, use and retire credentials; what is recorded."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from dieuhanh.platform import signing
from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, person
from dieuhanh.platform.registry import CITIZEN, CLERK, LEADER, STAFF, UNIT_ADMIN
from dieuhanh.platform.signing.models import DigitalSignature, SigningCredential
from dieuhanh.platform.ui.errors import ConflictError, UserError

from .factories import (
    PASSPHRASE,
    leader_with_credential,
    make_pdf,
    seal_pkcs12,
    signer_pkcs12,
    unit_seal,
)

pytestmark = pytest.mark.django_db


def test_a_leader_registers_their_certificate_once_and_the_passphrase_is_not_kept():
    leader = person(LEADER, full_name="Phạm Minh Đức")
    data = signer_pkcs12("Phạm Minh Đức")

    credential = signing.credential_import_pkcs12(by=leader, owner_user=leader, kind="personal", data=data, passphrase=PASSPHRASE)
    again = signing.credential_import_pkcs12(by=leader, owner_user=leader, kind="personal", data=data, passphrase=PASSPHRASE)

    assert again.pk == credential.pk and SigningCredential.objects.count() == 1  # a double submit adds nothing
    assert credential.subject_common_name == "Phạm Minh Đức"
    assert credential.issuer.startswith("CN=CA Thử nghiệm Điều Hành (demo)")
    assert bytes(credential.pkcs12) == data  # stored as imported, still encrypted
    stored = [str(v) for v in SigningCredential.objects.values_list(*[f.attname for f in SigningCredential._meta.concrete_fields]).get()]
    assert not any(PASSPHRASE in value for value in stored)
    entry = LogEntry.objects.get_for_object(credential).get()
    assert entry.actor == leader and "pkcs12" not in (entry.changes or "")


def test_a_staff_member_cannot_register_a_seal_but_the_unit_administrator_can():
    unit = OrgUnitFactory(name="HĐND phường Ba Đình")
    staff = person(STAFF, unit)
    admin = person(UNIT_ADMIN, unit)
    with pytest.raises(UserError, match="không có quyền"):
        signing.credential_import_pkcs12(by=staff, owner_unit=unit, kind="organisation", data=seal_pkcs12(unit.name), passphrase=PASSPHRASE)
    seal = signing.credential_import_pkcs12(by=admin, owner_unit=unit, kind="organisation", data=seal_pkcs12(unit.name), passphrase=PASSPHRASE)
    assert seal.owner_unit == unit

    colleague = person(STAFF, unit)
    other = person(STAFF)  # in another unit
    signing.credential_import_pkcs12(by=admin, owner_user=colleague, kind="personal", data=signer_pkcs12(), passphrase=PASSPHRASE)
    with pytest.raises(UserError, match="không có quyền"):
        signing.credential_import_pkcs12(by=admin, owner_user=other, kind="personal", data=signer_pkcs12(), passphrase=PASSPHRASE)
    citizen = person(CITIZEN)
    with pytest.raises(UserError, match="không có quyền"):
        signing.credential_import_pkcs12(by=citizen, owner_user=citizen, kind="personal", data=signer_pkcs12(), passphrase=PASSPHRASE)


def test_owner_and_kind_must_agree():
    leader = person(LEADER)
    with pytest.raises(UserError, match="đúng một người hoặc một đơn vị"):
        signing.credential_import_pkcs12(by=leader, kind="personal", data=signer_pkcs12(), passphrase=PASSPHRASE)
    with pytest.raises(UserError, match="Con dấu số phải thuộc về một đơn vị"):
        signing.credential_import_pkcs12(by=leader, owner_user=leader, kind="organisation", data=signer_pkcs12(), passphrase=PASSPHRASE)
    with pytest.raises(UserError, match="Loại chứng thư số không hợp lệ"):
        signing.credential_import_pkcs12(by=leader, owner_user=leader, kind="boss", data=signer_pkcs12(), passphrase=PASSPHRASE)


def test_an_image_that_is_not_a_picture_is_refused():
    leader = person(LEADER)
    with pytest.raises(UserError, match="PNG hoặc JPEG"):
        signing.credential_import_pkcs12(
            by=leader, owner_user=leader, kind="personal", data=signer_pkcs12(), passphrase=PASSPHRASE, image=b"%PDF-1.7 not an image"
        )
    assert not SigningCredential.objects.exists()


def test_signature_apply_records_who_signed_and_refuses_a_repeat():
    leader, personal = leader_with_credential()
    pdf = make_pdf(pages=1)
    signed, record = signing.signature_apply(
        by=leader, pdf=pdf, credential=personal, secret=PASSPHRASE, reason="Ký ban hành", idempotency_key="doc-7"
    )
    assert signing.validate_pdf(signed).state == "valid"
    assert record.signed_by == leader and record.role == "personal" and record.reason == "Ký ban hành"
    with pytest.raises(ConflictError, match="đã được ký"):
        signing.signature_apply(by=leader, pdf=pdf, credential=personal, secret=PASSPHRASE, idempotency_key="doc-7")
    assert DigitalSignature.objects.count() == 1


def test_only_the_owner_signs_with_a_personal_credential_and_the_clerk_uses_the_seal():
    leader, personal = leader_with_credential()
    unit, clerk, seal = unit_seal()
    stranger = person(CLERK)
    pdf = make_pdf(pages=1)
    with pytest.raises(UserError, match="không được dùng chứng thư số này"):
        signing.signature_apply(by=clerk, pdf=pdf, credential=personal, secret=PASSPHRASE)
    with pytest.raises(UserError, match="không được dùng chứng thư số này"):
        signing.signature_apply(by=stranger, pdf=pdf, credential=seal, secret=PASSPHRASE)
    signed, record = signing.signature_apply(by=clerk, pdf=pdf, credential=seal, secret=PASSPHRASE)
    assert record.role == "organisation"
    assert signing.credentials_usable_by(clerk).get() == seal
    assert list(signing.credentials_usable_by(leader)) == [personal]
    assert not DigitalSignature.objects.filter(signed_by=stranger).exists()
