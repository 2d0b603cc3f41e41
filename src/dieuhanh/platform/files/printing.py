"""PDF from a Django template with WeasyPrint, air-gapped: the only resources a page may use
are `data:` URLs and the project's own static files; anything else is refused unfetched."""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

from .inspection import PDF_TYPE
from .serving import bytes_response

logger = logging.getLogger("dieuhanh.files")

# Base URL of rendered pages: relative links resolve under it, and nothing can be fetched from it.
BASE_URL = "https://dieuhanh.invalid/"


def _static_path(path: str) -> Path | None:
    """The file a /static/… path names (finders first, then STATIC_ROOT), never outside them."""
    from django.contrib.staticfiles import finders

    prefix = urlsplit(settings.STATIC_URL).path
    if not path.startswith(prefix):
        return None
    relative = unquote(path[len(prefix):])
    if not relative or relative.startswith("/") or ".." in Path(relative).parts or "\x00" in relative:
        return None
    found = finders.find(relative)
    if found:
        return Path(found)
    root = Path(settings.STATIC_ROOT).resolve()
    candidate = (root / relative).resolve()
    if candidate.is_file() and root in candidate.parents:
        return candidate
    return None


def make_url_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalStaticFetcher(URLFetcher):
        """Serves `data:` URLs and static files from disk; refuses every other URL."""

        def __init__(self):
            super().__init__(allowed_protocols={"data"}, allow_redirects=False, timeout=1)

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme in ("http", "https", "file"):
                path = _static_path(parts.path)
                if path is not None:
                    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})
            logger.warning("PDF rendering refused to fetch %s (only local static files)", url[:200])
            raise ValueError(f"refused to fetch {url[:200]!r}: only local static files")

    return LocalStaticFetcher()


def render_pdf(template: str, context: dict, *, request=None, landscape: bool = False) -> bytes:
    """Render a template (extending "files/print_base.html") to PDF bytes."""
    from weasyprint import CSS, HTML

    html = render_to_string(template, {**context, "landscape": landscape}, request=request)
    fetcher = make_url_fetcher()
    stylesheets = [CSS(string="@page { size: A4 landscape; }")] if landscape else []
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=stylesheets)


def pdf_response(*, filename: str, template: str, context: dict, request=None, landscape: bool = False,
                 inline: bool = False) -> HttpResponse:
    data = render_pdf(template, context, request=request, landscape=landscape)
    name = filename if filename.lower().endswith(".pdf") else f"{filename or 'ban-in'}.pdf"
    return bytes_response(data, filename=name, content_type=PDF_TYPE, inline=inline)
