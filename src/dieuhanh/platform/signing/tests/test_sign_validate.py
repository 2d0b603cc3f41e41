"""A leader signs an outgoing resolution, the council's clerk seals it; everyone can check it."""

from __future__ import annotations

import subprocess

import pytest

from dieuhanh.platform import signing

from .factories import PASSPHRASE, leader_with_credential, make_pdf, unit_seal

pytestmark = pytest.mark.django_db


def pdfsig(data: bytes, tmp_path) -> str:
    path = tmp_path / "signed.pdf"
    path.write_bytes(data)
    result = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    return result.stdout + result.stderr


def test_personal_then_organisation_signature_are_both_valid(tmp_path):
    leader, personal = leader_with_credential("Nguyễn Văn Thành")
    unit, clerk, seal = unit_seal()
    pdf = make_pdf(pages=4)

    once = signing.sign_pdf(pdf, credential=personal, secret=PASSPHRASE, reason="Ký ban hành")
    twice = signing.sign_pdf(once, credential=seal, secret=PASSPHRASE, role="organisation")

    assert twice.startswith(once)  # incremental: the first signature's bytes are untouched
    out = pdfsig(twice, tmp_path)
    assert out.count("Signature is Valid") == 2, out
    report = signing.validate_pdf(twice)
    assert report.state == "valid", report.summary
    assert [s.signer_name for s in report.signatures] == ["Nguyễn Văn Thành", "HĐND thành phố Hà Nội"]
    first, second = report.signatures
    assert first.trusted and second.trusted
    assert first.modification == "permitted" and not first.covers_whole_document
    assert second.modification == "none" and second.covers_whole_document
    assert first.signed_at is not None and first.signed_at.tzinfo is not None


def _signed_by_leader_and_seal():
    leader, personal = leader_with_credential("Nguyễn Văn Thành")
    unit, clerk, seal = unit_seal()
    once = signing.sign_pdf(make_pdf(pages=3), credential=personal, secret=PASSPHRASE)
    return signing.sign_pdf(once, credential=seal, secret=PASSPHRASE, role="organisation"), personal, seal


def test_one_changed_byte_inside_the_signed_range_is_reported_as_altered(tmp_path):
    signed, _personal, _seal = _signed_by_leader_and_seal()
    at = signed.index(b"WeasyPrint")  # the producer string, inside both signed ranges
    tampered = signed[:at] + b"X" + signed[at + 1 :]

    report = signing.validate_pdf(tampered)

    assert report.state == "altered"
    assert "Văn bản đã bị thay đổi sau khi ký" in report.summary
    first = report.signatures[0]
    assert not first.intact
    assert first.message == "Văn bản đã bị thay đổi sau khi ký — chữ ký của Nguyễn Văn Thành không còn giá trị."
    out = pdfsig(tampered, tmp_path)
    assert "Signature is Valid" not in out, out
    assert "Digest Mismatch" in out or "Signature is Invalid" in out, out


def test_page_content_added_in_a_later_update_is_detected_as_changed_after_signing(tmp_path):
    import io

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.stamp import TextStamp, TextStampStyle

    signed, _personal, _seal = _signed_by_leader_and_seal()
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    TextStamp(writer, style=TextStampStyle(stamp_text="DA SUA NOI DUNG")).apply(0, 100, 400)
    out = io.BytesIO()
    writer.write(out)
    edited = out.getvalue()
    assert edited.startswith(signed)  # the signed bytes are all still there: only an update was added

    report = signing.validate_pdf(edited)

    assert report.state == "altered"
    assert all(s.intact for s in report.signatures)  # the bytes are intact …
    assert all(s.modification == "changed" for s in report.signatures)  # … but the content changed
    assert "sau khi Nguyễn Văn Thành ký" in report.signatures[0].message
    assert "không còn giá trị" in report.summary


def test_an_unsigned_pdf_has_no_signature():
    report = signing.validate_pdf(make_pdf(pages=1))
    assert report.state == "none"
    assert report.signatures == []
    assert report.summary == "Văn bản chưa có chữ ký số."


def test_a_certificate_from_an_unknown_authority_is_intact_but_untrusted(settings, tmp_path):
    other_ca = _foreign_pkcs12("Trần Thị Khác")
    leader, _own = leader_with_credential("Người Ký Khác")
    from dieuhanh.platform.signing.services import credential_import_pkcs12

    credential = credential_import_pkcs12(
        by=leader, owner_user=leader, kind="personal", data=other_ca["pkcs12"], passphrase="khac-123"
    )
    # The credentials' own issuers are trusted; once retired, this authority is unknown.
    credential.active = False
    credential.save()
    credential.active = True  # sign with it anyway (in memory): the document is what is checked
    signed = signing.sign_pdf(make_pdf(pages=1), credential=credential, secret="khac-123")

    report = signing.validate_pdf(signed)
    assert report.state == "untrusted"
    assert report.signatures[0].intact and not report.signatures[0].trusted
    assert "Trần Thị Khác" in report.summary

    # An administrator adds the authority's root through settings.DIEUHANH_TRUST_ROOTS.
    root = tmp_path / "root.pem"
    root.write_bytes(other_ca["root_pem"])
    settings.DIEUHANH_TRUST_ROOTS = [str(root)]
    assert signing.validate_pdf(signed).state == "valid"


def _foreign_pkcs12(name: str) -> dict:
    """A CA that is not the demo CA, with one personal certificate (passphrase "khac-123")."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    root_key = ec.generate_private_key(ec.SECP256R1())
    root_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA Khác")])
    root = (
        x509.CertificateBuilder().subject_name(root_name).issuer_name(root_name)
        .public_key(root_key.public_key()).serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(root_name).public_key(key.public_key()).serial_number(2)
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True
        )  # digitalSignature only
        .sign(root_key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        b"khac", key, leaf, [root], serialization.BestAvailableEncryption(b"khac-123")
    )
    return {"pkcs12": data, "root_pem": root.public_bytes(serialization.Encoding.PEM)}


def test_signing_and_checking_work_inside_a_running_event_loop():
    """pyHanko's sync API calls asyncio.run(); in an async context it runs in a worker thread."""
    import asyncio

    from dieuhanh.platform.signing.validation import trust_roots

    _leader, personal = leader_with_credential("Nguyễn Văn Thành")
    roots = trust_roots()
    pdf = make_pdf(pages=1)

    async def in_loop():
        signed = signing.sign_pdf(pdf, credential=personal, secret=PASSPHRASE)
        return signing.validate_pdf(signed, roots=roots)

    assert asyncio.run(in_loop()).state == "valid"
