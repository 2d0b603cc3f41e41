"""Files: uploads checked by content, stored under generated names, text extracted for
search, and the exports every module shares (Excel, PDF, Word).

    from dieuhanh.platform import files
    stored = files.store_upload(request.FILES["file"], kinds=("pdf", "docx"), by=request.user)
    stored = files.store_bytes(pdf_bytes, name="Quyết định.pdf", by=request.user)
    return files.response(stored, inline=True)       # after the module's own permission check
    return files.xlsx_response(filename="danh-sach.xlsx", title="…", columns=[…], rows=rows)
    return files.pdf_response(filename="so-van-ban.pdf", template="documents/print.html", context={…})
    return files.docx_response(filename="bao-cao.docx", document=files.word.new_document("…"))
    field = files.forms.UploadField(kinds=("pdf",), max_bytes=10 * 1024 * 1024)

Nothing here imports models at import time (this package is also the Django app); see
docs/dev/FILES.md.
"""

from __future__ import annotations

import importlib

DEFAULT_KINDS = ("pdf", "docx", "image")
_SUBMODULES = {"extraction", "exports", "forms", "inspection", "models", "printing", "serving",
               "services", "signals", "tasks", "word"}


def store_upload(upload, *, kinds=DEFAULT_KINDS, max_bytes=None, by=None):
    """Check an UploadedFile by its content and store it (UserError with a Vietnamese message
    naming the file if it is empty, too big, not an allowed kind, encrypted or corrupt)."""
    from .services import store_upload as _store_upload

    return _store_upload(upload, kinds=kinds, max_bytes=max_bytes, by=by)


def store_bytes(data: bytes, *, name: str, by=None, kinds=DEFAULT_KINDS, max_bytes=None):
    """Same checks, for bytes the platform produced (a signed PDF, a generated report)."""
    from .services import store_bytes as _store_bytes

    return _store_bytes(data, name=name, by=by, kinds=kinds, max_bytes=max_bytes)


def extract_text_after_commit(stored) -> None:
    """(Re-)extract a stored file's text in a task after the current transaction commits."""
    from .services import extract_text_after_commit as _extract

    _extract(stored)


def response(stored, *, inline: bool = False):
    """FileResponse of a stored file: sniffed content type, RFC 5987 file name, nosniff."""
    from .serving import response as _response

    return _response(stored, inline=inline)


def xlsx_response(*, filename: str, title: str, columns, rows, column_widths=None):
    from .exports import xlsx_response as _xlsx_response

    return _xlsx_response(filename=filename, title=title, columns=columns, rows=rows, column_widths=column_widths)


def docx_response(*, filename: str, document):
    from .exports import docx_response as _docx_response

    return _docx_response(filename=filename, document=document)


def render_pdf(template: str, context: dict, *, request=None, landscape: bool = False) -> bytes:
    from .printing import render_pdf as _render_pdf

    return _render_pdf(template, context, request=request, landscape=landscape)


def pdf_response(*, filename: str, template: str, context: dict, request=None, landscape: bool = False):
    from .printing import pdf_response as _pdf_response

    return _pdf_response(filename=filename, template=template, context=context, request=request,
                         landscape=landscape)


def __getattr__(name: str):
    """`files.forms`, `files.word`, `files.signals` … and `files.StoredFile`, imported on first use."""
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    if name in {"StoredFile", "Kind", "TextState"}:
        return getattr(importlib.import_module(f"{__name__}.models"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["DEFAULT_KINDS", "docx_response", "extract_text_after_commit", "pdf_response", "render_pdf",
           "response", "store_bytes", "store_upload", "xlsx_response"]
