"""Text of a stored file, for search: PDF text layer (pypdf), OCR of pages and images without
text (Debian's Tesseract, `vie+eng`; PDF pages rasterised by poppler's `pdftoppm -r 200`),
Word paragraphs and tables (python-docx), Excel cells (openpyxl).

Nothing here raises for bad content: `extract(stored)` returns state "failed" and logs why.
Every subprocess runs with a timeout and one OCR thread.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

logger = logging.getLogger("dieuhanh.files")

# A page with fewer letters than this in its text layer is treated as a scan and OCR'd.
MIN_PAGE_LETTERS = 20
MAX_TEXT_CHARS = 2_000_000
OCR_LANGUAGES = "vie+eng"
RASTER_TIMEOUT = 120
OCR_TIMEOUT = 300
MAX_XLSX_CELLS = 200_000


@dataclass
class Extracted:
    text: str
    state: str  # "done" | "failed"
    page_count: int | None = None


class OcrUnavailable(RuntimeError):
    pass


def extract(stored) -> Extracted:
    handlers = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "image": _image}
    handler = handlers.get(stored.kind)
    if handler is None:
        return Extracted(text="", state="none")
    try:
        with tempfile.TemporaryDirectory(prefix="dieuhanh-files-") as workdir:
            path = Path(workdir) / f"source.{stored.extension}"
            with stored.file.open("rb") as source, open(path, "wb") as target:
                shutil.copyfileobj(source, target)
            result = handler(path, Path(workdir))
    except OcrUnavailable as error:
        logger.error("Text extraction of file %s (%s) failed: %s", stored.uuid, stored.original_name, error)
        return Extracted(text="", state="failed")
    except (OSError, FileNotFoundError) as error:
        # Storage trouble is an infrastructure failure: let the task retry.
        if not stored.file.storage.exists(stored.file.name):
            logger.error("Text extraction of file %s failed: its bytes are missing (%s)", stored.uuid, error)
            return Extracted(text="", state="failed")
        raise
    except Exception:
        logger.exception("Text extraction of file %s (%s) failed", stored.uuid, stored.original_name)
        return Extracted(text="", state="failed")
    result.text = clean_text(result.text)
    return result


def clean_text(text: str) -> str:
    """No NUL (PostgreSQL refuses it in text), trimmed lines, bounded length."""
    text = (text or "").replace("\x00", "")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()[:MAX_TEXT_CHARS]


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalnum())


# --- OCR ---------------------------------------------------------------------------------


_READY_UNTIL = 0.0  # monotonic time until which a positive check is trusted


def tesseract_problem() -> str | None:
    """Why OCR cannot run here, or None when `tesseract` with `vie` and `eng` is ready
    (a positive answer is remembered for a minute; a negative one is checked every time)."""
    global _READY_UNTIL
    binary = shutil.which("tesseract")
    if binary and time.monotonic() < _READY_UNTIL:
        return None
    if binary is None:
        return "the tesseract binary is not installed (Debian: apt install tesseract-ocr tesseract-ocr-vie)"
    try:
        listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"tesseract --list-langs failed: {error}"
    langs = set((listed.stdout + listed.stderr).split())
    missing = [lang for lang in OCR_LANGUAGES.split("+") if lang not in langs]
    if missing:
        return (f"tesseract has no {'/'.join(missing)} language data (vie.traineddata; Debian: apt install "
                f"tesseract-ocr-vie)")
    _READY_UNTIL = time.monotonic() + 60
    return None


def _env() -> dict:
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def ocr_image(path: Path) -> str:
    problem = tesseract_problem()
    if problem:
        raise OcrUnavailable(problem)
    try:
        done = subprocess.run(
            ["tesseract", str(path), "stdout", "-l", OCR_LANGUAGES, "--psm", "3"],
            capture_output=True, timeout=OCR_TIMEOUT, check=False, env=_env(),
        )
    except subprocess.TimeoutExpired:
        logger.warning("OCR of %s timed out after %ss", path.name, OCR_TIMEOUT)
        return ""
    if done.returncode != 0:
        logger.warning("tesseract failed on %s: %s", path.name, done.stderr.decode(errors="replace")[-500:])
        return ""
    return done.stdout.decode("utf-8", errors="replace")


def _max_ocr_pages() -> int:
    return int(getattr(settings, "DIEUHANH_OCR_MAX_PAGES", 100))


# --- kinds -------------------------------------------------------------------------------


def _pdf(path: Path, workdir: Path) -> Extracted:
    from pypdf import PdfReader

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = PdfReader(str(path), strict=False)
        texts: list[str] = []
        for page in reader.pages:
            try:
                texts.append(page.extract_text() or "")
            except Exception as error:  # one bad page must not lose the others
                logger.info("pypdf could not read a page of %s: %s", path.name, error)
                texts.append("")
    page_count = len(texts)
    scanned = [i for i, text in enumerate(texts) if _letters(text) < MIN_PAGE_LETTERS]
    state = "done"
    if scanned:
        if len(scanned) > _max_ocr_pages():
            logger.warning("OCR limited to the first %d of %d scanned pages", _max_ocr_pages(), len(scanned))
            scanned = scanned[: _max_ocr_pages()]
        problem = tesseract_problem()
        if problem:
            logger.error("OCR of %d scanned page(s) skipped: %s", len(scanned), problem)
            state = "failed"
        else:
            for index in scanned:
                image = _rasterise(path, index + 1, workdir)
                if image is not None:
                    ocr = ocr_image(image)
                    if _letters(ocr) > _letters(texts[index]):
                        texts[index] = ocr
                    image.unlink(missing_ok=True)
    return Extracted(text="\n\n".join(texts), state=state, page_count=page_count)


def _rasterise(path: Path, number: int, workdir: Path) -> Path | None:
    if shutil.which("pdftoppm") is None:
        raise OcrUnavailable("poppler's pdftoppm is not installed (Debian: apt install poppler-utils)")
    prefix = workdir / f"page-{number}"
    try:
        done = subprocess.run(
            ["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", "-f", str(number), "-l", str(number),
             str(path), str(prefix)],
            capture_output=True, timeout=RASTER_TIMEOUT, check=False,
        )
    except subprocess.TimeoutExpired:
        logger.warning("pdftoppm timed out on page %d of %s", number, path.name)
        return None
    image = prefix.with_suffix(".png")
    if done.returncode != 0 or not image.exists():
        logger.warning("pdftoppm failed on page %d: %s", number, done.stderr.decode(errors="replace")[-500:])
        return None
    return image


def _image(path: Path, workdir: Path) -> Extracted:
    from PIL import Image, ImageSequence

    texts = []
    with Image.open(path) as image:
        frames = getattr(image, "n_frames", 1)
        for number, frame in enumerate(ImageSequence.Iterator(image)):
            if number >= _max_ocr_pages():
                break
            target = workdir / f"frame-{number}.png"
            frame.convert("L").save(target, "PNG")
            texts.append(ocr_image(target))
            target.unlink(missing_ok=True)
    return Extracted(text="\n\n".join(texts), state="done", page_count=frames if frames > 1 else None)


def _docx(path: Path, workdir: Path) -> Extracted:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    parts: list[str] = []

    def walk(container) -> None:
        for block in container.iter_inner_content():
            if isinstance(block, Paragraph):
                parts.append(block.text)
            elif isinstance(block, Table):
                for row in block.rows:
                    cells = []
                    for cell in row.cells:
                        text = " ".join(p.text for p in cell.paragraphs)
                        if text and (not cells or cells[-1] != text):  # merged cells repeat
                            cells.append(text)
                    parts.append(" | ".join(cells))

    walk(document)
    for section in document.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                parts.extend(p.text for p in part.paragraphs)
    from .inspection import _docx_pages

    return Extracted(text="\n".join(parts), state="done", page_count=_docx_pages(path.read_bytes()))


def _xlsx(path: Path, workdir: Path) -> Extracted:
    from openpyxl import load_workbook

    workbook = load_workbook(str(path), read_only=True, data_only=True)
    parts: list[str] = []
    cells = 0
    try:
        for sheet in workbook.worksheets:
            parts.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                values = [str(v) for v in row if v not in (None, "")]
                cells += len(row)
                if values:
                    parts.append(" | ".join(values))
                if cells > MAX_XLSX_CELLS:
                    logger.info("Text of %s cut after %d cells", path.name, MAX_XLSX_CELLS)
                    return Extracted(text="\n".join(parts), state="done")
    finally:
        workbook.close()
    return Extracted(text="\n".join(parts), state="done")


__all__ = ["Extracted", "clean_text", "extract", "ocr_image", "tesseract_problem"]
