"""A module's form with an upload field: a bad file is explained beside the field, in
Vietnamese, and the page answers 400 (never 500); a good file is stored."""

import pytest

from dieuhanh.platform.files.models import StoredFile

from . import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.urls("dieuhanh.platform.files.tests.urls")]
URL = "/files-test/upload/"


@pytest.fixture
def staff_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="chuyenvien.test", password="x" * 12))
    return client


def test_the_field_tells_what_it_accepts_before_anything_is_sent(staff_client):
    body = staff_client.get(URL).content.decode()
    assert "Chấp nhận: PDF, Word (.docx); tối đa 50 KB." in body
    assert 'accept=".pdf,application/pdf,.docx,' in body
    assert 'aria-describedby="id_file_helptext"' in body


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (f.encrypted_pdf(), "x.pdf", "Tệp &quot;x.pdf&quot; bị mã hóa bằng mật khẩu; hãy gỡ mật khẩu rồi tải lên lại."),
        (b"van ban thuong", "gia.pdf", "Nội dung tệp &quot;gia.pdf&quot; không phải loại được chấp nhận (PDF, Word (.docx))"),
        (b"", "trong.pdf", "Tệp &quot;trong.pdf&quot; trống (0 byte)"),
        (b"%PDF-1.7" + b" " * 60 * 1024, "lon.pdf", "Tệp &quot;lon.pdf&quot; quá lớn (60 KB); dung lượng tối đa là 50 KB."),
    ],
    ids=["encrypted", "renamed", "empty", "oversize"],
)
def test_a_bad_file_is_explained_beside_the_field(staff_client, data, name, message):
    response = staff_client.post(URL, {"title": "Tờ trình", "file": f.upload(data, name)})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert 'aria-invalid="true"' in body and 'id="id_file_error' in body
    assert 'value="Tờ trình"' in body  # what was typed is kept
    assert not StoredFile.objects.exists()


def test_no_file_at_all_is_asked_for(staff_client):
    response = staff_client.post(URL, {"title": "Tờ trình"})
    assert response.status_code == 400 and "Hãy chọn một tệp để tải lên." in response.content.decode()


def test_a_good_file_is_stored_once(staff_client):
    response = staff_client.post(URL, {"title": "Tờ trình", "file": f.upload(f.docx_bytes(), "Tờ trình.docx")})
    assert response.status_code == 302
    stored = StoredFile.objects.get()
    assert stored.kind == "docx" and stored.original_name == "Tờ trình.docx"
    assert stored.uploaded_by.username == "chuyenvien.test"


def test_the_field_in_english(staff_client):
    from django.utils import translation

    with translation.override("en"):
        from dieuhanh.platform.files.inspection import upload_hint

        assert str(upload_hint(("pdf",), 1024 * 1024)).startswith("Accepted: PDF; at most 1 MB.")
