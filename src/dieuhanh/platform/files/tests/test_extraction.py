"""After a file is stored, its text is extracted in the background so search can find it:
the PDF text layer, Word paragraphs and tables, and OCR (real Tesseract, `vie`) of scans."""

import shutil
import subprocess

import pytest

from dieuhanh.platform import files
from dieuhanh.platform.files.models import StoredFile
from dieuhanh.platform.search.fold import fold, fold_words

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def extracted(django_capture_on_commit_callbacks):
    """Store bytes, let the transaction commit (the immediate task backend runs the task)
    and return the refreshed row together with the signals sent."""
    from dieuhanh.platform.files.signals import text_extracted

    sent = []

    def receiver(sender, stored_file, **kwargs):
        sent.append((sender, stored_file.pk, stored_file.text_state))

    text_extracted.connect(receiver)

    def store(data: bytes, name: str, kinds=("pdf", "docx", "image", "xlsx")) -> StoredFile:
        with django_capture_on_commit_callbacks(execute=True):
            stored = files.store_bytes(data, name=name, kinds=kinds)
            assert StoredFile.objects.get(pk=stored.pk).text_state == "pending"
        stored.refresh_from_db()
        stored.signals = list(sent)
        return stored

    yield store
    text_extracted.disconnect(receiver)


def ocr_ready() -> None:
    """The OCR tests need the real thing: no tesseract or no Vietnamese data is a failure."""
    assert shutil.which("tesseract"), "tesseract is not installed (apt install tesseract-ocr tesseract-ocr-vie)"
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=True)
    assert "vie" in langs.stdout.split(), "tesseract has no Vietnamese data (apt install tesseract-ocr-vie)"


def test_pdf_text_layer_is_extracted_and_folded_search_finds_it(extracted):
    stored = extracted(f.pdf_bytes(pages=2), "Nghị quyết.pdf")
    assert stored.text_state == "done" and stored.page_count == 2
    assert "phê chuẩn dự toán ngân sách" in stored.text and "trang 2" in stored.text
    assert "phuong dong da" in fold_words(stored.text)  # what a person types without diacritics
    assert stored.signals == [(StoredFile, stored.pk, "done")]


def test_docx_paragraphs_and_tables_are_extracted(extracted):
    stored = extracted(f.docx_bytes(), "Báo cáo.docx")
    assert stored.text_state == "done"
    assert "Ủy ban nhân dân phường Đống Đa đã trả lời" in stored.text
    assert "Đường điện chiếu sáng" in stored.text  # a table cell
    assert "duong dien chieu sang" in fold_words(stored.text)


def test_xlsx_cells_are_extracted(extracted):
    stored = extracted(f.xlsx_bytes(), "Danh sách.xlsx")
    assert stored.text_state == "done" and "Nguyễn Văn An | Phường Hoàn Kiếm" in stored.text


def test_a_scanned_image_is_read_by_tesseract_in_vietnamese(extracted):
    ocr_ready()
    stored = extracted(f.png_bytes("NGHỊ QUYẾT"), "Ảnh chụp.png")
    assert stored.text_state == "done"
    assert "nghi quyet" in fold(stored.text), stored.text
    assert "NGHỊ QUYẾT" in stored.text, f"diacritics lost by OCR: {stored.text!r}"


def test_a_scanned_pdf_page_is_rasterised_and_read_by_tesseract(extracted):
    ocr_ready()
    stored = extracted(f.scanned_pdf("NGHỊ QUYẾT\nHỘI ĐỒNG"), "Bản quét.pdf")
    assert stored.text_state == "done" and stored.page_count == 1
    folded = fold_words(stored.text)
    assert "nghi quyet" in folded and "hoi dong" in folded, stored.text


def test_missing_tesseract_marks_the_file_failed_with_a_clear_log(extracted, monkeypatch, caplog):
    monkeypatch.setenv("PATH", "/nonexistent")  # neither tesseract nor pdftoppm can be found
    with caplog.at_level("ERROR", logger="dieuhanh.files"):
        stored = extracted(f.png_bytes(), "anh.png")
    assert stored.text_state == "failed" and stored.text == ""
    assert "tesseract binary is not installed" in caplog.text
    assert stored.signals == [(StoredFile, stored.pk, "failed")]


def test_a_blank_pdf_without_ocr_keeps_its_page_count_and_fails(extracted, monkeypatch, caplog):
    monkeypatch.setenv("PATH", "/nonexistent")
    with caplog.at_level("ERROR", logger="dieuhanh.files"):
        stored = extracted(f.blank_pdf(pages=3), "trang-trang.pdf")
    assert (stored.text_state, stored.page_count) == ("failed", 3)
    assert "OCR of 3 scanned page(s) skipped" in caplog.text


def test_bad_bytes_behind_a_row_never_crash_the_worker(extracted, caplog):
    stored = extracted(f.pdf_bytes(), "x.pdf")
    with open(stored.file.path, "wb") as handle:  # damaged on disk after it was accepted
        handle.write(b"%PDF-1.7\ngarbage")
    with caplog.at_level("ERROR", logger="dieuhanh.files"):
        again = files.services.stored_file_extract_text(stored_file_id=stored.pk)
    assert again.text_state == "failed"
    assert "Text extraction of file" in caplog.text


def test_nul_characters_never_reach_the_database():
    from dieuhanh.platform.files.extraction import clean_text

    assert clean_text("Hội\x00 đồng\n\n\n\nnhân   dân ") == "Hội đồng\n\nnhân dân"


def test_extraction_of_a_deleted_row_is_skipped():
    assert files.services.stored_file_extract_text(stored_file_id=987654) is None
