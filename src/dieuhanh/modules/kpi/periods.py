"""Evaluation periods as value objects: a month, a quarter or a year.

A period is identified by its kind and its first day, and written in URLs and forms as a
key: "2026-11" (month), "2026-Q4" (quarter), "2026" (year).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import PeriodKind

ROMAN = ("I", "II", "III", "IV")
_KEY = re.compile(r"^(\d{4})(?:-(?:(\d{1,2})|Q([1-4])))?$")


class BadPeriod(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Period:
    kind: str
    start: dt.date

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(PeriodKind.MONTH, dt.date(year, month, 1))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        return cls(PeriodKind.QUARTER, dt.date(year, 3 * (quarter - 1) + 1, 1))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(PeriodKind.YEAR, dt.date(year, 1, 1))

    @classmethod
    def containing(cls, kind: str, day: dt.date) -> Period:
        if kind == PeriodKind.MONTH:
            return cls.month(day.year, day.month)
        if kind == PeriodKind.QUARTER:
            return cls.quarter(day.year, (day.month - 1) // 3 + 1)
        return cls.year(day.year)

    @classmethod
    def from_key(cls, key: str) -> Period:
        """Parse "2026-11", "2026-Q4" or "2026"; raises BadPeriod with a Vietnamese message."""
        match = _KEY.match(str(key or "").strip().upper())
        if not match:
            raise BadPeriod(_("Kỳ đánh giá “%(key)s” không hợp lệ: nhập tháng (2026-11), quý (2026-Q4) hoặc năm (2026).") % {"key": key})
        year, month, quarter = match.groups()
        year = int(year)
        if not 2000 <= year <= 2100:
            raise BadPeriod(_("Năm %(year)s nằm ngoài khoảng 2000–2100.") % {"year": year})
        if month is not None:
            if not 1 <= int(month) <= 12:
                raise BadPeriod(_("Tháng %(month)s không tồn tại.") % {"month": month})
            return cls.month(year, int(month))
        if quarter is not None:
            return cls.quarter(year, int(quarter))
        return cls.year(year)

    @property
    def end(self) -> dt.date:
        """The last day (inclusive)."""
        if self.kind == PeriodKind.MONTH:
            return self.start.replace(day=calendar.monthrange(self.start.year, self.start.month)[1])
        if self.kind == PeriodKind.QUARTER:
            last_month = self.start.month + 2
            return dt.date(self.start.year, last_month, calendar.monthrange(self.start.year, last_month)[1])
        return dt.date(self.start.year, 12, 31)

    @property
    def key(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return _("Tháng %(month)s/%(year)s") % {"month": self.start.month, "year": self.start.year}
        if self.kind == PeriodKind.QUARTER:
            return _("Quý %(roman)s/%(year)s") % {
                "roman": ROMAN[(self.start.month - 1) // 3], "year": self.start.year}
        return _("Năm %(year)s") % {"year": self.start.year}

    def previous(self) -> Period:
        return Period.containing(self.kind, self.start - dt.timedelta(days=1))

    def recent(self, count: int) -> list[Period]:
        """This period and the `count - 1` before it, oldest first."""
        periods = [self]
        while len(periods) < count:
            periods.append(periods[-1].previous())
        return periods[::-1]

    def __str__(self) -> str:
        return self.label


PERIOD_HELP = gettext_lazy("Tháng (2026-11), quý (2026-Q4) hoặc năm (2026).")
