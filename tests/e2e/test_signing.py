"""Digital signatures in a real browser: a leader registers their certificate with the keyboard,
then anyone official checks a signed PDF and reads the verdict; a tampered copy is called out."""

from __future__ import annotations

import pytest

from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, person

pytestmark = pytest.mark.e2e


@pytest.fixture
def leader(transactional_db):
    unit = OrgUnitFactory(name="HĐND phường Hoàn Kiếm", code="e2e-hoan-kiem")
    return person("leader", unit, username="lethihoa", full_name="Lê Thị Hoa")


def test_a_leader_registers_a_certificate_and_checks_signed_and_tampered_pdfs(new_context, login_as, leader, tmp_path):
    from playwright.sync_api import expect

    from dieuhanh.platform import signing
    from dieuhanh.platform.signing.models import SigningCredential
    from dieuhanh.platform.signing.tests.factories import PASSPHRASE, make_pdf, signer_pkcs12

    p12 = tmp_path / "lethihoa.p12"
    p12.write_bytes(signer_pkcs12("Lê Thị Hoa", "HĐND phường Hoàn Kiếm"))
    context = new_context()
    login_as(context, leader)
    page = context.new_page()

    page.goto("/chu-ky-so/dang-ky/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký chứng thư số")
    page.get_by_label("Tệp chứng thư số (.p12, .pfx)").set_input_files(str(p12))
    page.get_by_label("Mật khẩu của tệp").fill("sai-mat-khau")
    with page.expect_navigation():
        page.get_by_label("Mật khẩu của tệp").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Mật khẩu/PIN của chứng thư số không đúng.")

    page.get_by_label("Tệp chứng thư số (.p12, .pfx)").set_input_files(str(p12))
    page.get_by_label("Mật khẩu của tệp").fill(PASSPHRASE)
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lê Thị Hoa")
    expect(page.get_by_role("img", name="Hình chữ ký")).to_be_visible()
    credential = SigningCredential.objects.get(owner_user=leader)

    signed = signing.sign_pdf(make_pdf(pages=2), credential=credential, secret=PASSPHRASE)
    (tmp_path / "signed.pdf").write_bytes(signed)
    at = signed.index(b"WeasyPrint")
    (tmp_path / "tampered.pdf").write_bytes(signed[:at] + b"X" + signed[at + 1 :])

    page.goto("/chu-ky-so/kiem-tra/")
    page.get_by_label("Tệp PDF cần kiểm tra").set_input_files(str(tmp_path / "signed.pdf"))
    with page.expect_navigation():
        page.get_by_role("button", name="Kiểm tra", exact=True).click()
    report = page.locator(".signing-report")
    expect(report.locator("[data-state]")).to_have_text("Chữ ký hợp lệ")
    expect(report).to_contain_text("Lê Thị Hoa")

    page.get_by_label("Tệp PDF cần kiểm tra").set_input_files(str(tmp_path / "tampered.pdf"))
    with page.expect_navigation():
        page.get_by_role("button", name="Kiểm tra", exact=True).click()
    expect(page.locator(".signing-report [data-state]")).to_have_text("Đã bị thay đổi sau khi ký")
    expect(page.get_by_role("alert")).to_contain_text(
        "Văn bản đã bị thay đổi sau khi ký — chữ ký của Lê Thị Hoa không còn giá trị."
    )
