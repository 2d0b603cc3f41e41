"""One account, in a real browser: password + TOTP, profile, language, clear refusals."""

from __future__ import annotations

import re

import pytest

from dieuhanh.platform.accounts.tests.factories import (
    PASSWORD,
    totp_authenticator,
    wrong_totp_code,
)
from dieuhanh.platform.orgs.tests.factories import MembershipFactory, OrgUnitFactory, person

pytestmark = pytest.mark.e2e


@pytest.fixture
def official(transactional_db):
    """A staff member of a ward council who also leads a committee, with TOTP enrolled."""
    ward = OrgUnitFactory(name="HĐND phường Ba Đình", code="e2e-ba-dinh")
    committee = OrgUnitFactory(name="Ban Pháp chế HĐND phường Ba Đình", code="e2e-phap-che", parent=ward)
    user = person("staff", ward, username="tranthu", email="tranthu@hanoi.gov.vn", full_name="Trần Thị Thu")
    MembershipFactory(user=user, unit=committee, role="leader", title="Phó Trưởng ban", is_primary=False)
    user.totp_secret = totp_authenticator(user)
    return user


def test_staff_logs_in_with_password_and_totp_and_sees_their_profile(page, login, official):
    from playwright.sync_api import expect

    login(page, "tranthu", PASSWORD, totp_secret=official.totp_secret)

    expect(page.get_by_test_id("current-user")).to_have_text("Trần Thị Thu")
    expect(page.locator(".toast", has_text="Đăng nhập thành công. Xin chào Trần Thị Thu!")).to_be_visible()

    page.goto("/accounts/profile/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ cá nhân")
    memberships = page.get_by_test_id("memberships")
    expect(memberships).to_contain_text("HĐND phường Ba Đình — Chuyên viên")
    expect(memberships).to_contain_text("Ban Pháp chế HĐND phường Ba Đình — Lãnh đạo (Phó Trưởng ban)")
    expect(page.get_by_test_id("profile-mfa")).to_have_text("Đang bật")

    # The person corrects their phone number with the keyboard only.
    phone = page.get_by_label("Số điện thoại")
    phone.fill("+84 912 345 678")
    with page.expect_navigation():
        phone.press("Enter")
    expect(page.locator(".toast", has_text="Đã lưu thông tin cá nhân.")).to_be_visible()
    expect(page.get_by_label("Số điện thoại")).to_have_value("0912345678")


def test_language_switch_to_english_and_back(page, login, official):
    from playwright.sync_api import expect

    login(page, "tranthu", PASSWORD, totp_secret=official.totp_secret)
    page.goto("/accounts/profile/")
    page.locator("summary", has_text="Trần Thị Thu").click()
    with page.expect_navigation():
        page.locator(".usermenu select[name=language]").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("My profile")
    expect(page.get_by_test_id("memberships")).to_contain_text("HĐND phường Ba Đình")

    page.locator("summary", has_text="Trần Thị Thu").click()
    with page.expect_navigation():
        page.locator(".usermenu select[name=language]").select_option("vi")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ cá nhân")


def test_stored_english_follows_the_person_to_a_new_browser(page, login, official):
    from playwright.sync_api import expect

    official.language = "en"
    official.save(update_fields=["language"])
    login(page, "tranthu", PASSWORD, totp_secret=official.totp_secret)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto("/accounts/profile/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My profile")


def test_wrong_totp_code_is_refused_with_a_clear_message(page, official):
    from playwright.sync_api import expect

    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập hoặc thư điện tử").fill("tranthu@hanoi.gov.vn")
    page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))

    code = page.get_by_label("Mã", exact=True)
    code.fill(wrong_totp_code(official.totp_secret))
    with page.expect_navigation():
        code.press("Enter")
    expect(page.get_by_text("Mã không đúng hoặc đã hết hạn.")).to_be_visible()
    expect(page.get_by_label("Mã", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_test_id("current-user")).to_have_count(0)


def test_locked_account_is_told_it_is_locked_and_for_how_long(page, official, settings):
    from playwright.sync_api import expect

    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "20/m/ip,3/900s/key"}
    page.goto("/accounts/login/")
    for attempt in range(3):
        page.get_by_label("Tên đăng nhập hoặc thư điện tử").fill("tranthu")
        page.get_by_label("Mật khẩu", exact=True).fill(f"sai-mat-khau-{attempt}")
        with page.expect_navigation():
            page.get_by_role("button", name="Đăng nhập", exact=True).click()
        expect(page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.")).to_be_visible()

    # The right password no longer opens the account.
    page.get_by_label("Tên đăng nhập hoặc thư điện tử").fill("tranthu")
    page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập", exact=True).click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Tài khoản tạm thời bị khóa vì đăng nhập sai 3 lần liên tiếp.")
    expect(alert).to_contain_text("Vui lòng thử lại sau 15 phút")
    assert "/accounts/2fa/" not in page.url
