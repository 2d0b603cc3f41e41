"""`dieuhanh train_classifier`: train on an exported history and print its accuracy."""

import csv

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from dieuhanh.platform import classifier
from dieuhanh.platform.classifier.models import ClassifierModel

from .factories import history

pytestmark = pytest.mark.django_db


def _csv(path, rows, header=("noi_dung", "linh_vuc"), delimiter=","):
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _run(*args):
    from io import StringIO

    out = StringIO()
    call_command("train_classifier", *args, stdout=out)
    return out.getvalue()


def test_training_from_an_excel_export_prints_accuracy_and_stores_the_model(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "noi_dung", "linh_vuc"])
    for i, (text, field) in enumerate(history(), start=1):
        sheet.append([i, text, field])
    book.save(tmp_path / "lich_su.xlsx")
    output = _run("--key", "petitions.field", "--file", str(tmp_path / "lich_su.xlsx"),
                  "--text-column", "noi_dung", "--label-column", "linh_vuc")
    assert "Đã đọc 420 ví dụ" in output
    assert "Đúng ở gợi ý đầu tiên:" in output and "Đúng trong ba gợi ý:" in output
    assert "[100%]" in output and "giao thông" in output
    assert "Đã lưu phiên bản 1 của petitions.field" in output
    assert ClassifierModel.objects.get(key="petitions.field").is_active
    assert classifier.suggest(key="petitions.field", text="Đường Láng nhiều ổ gà").ready


def test_a_semicolon_csv_with_dry_run_keeps_nothing(tmp_path):
    path = _csv(tmp_path / "h.csv", history(), delimiter=";")
    output = _run("--key", "k.csv", "--file", str(path), "--text-column", "noi_dung", "--label-column",
                  "linh_vuc", "--holdout", "0.25", "--dry-run")
    assert "Đánh giá trên 105 ví dụ giữ lại" in output and "Chạy thử: không lưu mô hình." in output
    assert not ClassifierModel.objects.exists()


@pytest.mark.parametrize(("content", "message"), [
    (b"", "rỗng"),
    (b"noi_dung,linh_vuc\n", "không có dòng dữ liệu"),
    (b"\xff\xfe\x00\x00garbage\x00\x01", "không phải tệp"),
    (b"PK\x03\x04not really a workbook", "không phải tệp Excel"),
])
def test_bad_files_give_a_clear_message_and_no_traceback(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        _run("--key", "k", "--file", str(path), "--text-column", "noi_dung", "--label-column", "linh_vuc")


def test_missing_columns_are_named(tmp_path):
    path = _csv(tmp_path / "h.csv", history()[:5], header=("content", "linh_vuc"))
    with pytest.raises(CommandError, match="Không có cột “noi_dung” trong tệp. Các cột có: content, linh_vuc"):
        _run("--key", "k", "--file", str(path), "--text-column", "noi_dung", "--label-column", "linh_vuc")


def test_a_missing_file_and_too_little_history_are_errors(tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        _run("--key", "k", "--file", str(tmp_path / "khong.csv"), "--text-column", "a", "--label-column", "b")
    path = _csv(tmp_path / "small.csv", history()[:40])
    with pytest.raises(CommandError, match="Chưa đủ dữ liệu lịch sử để gợi ý"):
        _run("--key", "k", "--file", str(path), "--text-column", "noi_dung", "--label-column", "linh_vuc")


def test_the_command_exits_non_zero_without_a_traceback(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    done = subprocess.run(
        [sys.executable, "-m", "dieuhanh", "train_classifier", "--key", "k", "--file", str(path),
         "--text-column", "a", "--label-column", "b"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode != 0
    assert "rỗng" in done.stderr and "Traceback" not in done.stderr
