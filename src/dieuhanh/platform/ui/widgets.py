"""Form widgets and fields for Vietnamese conventions.

`DateField` (with its widget `DateInput`) takes dates typed as dd/mm/yyyy: a plain text box
(`inputmode="numeric"`, a pattern and a placeholder), because the browsers' own date pickers
show the operating system's order, which confuses people used to Vietnamese dates.
"""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DATE_FORMAT = "%d/%m/%Y"
DATE_PATTERN = r"\d{1,2}/\d{1,2}/\d{4}"
_DATE_RE = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s*$")


class DateInput(forms.DateInput):
    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {
            "inputmode": "numeric",
            "pattern": DATE_PATTERN,
            "placeholder": "dd/mm/yyyy",
            "autocomplete": "off",
            "size": "10",
            "maxlength": "10",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DATE_FORMAT)


def parse_date(value: str) -> datetime.date:
    """Parse dd/mm/yyyy, raising ValidationError with a message that says what is wrong."""
    match = _DATE_RE.match(value or "")
    if not match:
        raise ValidationError(
            _("Ngày phải có dạng ngày/tháng/năm, ví dụ 05/09/2026."), code="invalid"
        )
    day, month, year = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise ValidationError(
            _("Tháng %(month)s không hợp lệ: tháng phải từ 1 đến 12."),
            code="invalid_month", params={"month": month},
        )
    if year < 1900 or year > 2999:
        raise ValidationError(_("Năm %(year)s nằm ngoài khoảng cho phép."), code="invalid_year",
                              params={"year": year})
    try:
        return datetime.date(year, month, day)
    except ValueError:
        last_day = (datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)).day
        raise ValidationError(
            _("Ngày %(date)s không tồn tại: tháng %(month)s năm %(year)s chỉ có %(days)s ngày."),
            code="invalid_day",
            params={"date": f"{day:02d}/{month:02d}/{year}", "month": month, "year": year, "days": last_day},
        ) from None


class DateField(forms.DateField):
    widget = DateInput
    default_error_messages = {"invalid": _("Ngày phải có dạng ngày/tháng/năm, ví dụ 05/09/2026.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return parse_date(str(value))
