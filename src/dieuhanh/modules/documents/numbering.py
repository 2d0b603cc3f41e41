"""Numbers of Nghị định 30: per issuer, series and year, from 01, no gap, never repeated.

A counter row is locked with SELECT … FOR UPDATE inside the caller's transaction. A rolled back
issue releases its number with the lock, so the series has no gap; a committed one is final
(a recalled document keeps its number).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from .models import NumberCounter


def take_number(*, unit, series: str, year: int) -> int:
    """The next number of the series. Call inside a transaction (the lock ends with it)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number must run inside the transaction that uses the number")
    counter = NumberCounter.objects.select_for_update().filter(unit=unit, series=series, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                NumberCounter.objects.create(unit=unit, series=series, year=year, last=0)
        except IntegrityError:
            pass  # another clerk created it at the same moment; lock theirs below
        counter = NumberCounter.objects.select_for_update().get(unit=unit, series=series, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def outgoing_series(doc_type, *, secret: bool) -> str:
    series = f"out:{doc_type.code or 'CV'}"
    return f"{series}:secret" if secret else series


def arrival_series(*, secret: bool) -> str:
    return "in:secret" if secret else "in"


def format_notation(*, number: int, doc_type, issuer, drafting_unit) -> str:
    """`15/NQ-HĐND`; a công văn: `05/HĐND-VP` (issuer's and drafting unit's abbreviations)."""
    issuer_abbr = issuer.short_name or issuer.code.upper()
    if doc_type.code:
        return f"{number:02d}/{doc_type.code}-{issuer_abbr}"
    unit_abbr = drafting_unit.short_name or drafting_unit.code.upper()
    if drafting_unit.pk == issuer.pk:
        return f"{number:02d}/{issuer_abbr}"
    return f"{number:02d}/{issuer_abbr}-{unit_abbr}"
