"""Make sure the Government's official Tết Bính Ngọ 2026 break is in the calendar.

Civil servants are off from Saturday 14/02/2026 to Sunday 22/02/2026 (9 days). The
`holidays` package already knows 16–20/02/2026 and the two weekends, so with the package
version pinned today this inserts nothing; with a package that knew fewer days it adds the
missing weekdays as extra days off, so working-day deadlines across Tết stay right.
"""

from datetime import date, timedelta

import holidays
from django.db import migrations

OFFICIAL_BREAKS = [
    (
        date(2026, 2, 14),
        date(2026, 2, 22),
        "Nghỉ Tết Nguyên đán Bính Ngọ 2026 (14/02–22/02/2026) theo quyết định của Chính phủ",
    ),
]


def ensure_breaks(apps, schema_editor):
    CalendarDay = apps.get_model("workcalendar", "CalendarDay")
    for first, last, reason in OFFICIAL_BREAKS:
        package = holidays.country_holidays("VN", years=range(first.year, last.year + 1))
        day = first
        while day <= last:
            if day.weekday() < 5 and day not in package:
                CalendarDay.objects.get_or_create(
                    date=day, defaults={"kind": "day_off", "reason": reason}
                )
            day += timedelta(days=1)


# Seeded again after a test flushes the tables (see the root conftest.py).
RESEED_AFTER_FLUSH = True


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0002_seed_deadline_rules")]

    operations = [migrations.RunPython(ensure_breaks, migrations.RunPython.noop)]
