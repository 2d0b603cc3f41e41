"""The second-factor pages, in Vietnamese: activate and deactivate TOTP, recovery codes."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from .factories import login_form, reauthenticate, totp_authenticator, totp_code, wrong_totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, staff):
    client.force_login(staff)
    reauthenticate(client)  # allauth asks for the password again before MFA changes
    return client


def test_index_shows_status_in_vietnamese(logged_in):
    html = logged_in.get(reverse("mfa_index")).content.decode()
    assert "<h1>Xác thực hai lớp</h1>" in html
    assert "Chưa bật" in html and "Bật ứng dụng xác thực" in html


def test_activate_totp_shows_qr_as_inline_svg_and_the_secret(logged_in):
    response = logged_in.get(reverse("mfa_activate_totp"))
    html = response.content.decode()
    secret = response.context["form"].secret
    assert response.status_code == 200
    assert "<svg" in html and 'role="img"' in html
    assert f'value="{secret}"' in html
    assert '<label for="id_code">Mã xác thực</label>' in html


def test_wrong_code_does_not_activate(logged_in, staff):
    secret = logged_in.get(reverse("mfa_activate_totp")).context["form"].secret
    response = logged_in.post(reverse("mfa_activate_totp"), {"code": wrong_totp_code(secret)})
    assert response.status_code == 200
    assert "Mã không đúng hoặc đã hết hạn." in response.content.decode()
    assert not Authenticator.objects.filter(user=staff).exists()


# allauth adds its message in transaction.on_commit: a real commit is needed to see it.
@pytest.mark.django_db(transaction=True)
def test_activation_with_the_right_code_then_recovery_codes(logged_in, staff):
    secret = logged_in.get(reverse("mfa_activate_totp")).context["form"].secret
    response = logged_in.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)}, follow=True)
    assert Authenticator.objects.filter(user=staff, type="totp").exists()
    html = response.content.decode()
    assert "Đã bật ứng dụng xác thực." in html
    # allauth makes recovery codes at activation and shows them.
    codes = Authenticator.objects.get(user=staff, type="recovery_codes").wrap().get_unused_codes()
    assert "<h1>Mã khôi phục</h1>" in html and codes[0] in html

    download = logged_in.get(reverse("mfa_download_recovery_codes"))
    assert download.status_code == 200
    assert codes[0] in download.content.decode()

    generate = logged_in.get(reverse("mfa_generate_recovery_codes"))
    assert "Các mã cũ sẽ không dùng được nữa." in generate.content.decode()
    done = logged_in.post(reverse("mfa_generate_recovery_codes"), follow=True)
    assert "Đã tạo bộ mã khôi phục mới." in [str(m) for m in done.context["messages"]]
    assert codes[0] not in Authenticator.objects.get(user=staff, type="recovery_codes").wrap().get_unused_codes()


def test_deactivate_totp(client, staff):
    secret = totp_authenticator(staff)
    login_form(client, "chuyenvien")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    reauthenticate(client)
    page = client.get(reverse("mfa_deactivate_totp"))
    assert page.status_code == 200
    assert "Tắt ứng dụng xác thực" in page.content.decode()
    response = client.post(reverse("mfa_deactivate_totp"), follow=True)
    assert not Authenticator.objects.filter(user=staff, type="totp").exists()
    assert "Đã tắt ứng dụng xác thực." in [str(m) for m in response.context["messages"]]


def test_webauthn_pages_render(logged_in):
    add = logged_in.get(reverse("mfa_add_webauthn"))
    assert add.status_code == 200
    assert "<h1>Thêm khóa bảo mật</h1>" in add.content.decode()
    assert logged_in.get(reverse("mfa_list_webauthn")).status_code == 200
    assert logged_in.get(reverse("mfa_remove_webauthn", kwargs={"pk": 2_000_000_000})).status_code == 404


def test_reauthenticate_page_is_vietnamese(client, staff):
    client.force_login(staff)  # no recent password entry: activation asks for it again
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Xác nhận truy cập" in html and '<label for="id_password">Mật khẩu</label>' in html
    wrong = client.post(response["Location"], {"password": "sai"})
    assert "Mật khẩu không đúng." in wrong.content.decode()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("mfa_deactivate_totp", "Ứng dụng xác thực chưa được bật."),
        ("mfa_view_recovery_codes", "Bạn chưa có mã khôi phục."),
        ("mfa_download_recovery_codes", "Bạn chưa có mã khôi phục."),
    ],
)
def test_pages_of_a_missing_factor_explain_instead_of_404(client, staff, name, message):
    client.force_login(staff)
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")
    page = client.get(response["Location"])
    assert message in [str(m) for m in page.context["messages"]]
