"""Logging in: Vietnamese pages and messages, username or email, lockout, second factor."""

import pytest
from django.test import override_settings
from django.urls import reverse

from .factories import PASSWORD, login_form, totp_authenticator, totp_code, wrong_totp_code

pytestmark = pytest.mark.django_db


def test_login_page_is_vietnamese_and_labelled(client):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert '<label for="id_login">Tên đăng nhập hoặc thư điện tử</label>' in html
    assert '<label for="id_password">Mật khẩu</label>' in html
    assert 'class="auth-box' in html
    assert "Quên mật khẩu?" in html
    assert "Sign In" not in html and "Password" not in html


@pytest.mark.parametrize("login", ["chuyenvien", "chuyenvien@hanoi.gov.vn", "ChuyenVien@Hanoi.gov.vn"])
def test_login_by_username_or_email(client, staff, login):
    response = login_form(client, login)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)
    follow = client.get(reverse("accounts:profile"))
    messages = [str(m) for m in follow.context["messages"]]
    assert "Đăng nhập thành công. Xin chào Trần Thị Thu!" in messages


def test_wrong_password_says_so_in_vietnamese(client, staff):
    response = login_form(client, "chuyenvien", "sai-mat-khau")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_empty_login_form_gives_field_errors_not_500(client):
    response = client.post(reverse("account_login"), {"login": "", "password": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert "id_login_error" in html


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "20/m/ip,3/900s/key"})
def test_account_is_locked_after_the_limit_and_the_message_says_for_how_long(client, staff):
    for _ in range(3):
        response = login_form(client, "chuyenvien", "sai-mat-khau")
        assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    # Even the right password is refused while locked.
    response = login_form(client, "chuyenvien", PASSWORD)
    html = response.content.decode()
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Tài khoản tạm thời bị khóa vì đăng nhập sai 3 lần liên tiếp." in html
    assert "Vui lòng thử lại sau 15 phút" in html


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "20/m/ip,3/900s/key"})
def test_lockout_counts_username_and_email_as_one_account(client, staff):
    login_form(client, "chuyenvien", "sai-1")
    login_form(client, "chuyenvien@hanoi.gov.vn", "sai-2")
    login_form(client, "CHUYENVIEN", "sai-3")
    response = login_form(client, "chuyenvien@hanoi.gov.vn", PASSWORD)
    assert "Tài khoản tạm thời bị khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "20/m/ip,3/900s/key"})
def test_lockout_of_one_account_does_not_lock_another(client, staff, citizen):
    for _ in range(3):
        login_form(client, "chuyenvien", "sai-mat-khau")
    response = login_form(client, "congdan", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(citizen.pk)


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "2/m/ip,30/900s/key"})
def test_per_ip_limit_gives_a_vietnamese_message_too(client, staff):
    login_form(client, "chuyenvien", "sai-1")
    login_form(client, "chuyenvien", "sai-2")
    html = login_form(client, "chuyenvien", PASSWORD).content.decode()
    assert "Đăng nhập sai quá nhiều lần. Tài khoản tạm thời bị khóa, vui lòng thử lại sau tối đa" in html


def test_staff_with_totp_must_enter_a_code(client, staff):
    secret = totp_authenticator(staff)
    response = login_form(client, "chuyenvien")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    page = client.get(reverse("mfa_authenticate"))
    html = page.content.decode()
    assert "Xác thực hai lớp" in html and '<label for="id_code">Mã</label>' in html

    wrong = client.post(reverse("mfa_authenticate"), {"code": wrong_totp_code(secret)})
    assert wrong.status_code == 200
    assert "Mã không đúng hoặc đã hết hạn." in wrong.content.decode()
    assert "_auth_user_id" not in client.session

    right = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_a_recovery_code_replaces_the_totp_code_once(client, staff):
    totp_authenticator(staff, recovery_codes=True)
    from allauth.mfa.models import Authenticator

    code = Authenticator.objects.get(user=staff, type="recovery_codes").wrap().get_unused_codes()[0]
    login_form(client, "chuyenvien")
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)

    client.logout()
    login_form(client, "chuyenvien")
    again = client.post(reverse("mfa_authenticate"), {"code": code})
    assert "Mã không đúng hoặc đã hết hạn." in again.content.decode()


def test_signup_is_closed(client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert b'name="password1"' not in response.content


def test_logout_page_and_message(client, staff):
    client.force_login(staff)
    page = client.get(reverse("account_logout"))
    assert "Bạn có chắc muốn đăng xuất" in page.content.decode()
    response = client.post(reverse("account_logout"), follow=True)
    assert "_auth_user_id" not in client.session
    assert "Bạn đã đăng xuất." in [str(m) for m in response.context["messages"]]
