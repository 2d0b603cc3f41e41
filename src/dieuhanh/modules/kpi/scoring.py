"""Pure scoring rules: a metric value to points, points to a total, a total to a band, the cap.

No database access here, so the rules can be tested (and property-tested) on their own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")


def q2(value) -> Decimal:
    return Decimal(str(value)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def metric_value(numerator: float, denominator: float, kind: str) -> float | None:
    """The figure shown: a percentage for a rate (None when there is nothing to count), the
    numerator for a count."""
    if kind == "count":
        return float(numerator)
    if denominator <= 0:
        return None
    return 100.0 * numerator / denominator


def points_for(*, value: float | None, max_points: Decimal, mapping: str, thresholds: Sequence,
               kind: str = "rate", full_when_empty: bool = True, higher_is_better: bool = True) -> Decimal:
    """Points of a computed criterion. `value` is a percentage for a rate, a number for a count;
    None means there was nothing to count in the period. For a rate where lower is better (an
    overdue rate), points follow the complement (100 − rate)."""
    max_points = Decimal(max_points)
    if value is None:
        return q2(max_points if full_when_empty else 0)
    if kind != "count" and not higher_is_better:
        value = 100.0 - value
    if mapping == "thresholds":
        for minimum, points in sorted(((float(m), p) for m, p in thresholds), reverse=True):
            if value >= minimum:
                return q2(min(Decimal(str(points)), max_points))
        return q2(0)
    if kind == "count":
        return q2(min(max(Decimal(str(value)), Decimal(0)), max_points))
    share = min(max(value, 0.0), 100.0) / 100.0
    return q2(max_points * Decimal(str(share)))


def band_for(total: Decimal, bands: Sequence):
    """The band whose minimum is the highest one not above `total` (bands: objects with
    `min_score`); None when the total is below every band."""
    best = None
    for band in bands:
        if Decimal(band.min_score) <= total and (best is None or band.min_score > best.min_score):
            best = band
    return best


def band_below(band, bands: Sequence):
    lower = [b for b in bands if b.min_score < band.min_score]
    return max(lower, key=lambda b: b.min_score) if lower else None


def cap_allowed(cap_percent: Decimal | None, population: int) -> int | None:
    """How many of `population` may be in the top band; None = no cap. Rounded down: a cap of
    20 % allows 2 of 10 and 0 of 4 (the regulation's share is a maximum)."""
    if cap_percent is None:
        return None
    return math.floor(Decimal(cap_percent) * population / 100)
