"""A signer whose key lives on a token: a real SoftHSM2 token, initialised here in a temporary
directory (Debian package softhsm2, PyPI package python-pkcs11). Nothing is skipped: without
them these tests fail and say what to install."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from dieuhanh.platform import signing
from dieuhanh.platform.orgs.tests.factories import person
from dieuhanh.platform.registry import LEADER
from dieuhanh.platform.ui.errors import UserError

from .factories import make_pdf

SOFTHSM_LIBRARY = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN = "dieuhanh-test"
KEY_LABEL = "ky-so-nguyen-van-a"
PIN = "123456"


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory) -> Path:
    """One SoftHSM2 token for the test session (a PKCS#11 library is initialised once per process)."""
    if shutil.which("softhsm2-util") is None or not Path(SOFTHSM_LIBRARY).exists():
        pytest.fail("SoftHSM2 is missing: apt-get install softhsm2")
    try:
        import pkcs11  # noqa: F401
    except ImportError:
        pytest.fail("python-pkcs11 is missing: pip install python-pkcs11")
    base = tmp_path_factory.mktemp("softhsm")
    (base / "tokens").mkdir()
    conf = base / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {base / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", "12345678"],
        check=True, capture_output=True,
    )
    return base


@pytest.fixture
def token_with_key(softhsm_token, db):
    """Put an RSA key and its demo-CA certificate on the token (done once per test database)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    from ..demo_ca import issue_demo_certificate

    label = f"{KEY_LABEL}-{os.urandom(3).hex()}"  # each test database has its own demo CA
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    _key, certificate = issue_demo_certificate(common_name="Nguyễn Văn A", organisation="HĐND thành phố Hà Nội", kind="personal", key=key)
    pem = softhsm_token / f"{label}.pem"
    pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    key_id = os.urandom(4).hex()
    subprocess.run(
        ["softhsm2-util", "--import", str(pem), "--token", TOKEN, "--label", label, "--id", key_id, "--pin", PIN],
        check=True, capture_output=True,
    )
    pem.unlink()
    _store_certificate(certificate, label=label, key_id=bytes.fromhex(key_id))
    return label


def _store_certificate(certificate, *, label: str, key_id: bytes) -> None:
    import pkcs11
    from cryptography.hazmat.primitives import serialization
    from pkcs11 import Attribute, CertificateType, ObjectClass

    token = pkcs11.lib(SOFTHSM_LIBRARY).get_token(token_label=TOKEN)
    with token.open(user_pin=PIN, rw=True) as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: label,
                Attribute.ID: key_id,
                Attribute.SUBJECT: certificate.subject.public_bytes(),
                Attribute.VALUE: certificate.public_bytes(serialization.Encoding.DER),
            }
        )


@pytest.mark.django_db
def test_a_leader_registers_a_token_and_signs_with_its_pin(token_with_key, tmp_path):
    from .test_sign_validate import pdfsig

    leader = person(LEADER, full_name="Nguyễn Văn A")
    credential = signing.credential_register_pkcs11(
        by=leader, owner_user=leader, kind="personal", library=SOFTHSM_LIBRARY,
        token_label=TOKEN, key_label=token_with_key, pin=PIN,
    )
    assert credential.source == "pkcs11" and credential.subject_common_name == "Nguyễn Văn A"
    assert credential.pkcs12 is None  # nothing secret is stored: the key stays on the token

    signed = signing.sign_pdf(make_pdf(pages=2), credential=credential, secret=PIN)

    report = signing.validate_pdf(signed)
    assert report.state == "valid", report.summary
    assert report.signatures[0].signer_name == "Nguyễn Văn A"
    assert "Signature is Valid" in pdfsig(signed, tmp_path)


@pytest.mark.django_db
def test_a_wrong_pin_or_a_missing_key_is_refused(token_with_key):
    leader = person(LEADER)
    with pytest.raises(UserError) as error:
        signing.credential_register_pkcs11(
            by=leader, owner_user=leader, kind="personal", library=SOFTHSM_LIBRARY,
            token_label=TOKEN, key_label=token_with_key, pin="000000",
        )
    assert error.value.messages == ["Mật khẩu/PIN của chứng thư số không đúng."]
    with pytest.raises(UserError, match="không có khóa và chứng thư số mang nhãn"):
        signing.credential_register_pkcs11(
            by=leader, owner_user=leader, kind="personal", library=SOFTHSM_LIBRARY,
            token_label=TOKEN, key_label="khong-co", pin=PIN,
        )
    with pytest.raises(UserError, match="Không tìm thấy thư viện PKCS#11"):
        signing.credential_register_pkcs11(
            by=leader, owner_user=leader, kind="personal", library="/khong/co/thu-vien.so",
            token_label=TOKEN, key_label=token_with_key, pin=PIN,
        )
    with pytest.raises(UserError, match="Không mở được thiết bị ký số"):
        signing.credential_register_pkcs11(
            by=leader, owner_user=leader, kind="personal", library=SOFTHSM_LIBRARY,
            token_label="token-khac", key_label=token_with_key, pin=PIN,
        )
