"""Factories and small helpers of the documents tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dieuhanh.modules.documents import services
from dieuhanh.modules.documents.demo import ensure_types
from dieuhanh.modules.documents.models import DocumentType
from dieuhanh.modules.documents.pdfgen import simple_pdf
from dieuhanh.platform import files
from dieuhanh.platform.orgs.models import OrgUnitKind
from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, person
from dieuhanh.platform.registry import CLERK, LEADER, STAFF, SYSTEM_ADMIN

PASSPHRASE = "DieuHanh@2026"


def pdf_bytes(*lines: str, pages: int = 1) -> bytes:
    return simple_pdf(list(lines) or ["Van ban thu nghiem"], pages=pages, title="Thử")


def pdf_upload(name: str = "van-ban.pdf", *lines: str, pages: int = 1) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(*lines, pages=pages), content_type="application/pdf")


def stored_pdf(*lines: str, by=None, pages: int = 1):
    return files.store_bytes(pdf_bytes(*lines, pages=pages), name="van-ban.pdf", by=by, kinds=("pdf",))


def doc_type(key: str = "cong-van") -> DocumentType:
    ensure_types()
    return DocumentType.objects.get(key=key)


def incoming(*, by, unit, summary: str = "Đề nghị báo cáo tình hình giải quyết kiến nghị cử tri", file=True,
             urgency: str = "normal", secrecy: str = "normal", received_on: dt.date | None = None, **fields):
    data = services.IncomingData(
        received_on=received_on or timezone.localdate(), issuer_name=fields.pop("issuer_name", "UBND thành phố"),
        doc_type=fields.pop("doc_type", None) or doc_type(), summary=summary, urgency=urgency, secrecy=secrecy,
        notation=fields.pop("notation", "125/UBND-KT"), **fields,
    )
    stored = stored_pdf("Van ban den", summary, by=by) if file else None
    return services.incoming_register(by=by, unit=unit, data=data, file=stored)


def draft(*, by, unit, issuer, key: str = "nghi-quyet", summary: str = "Nghị quyết về chương trình giám sát năm 2027"):
    return services.outgoing_create(by=by, unit=unit, issuer=issuer, doc_type=doc_type(key), summary=summary,
                                    file=stored_pdf("Du thao", summary, by=by))


@dataclass
class World:
    council: object
    secretariat: object
    division: object
    ward: object
    other: object
    clerk: object
    leader: object
    staff: object
    ward_clerk: object
    ward_leader: object
    outsider: object
    admin: object


def make_world() -> World:
    doc_type()  # the seeded types (a flushed database lost them)
    council = OrgUnitFactory(name="HĐND thành phố Hà Nội", short_name="HĐND", kind=OrgUnitKind.CITY_COUNCIL)
    secretariat = OrgUnitFactory(name="Văn phòng Đoàn ĐBQH và HĐND thành phố", short_name="VP", kind=OrgUnitKind.SECRETARIAT)
    division = OrgUnitFactory(name="Phòng Công tác HĐND", short_name="PCTHĐND", kind=OrgUnitKind.DIVISION, parent=secretariat)
    ward = OrgUnitFactory(name="HĐND phường Hoàn Kiếm", short_name="HĐND", kind=OrgUnitKind.WARD_COUNCIL, parent=council)
    other = OrgUnitFactory(name="Sở Tài chính", short_name="STC", kind=OrgUnitKind.DEPARTMENT)
    return World(
        council=council, secretariat=secretariat, division=division, ward=ward, other=other,
        clerk=person(CLERK, secretariat, full_name="Vũ Thị Văn Thư"),
        leader=person(LEADER, secretariat, full_name="Nguyễn Văn Lãnh"),
        staff=person(STAFF, division, full_name="Trần Văn Chuyên"),
        ward_clerk=person(CLERK, ward, full_name="Lê Thị Phường"),
        ward_leader=person(LEADER, ward, full_name="Phạm Văn Phường"),
        outsider=person(STAFF, other, full_name="Hoàng Văn Ngoài"),
        admin=person(SYSTEM_ADMIN, secretariat, full_name="Quản Trị"),
    )


def fast_pkcs12(common_name: str, organisation: str, kind: str) -> bytes:
    """A demo-CA PKCS#12 file encrypted with few KDF rounds, so that tests open it quickly."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    from dieuhanh.platform.signing.demo_ca import demo_root, issue_demo_certificate

    key, certificate = issue_demo_certificate(common_name=common_name, organisation=organisation, kind=kind)
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder().kdf_rounds(2000)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC).hmac_hash(hashes.SHA256())
        .build(PASSPHRASE.encode())
    )
    return pkcs12.serialize_key_and_certificates(
        name=f"{kind}:{common_name}".encode(), key=key, cert=certificate, cas=[demo_root()],
        encryption_algorithm=encryption,
    )


def make_credentials(world: World):
    """The leader's personal certificate and the council's seal (demo CA)."""
    from dieuhanh.platform.signing.services import credential_import_pkcs12

    personal = credential_import_pkcs12(
        by=world.leader, owner_user=world.leader, kind="personal", passphrase=PASSPHRASE,
        data=fast_pkcs12(world.leader.get_full_name(), world.secretariat.name, "personal"),
    )
    seal = credential_import_pkcs12(
        by=world.admin, owner_unit=world.council, kind="organisation", passphrase=PASSPHRASE,
        data=fast_pkcs12(world.council.name, world.council.name, "organisation"),
    )
    return personal, seal
