"""Exports every module shares: Excel and Word (PDF is in `printing.py`)."""

from __future__ import annotations

import datetime as dt
import decimal
import io
import re
import tempfile
from collections.abc import Iterable, Sequence
from itertools import islice

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .inspection import DOCX_TYPE, XLSX_TYPE
from .serving import bytes_response

DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
_SHEET_TITLE_BAD = re.compile(r"[\[\]:*?/\\]")
WIDTH_SAMPLE_ROWS = 200


def _with_extension(filename: str, ext: str) -> str:
    filename = filename or "bao-cao"
    return filename if filename.lower().endswith(f".{ext}") else f"{filename}.{ext}"


def sheet_title(title: str) -> str:
    text = _SHEET_TITLE_BAD.sub(" ", str(title or "")).strip().strip("'")
    return (text or "Sheet1")[:31]


def _cell_value(value):
    """What openpyxl writes: real dates and numbers, Vietnamese yes/no, text for the rest."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None:
        return None
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    if isinstance(value, (dt.date, dt.time, int, float, decimal.Decimal)):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def write_xlsx(target, *, title: str, columns: list[str], rows: Iterable[Sequence], column_widths=None) -> int:
    """Write a one-sheet workbook to a path or binary file; returns the number of rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    workbook.properties.title = str(title)
    workbook.properties.language = "vi-VN"
    sheet = workbook.create_sheet(sheet_title(title))
    columns = [str(c) for c in columns]
    rows = iter(rows)
    head = list(islice(rows, WIDTH_SAMPLE_ROWS))
    if column_widths is None:
        column_widths = []
        for index, header in enumerate(columns):
            sample = max((_width(_cell_value(row[index])) for row in head if index < len(row)), default=0)
            column_widths.append(min(max(len(header) + 2, sample + 2, 8), 60))
    for index, width in enumerate(column_widths, start=1):
        if width:
            sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    if columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"
    bold = Font(bold=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    header_cells = []
    for header in columns:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    for row in _chain(head, rows):
        cells = []
        for value in row:
            value = _cell_value(value)
            # Plain values are cheaper for openpyxl; a cell object only where a style or a type is needed.
            if isinstance(value, dt.datetime):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = DATETIME_FORMAT
            elif isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = DATE_FORMAT
            elif isinstance(value, str) and (value.startswith("=") or "\n" in value):
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"  # never a formula, whatever the text starts with
                if "\n" in value:
                    cell.alignment = wrap
            else:
                cell = value
            cells.append(cell)
        sheet.append(cells)
        count += 1
    # The filter covers the data too (a write-only sheet knows its size only now).
    if columns and count:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    workbook.save(target)
    return count


def _chain(head, rest):
    yield from head
    yield from rest


def xlsx_bytes(*, title: str, columns: list[str], rows: Iterable[Sequence], column_widths=None) -> bytes:
    with tempfile.TemporaryFile() as handle:
        write_xlsx(handle, title=title, columns=columns, rows=rows, column_widths=column_widths)
        handle.seek(0)
        return handle.read()


def xlsx_response(*, filename: str, title: str, columns: list[str], rows: Iterable[Sequence],
                  column_widths=None) -> HttpResponse:
    """An Excel download: bold frozen header with a filter, real dates shown dd/mm/yyyy.
    Rows are written as they come (openpyxl write-only mode, spooled to a temporary file)."""
    data = xlsx_bytes(title=title, columns=columns, rows=rows, column_widths=column_widths)
    return bytes_response(data, filename=_with_extension(filename, "xlsx"), content_type=XLSX_TYPE)


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_response(*, filename: str, document) -> HttpResponse:
    """A python-docx Document as a Word download (see `files.word.new_document`)."""
    return bytes_response(docx_bytes(document), filename=_with_extension(filename, "docx"), content_type=DOCX_TYPE)
