"""A person uploads a file: it is checked by what it contains, stored under a generated name,
and every bad file is refused with a Vietnamese message that names it."""

import hashlib
import re

import pytest

from dieuhanh.platform import files
from dieuhanh.platform.files.models import StoredFile
from dieuhanh.platform.ui.errors import UserError

from . import factories as f

pytestmark = pytest.mark.django_db


def refused(data: bytes, name: str, **kwargs) -> str:
    with pytest.raises(UserError) as caught:
        files.store_upload(f.upload(data, name), **kwargs)
    assert not StoredFile.objects.exists(), "nothing is written for a refused file"
    return " ".join(caught.value.messages)


def test_a_good_pdf_is_stored_under_a_generated_name_with_its_hash(django_user_model, settings):
    person = django_user_model.objects.create_user(username="hong", password="x" * 12)
    data = f.pdf_bytes()
    stored = files.store_upload(f.upload(data, "Nghị quyết số 15.pdf", "text/plain"), by=person)
    stored.refresh_from_db()
    assert stored.kind == "pdf" and stored.content_type == "application/pdf"  # the browser said text/plain
    assert stored.original_name == "Nghị quyết số 15.pdf"
    assert stored.size == len(data) and stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.page_count == 1 and stored.uploaded_by == person
    assert re.fullmatch(rf"files/\d{{4}}/\d{{2}}/{stored.uuid}\.pdf", stored.file.name), stored.file.name
    with stored.file.open("rb") as handle:
        assert handle.read() == data
    assert str(settings.MEDIA_ROOT) in stored.file.path


def test_good_docx_png_and_xlsx_are_recognised_by_content():
    docx = files.store_upload(f.upload(f.docx_bytes(), "bao-cao"), kinds=("docx",))
    png = files.store_upload(f.upload(f.png_bytes(), "anh-chup.jpg"), kinds=("image",))
    xlsx = files.store_upload(f.upload(f.xlsx_bytes(), "danh-sach.xlsx"), kinds=("xlsx",))
    assert (docx.kind, docx.file.name[-5:], docx.get_download_name()) == ("docx", ".docx", "bao-cao.docx")
    assert (png.kind, png.content_type, png.file.name[-4:]) == ("image", "image/png", ".png")
    assert png.get_download_name() == "anh-chup.jpg.png"  # the name said JPEG; it is a PNG
    assert xlsx.kind == "xlsx" and xlsx.get_download_name() == "danh-sach.xlsx"


def test_a_path_in_the_name_is_dropped():
    stored = files.store_upload(f.upload(f.pdf_bytes(), "C:\\fakepath\\..\\to-trinh.pdf"))
    assert stored.original_name == "to-trinh.pdf"
    assert "fakepath" not in stored.file.name and ".." not in stored.file.name


def test_an_encrypted_pdf_is_refused():
    message = refused(f.encrypted_pdf(), "x.pdf")
    assert message == 'Tệp "x.pdf" bị mã hóa bằng mật khẩu; hãy gỡ mật khẩu rồi tải lên lại.'


def test_a_truncated_pdf_is_refused():
    assert 'Tệp "bien-ban.pdf" bị hỏng hoặc không đọc được như PDF' in refused(f.truncated_pdf(), "bien-ban.pdf")


def test_a_pdf_without_pages_is_refused():
    assert refused(f.pdf_without_pages(), "rong.pdf") == 'Tệp "rong.pdf" là PDF không có trang nào.'


def test_an_empty_file_is_refused():
    assert refused(b"", "trong.pdf") == 'Tệp "trong.pdf" trống (0 byte); hãy chọn đúng tệp rồi tải lên lại.'


def test_an_oversize_file_is_refused_with_both_sizes(settings):
    message = refused(f.pdf_bytes(), "lon.pdf", max_bytes=1024)
    assert message.startswith('Tệp "lon.pdf" quá lớn (') and message.endswith("dung lượng tối đa là 1 KB.")
    settings.DIEUHANH_MAX_UPLOAD_BYTES = 2048  # the default limit comes from the settings
    assert "tối đa là 2 KB" in refused(f.pdf_bytes(), "lon.pdf")


def test_text_renamed_to_pdf_is_refused():
    message = refused("Đây là văn bản thường".encode(), "gia-mao.pdf")
    assert message.startswith('Nội dung tệp "gia-mao.pdf" không phải loại được chấp nhận (PDF, Word (.docx), ảnh')


def test_a_kind_not_allowed_here_says_what_the_file_is():
    message = refused(f.docx_bytes(), "bao-cao.pdf", kinds=("pdf",))
    assert message == 'Tệp "bao-cao.pdf" là tài liệu Word (.docx); ở đây chỉ chấp nhận: PDF.'


def test_a_docx_zip_bomb_is_refused_before_it_is_parsed():
    message = refused(f.docx_zip_bomb(40), "bom.docx")
    assert 'Tệp "bom.docx" khi giải nén lớn bất thường (40 MB)' in message


def test_a_docx_zip_bomb_over_the_absolute_limit_is_refused(monkeypatch):
    from dieuhanh.platform.files import inspection

    monkeypatch.setattr(inspection, "MAX_UNCOMPRESSED_BYTES", 5 * 1024 * 1024)
    monkeypatch.setattr(inspection, "RATIO_FLOOR_BYTES", 10**12)  # only the absolute limit applies
    assert "khi giải nén lớn bất thường (6 MB)" in refused(f.docx_zip_bomb(6), "bom.docx")


def test_a_docx_without_its_body_is_refused():
    assert "thiếu phần nội dung (word/document.xml)" in refused(f.docx_without_body(), "hong.docx")


def test_a_damaged_image_is_refused():
    png = f.png_bytes()
    message = refused(png[:200], "anh.png")
    assert message.startswith('Tệp "anh.png" là ảnh bị hỏng hoặc không đọc được')


def test_other_kind_accepts_anything_not_empty_and_is_never_shown_inline():
    stored = files.store_upload(f.upload(b"<script>alert(1)</script>", "trang.html"), kinds=("other",))
    assert (stored.kind, stored.content_type, stored.text_state) == ("other", "application/octet-stream", "none")
    assert stored.file.name.endswith(".bin")
    response = files.response(stored, inline=True)
    assert response["Content-Disposition"].startswith("attachment;")


def test_store_bytes_checks_what_the_platform_produced_too():
    stored = files.store_bytes(f.pdf_bytes(), name="Quyết định đã ký.pdf")
    assert stored.kind == "pdf" and stored.uploaded_by is None
    with pytest.raises(UserError):
        files.store_bytes(b"not a pdf", name="x.pdf", kinds=("pdf",))


def test_deleting_a_row_deletes_its_bytes_after_commit(django_capture_on_commit_callbacks):
    stored = files.store_bytes(f.pdf_bytes(), name="x.pdf")
    storage, path = stored.file.storage, stored.file.name
    assert storage.exists(path)
    with django_capture_on_commit_callbacks(execute=True):
        stored.delete()
    assert not storage.exists(path)


def test_unknown_kinds_are_a_programming_error():
    with pytest.raises(ValueError):
        files.store_bytes(f.pdf_bytes(), name="x.pdf", kinds=("pdf", "exe"))
