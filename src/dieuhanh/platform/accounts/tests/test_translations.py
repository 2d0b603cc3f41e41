"""allauth speaks Vietnamese through our catalog; our Vietnamese msgids have English."""

import pytest
from django.urls import reverse
from django.utils import translation


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("The username and/or password you specified are not correct.", "Tên đăng nhập hoặc mật khẩu không đúng."),
        ("Too many failed login attempts. Try again later.", "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau."),
        ("Incorrect code.", "Mã không đúng hoặc đã hết hạn. Vui lòng nhập mã mới trong ứng dụng xác thực."),
        ("Authenticator app activated.", "Đã bật ứng dụng xác thực."),
        ("Authenticator app deactivated.", "Đã tắt ứng dụng xác thực."),
        ("Password successfully changed.", "Đã đổi mật khẩu."),
    ],
)
def test_allauth_messages_in_vietnamese(english, vietnamese):
    with translation.override("vi"):
        assert translation.gettext(english) == vietnamese


def test_field_label_with_context():
    with translation.override("vi"):
        assert translation.pgettext("field label", "Login") == "Tên đăng nhập hoặc thư điện tử"


def test_our_vietnamese_msgids_have_english():
    with translation.override("en"):
        assert translation.gettext("Hồ sơ cá nhân") == "My profile"
        assert translation.gettext("Phiên làm việc đã hết hạn do lâu không thao tác. Vui lòng đăng nhập lại.") == (
            "Your session expired after a period of inactivity. Please sign in again."
        )


@pytest.mark.django_db
def test_login_page_in_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("account_login")).content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Sign in</h1>" in html and "Use your username or your official email address." in html


def test_every_po_entry_is_translated():
    from pathlib import Path

    from babel.messages.pofile import read_po

    base = Path(__file__).resolve().parent.parent / "locale"
    for po in base.glob("*/LC_MESSAGES/django.po"):
        catalog = read_po(po.open("rb"))
        untranslated = [m.id for m in catalog if m.id and not (m.string if isinstance(m.string, str) else all(m.string))]
        assert untranslated == [], po
        assert po.with_suffix(".mo").exists(), f"run `dieuhanh compiletranslations` ({po})"
