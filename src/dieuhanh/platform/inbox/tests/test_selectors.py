"""Who sees what, and which tab an item falls in."""

import datetime as dt

import pytest

from dieuhanh.platform.inbox.selectors import counts_by_module, inbox_items, view_counts
from dieuhanh.platform.inbox.services import work_item_close
from dieuhanh.platform.orgs.tests.factories import MembershipFactory, OrgUnitFactory, person
from dieuhanh.platform.ui.navigation import navigation_for
from dieuhanh.platform.workcalendar.api import add_working_days

from .factories import at, open_item, thing

pytestmark = pytest.mark.django_db


def titles(qs):
    return [item.title for item in qs]


def test_unit_items_are_visible_to_members_only():
    unit, other_unit = OrgUnitFactory(), OrgUnitFactory()
    member, outsider = person("staff", unit), person("staff", other_unit)
    former = person("staff")
    MembershipFactory(
        user=former,
        unit=unit,
        role="staff",
        is_primary=False,
        start_date=dt.date(2020, 1, 1),
        end_date=dt.date(2021, 1, 1),
    )
    child = OrgUnitFactory(parent=unit)
    open_item(assignee_unit=unit, title="Việc của đơn vị")
    open_item(assignee_unit=child, title="Việc của phòng trực thuộc")
    assert titles(inbox_items(member, view="all")) == ["Việc của đơn vị"]
    assert titles(inbox_items(outsider, view="all")) == []
    assert titles(inbox_items(former, view="all")) == []  # membership ended
    assert counts_by_module(outsider) == {}


def test_personal_items_are_visible_to_the_assignee_only():
    unit = OrgUnitFactory()
    alice, bob = person("staff", unit), person("staff", unit)
    open_item(assignee_user=alice, title="Việc của Alice")
    assert titles(inbox_items(alice, view="all")) == ["Việc của Alice"]
    assert titles(inbox_items(bob, view="all")) == []


class TestTabsAcrossAHolidayAndAWeekend:
    """Wednesday 29/04/2026, 10:00. Thursday 30/04 and Friday 01/05 are public holidays and
    02–03/05 a weekend, so the 3 working days after today end on Wednesday 06/05."""

    NOW = at(dt.date(2026, 4, 29), 10)

    @pytest.fixture
    def user(self):
        user = person("staff")
        due = {
            "quá hạn hôm qua": at(dt.date(2026, 4, 28), 17),
            "quá hạn sáng nay": at(dt.date(2026, 4, 29), 9),
            "hạn chiều nay": at(dt.date(2026, 4, 29), 16),
            "hạn ngày lễ 30/4": at(dt.date(2026, 4, 30), 9),
            "hạn thứ hai 4/5": at(dt.date(2026, 5, 4), 10),
            "hạn thứ tư 6/5": at(dt.date(2026, 5, 6), 23, 59),
            "hạn thứ năm 7/5": at(dt.date(2026, 5, 7), 8),
            "không có hạn": None,
        }
        for title, due_at in due.items():
            open_item(assignee_user=user, title=title, due_at=due_at)
        return user

    def test_the_calendar_skips_the_holidays_and_the_weekend(self):
        assert add_working_days(dt.date(2026, 4, 29), 3) == dt.date(2026, 5, 6)

    def test_overdue(self, user):
        assert titles(inbox_items(user, view="overdue", now=self.NOW)) == [
            "quá hạn hôm qua",
            "quá hạn sáng nay",
        ]

    def test_due_today(self, user):
        assert titles(inbox_items(user, view="today", now=self.NOW)) == ["hạn chiều nay"]

    def test_due_within_three_working_days(self, user):
        assert titles(inbox_items(user, view="soon", now=self.NOW)) == [
            "hạn chiều nay",
            "hạn ngày lễ 30/4",
            "hạn thứ hai 4/5",
            "hạn thứ tư 6/5",
        ]

    def test_all_open_sorted_by_due_time_without_deadline_last(self, user):
        got = titles(inbox_items(user, view="all", now=self.NOW))
        assert got[0] == "quá hạn hôm qua" and got[-2:] == ["hạn thứ năm 7/5", "không có hạn"]
        assert len(got) == 8

    def test_tab_counts_agree_with_the_lists(self, user):
        assert view_counts(user, now=self.NOW) == {
            "overdue": 2,
            "today": 1,
            "soon": 4,
            "all": 8,
            "done": 0,
        }

    def test_on_friday_the_window_runs_over_the_weekend(self, user):
        friday = at(dt.date(2026, 5, 8), 8)
        open_item(assignee_user=user, title="hạn thứ tư 13/5", due_at=at(dt.date(2026, 5, 13), 15))
        open_item(assignee_user=user, title="hạn thứ năm 14/5", due_at=at(dt.date(2026, 5, 14), 15))
        assert titles(inbox_items(user, view="soon", now=friday)) == ["hạn thứ tư 13/5"]


def test_done_recently_lists_what_was_finished_this_week():
    user = person("staff")
    obj = thing()
    open_item(obj=obj, assignee_user=user, title="đã xong")
    open_item(assignee_user=user, title="còn mở")
    work_item_close(obj=obj, by=user)
    assert titles(inbox_items(user, view="done")) == ["đã xong"]
    assert titles(inbox_items(user, view="all")) == ["còn mở"]


def test_module_filter():
    user = person("staff")
    open_item(assignee_user=user, title="mẫu", module="sample")
    open_item(assignee_user=user, title="lịch", module="workcalendar")
    assert titles(inbox_items(user, view="all", module="sample")) == ["mẫu"]


def test_counts_per_module_and_in_the_navigation(rf):
    unit = OrgUnitFactory()
    user, other = person("staff", unit), person("staff")
    open_item(assignee_user=user, module="sample")
    open_item(assignee_unit=unit, module="sample")
    open_item(assignee_user=user, module="workcalendar")
    done = thing()
    open_item(obj=done, assignee_user=user, module="sample")
    work_item_close(obj=done, by=user)
    open_item(assignee_user=other, module="sample")
    assert counts_by_module(user) == {"sample": 2, "workcalendar": 1}
    request = rf.get("/")
    request.user = user
    links = {link.key: link.count for link in navigation_for(request)}
    assert links["inbox"] == 3
    assert links["sample"] == 2
