"""What a person is told when signing cannot happen: every case is a clear Vietnamese UserError."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from dieuhanh.platform import signing
from dieuhanh.platform.orgs.tests.factories import person
from dieuhanh.platform.registry import LEADER
from dieuhanh.platform.ui.errors import UserError

from .factories import PASSPHRASE, expired_window, leader_with_credential, make_pdf, signer_pkcs12

pytestmark = pytest.mark.django_db


def _import(user, data, passphrase=PASSPHRASE):
    return signing.credential_import_pkcs12(by=user, owner_user=user, kind="personal", data=data, passphrase=passphrase)


def test_a_wrong_passphrase_is_refused_at_import_and_at_signing():
    user = person(LEADER)
    with pytest.raises(UserError) as error:
        _import(user, signer_pkcs12(), passphrase="sai-mat-khau")
    assert error.value.messages == ["Mật khẩu/PIN của chứng thư số không đúng."]

    _user, credential = leader_with_credential()
    with pytest.raises(UserError) as error:
        signing.sign_pdf(make_pdf(pages=1), credential=credential, secret="sai-mat-khau")
    assert error.value.messages == ["Mật khẩu/PIN của chứng thư số không đúng."]


def test_an_expired_certificate_is_refused_at_import_and_at_signing():
    user = person(LEADER)
    with pytest.raises(UserError) as error:
        _import(user, signer_pkcs12(**expired_window()))
    assert error.value.messages[0].startswith("Chứng thư số đã hết hạn ngày ")

    _user, credential = leader_with_credential()
    credential.not_after = timezone.now() - timezone.timedelta(days=1)
    with pytest.raises(UserError) as error:
        signing.sign_pdf(make_pdf(pages=1), credential=credential, secret=PASSPHRASE)
    assert "đã hết hạn" in error.value.messages[0]


def test_a_revoked_or_retired_credential_cannot_sign():
    user, credential = leader_with_credential()
    signing.credential_deactivate(by=user, credential=credential)
    credential.refresh_from_db()
    with pytest.raises(UserError, match="ngừng sử dụng"):
        signing.sign_pdf(make_pdf(pages=1), credential=credential, secret=PASSPHRASE)
    signing.credential_revoke(by=user, credential=credential)
    credential.refresh_from_db()
    with pytest.raises(UserError, match="đã bị thu hồi"):
        signing.sign_pdf(make_pdf(pages=1), credential=credential, secret=PASSPHRASE)
    # and it cannot come back by importing the same file again
    with pytest.raises(UserError, match="đã bị thu hồi"):
        _import(user, bytes(credential.pkcs12))


@pytest.mark.parametrize(
    "data",
    [b"", b"not a certificate at all", make_pdf.__wrapped__(pages=1)[:2000], b"\x30\x82\x01\x00" + b"\x00" * 256],
    ids=["empty", "text", "a-pdf", "broken-der"],
)
def test_a_file_that_is_not_pkcs12_is_refused(data):
    user = person(LEADER)
    with pytest.raises(UserError) as error:
        _import(user, data)
    assert error.value.messages[0] in (
        "Chưa chọn tệp chứng thư số.",
        "Tệp không phải là chứng thư số PKCS#12 (.p12, .pfx).",
    )


def test_an_encrypted_pdf_is_refused():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(pages=1))))
    writer.encrypt(user_password="mo-tep", owner_password="chu-tep", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    _user, credential = leader_with_credential()
    with pytest.raises(UserError) as error:
        signing.sign_pdf(out.getvalue(), credential=credential, secret=PASSPHRASE)
    assert error.value.messages == ["Tệp PDF đã được đặt mật khẩu (mã hóa); hãy gỡ mật khẩu trước khi ký."]
    with pytest.raises(UserError, match="mã hóa"):
        signing.validate_pdf(out.getvalue())


@pytest.mark.parametrize(
    "data, message",
    [
        (b"%PDF-1.7\n" + b"\x00garbage" * 50, "Tệp PDF bị hỏng, không đọc được."),
        (make_pdf.__wrapped__(pages=2)[:1500], "Tệp PDF bị hỏng, không đọc được."),
        (b"<html>not a pdf</html>", "Tệp không phải là PDF."),
    ],
    ids=["garbage", "truncated", "html"],
)
def test_a_corrupt_or_foreign_file_is_refused(data, message):
    _user, credential = leader_with_credential()
    with pytest.raises(UserError) as error:
        signing.sign_pdf(data, credential=credential, secret=PASSPHRASE)
    assert error.value.messages == [message]
    with pytest.raises(UserError):
        signing.validate_pdf(data)


def test_a_box_outside_the_page_or_a_missing_page_is_refused():
    _user, credential = leader_with_credential()
    pdf = make_pdf(pages=2)
    with pytest.raises(UserError, match="Văn bản không có trang 5"):
        signing.sign_pdf(pdf, credential=credential, secret=PASSPHRASE, page=4)
    with pytest.raises(UserError, match="nằm ngoài trang"):
        signing.sign_pdf(pdf, credential=credential, secret=PASSPHRASE, box=(500, 700, 900, 900))
    with pytest.raises(UserError, match="Vai trò chữ ký không hợp lệ"):
        signing.sign_pdf(pdf, credential=credential, secret=PASSPHRASE, role="chairman")
