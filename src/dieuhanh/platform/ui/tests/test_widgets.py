"""The dd/mm/yyyy date input."""

import datetime

import pytest
from django import forms

from dieuhanh.platform.ui.widgets import DateField, DateInput


class MeetingForm(forms.Form):
    day = DateField(label="Ngày họp")


def test_widget_renders_a_numeric_text_box_with_pattern_and_placeholder():
    html = DateInput().render("day", datetime.date(2026, 9, 5))
    assert 'type="text"' in html
    assert 'inputmode="numeric"' in html
    assert 'placeholder="dd/mm/yyyy"' in html
    assert "pattern=" in html
    assert 'value="05/09/2026"' in html


@pytest.mark.parametrize(("typed", "expected"), [
    ("05/09/2026", datetime.date(2026, 9, 5)),
    ("5/9/2026", datetime.date(2026, 9, 5)),
    (" 29/02/2028 ", datetime.date(2028, 2, 29)),
])
def test_parses_day_month_year(typed, expected):
    form = MeetingForm({"day": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == expected


def test_impossible_date_says_why():
    form = MeetingForm({"day": "31/02/2026"})
    assert not form.is_valid()
    message = form.errors["day"][0]
    assert "31/02/2026" in message and "28 ngày" in message


@pytest.mark.parametrize(("typed", "fragment"), [
    ("2026-09-05", "ngày/tháng/năm"),
    ("hôm qua", "ngày/tháng/năm"),
    ("05/13/2026", "Tháng 13"),
    ("05/09/0026", "Năm 26"),
])
def test_malformed_dates_have_clear_messages(typed, fragment):
    form = MeetingForm({"day": typed})
    assert not form.is_valid()
    assert fragment in form.errors["day"][0]


def test_leap_year_message_counts_days():
    form = MeetingForm({"day": "30/02/2028"})
    assert not form.is_valid()
    assert "29 ngày" in form.errors["day"][0]
