"""Items linked to a calendar deadline follow it when the calendar moves it."""

import datetime as dt

import pytest

from dieuhanh.platform.inbox.models import WorkItemEvent
from dieuhanh.platform.orgs.tests.factories import person
from dieuhanh.platform.workcalendar import api as workcalendar
from dieuhanh.platform.workcalendar.tests.factories import DeadlineRuleFactory, calendar_admin

from .factories import at, open_item, thing

pytestmark = pytest.mark.django_db


@pytest.fixture
def deadline():
    # 5 working days from Monday 04/05/2026: due Monday 11/05/2026.
    rule = DeadlineRuleFactory(
        key="test.inbox", name="Hạn xử lý thử", legal_basis="Điều 9 Quy chế thử"
    )
    obj = thing()
    return workcalendar.deadline_start(rule_key=rule.key, start=dt.date(2026, 5, 4), owner=obj)


def test_opening_with_a_deadline_takes_its_due_time_and_rule(deadline):
    user = person("staff")
    item = open_item(assignee_user=user, deadline=deadline)
    assert deadline.due_date == dt.date(2026, 5, 11)
    assert item.due_at == at(dt.date(2026, 5, 11), 23, 59).replace(second=59)
    assert "Điều 9 Quy chế thử" in item.rule_text and "Hạn xử lý thử" in item.rule_text


def test_deadline_changed_moves_due_at(deadline):
    user = person("staff")
    item = open_item(assignee_user=user, deadline=deadline)
    closed_obj = thing()
    done = open_item(obj=closed_obj, assignee_user=user, deadline=deadline)
    from dieuhanh.platform.inbox.services import work_item_close

    work_item_close(obj=closed_obj, by=user)
    # An extra day off on Thursday 07/05 pushes the deadline to Tuesday 12/05.
    workcalendar.calendar_day_add(
        actor=calendar_admin(), day=dt.date(2026, 5, 7), kind="day_off", reason="Nghỉ bù"
    )
    item.refresh_from_db()
    done.refresh_from_db()
    assert item.due_at.date() == dt.date(2026, 5, 12)
    assert "12/05/2026" in item.rule_text
    assert item.events.filter(kind=WorkItemEvent.Kind.DUE_CHANGED).exists()
    assert done.due_at.date() == dt.date(2026, 5, 11)  # closed items keep their history


def test_a_lawful_extension_moves_due_at(deadline):
    user = person("staff")
    item = open_item(assignee_user=user, deadline=deadline)
    workcalendar.deadline_extend(deadline=deadline, days=2, reason="QĐ gia hạn số 1")
    item.refresh_from_db()
    assert item.due_at.date() == dt.date(2026, 5, 13)
