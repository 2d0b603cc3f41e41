"""Password reset by email, in Vietnamese, end to end through allauth."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from .factories import login_form

pytestmark = pytest.mark.django_db


def test_request_page_is_vietnamese(client):
    html = client.get(reverse("account_reset_password")).content.decode()
    assert "<h1>Đặt lại mật khẩu</h1>" in html
    assert '<label for="id_email">Thư điện tử</label>' in html


def test_bad_email_is_a_field_error(client):
    response = client.post(reverse("account_reset_password"), {"email": "khong-hop-le"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not mail.outbox


def test_full_reset_journey(client, staff):
    response = client.post(reverse("account_reset_password"), {"email": "chuyenvien@hanoi.gov.vn"})
    assert response.status_code == 302
    done = client.get(response["Location"])
    assert "Nếu địa chỉ này thuộc một tài khoản" in done.content.decode()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.endswith("Đặt lại mật khẩu")
    assert "Tên đăng nhập của anh/chị là: chuyenvien" in message.body
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", message.body).group(1)

    follow = client.get(link)
    assert follow.status_code == 302  # allauth moves the key into the session
    form_page = client.get(follow["Location"])
    assert "<h1>Đặt mật khẩu mới</h1>" in form_page.content.decode()

    mismatch = client.post(follow["Location"], {"password1": "mat-khau-moi-2026", "password2": "khac-hoan-toan"})
    assert "Hai lần nhập mật khẩu không giống nhau." in mismatch.content.decode()

    changed = client.post(follow["Location"], {"password1": "mat-khau-moi-2026", "password2": "mat-khau-moi-2026"})
    assert changed.status_code == 302
    assert "Mật khẩu của bạn đã được đổi." in client.get(changed["Location"]).content.decode()
    assert login_form(client, "chuyenvien", "mat-khau-moi-2026").status_code == 302


def test_unknown_email_gets_no_account_hint_and_no_signup_link(client):
    response = client.post(reverse("account_reset_password"), {"email": "ai-do@example.vn"})
    assert response.status_code == 302  # same answer as for a known address (no enumeration)
    assert len(mail.outbox) == 1
    assert "không có tài khoản nào dùng địa chỉ này" in mail.outbox[0].body
    assert "signup" not in mail.outbox[0].body


def test_invalid_key_shows_a_clear_message(client, staff):
    response = client.get(reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "sai-khoa"}))
    assert response.status_code == 200
    assert "Liên kết đặt lại mật khẩu không hợp lệ hoặc đã được sử dụng." in response.content.decode()
