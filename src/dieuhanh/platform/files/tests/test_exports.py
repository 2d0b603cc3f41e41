"""Every module exports the same way: Excel with real dates, PDF with Vietnamese text and
page numbers (nothing fetched from the network), Word with the official layout."""

import datetime as dt
import io
import subprocess
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import engines
from openpyxl import load_workbook

from dieuhanh.platform import files
from dieuhanh.platform.files.serving import content_disposition

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_xlsx_has_a_bold_frozen_filtered_header_and_real_dates():
    rows = [
        ("15/NQ-HĐND", "Nghị quyết về dự toán", dt.date(2026, 11, 2), dt.datetime(2026, 11, 2, 1, 30, tzinfo=dt.UTC), 3, True),
        ("05/HĐND-VP", "=HYPERLINK(\"http://x\")", None, None, Decimal("2.5"), False),
    ]
    response = files.xlsx_response(filename="Sổ văn bản đi", title="Sổ văn bản đi: 2026",
                                   columns=["Số, ký hiệu", "Trích yếu", "Ngày", "Lúc", "Số bản", "Mật"], rows=iter(rows))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "filename*=UTF-8''S%E1%BB%95%20v%C4%83n%20b%E1%BA%A3n%20%C4%91i.xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert sheet.title == "Sổ văn bản đi  2026"  # ':' is not allowed in a sheet name
    assert [c.value for c in sheet[1]] == ["Số, ký hiệu", "Trích yếu", "Ngày", "Lúc", "Số bản", "Mật"]
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:F3"
    date_cell, time_cell = sheet["C2"], sheet["D2"]
    assert date_cell.is_date and date_cell.value == dt.datetime(2026, 11, 2) and date_cell.number_format == "DD/MM/YYYY"
    assert time_cell.value == dt.datetime(2026, 11, 2, 8, 30)  # shown in Vietnam time
    assert time_cell.number_format == "DD/MM/YYYY HH:MM"
    assert sheet["E2"].value == 3 and sheet["F2"].value == "Có" and sheet["F3"].value == "Không"
    assert sheet["B3"].value == "=HYPERLINK(\"http://x\")" and sheet["B3"].data_type == "s"  # text, not a formula
    assert sheet.column_dimensions["B"].width >= len("Nghị quyết về dự toán")


def test_xlsx_streams_many_rows_from_a_generator():
    rows = ((i, f"Nhiệm vụ {i}", dt.date(2026, 1, 1) + dt.timedelta(days=i % 300)) for i in range(20_000))
    response = files.xlsx_response(filename="nhiem-vu.xlsx", title="Nhiệm vụ", columns=["STT", "Tên", "Hạn"], rows=rows,
                                   column_widths=[8, 40, 12])
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 20_001 and values[-1][1] == "Nhiệm vụ 19999"


PRINT_TEMPLATE = """{% extends "files/print_base.html" %}{% block content %}
<p>Hội đồng nhân dân thành phố Hà Nội phê chuẩn dự toán ngân sách năm 2027.</p>
{% for i in pages %}<p style="page-break-before: always">Trang nội dung {{ i }}</p>{% endfor %}
<img src="https://static.example.net/logo.png" alt="">
<img src="{{ static_logo }}" alt="Biểu trưng">
{% endblock %}"""


@pytest.fixture
def print_template(tmp_path, settings):
    folder = tmp_path / "templates" / "filestest"
    folder.mkdir(parents=True)
    (folder / "report.html").write_text(PRINT_TEMPLATE, encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates", *settings.TEMPLATES[0]["DIRS"]]}]
    engines._engines = {}
    engines.__dict__.pop("templates", None)
    yield "filestest/report.html"
    engines._engines = {}
    engines.__dict__.pop("templates", None)


def pdftotext(data: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8")


def test_pdf_export_renders_vietnamese_page_numbers_and_fetches_nothing(print_template, caplog):
    with caplog.at_level("WARNING", logger="dieuhanh.files"):
        response = files.pdf_response(filename="Báo cáo.pdf", template=print_template,
                                      context={"title": "Báo cáo tổng hợp", "issuer": "HĐND thành phố Hà Nội",
                                               "pages": [2], "static_logo": "/static/ui/app.css"})
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    text = pdftotext(response.content)
    assert "Hội đồng nhân dân thành phố Hà Nội phê chuẩn dự toán ngân sách năm 2027." in text
    assert "BÁO CÁO TỔNG HỢP" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Trang 1 / 2" in text and "Trang 2 / 2" in text
    refusals = [r.getMessage() for r in caplog.records if r.name == "dieuhanh.files"]
    assert refusals == ["PDF rendering refused to fetch https://static.example.net/logo.png (only local static files)"]
    fonts = subprocess.run(["pdffonts", "-"], input=response.content, capture_output=True, check=True).stdout.decode()
    assert "Serif" in fonts or "Times" in fonts, fonts


def test_render_pdf_landscape_is_wider_than_tall(print_template):
    from pypdf import PdfReader

    data = files.render_pdf(print_template, {"pages": []}, landscape=True)
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert float(box.width) > float(box.height)


def test_the_fetcher_refuses_files_and_traversal_outside_static():
    from dieuhanh.platform.files.printing import make_url_fetcher

    fetcher = make_url_fetcher()
    for url in ("file:///etc/passwd", "https://dieuhanh.invalid/static/../../etc/passwd", "http://10.0.0.1/x.css",
                "https://dieuhanh.invalid/media/files/x.pdf"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain;base64,SGVsbG8=").read() == b"Hello"
    assert b"{" in fetcher.fetch("https://dieuhanh.invalid/static/ui/app.css").read()


def test_word_document_has_the_official_layout_and_rereads():
    import docx
    from docx.shared import Mm, Pt

    document = files.word.new_document("Báo cáo giám sát")
    files.word.heading(document, "BÁO CÁO")
    document.add_paragraph("Kết quả giải quyết kiến nghị cử tri phường Đống Đa")
    files.word.table(document, ["Số", "Ngày"], [(1, dt.date(2026, 11, 2))])
    response = files.docx_response(filename="Báo cáo giám sát", document=document)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert 'filename="Bao cao giam sat.docx"' in response["Content-Disposition"]
    again = docx.Document(io.BytesIO(response.content))
    assert again.core_properties.title == "Báo cáo giám sát"
    assert [p.text for p in again.paragraphs] == ["BÁO CÁO", "Kết quả giải quyết kiến nghị cử tri phường Đống Đa"]
    assert again.tables[0].cell(1, 1).text == "02/11/2026"
    normal = again.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(13)
    section = again.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
    assert Mm(20) <= section.top_margin <= Mm(25) and Mm(20) <= section.bottom_margin <= Mm(25)
    assert Mm(30) <= section.left_margin <= Mm(35) and Mm(15) <= section.right_margin <= Mm(20)


@pytest.mark.parametrize(
    ("name", "inline", "expected"),
    [
        ("Quyết định số 15.pdf", False,
         "attachment; filename=\"Quyet dinh so 15.pdf\"; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20s%E1%BB%91%2015.pdf"),
        ('a"b;c.pdf', True, "inline; filename=\"a_b_c.pdf\"; filename*=UTF-8''a%22b%3Bc.pdf"),
        ("Đơn\r\nX-Evil: 1.pdf", False, "attachment; filename=\"DonX-Evil_ 1.pdf\"; filename*=UTF-8''%C4%90%C6%A1nX-Evil%3A%201.pdf"),
    ],
)
def test_content_disposition_is_rfc_5987_and_cannot_inject_headers(name, inline, expected):
    assert content_disposition(name, inline=inline) == expected
