"""The scoring rules: a figure to points, a total to a band, the cap; periods."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dieuhanh.modules.kpi.periods import BadPeriod, Period
from dieuhanh.modules.kpi.scoring import band_below, band_for, cap_allowed, metric_value, points_for

ND335 = [SimpleNamespace(label=label, min_score=Decimal(m)) for label, m in
         (("xuất sắc", 90), ("tốt", 70), ("hoàn thành", 50), ("không hoàn thành", 0))]


def expected_band(total: Decimal) -> str:
    """DOMAIN.md, written out independently: ≥ 90, 70–< 90, 50–< 70, < 50."""
    if total >= 90:
        return "xuất sắc"
    if total >= 70:
        return "tốt"
    if total >= 50:
        return "hoàn thành"
    return "không hoàn thành"


@given(st.decimals(min_value=0, max_value=100, places=2))
def test_every_total_falls_in_the_band_of_the_domain_rules(total):
    assert band_for(total, ND335).label == expected_band(total)


@given(st.decimals(min_value=0, max_value=100, places=2), st.decimals(min_value=0, max_value=100, places=2))
def test_a_higher_total_never_gets_a_lower_band(a, b):
    low, high = sorted((a, b))
    assert band_for(low, ND335).min_score <= band_for(high, ND335).min_score


def test_the_bands_edges():
    assert band_for(Decimal("89.99"), ND335).label == "tốt"
    assert band_for(Decimal("90"), ND335).label == "xuất sắc"
    assert band_for(Decimal("49.99"), ND335).label == "không hoàn thành"
    assert band_below(ND335[0], ND335).label == "tốt"
    assert band_below(ND335[-1], ND335) is None


@given(st.floats(min_value=0, max_value=100), st.decimals(min_value=1, max_value=70, places=2))
def test_linear_points_stay_within_zero_and_the_maximum(rate, maximum):
    points = points_for(value=rate, max_points=maximum, mapping="linear", thresholds=[])
    assert Decimal(0) <= points <= maximum


def test_linear_and_threshold_mappings():
    assert points_for(value=80.0, max_points=Decimal(30), mapping="linear", thresholds=[]) == Decimal("24.00")
    assert points_for(value=150.0, max_points=Decimal(30), mapping="linear", thresholds=[]) == Decimal("30.00")
    steps = [[100, 30], [90, 24], [70, 12], [0, 0]]
    assert points_for(value=95.0, max_points=Decimal(30), mapping="thresholds", thresholds=steps) == Decimal("24.00")
    assert points_for(value=100.0, max_points=Decimal(30), mapping="thresholds", thresholds=steps) == Decimal("30.00")
    assert points_for(value=69.9, max_points=Decimal(30), mapping="thresholds", thresholds=steps) == Decimal("0.00")


def test_nothing_to_count_gives_full_or_zero_points_as_configured():
    assert metric_value(0, 0, "rate") is None
    assert points_for(value=None, max_points=Decimal(30), mapping="linear", thresholds=[]) == Decimal("30.00")
    assert points_for(value=None, max_points=Decimal(30), mapping="linear", thresholds=[],
                      full_when_empty=False) == Decimal("0.00")


@pytest.mark.parametrize(("cap", "population", "allowed"), [(20, 10, 2), (20, 4, 0), (20, 15, 3), (None, 9, None)])
def test_the_cap_is_a_share_rounded_down(cap, population, allowed):
    assert cap_allowed(Decimal(cap) if cap is not None else None, population) == allowed


def test_periods_have_vietnamese_labels_and_keys():
    import datetime as dt

    assert Period.from_key("2026-11").label == "Tháng 11/2026"
    assert Period.from_key("2026-q4").label == "Quý IV/2026"
    assert Period.from_key("2026").label == "Năm 2026"
    assert Period.from_key("2026-Q1").end == dt.date(2026, 3, 31)
    assert Period.from_key("2028-02").end == dt.date(2028, 2, 29)
    assert Period.month(2026, 1).previous().key == "2025-12"
    assert [p.key for p in Period.quarter(2026, 1).recent(3)] == ["2025-Q3", "2025-Q4", "2026-Q1"]


@pytest.mark.parametrize("key", ["2026-13", "abc", "2026-Q5", "1999", ""])
def test_a_bad_period_says_why(key):
    with pytest.raises(BadPeriod) as error:
        Period.from_key(key)
    assert str(error.value)


def test_a_rate_where_lower_is_better_scores_its_complement():
    # 10 % overdue → 90 % achieved → 27 of 30 points.
    assert points_for(value=10.0, max_points=Decimal(30), mapping="linear", thresholds=[],
                      higher_is_better=False) == Decimal("27.00")
