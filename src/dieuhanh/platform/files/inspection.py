"""What a file really is, decided by its content (magic bytes and real parsing), never by
its name or by the Content-Type the browser sent.

`inspect_bytes(data, name=..., kinds=..., max_bytes=...)` returns an `Inspected` or raises
`UserError` with a Vietnamese message that names the file.
"""

from __future__ import annotations

import io
import logging
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dieuhanh.platform.ui.errors import UserError

logger = logging.getLogger("dieuhanh.files")

KINDS = ("pdf", "docx", "xlsx", "image", "other")
DEFAULT_KINDS = ("pdf", "docx", "image")
# A zip (docx, xlsx) whose members expand beyond this is refused before it is parsed.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
# ... and so is one above RATIO_FLOOR_BYTES that expands more than this many times (zip bombs
# compress ~1000×; real Office files 5–20×).
MAX_COMPRESSION_RATIO = 200
RATIO_FLOOR_BYTES = 10 * 1024 * 1024
MAX_ZIP_MEMBERS = 10_000

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OTHER_TYPE = "application/octet-stream"
# Pillow formats accepted as images, with their content type.
IMAGE_FORMATS = {
    "PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp",
    "TIFF": "image/tiff", "BMP": "image/bmp",
}
KIND_LABELS = {
    "pdf": gettext_lazy("PDF"),
    "docx": gettext_lazy("Word (.docx)"),
    "xlsx": gettext_lazy("Excel (.xlsx)"),
    "image": gettext_lazy("ảnh (PNG, JPEG, GIF, WEBP, TIFF)"),
    "other": gettext_lazy("tệp khác"),
}
# What a refused file turned out to be, in «Tệp "x" là …».
FOUND_LABELS = {
    "pdf": gettext_lazy("tệp PDF"),
    "docx": gettext_lazy("tài liệu Word (.docx)"),
    "xlsx": gettext_lazy("bảng tính Excel (.xlsx)"),
    "image": gettext_lazy("tệp ảnh"),
}
# What the file chooser offers (a hint only: the content is what is checked).
ACCEPT = {
    "pdf": [".pdf", PDF_TYPE],
    "docx": [".docx", DOCX_TYPE],
    "xlsx": [".xlsx", XLSX_TYPE],
    "image": [".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff", "image/png", "image/jpeg",
              "image/gif", "image/webp", "image/tiff"],
}


@dataclass(frozen=True)
class Inspected:
    kind: str
    content_type: str
    page_count: int | None = None


def clean_name(name: str | None) -> str:
    """The last path component of what the browser sent, NFC, without control characters."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip().strip(".")
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = f"{stem[: 200 - len(ext) - 1]}.{ext}" if dot and len(ext) <= 10 else name[:200]
    return name or "tep"


def normalize_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    kinds = tuple(kinds)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise ValueError(f"unknown file kinds {unknown!r}; use some of {KINDS!r}")
    return kinds


def kinds_label(kinds: Iterable[str]) -> str:
    return ", ".join(str(KIND_LABELS[k]) for k in kinds)


def size_label(size: int) -> str:
    """«20 MB», «1,5 MB», «300 KB» (Vietnamese decimal comma through the active locale)."""
    if size >= 1024 * 1024:
        value, unit = size / 1024 / 1024, "MB"
    elif size >= 1024:
        value, unit = size / 1024, "KB"
    else:
        return _("%(n)s byte") % {"n": size}
    rounded = round(value, 1)
    text = number_format(int(rounded)) if rounded == int(rounded) else number_format(rounded, 1)
    return f"{text} {unit}"


def upload_hint(kinds: Iterable[str], max_bytes: int | None = None):
    """The accessible hint shown under an upload field."""
    limit = max_bytes or settings.DIEUHANH_MAX_UPLOAD_BYTES
    kinds = tuple(kinds)
    if "other" in kinds:
        return format_lazy(gettext_lazy("Mọi loại tệp; tối đa {size}."), size=size_label(limit))
    return format_lazy(
        gettext_lazy("Chấp nhận: {kinds}; tối đa {size}. Tệp được kiểm tra theo nội dung, không theo tên."),
        kinds=kinds_label(kinds), size=size_label(limit),
    )


def check_size(*, name: str, size: int, max_bytes: int) -> None:
    if size == 0:
        raise UserError(_('Tệp "%(name)s" trống (0 byte); hãy chọn đúng tệp rồi tải lên lại.') % {"name": name})
    if size > max_bytes:
        raise UserError(
            _('Tệp "%(name)s" quá lớn (%(size)s); dung lượng tối đa là %(max)s.')
            % {"name": name, "size": size_label(size), "max": size_label(max_bytes)}
        )


def inspect_bytes(data: bytes, *, name: str, kinds=DEFAULT_KINDS, max_bytes: int | None = None) -> Inspected:
    """Check a whole file in memory. Raises UserError naming the file."""
    kinds = normalize_kinds(kinds)
    max_bytes = max_bytes or settings.DIEUHANH_MAX_UPLOAD_BYTES
    check_size(name=name, size=len(data), max_bytes=max_bytes)
    guess = sniff(data)
    if guess is None:
        if "other" in kinds:
            return Inspected(kind="other", content_type=OTHER_TYPE)
        raise UserError(
            _('Nội dung tệp "%(name)s" không phải loại được chấp nhận (%(kinds)s), dù tên tệp có thể '
              'nói khác; hãy chọn đúng tệp rồi tải lên lại.') % {"name": name, "kinds": kinds_label(kinds)}
        )
    if guess not in kinds:
        if "other" in kinds:
            return Inspected(kind="other", content_type=OTHER_TYPE)
        raise UserError(
            _('Tệp "%(name)s" là %(found)s; ở đây chỉ chấp nhận: %(kinds)s.')
            % {"name": name, "found": FOUND_LABELS[guess], "kinds": kinds_label(kinds)}
        )
    return CHECKERS[guess](data, name)


def sniff(data: bytes) -> str | None:
    """The kind the magic bytes claim (the parsers confirm it), or None."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return _zip_kind(data)
    if (data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*", b"BM"))
            or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")):
        return "image"
    return None


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names:
                return None
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > 1024 * 1024:
                return None
            types = archive.read(info)
    except Exception:  # a damaged zip is simply not an Office file
        return None
    if b"wordprocessingml.document.main+xml" in types:
        return "docx"
    if b"spreadsheetml.sheet.main+xml" in types:
        return "xlsx"
    return None


def _check_pdf(data: bytes, name: str) -> Inspected:
    from pypdf import PdfReader

    corrupt = _('Tệp "%(name)s" bị hỏng hoặc không đọc được như PDF; hãy xuất (hoặc quét) lại tệp PDF '
                'rồi tải lên lại.') % {"name": name}
    if b"%%EOF" not in data[-2048:]:
        # A cut-off download or copy: pypdf would guess at the missing part.
        raise UserError(corrupt)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise UserError(
                    _('Tệp "%(name)s" bị mã hóa bằng mật khẩu; hãy gỡ mật khẩu rồi tải lên lại.') % {"name": name}
                )
            pages = len(reader.pages)
            if pages:
                reader.pages[0].mediabox  # noqa: B018  (the first page must really parse)
    except UserError:
        raise
    except Exception as error:  # pypdf raises many kinds of errors for damaged files
        logger.info("Refused a corrupt PDF %r: %s", name, error)
        raise UserError(corrupt) from None
    if not pages:
        raise UserError(_('Tệp "%(name)s" là PDF không có trang nào.') % {"name": name})
    return Inspected(kind="pdf", content_type=PDF_TYPE, page_count=pages)


def _check_zip_size(data: bytes, name: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception:  # zipfile raises many kinds of errors for damaged archives
        raise UserError(_corrupt_office(name)) from None
    total = sum(info.file_size for info in infos)
    compressed = sum(info.compress_size for info in infos) or 1
    if len(infos) > MAX_ZIP_MEMBERS or total > MAX_UNCOMPRESSED_BYTES or (total > RATIO_FLOOR_BYTES and total / compressed > MAX_COMPRESSION_RATIO):
        logger.warning("Refused a zip bomb %r: %d members, %d bytes uncompressed", name, len(infos), total)
        raise UserError(
            _('Tệp "%(name)s" khi giải nén lớn bất thường (%(size)s); tệp có thể độc hại nên không được '
              'chấp nhận.') % {"name": name, "size": size_label(total)}
        )
    return archive


def _corrupt_office(name: str) -> str:
    return _('Tệp "%(name)s" bị hỏng: không đọc được như tài liệu Word (.docx) hay bảng tính Excel (.xlsx); '
             'hãy mở tệp bằng Word/Excel, lưu lại rồi tải lên lại.') % {"name": name}


def _check_docx(data: bytes, name: str) -> Inspected:
    archive = _check_zip_size(data, name)
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise UserError(
                _('Tệp "%(name)s" bị hỏng: thiếu phần nội dung (word/document.xml) của tài liệu Word.')
                % {"name": name}
            )
        try:
            if archive.testzip() is not None:
                raise zipfile.BadZipFile("bad CRC")
        except Exception:  # bad CRC, truncated member, unknown compression …
            raise UserError(_corrupt_office(name)) from None
    try:
        import docx

        docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx and lxml raise many kinds of errors for damaged files
        logger.info("Refused a corrupt docx %r: %s", name, error)
        raise UserError(
            _('Tệp "%(name)s" bị hỏng: không đọc được như tài liệu Word (.docx); hãy mở bằng Word, lưu lại '
              'rồi tải lên lại.') % {"name": name}
        ) from None
    return Inspected(kind="docx", content_type=DOCX_TYPE, page_count=_docx_pages(data))


def _docx_pages(data: bytes) -> int | None:
    """The page count Word saved in docProps/app.xml, when there is one."""
    import re

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("docProps/app.xml")
            if info.file_size > 1024 * 1024:
                return None
            match = re.search(rb"<(?:\w+:)?Pages>(\d{1,6})</", archive.read(info))
    except Exception:  # no or damaged docProps/app.xml: the count is unknown
        return None
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


def _check_xlsx(data: bytes, name: str) -> Inspected:
    archive = _check_zip_size(data, name)
    archive.close()
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        workbook.close()
    except Exception as error:  # openpyxl raises many kinds of errors for damaged files
        logger.info("Refused a corrupt xlsx %r: %s", name, error)
        raise UserError(
            _('Tệp "%(name)s" bị hỏng: không đọc được như bảng tính Excel (.xlsx); hãy mở bằng Excel, lưu lại '
              'rồi tải lên lại.') % {"name": name}
        ) from None
    return Inspected(kind="xlsx", content_type=XLSX_TYPE)


def _check_image(data: bytes, name: str) -> Inspected:
    from PIL import Image

    corrupt = _('Tệp "%(name)s" là ảnh bị hỏng hoặc không đọc được; hãy lưu lại ảnh (PNG hoặc JPEG) rồi '
                'tải lên lại.') % {"name": name}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image_format = image.format
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                frames = getattr(image, "n_frames", 1)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UserError(
            _('Ảnh "%(name)s" có kích thước điểm ảnh quá lớn; hãy giảm độ phân giải rồi tải lên lại.')
            % {"name": name}
        ) from None
    except Exception as error:  # Pillow raises many kinds of errors for damaged images
        logger.info("Refused a corrupt image %r: %s", name, error)
        raise UserError(corrupt) from None
    if image_format not in IMAGE_FORMATS:
        raise UserError(corrupt)
    return Inspected(kind="image", content_type=IMAGE_FORMATS[image_format],
                     page_count=frames if image_format == "TIFF" else None)


CHECKERS = {"pdf": _check_pdf, "docx": _check_docx, "xlsx": _check_xlsx, "image": _check_image}
