"""Working-day arithmetic: hand-checked dates and properties (hypothesis)."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dieuhanh.platform.workcalendar import api
from dieuhanh.platform.workcalendar.models import CalendarDay, DayKind

pytestmark = pytest.mark.django_db

DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
COUNTS = st.integers(min_value=1, max_value=120)
PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def test_thirty_working_days_from_20_01_2026_skip_tet():
    # Counted by hand (the start day is not counted, Civil Code art. 147):
    #   21, 22, 23/01 ........................ 3
    #   26–30/01 ............................. 8
    #   02–06/02 ............................ 13
    #   09–13/02 ............................ 18
    #   14/02–22/02: Tết Bính Ngọ, official 9-day break (weekends + 16–20/02) ... 18
    #   23–27/02 ............................ 23
    #   02–06/03 ............................ 28
    #   09/03 = 29, 10/03 = 30  →  10/03/2026 (it would be 03/03/2026 without Tết)
    assert api.add_working_days(date(2026, 1, 20), 30) == date(2026, 3, 10)
    assert api.working_days_between(date(2026, 1, 20), date(2026, 3, 10)) == 30


def test_official_tet_2026_break_is_nine_days_off():
    # Government decision: civil servants off from Sat 14/02/2026 to Sun 22/02/2026.
    break_days = [date(2026, 2, 14) + timedelta(days=i) for i in range(9)]
    assert [api.is_working_day(d) for d in break_days] == [False] * 9
    assert api.is_working_day(date(2026, 2, 13))
    assert api.is_working_day(date(2026, 2, 23))
    assert api.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)


def test_weekends_holidays_and_the_packages_make_up_day():
    assert not api.is_working_day(date(2026, 3, 7))  # Saturday
    assert not api.is_working_day(date(2026, 3, 8))  # Sunday
    assert api.is_working_day(date(2026, 3, 9))
    assert not api.is_working_day(date(2026, 9, 2))  # National Day
    assert not api.is_working_day(
        date(2026, 4, 27)
    )  # Giỗ Tổ Hùng Vương, observed (26/04 is a Sunday)
    assert not api.is_working_day(date(2026, 8, 31))  # day off swapped with Saturday 22/08
    assert api.is_working_day(date(2026, 8, 22))  # that Saturday is a make-up working day


def test_administrators_overrides_win_over_the_package():
    CalendarDay.objects.create(date=date(2026, 3, 7), kind=DayKind.WORKING_DAY, reason="Làm bù")
    CalendarDay.objects.create(date=date(2026, 3, 9), kind=DayKind.DAY_OFF, reason="Nghỉ bổ sung")
    CalendarDay.objects.create(date=date(2026, 9, 2), kind=DayKind.WORKING_DAY, reason="Trực")
    assert api.is_working_day(date(2026, 3, 7))
    assert not api.is_working_day(date(2026, 3, 9))
    assert api.is_working_day(date(2026, 9, 2))


def test_calendar_days_and_rolling_to_a_working_day():
    # 30 days from 20/01/2026 is Thu 19/02/2026, inside the Tết break.
    assert api.add_calendar_days(date(2026, 1, 20), 30) == date(2026, 2, 19)
    assert api.add_calendar_days(date(2026, 1, 20), 30, roll_to_working_day=True) == date(
        2026, 2, 23
    )
    # On a working day nothing moves.
    assert api.add_calendar_days(date(2026, 3, 2), 10, roll_to_working_day=True) == date(
        2026, 3, 12
    )


def test_zero_negative_and_small_counts():
    friday = date(2026, 3, 6)
    assert api.add_working_days(friday, 0) == friday
    assert api.add_working_days(friday, 1) == date(2026, 3, 9)
    assert api.add_working_days(date(2026, 3, 9), -1) == friday
    assert api.working_days_between(date(2026, 3, 9), friday) == -1
    assert api.working_days_between(friday, friday) == 0


def test_cache_is_invalidated_when_a_calendar_day_changes():
    day = date(2027, 6, 15)
    assert api.is_working_day(day)  # fills the year cache
    row = CalendarDay.objects.create(date=day, kind=DayKind.DAY_OFF, reason="Nghỉ")
    assert not api.is_working_day(day)
    row.delete()
    assert api.is_working_day(day)


@PROPERTY
@given(start=DAYS, n=COUNTS)
def test_result_is_a_working_day_and_counting_back_gives_n(start, n):
    due = api.add_working_days(start, n)
    assert due > start
    assert api.is_working_day(due)
    assert api.working_days_between(start, due) == n
    # The day before the due date still lacks one working day.
    assert api.working_days_between(start, due - timedelta(days=1)) == n - 1
    assert api.add_working_days(due, -n) <= start


@PROPERTY
@given(start=DAYS, n=COUNTS, k=st.integers(min_value=1, max_value=30))
def test_monotonic_and_additive(start, n, k):
    assert api.add_working_days(start, n) < api.add_working_days(start, n + k)
    assert api.add_working_days(start, n + k) == api.add_working_days(
        api.add_working_days(start, n), k
    )


@PROPERTY
@given(a=DAYS, b=DAYS, c=DAYS)
def test_between_is_antisymmetric_and_additive(a, b, c):
    assert api.working_days_between(a, b) == -api.working_days_between(b, a)
    assert api.working_days_between(a, b) + api.working_days_between(
        b, c
    ) == api.working_days_between(a, c)


@PROPERTY
@given(start=DAYS, n=COUNTS, offset=st.integers(min_value=-10, max_value=200))
def test_an_extra_day_off_never_makes_a_deadline_earlier(start, n, offset):
    before = api.add_working_days(start, n)
    day = start + timedelta(days=offset)
    with transaction.atomic():
        if api.is_working_day(day):
            CalendarDay.objects.create(date=day, kind=DayKind.DAY_OFF, reason="Nghỉ bổ sung")
            after = api.add_working_days(start, n)
            assert after >= before
            if start < day <= before:
                assert after > before  # a working day inside the window is lost
            else:
                assert after == before
        transaction.set_rollback(True)


@PROPERTY
@given(start=DAYS, n=COUNTS, offset=st.integers(min_value=-10, max_value=200))
def test_a_make_up_working_day_never_makes_a_deadline_later(start, n, offset):
    before = api.add_working_days(start, n)
    day = start + timedelta(days=offset)
    with transaction.atomic():
        if not api.is_working_day(day):
            CalendarDay.objects.create(date=day, kind=DayKind.WORKING_DAY, reason="Làm bù")
            after = api.add_working_days(start, n)
            assert after <= before
            if start < day < before:
                assert after < before
            else:
                assert after == before
        transaction.set_rollback(True)


@PROPERTY
@given(start=DAYS, n=st.integers(min_value=0, max_value=120))
def test_rolled_calendar_days_land_on_a_working_day_no_earlier_than_plain(start, n):
    plain = api.add_calendar_days(start, n)
    rolled = api.add_calendar_days(start, n, roll_to_working_day=True)
    assert plain == start + timedelta(days=n)
    assert rolled >= plain
    assert api.is_working_day(rolled)
    assert api.working_days_between(plain, rolled) == (0 if api.is_working_day(plain) else 1)
