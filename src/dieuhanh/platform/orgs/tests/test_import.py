"""The Excel import: all rows or none, every bad row reported, files checked by content."""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from dieuhanh.platform.orgs.models import Membership

pytestmark = pytest.mark.django_db
User = get_user_model()
HEADER = ["Họ và tên", "Tên đăng nhập", "Email", "Điện thoại", "Mã đơn vị", "Vai trò", "Chức vụ"]


def xlsx(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if header:
        sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, content: bytes, name="danh-sach.xlsx"):
    return client.post(reverse("orgs:people_import"), {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def admin_client(client, role_users):
    client.force_login(role_users["unit_admin"])  # unit admin of the city secretariat
    return client


GOOD_ROWS = [
    ["Nguyễn Thị Hồng", "hong.nt", "hong.nt@hanoi.example", "0912345678", "vp-doan-dbqh-hdnd", "Chuyên viên", "Chuyên viên"],
    ["Trần Văn Bình", "binh.tv", "", 912000111, "vp-phong-dan-nguyen", "leader", "Trưởng phòng"],
    ["Lê Minh Khoa", "khoa.lm", "khoa@hanoi.example", "", "vp-phong-cong-tac-hdnd", "văn thư", ""],
]


def test_a_good_file_imports_everyone(admin_client):
    response = upload(admin_client, xlsx(GOOD_ROWS))
    assert response.status_code == 302
    assert response["Location"] == reverse("orgs:person_list")
    hong = User.objects.get(username="hong.nt")
    assert hong.full_name == "Nguyễn Thị Hồng" and hong.phone == "0912345678" and not hong.has_usable_password()
    assert Membership.objects.get(user=hong).unit.code == "vp-doan-dbqh-hdnd"
    assert Membership.objects.get(user__username="binh.tv").role == "leader"
    assert User.objects.get(username="binh.tv").phone == "912000111"
    assert Membership.objects.get(user__username="khoa.lm").role == "clerk"


def test_three_bad_rows_are_all_reported_and_nothing_is_written(admin_client, demo_city):
    rows = [
        GOOD_ROWS[0],  # row 2
        ["", "khong.ten", "", "", "vp-doan-dbqh-hdnd", "staff", ""],  # row 3: empty name
        GOOD_ROWS[1],  # row 4
        ["Phạm Văn Sai", "sai.pv", "khong-phai-email", "", "ma-khong-co", "giám đốc", ""],  # row 5: 3 reasons
        ["Đỗ Thị Ngoài", "ngoai.dt", "", "", "so-y-te", "staff", ""],  # row 6: outside scope
        GOOD_ROWS[2],  # row 7
    ]
    users_before, memberships_before = User.objects.count(), Membership.objects.count()
    response = upload(admin_client, xlsx(rows))
    assert response.status_code == 400
    problems = {p.number: " ".join(p.messages) for p in response.context["problems"]}
    assert set(problems) == {3, 5, 6}
    assert "Họ và tên trống" in problems[3]
    assert "«khong-phai-email» không hợp lệ" in problems[5]
    assert "«ma-khong-co»" in problems[5] and "Vai trò «giám đốc» không hợp lệ" in problems[5]
    assert "ngoài phạm vi" in problems[6]
    body = response.content.decode()
    assert "Có 3 dòng cần sửa" in body
    assert (User.objects.count(), Membership.objects.count()) == (users_before, memberships_before)


def test_duplicate_usernames_in_file_and_in_database_are_reported(admin_client):
    rows = [
        GOOD_ROWS[0],
        ["Nguyễn Thị Hồng Hai", "HONG.NT", "hong2@hanoi.example", "", "vp-doan-dbqh-hdnd", "staff", ""],
        ["Trùng Trong Hệ Thống", "chuyenvien", "", "", "vp-doan-dbqh-hdnd", "staff", ""],
        ["Trùng Email", "trung.email", "hong.nt@hanoi.example", "", "vp-doan-dbqh-hdnd", "staff", ""],
        ["Lên Quyền", "len.quyen", "", "", "vp-doan-dbqh-hdnd", "Quản trị hệ thống", ""],
    ]
    response = upload(admin_client, xlsx(rows))
    assert response.status_code == 400
    problems = {p.number: " ".join(p.messages) for p in response.context["problems"]}
    assert "trùng với dòng 2" in problems[3]
    assert "«chuyenvien» đã có trong hệ thống" in problems[4]
    assert "Email «hong.nt@hanoi.example» trùng với dòng 2" in problems[5]
    assert "Chỉ quản trị hệ thống" in problems[6]
    assert set(problems) == {3, 4, 5, 6}
    assert not User.objects.filter(username="hong.nt").exists()


def test_the_file_is_checked_by_content_not_by_name(admin_client):
    pdf = upload(admin_client, b"%PDF-1.7\n1 0 obj<<>>endobj\n", name="danh-sach.xlsx")
    assert pdf.status_code == 400
    assert "không phải bảng tính Excel" in pdf.content.decode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "không phải excel")
    plain_zip = upload(admin_client, buffer.getvalue(), name="danh-sach.xlsx")
    assert plain_zip.status_code == 400 and "không phải bảng tính Excel" in plain_zip.content.decode()
    # A real workbook with an odd name is accepted.
    renamed = upload(admin_client, xlsx([GOOD_ROWS[0]]), name="danh-sach.dat")
    assert renamed.status_code == 302
    assert User.objects.filter(username="hong.nt").exists()


def test_an_oversize_file_is_refused(admin_client, settings):
    content = xlsx(GOOD_ROWS)
    settings.DIEUHANH_MAX_UPLOAD_BYTES = len(content) - 1
    response = upload(admin_client, content)
    assert response.status_code == 400
    assert "Tệp quá lớn" in response.content.decode()
    assert not User.objects.filter(username="hong.nt").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (xlsx([], header=None), "Bảng tính trống"),
        (xlsx([]), "không có dòng dữ liệu nào"),
        (xlsx([["", "", "", "", "", "", ""]]), "không có dòng dữ liệu nào"),
        (xlsx([["A", "b"]], header=["Tên", "Mã"]), "thiếu cột: Họ và tên, Tên đăng nhập, Mã đơn vị, Vai trò"),
    ],
)
def test_empty_sheets_and_missing_headers_get_clear_messages(admin_client, content, message):
    response = upload(admin_client, content)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_no_file_at_all_is_a_form_error(admin_client):
    response = admin_client.post(reverse("orgs:people_import"), {})
    assert response.status_code == 400


def test_template_downloads_and_round_trips(admin_client):
    response = admin_client.get(reverse("orgs:people_import_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == HEADER
    guide_codes = {row[0].value for row in workbook["Huong dan"].iter_rows()}
    assert "vp-doan-dbqh-hdnd" in guide_codes and "so-y-te" not in guide_codes  # only units in scope
    sheet.append(GOOD_ROWS[0])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert upload(admin_client, buffer.getvalue()).status_code == 302
    assert User.objects.filter(username="hong.nt").exists()


def test_the_import_page_needs_manage_people(client, role_users):
    client.force_login(role_users["staff"])
    assert client.get(reverse("orgs:people_import")).status_code == 403
    assert upload(client, xlsx(GOOD_ROWS)).status_code == 403
    assert not User.objects.filter(username="hong.nt").exists()
