"""Highlight folded matches on the original text, escaping everything else."""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .fold import fold_char


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each folded character, the index of its original one."""
    folded: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for f in fold_char(ch):
            folded.append(f)
            origin.append(i)
    return "".join(folded), origin


def _spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Original-text spans of whole words equal to one of the terms."""
    if not terms or not text:
        return []
    folded, origin = _folded_with_map(text)
    pattern = re.compile(
        r"(?<![^\W_])(?:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")(?![^\W_])"
    )
    spans = []
    for match in pattern.finditer(folded):
        start = origin[match.start()]
        end = origin[match.end() - 1] + 1
        # Keep combining marks that follow the last letter (decomposed input).
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        spans.append((start, end))
    return spans


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out, pos = [], start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(text[pos:s]))
        out.append("<mark>" + escape(text[s:e]) + "</mark>")
        pos = e
    out.append(escape(text[pos:end]))
    return "".join(out)


def highlight(text: str, terms: list[str]) -> SafeString:
    text = unicodedata.normalize("NFC", text or "")
    return mark_safe(_render(text, _spans(text, terms), 0, len(text)))


def snippet(text: str, terms: list[str], *, width: int = 240) -> SafeString:
    """A window of about `width` characters around the first match, highlighted."""
    text = " ".join(unicodedata.normalize("NFC", text or "").split())
    spans = _spans(text, terms)
    if len(text) <= width:
        return mark_safe(_render(text, spans, 0, len(text)))
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + _render(text, spans, start, end) + suffix)
