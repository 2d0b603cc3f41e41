"""The profile page and the profile_update service."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dieuhanh.platform.accounts.services import normalize_phone, profile_update
from dieuhanh.platform.orgs.tests.factories import MembershipFactory
from dieuhanh.platform.ui.errors import UserError

from .factories import totp_authenticator

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {"full_name": "Trần Thị Thu", "username": "chuyenvien",
            "email": "chuyenvien@hanoi.gov.vn", "phone": ""}
    data.update(overrides)
    return data


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_profile_shows_name_units_roles_and_security_links(client, staff, unit, django_assert_max_num_queries):
    MembershipFactory(user=staff, role="leader", unit=unit, title="Phó Trưởng ban", is_primary=False)
    totp_authenticator(staff)
    client.force_login(staff)
    client.get(reverse("accounts:profile"))  # first request writes the session's last-seen time
    # session, user, MFA status, memberships; the shell's roles, inbox counts, primary unit.
    with django_assert_max_num_queries(10):
        response = client.get(reverse("accounts:profile"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trần Thị Thu" in html and "chuyenvien@hanoi.gov.vn" in html
    assert "HĐND phường Ba Đình — Chuyên viên" in html
    assert "HĐND phường Ba Đình — Lãnh đạo (Phó Trưởng ban)" in html
    assert reverse("mfa_index") in html and reverse("account_change_password") in html
    assert 'data-testid="profile-mfa">Đang bật' in html
    assert '<label for="id_phone">Số điện thoại</label>' in html


def test_person_updates_their_profile(client, staff):
    client.force_login(staff)
    response = client.post(reverse("accounts:profile"), _form(
        full_name="  Trần   Thị Thu Hà ", username="thuha", email="thuha@hanoi.gov.vn", phone="+84 912.345.678"
    ))
    assert response.status_code == 302
    staff.refresh_from_db()
    assert (staff.full_name, staff.username, staff.email, staff.phone) == (
        "Trần Thị Thu Hà", "thuha", "thuha@hanoi.gov.vn", "0912345678"
    )
    page = client.get(reverse("accounts:profile"))
    assert "Đã lưu thông tin cá nhân." in [str(m) for m in page.context["messages"]]


def test_new_email_works_for_login_and_password_reset(client, staff):
    client.force_login(staff)
    client.post(reverse("accounts:profile"), _form(email="moi@hanoi.gov.vn"))
    from allauth.account.models import EmailAddress

    assert list(EmailAddress.objects.filter(user=staff).values_list("email", flat=True)) == ["moi@hanoi.gov.vn"]
    client.logout()
    response = client.post(reverse("account_login"), {"login": "moi@hanoi.gov.vn", "password": "matkhau-thu-nghiem-1"})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "khong-phai-email", "Địa chỉ thư điện tử không hợp lệ."),
        ("phone", "12345", "Số điện thoại không hợp lệ."),
        ("phone", "0912abc678", "Số điện thoại không hợp lệ."),
        ("username", "có dấu cách", "Tên đăng nhập chỉ gồm chữ, số"),
        ("full_name", "   ", "Vui lòng nhập họ và tên."),
        ("username", "", "Vui lòng nhập tên đăng nhập."),
    ],
)
def test_bad_input_gives_a_vietnamese_message_and_400(client, staff, field, value, message):
    client.force_login(staff)
    response = client.post(reverse("accounts:profile"), _form(**{field: value}))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_error"' in html
    staff.refresh_from_db()
    assert staff.username == "chuyenvien" and staff.phone == ""


def test_username_and_email_must_be_unique_ignoring_case(client, staff, citizen):
    client.force_login(staff)
    response = client.post(reverse("accounts:profile"), _form(username="CongDan", email="CONGDAN@example.vn"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tên đăng nhập này đã có người dùng." in html
    assert "Địa chỉ thư điện tử này đã được dùng cho tài khoản khác." in html


def test_service_refuses_editing_someone_else(staff, citizen):
    with pytest.raises(PermissionDenied):
        profile_update(actor=citizen, user=staff, full_name="X", username="x", email="x@x.vn", phone="")
    staff.refresh_from_db()
    assert staff.full_name == "Trần Thị Thu"


def test_service_raises_user_error_keyed_by_field(staff):
    with pytest.raises(UserError) as error:
        profile_update(actor=staff, user=staff, full_name="A", username="chuyenvien", email="sai", phone="")
    assert set(error.value.message_dict) == {"email"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("0912 345 678", "0912345678"), ("+84 912-345-678", "0912345678"), ("84912345678", "0912345678"),
     ("(024) 3825 1234", "02438251234"), ("", "")],
)
def test_normalize_phone(raw, expected):
    assert normalize_phone(raw) == expected


def test_profile_change_is_audited(staff):
    from auditlog.models import LogEntry

    profile_update(actor=staff, user=staff, full_name="Trần Thị Thu", username="chuyenvien",
                   email="chuyenvien@hanoi.gov.vn", phone="0912345678")
    entry = LogEntry.objects.get_for_object(staff).latest("timestamp")
    assert "phone" in entry.changes_dict


def test_password_change_page_is_vietnamese_and_works(client, staff):
    client.force_login(staff)
    page = client.get(reverse("account_change_password"))
    html = page.content.decode()
    assert page.status_code == 200
    assert '<label for="id_oldpassword">Mật khẩu hiện tại</label>' in html
    assert '<label for="id_password2">Nhập lại mật khẩu mới</label>' in html
    wrong = client.post(reverse("account_change_password"), {
        "oldpassword": "sai", "password1": "mat-khau-moi-2026", "password2": "mat-khau-moi-2026"})
    assert "Vui lòng nhập mật khẩu hiện tại." in wrong.content.decode()
    staff.refresh_from_db()
    assert not staff.check_password("mat-khau-moi-2026")
    ok = client.post(reverse("account_change_password"), {
        "oldpassword": "matkhau-thu-nghiem-1", "password1": "mat-khau-moi-2026", "password2": "mat-khau-moi-2026"})
    assert ok.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password("mat-khau-moi-2026")
