"""How the inbox reads a calendar deadline: its due time and the text that explains it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dieuhanh.platform.workcalendar.api import deadline_explain

# A deadline counted in days falls due at the end of its last day, Vietnam time.
DEADLINE_TIME = dt.time(23, 59, 59)


def deadline_due_at(deadline) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(deadline.due_date, DEADLINE_TIME))


def deadline_rule_text(deadline) -> str:
    """The rule and its legal basis, e.g. "Hạn giải quyết khiếu nại lần đầu: 30 ngày kể từ
    ngày thụ lý 20/01/2026 (Điều 28 Luật Khiếu nại 2011), đến 19/02/2026"."""
    return deadline.explanation or deadline_explain(deadline)
