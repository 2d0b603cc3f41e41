"""Word reports that look official (Nghị định 30/2020/NĐ-CP, Phụ lục I): A4, Times New Roman
13pt, margins top/bottom 20 mm, left 30 mm, right 15 mm.

    from dieuhanh.platform.files import word
    document = word.new_document("Báo cáo kết quả giải quyết kiến nghị")
    word.heading(document, "BÁO CÁO")
    document.add_paragraph("…")
    return files.docx_response(filename="bao-cao.docx", document=document)
"""

from __future__ import annotations

FONT = "Times New Roman"
FONT_SIZE_PT = 13
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}


def _set_font(style, *, size: float | None = None, bold: bool | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.font.name = FONT
    if size is not None:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _mm(value: float):
    """Word stores margins in twips; round up so 15 mm never becomes 14.99 mm."""
    import math

    from docx.shared import Twips

    return Twips(math.ceil(value * 1440 / 25.4))


def new_document(title: str):
    """An empty A4 python-docx Document with the official font, size and margins; `title` is
    the document's title property (add the visible heading yourself, e.g. with `heading`)."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    document = docx.Document()
    document.core_properties.title = str(title)
    document.core_properties.language = "vi-VN"
    normal = document.styles["Normal"]
    _set_font(normal, size=FONT_SIZE_PT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    lang = normal.element.get_or_add_rPr().find(qn("w:lang"))
    if lang is None:
        lang = normal.element.get_or_add_rPr().makeelement(qn("w:lang"), {})
        normal.element.get_or_add_rPr().append(lang)
    lang.set(qn("w:val"), "vi-VN")
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid"):
        try:
            style = document.styles[name]
        except KeyError:
            continue
        _set_font(style, size=None if name == "Table Grid" else FONT_SIZE_PT + (1 if name != "Heading 3" else 0),
                  bold=None if name == "Table Grid" else True)
        if name != "Table Grid":
            style.font.color.rgb = RGBColor(0, 0, 0)
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = _mm(MARGINS_MM["top"])
        section.bottom_margin = _mm(MARGINS_MM["bottom"])
        section.left_margin = _mm(MARGINS_MM["left"])
        section.right_margin = _mm(MARGINS_MM["right"])
    return document


def heading(document, text: str, *, size: float = FONT_SIZE_PT + 1):
    """A centred bold line (the way Vietnamese official documents set their title)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(str(text))
    run.bold = True
    run.font.size = Pt(size)
    return paragraph


def table(document, columns: list[str], rows):
    """A bordered table with a bold header row repeated on every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    grid = document.add_table(rows=1, cols=len(columns))
    grid.style = document.styles["Table Grid"]
    for cell, header in zip(grid.rows[0].cells, columns, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(header)).bold = True
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    grid.rows[0]._tr.get_or_add_trPr().append(repeat)
    for values in rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, values, strict=False):
            cell.text = "" if value is None else _text(value)
    return grid


def _text(value) -> str:
    import datetime as dt

    from django.utils import timezone

    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return str(value)
