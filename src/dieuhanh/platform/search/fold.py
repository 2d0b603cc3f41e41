"""Folding: the one definition of how stored text and typed queries are compared.

Lowercase, strip diacritics, and map 'đ'/'Đ' (and the look-alike 'Ð' U+00D0) to 'd' —
neither NFKD nor SQLite's remove_diacritics does that. Stored text and queries go
through the same function, so "dat dai" finds "đất đai" and "dong da" finds "Ðống Đa".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_D_MAP = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d"})
# Letters and digits only: both FTS5's unicode61 and PostgreSQL's 'simple' parser then
# see the same words, whatever punctuation the original text had.
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """The folded form of one character (may be empty for a lone combining mark)."""
    ch = ch.translate(_D_MAP).lower()
    decomposed = unicodedata.normalize("NFD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_D_MAP)


def fold(text: str) -> str:
    """Folded text with punctuation kept (used to find matches for highlighting)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    return "".join(fold_char(c) for c in text)


def fold_words(text: str) -> str:
    """Folded words separated by single spaces: what the full-text indexes store."""
    return " ".join(words(text))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def query_terms(q: str, *, limit: int = 12) -> list[str]:
    """The distinct folded words of a typed query, in order; syntax characters are dropped."""
    seen: list[str] = []
    for word in words(q or ""):
        if word not in seen:
            seen.append(word[:64])
        if len(seen) >= limit:
            break
    return seen
