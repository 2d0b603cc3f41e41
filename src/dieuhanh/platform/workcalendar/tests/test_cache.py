"""The per-year cache: shared version token, and no leak of rolled-back changes."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import transaction

from dieuhanh.platform.workcalendar import api, arithmetic
from dieuhanh.platform.workcalendar.models import CalendarDay, DayKind, DeadlineRule

DAY = date(2027, 6, 15)  # a Tuesday


@pytest.mark.django_db
def test_a_committed_change_replaces_the_shared_version(django_capture_on_commit_callbacks):
    assert api.is_working_day(DAY)
    first = cache.get(arithmetic.VERSION_KEY)
    assert cache.get(arithmetic.YEAR_KEY.format(version=first, year=2027)) is not None
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        CalendarDay.objects.create(date=DAY, kind=DayKind.DAY_OFF, reason="Nghỉ")
    assert callbacks
    assert cache.get(arithmetic.VERSION_KEY) not in (None, first)


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_never_reaches_the_cache():
    assert api.is_working_day(DAY)
    with transaction.atomic():
        CalendarDay.objects.create(date=DAY, kind=DayKind.DAY_OFF, reason="Nghỉ")
        assert not api.is_working_day(DAY)  # seen inside the transaction…
        transaction.set_rollback(True)
    assert api.is_working_day(DAY)  # …and forgotten after the rollback
    assert api.is_working_day(DAY)  # also from the cache filled just now
    assert DeadlineRule.objects.filter(key="complaint.resolve_first").exists()


@pytest.mark.django_db
def test_seeded_rules_survive_the_transactional_test():
    assert DeadlineRule.objects.filter(key="complaint.resolve_first").exists()
