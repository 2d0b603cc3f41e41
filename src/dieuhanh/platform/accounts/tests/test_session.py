"""Session rules: the person's language, idle timeout, and staff having to enrol TOTP."""

import time

import pytest
from django.conf import settings
from django.urls import reverse

from .factories import login_form, reauthenticate, totp_authenticator

pytestmark = pytest.mark.django_db


def test_login_activates_the_stored_language(client, staff):
    staff.language = "en"
    staff.save(update_fields=["language"])
    response = login_form(client, "chuyenvien")
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(reverse("accounts:profile"))
    assert '<html lang="en">' in page.content.decode()
    # The allauth message was rendered after the language was switched.
    assert "Successfully signed in as Trần Thị Thu." in [str(m) for m in page.context["messages"]]


def test_login_with_vietnamese_account_resets_an_english_cookie(client, staff):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = login_form(client, "chuyenvien")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "vi"
    page = client.get(reverse("accounts:profile"))
    assert '<html lang="vi">' in page.content.decode()


def test_user_language_set_stores_and_validates(staff):
    from dieuhanh.platform.accounts.services import user_language_set
    from dieuhanh.platform.ui.errors import UserError

    assert user_language_set(user=staff, language="en") is True
    staff.refresh_from_db()
    assert staff.language == "en"
    assert user_language_set(user=staff, language="en") is False
    with pytest.raises(UserError):
        user_language_set(user=staff, language="fr")


def test_language_switch_is_remembered_on_the_account(client, staff):
    client.force_login(staff)
    response = client.post("/i18n/setlang/", {"language": "en", "next": reverse("accounts:profile")})
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.language == "en"
    # A new browser gets English at login.
    client.logout()
    client.cookies.clear()
    login_form(client, "chuyenvien")
    assert '<html lang="en">' in client.get(reverse("accounts:profile")).content.decode()


def test_idle_session_ends_with_a_vietnamese_message(client, staff, settings):
    settings.DIEUHANH_IDLE_TIMEOUT = 600
    client.force_login(staff)
    assert client.get(reverse("accounts:profile")).status_code == 200
    session = client.session
    session["dieuhanh:last-seen"] = int(time.time()) - 601
    session.save()
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=" + reverse("accounts:profile")
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert "Phiên làm việc đã hết hạn do lâu không thao tác." in page.content.decode()


def test_active_session_is_kept(client, staff, settings):
    settings.DIEUHANH_IDLE_TIMEOUT = 600
    client.force_login(staff)
    client.get(reverse("accounts:profile"))
    session = client.session
    session["dieuhanh:last-seen"] = int(time.time()) - 599
    session.save()
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_staff_without_totp_is_sent_to_activation(client, staff, settings):
    settings.DIEUHANH_MFA_REQUIRED_FOR_STAFF = True
    login_form(client, "chuyenvien")
    response = client.get("/inbox/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    reauth = client.get(response["Location"])  # allauth confirms the password first
    assert reauth.status_code == 302 and reauth["Location"].startswith("/accounts/reauthenticate/")
    page = client.get(reauthenticate(client) and response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tài khoản cán bộ phải bật xác thực hai lớp trước khi làm việc." in html
    assert "<svg" in html and 'data-testid="totp-secret"' in html
    # Account pages stay reachable.
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_staff_with_totp_and_citizens_are_not_redirected(client, staff, citizen, settings):
    settings.DIEUHANH_MFA_REQUIRED_FOR_STAFF = True
    totp_authenticator(staff)
    client.force_login(staff)
    assert client.get("/inbox/").get("Location") != reverse("mfa_activate_totp")
    client.force_login(citizen)
    assert client.get("/inbox/").get("Location") != reverse("mfa_activate_totp")


def test_setting_off_means_no_redirect(client, staff, settings):
    settings.DIEUHANH_MFA_REQUIRED_FOR_STAFF = False
    client.force_login(staff)
    assert client.get("/inbox/").get("Location") != reverse("mfa_activate_totp")
