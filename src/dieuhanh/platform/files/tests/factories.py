"""Real small files built in memory: PDFs (WeasyPrint, pypdf, Pillow scans), Word, Excel, PNG."""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache

from django.core.files.uploadedfile import SimpleUploadedFile

FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
VIETNAMESE_TEXT = "Nghị quyết về việc phê chuẩn dự toán ngân sách của Hội đồng nhân dân phường Đống Đa"


@lru_cache(maxsize=16)
def pdf_bytes(text: str = VIETNAMESE_TEXT, pages: int = 1) -> bytes:
    """A PDF with a real text layer (WeasyPrint, DejaVu Serif)."""
    from weasyprint import HTML

    body = "".join(
        f'<p style="font-family: \'DejaVu Serif\'; font-size: 14pt; {"page-break-before: always" if i else ""}">'
        f"{text} — trang {i + 1}</p>"
        for i in range(pages)
    )
    return HTML(string=f"<html lang='vi'><body>{body}</body></html>").write_pdf()


def blank_pdf(pages: int = 1) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_without_pages() -> bytes:
    from pypdf import PdfWriter

    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    return buffer.getvalue()


def encrypted_pdf(password: str = "mat-khau") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes())).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password + "-chu", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def truncated_pdf() -> bytes:
    data = pdf_bytes()
    return data[: len(data) // 2]


def text_image(text: str = "NGHỊ QUYẾT", *, size=(1400, 420), font_size: int = 96):
    """A Pillow image of black Vietnamese text on white (a 'scan')."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT_BOLD, font_size)
    y = 60
    for line in text.splitlines():
        draw.text((60, y), line, fill=0, font=font)
        y += int(font_size * 1.4)
    return image


def png_bytes(text: str = "NGHỊ QUYẾT", **kwargs) -> bytes:
    buffer = io.BytesIO()
    text_image(text, **kwargs).save(buffer, "PNG")
    return buffer.getvalue()


def scanned_pdf(text: str = "NGHỊ QUYẾT\nTHÀNH PHỐ") -> bytes:
    """A PDF page that is only a picture (no text layer), at 200 dpi like an office scanner."""
    image = text_image(text, size=(1654, 1100), font_size=110).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=200)
    return buffer.getvalue()


def docx_bytes(paragraphs=("Báo cáo kết quả giám sát", "Ủy ban nhân dân phường Đống Đa đã trả lời"),
               table=(("Số", "Nội dung"), ("1", "Đường điện chiếu sáng"))) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=0, cols=len(table[0]))
        for values in table:
            for cell, value in zip(grid.add_row().cells, values, strict=True):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(rows=(("Họ và tên", "Đơn vị"), ("Nguyễn Văn An", "Phường Hoàn Kiếm"))) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


DOCX_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def docx_zip_bomb(uncompressed_mb: int = 40) -> bytes:
    """A 'docx' whose document.xml is tens of MB of zeros compressed to a few KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        with archive.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(uncompressed_mb):
                member.write(chunk)
    return buffer.getvalue()


def docx_without_body() -> bytes:
    """A zip that says it is a Word document but has no word/document.xml."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
    return buffer.getvalue()


def upload(data: bytes, name: str, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    """What Django hands a view; the content type is the browser's claim, never trusted."""
    return SimpleUploadedFile(name, data, content_type=content_type)
