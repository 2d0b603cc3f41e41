"""The pages: my certificates, registering one, checking a signed PDF."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dieuhanh.platform import signing
from dieuhanh.platform.orgs.tests.factories import person
from dieuhanh.platform.registry import CITIZEN, LEADER, STAFF
from dieuhanh.platform.signing.models import SigningCredential

from .factories import PASSPHRASE, leader_with_credential, make_pdf, signer_pkcs12

pytestmark = pytest.mark.django_db


def test_a_leader_registers_a_certificate_through_the_form(client):
    leader = person(LEADER, full_name="Đỗ Thị Lan")
    client.force_login(leader)
    form_page = client.get(reverse("signing:credential_import"))
    assert form_page.status_code == 200
    assert "Mật khẩu của tệp" in form_page.text

    wrong = client.post(
        reverse("signing:credential_import"),
        {"owner": "me", "passphrase": "sai", "file": SimpleUploadedFile("ky.p12", signer_pkcs12("Đỗ Thị Lan"))},
    )
    assert wrong.status_code == 400
    assert "Mật khẩu/PIN của chứng thư số không đúng." in wrong.text
    assert not SigningCredential.objects.exists()

    response = client.post(
        reverse("signing:credential_import"),
        {"owner": "me", "passphrase": PASSPHRASE, "file": SimpleUploadedFile("ky.p12", signer_pkcs12("Đỗ Thị Lan"))},
    )
    credential = SigningCredential.objects.get()
    assert response.status_code == 302 and response.url == reverse("signing:credential_detail", args=[credential.pk])
    detail = client.get(response.url)
    assert "Đỗ Thị Lan" in detail.text and "CA Thử nghiệm Điều Hành (demo)" in detail.text
    image = client.get(reverse("signing:credential_image", args=[credential.pk]))
    assert image["Content-Type"] == "image/png" and image.content.startswith(b"\x89PNG")


def test_a_file_that_is_not_a_certificate_gets_a_message_not_an_error(client):
    leader = person(LEADER)
    client.force_login(leader)
    response = client.post(
        reverse("signing:credential_import"),
        {"owner": "me", "passphrase": "x", "file": SimpleUploadedFile("ky.p12", b"<html>khong phai</html>")},
    )
    assert response.status_code == 400
    assert "Tệp không phải là chứng thư số PKCS#12" in response.text
    missing = client.post(reverse("signing:credential_import"), {"owner": "me", "passphrase": "x"})
    assert missing.status_code == 400 and "Chọn tệp chứng thư số." in missing.text
    bad_owner = client.post(
        reverse("signing:credential_import"),
        {"owner": "999999", "passphrase": "x", "file": SimpleUploadedFile("ky.p12", signer_pkcs12())},
    )
    assert bad_owner.status_code == 400 and "Chọn người hoặc đơn vị sở hữu." in bad_owner.text


def test_someone_elses_certificate_answers_404(client):
    _owner, credential = leader_with_credential()
    other = person(STAFF)
    client.force_login(other)
    assert client.get(reverse("signing:credential_detail", args=[credential.pk])).status_code == 404
    assert client.get(reverse("signing:credential_image", args=[credential.pk])).status_code == 404
    assert client.post(reverse("signing:credential_revoke", args=[credential.pk])).status_code == 404
    credential.refresh_from_db()
    assert credential.revoked_at is None


def test_the_owner_retires_then_revokes_a_certificate(client):
    owner, credential = leader_with_credential()
    client.force_login(owner)
    client.post(reverse("signing:credential_deactivate", args=[credential.pk]))
    credential.refresh_from_db()
    assert not credential.active and credential.revoked_at is None
    page = client.post(reverse("signing:credential_revoke", args=[credential.pk]), follow=True)
    credential.refresh_from_db()
    assert credential.revoked_at is not None
    assert "Đã thu hồi" in page.text


def test_the_list_shows_my_certificates_in_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    owner, _credential = leader_with_credential("Vũ Văn Bình")
    client.force_login(owner)
    client.get(reverse("signing:credentials"))  # warm the per-process caches of the shell
    with CaptureQueriesContext(connection) as one_row:
        client.get(reverse("signing:credentials"))
    for n in range(5):
        signing.credential_import_pkcs12(
            by=owner, owner_user=owner, kind="personal", data=signer_pkcs12(f"Vũ Văn Bình {n}"), passphrase=PASSPHRASE
        )
    with django_assert_max_num_queries(len(one_row.captured_queries)):  # more rows, no more queries
        response = client.get(reverse("signing:credentials"))
    assert response.status_code == 200
    assert response.text.count("Vũ Văn Bình") >= 6
    assert len(one_row.captured_queries) <= 25


def test_anyone_official_checks_a_signed_pdf_and_reads_the_verdict(client):
    _leader, credential = leader_with_credential("Hoàng Văn Nam")
    signed = signing.sign_pdf(make_pdf(pages=1), credential=credential, secret=PASSPHRASE)
    staff = person(STAFF)
    client.force_login(staff)
    response = client.post(reverse("signing:validate"), {"file": SimpleUploadedFile("vb.pdf", signed)})
    assert response.status_code == 200
    assert "Hoàng Văn Nam" in response.text and 'data-state="valid"' in response.text

    broken = client.post(reverse("signing:validate"), {"file": SimpleUploadedFile("vb.pdf", b"%PDF-1.7 hong")})
    assert broken.status_code == 400 and "Tệp PDF bị hỏng" in broken.text


def test_a_citizen_has_no_signing_pages(client):
    citizen = person(CITIZEN)
    client.force_login(citizen)
    assert client.get(reverse("signing:credentials")).status_code == 403
    assert client.get(reverse("signing:validate")).status_code == 403
