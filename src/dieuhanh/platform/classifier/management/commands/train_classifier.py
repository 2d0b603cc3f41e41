"""dieuhanh train_classifier --key petitions.field --file history.xlsx --text-column noi_dung
--label-column linh_vuc [--holdout 0.2] [--dry-run]: train on an exported history and print
its accuracy on the held-back share."""

from __future__ import annotations

import csv
import io
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dieuhanh.platform.ui.errors import UserError

MAX_FILE_BYTES = 200 * 1024 * 1024


class Command(BaseCommand):
    help = "Huấn luyện bộ phân loại từ lịch sử đã phân loại (tệp .xlsx hoặc .csv) và in độ chính xác."

    def add_arguments(self, parser):
        parser.add_argument("--key", required=True, help="Bộ nhãn, ví dụ petitions.field")
        parser.add_argument("--file", required=True, help="Tệp .xlsx hoặc .csv (UTF-8) có dòng tiêu đề")
        parser.add_argument("--text-column", required=True, help="Tên cột nội dung")
        parser.add_argument("--label-column", required=True, help="Tên cột nhãn (lĩnh vực, cơ quan …)")
        parser.add_argument("--holdout", type=float, default=0.2, help="Tỷ lệ dữ liệu giữ lại để đánh giá (0,2)")
        parser.add_argument("--min-examples", type=int, default=None, help="Số ví dụ tối thiểu")
        parser.add_argument("--min-per-label", type=int, default=None, help="Số ví dụ tối thiểu của mỗi nhãn")
        parser.add_argument("--sheet", default=None, help="Tên trang tính (mặc định trang đầu)")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đánh giá, không lưu mô hình")

    def handle(self, *args, key, file, text_column, label_column, holdout, min_examples, min_per_label,
               sheet, dry_run, **options):
        from dieuhanh.platform import classifier

        started = time.monotonic()
        rows = read_table(Path(file), sheet=sheet)
        examples = extract(rows, text_column=text_column, label_column=label_column)
        self.stdout.write(f"Đã đọc {len(examples)} ví dụ có nội dung và nhãn từ {file}.")

        def progress(stage: str, percent: int) -> None:
            self.stdout.write(f"[{percent:3d}%] {stage} ({time.monotonic() - started:.1f} giây)")
            self.stdout.flush()

        try:
            info = classifier.train(key=key, examples=examples, holdout=holdout, min_examples=min_examples,
                                    min_per_label=min_per_label, source=f"file:{Path(file).name}",
                                    dry_run=dry_run, progress=progress)
        except UserError as error:
            raise CommandError(" ".join(error.messages)) from None
        if not info.ready:
            raise CommandError(info.message)
        self.report(info, dry_run=dry_run)

    def report(self, info, *, dry_run: bool) -> None:
        m = info.metrics
        w = self.stdout.write
        w("")
        if "top1" in m:
            w(f"Đánh giá trên {m['n_test']} ví dụ giữ lại (huấn luyện trên {m['n_train']}):")
            w(f"  Đúng ở gợi ý đầu tiên: {m['top1'] * 100:.1f} %")
            w(f"  Đúng trong ba gợi ý:   {m['top3'] * 100:.1f} %")
            w("")
            width = max(len(label) for label in m["per_label"]) + 2
            w(f"  {'Nhãn':<{width}}{'Độ chính xác':>14}{'Độ bao phủ':>12}{'Số ví dụ':>10}")
            for label, v in sorted(m["per_label"].items()):
                w(f"  {label:<{width}}{v['precision'] * 100:>13.1f}%{v['recall'] * 100:>11.1f}%{v['support']:>10}")
        else:
            w("Không đủ dữ liệu để giữ lại một phần đánh giá (--holdout 0 hoặc quá ít ví dụ).")
        if m.get("dropped_labels"):
            w("")
            w("Nhãn bị bỏ qua vì quá ít ví dụ: " + "; ".join(m["dropped_labels"]))
        w("")
        if dry_run:
            w("Chạy thử: không lưu mô hình.")
        else:
            w(self.style.SUCCESS(f"Đã lưu phiên bản {info.version} của {info.key} và dùng ngay cho gợi ý."))


def read_table(path: Path, *, sheet: str | None = None) -> list[dict]:
    """Rows of an .xlsx or .csv file as dicts keyed by the header row (recognised by content)."""
    if not path.is_file():
        raise CommandError(f"Không tìm thấy tệp {path}.")
    size = path.stat().st_size
    if size == 0:
        raise CommandError(f"Tệp {path} rỗng.")
    if size > MAX_FILE_BYTES:
        raise CommandError(f"Tệp {path} quá lớn (tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB).")
    data = path.read_bytes()
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data, path, sheet)
    return _read_csv(data, path)


def _read_xlsx(data: bytes, path: Path, sheet: str | None) -> list[dict]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any damage means "not a workbook we can read"
        raise CommandError(f"Tệp {path} không phải tệp Excel (.xlsx) hợp lệ.") from None
    if sheet is not None and sheet not in book.sheetnames:
        raise CommandError(f"Tệp {path} không có trang tính “{sheet}” (có: {', '.join(book.sheetnames)}).")
    ws = book[sheet] if sheet else book.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if not header or not any(header):
        raise CommandError(f"Tệp {path} không có dòng tiêu đề.")
    names = [str(h).strip() if h is not None else "" for h in header]
    out = [{n: ("" if v is None else str(v)) for n, v in zip(names, row, strict=False)} for row in rows]
    book.close()
    return _with_header(out, names, path)


def _read_csv(data: bytes, path: Path) -> list[dict]:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise CommandError(f"Tệp {path} không phải tệp CSV mã UTF-8.")
    if "\x00" in text:
        raise CommandError(f"Tệp {path} không phải tệp văn bản CSV.")
    try:
        dialect = csv.Sniffer().sniff(text[:10000], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(min(sys.maxsize, 10_000_000))
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    names = [n.strip() for n in (reader.fieldnames or [])]
    reader.fieldnames = names
    return _with_header(list(reader), names, path)


def _with_header(rows: list[dict], names: list[str], path: Path) -> list[dict]:
    if not any(names):
        raise CommandError(f"Tệp {path} không có dòng tiêu đề.")
    if not rows:
        raise CommandError(f"Tệp {path} không có dòng dữ liệu nào dưới dòng tiêu đề.")
    return rows


def extract(rows: list[dict], *, text_column: str, label_column: str) -> list[tuple[str, str]]:
    present = [c for c in rows[0].keys() if c]
    missing = [c for c in (text_column, label_column) if c not in present]
    if missing:
        raise CommandError(
            f"Không có cột {', '.join(f'“{c}”' for c in missing)} trong tệp. Các cột có: {', '.join(present)}."
        )
    return [(str(r.get(text_column) or ""), str(r.get(label_column) or "")) for r in rows]
