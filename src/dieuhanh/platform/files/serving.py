"""Sending files to the browser: one Content-Disposition for every download."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.http import FileResponse, HttpResponse

from .inspection import clean_name

_UNSAFE_ASCII = re.compile(r'[^A-Za-z0-9._()\- ]+')
_D_MAP = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d"})


def ascii_fallback(name: str) -> str:
    """«Báo cáo Đống Đa.pdf» → «Bao cao Dong Da.pdf», for clients without RFC 5987."""
    out = []
    for char in unicodedata.normalize("NFD", name.translate(_D_MAP)):
        if unicodedata.combining(char):
            continue
        out.append(char)
    return _UNSAFE_ASCII.sub("_", "".join(out)).strip(" ._") or "tep"


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """`attachment; filename="Bao cao.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.pdf` (RFC 6266/5987)."""
    name = clean_name(filename)
    disposition = "inline" if inline else "attachment"
    return f"{disposition}; filename=\"{ascii_fallback(name)}\"; filename*=UTF-8''{quote(name, safe='')}"


def protect(response, *, content_type: str, filename: str, inline: bool = False):
    response["Content-Type"] = content_type
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def response(stored, *, inline: bool = False) -> FileResponse:
    """The stored file as a download (or shown in the browser with inline=True; files of kind
    "other" are always downloads). The caller has checked the permission."""
    inline = inline and stored.kind != "other"
    handle = stored.file.open("rb")
    answer = FileResponse(handle, content_type=stored.content_type)
    if stored.size and "Content-Length" not in answer:
        answer["Content-Length"] = str(stored.size)
    return protect(answer, content_type=stored.content_type, filename=stored.get_download_name(), inline=inline)


def bytes_response(data: bytes, *, filename: str, content_type: str, inline: bool = False) -> HttpResponse:
    return protect(HttpResponse(data), content_type=content_type, filename=filename, inline=inline)
