"""Factories for the work calendar's tests."""

from datetime import date

import factory

from dieuhanh.platform.registry import SYSTEM_ADMIN
from dieuhanh.platform.workcalendar.models import DeadlineRule, DeadlineUnit


class DeadlineRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeadlineRule

    key = factory.Sequence(lambda n: f"test.rule_{n}")
    name = factory.Sequence(lambda n: f"Thời hạn thử {n}")
    length = 5
    unit = DeadlineUnit.WORKING_DAYS
    roll_to_working_day = True
    start_event = "ngày nhận"
    legal_basis = "Điều 1 Quy chế thử"
    effective_from = date(2020, 1, 1)


def calendar_admin():
    from dieuhanh.platform.orgs.tests.factories import person

    return person(SYSTEM_ADMIN)
