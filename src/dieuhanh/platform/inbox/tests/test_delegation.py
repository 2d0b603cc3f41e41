"""Ủy quyền: the delegate sees and acts on the absent person's items within the period only."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from dieuhanh.platform.inbox import services
from dieuhanh.platform.inbox.models import Delegation, WorkItem, WorkItemEvent
from dieuhanh.platform.inbox.selectors import acting_for, can_act, counts_by_module, inbox_items
from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, person
from dieuhanh.platform.ui.errors import ConflictError, UserError

from .factories import at, open_item, thing

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
START, END = TODAY, TODAY + dt.timedelta(days=4)


@pytest.fixture
def people():
    unit = OrgUnitFactory()
    return person("staff", unit, full_name="Trần Thị Vắng"), person(
        "staff", unit, full_name="Lê Văn Thay"
    )


def delegate(absent, colleague, start=START, end=END):
    return services.delegation_create(
        by=absent,
        from_user=absent,
        to_user=colleague,
        start_date=start,
        end_date=end,
        reason="Đi công tác",
    )


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def test_the_delegate_sees_and_may_act_within_the_period_only(people):
    absent, colleague = people
    item = open_item(assignee_user=absent, title="Trả lời kiến nghị", due_at=at(day(2)))
    delegate(absent, colleague)

    inside = at(day(1), 9)
    assert [i.pk for i in inbox_items(colleague, view="all", now=inside)] == [item.pk]
    assert acting_for(colleague, item, today=inside.date()) == absent
    assert can_act(colleague, item, today=inside.date())

    before, after = at(day(-1), 9), at(day(5), 9)
    for moment in (before, after):
        colleague = type(colleague).objects.get(pk=colleague.pk)  # a new request
        assert list(inbox_items(colleague, view="all", now=moment)) == []
        assert acting_for(colleague, item, today=moment.date()) is None
        assert not can_act(colleague, item, today=moment.date())


def test_the_absent_person_still_sees_their_items_and_acts_in_their_own_name(people):
    absent, colleague = people
    item = open_item(assignee_user=absent)
    delegate(absent, colleague)
    assert acting_for(absent, item, today=day(1)) is None
    assert can_act(absent, item, today=day(1))


def test_acting_on_behalf_is_recorded_in_the_history_and_the_audit_trail(people):
    absent, colleague = people
    obj = thing()
    open_item(obj=obj, assignee_user=absent)
    delegate(absent, colleague)
    colleague = type(colleague).objects.get(pk=colleague.pk)

    [item] = services.work_item_close(obj=obj, by=colleague)

    event = item.events.get(kind=WorkItemEvent.Kind.CLOSED)
    assert event.actor == colleague and event.on_behalf_of == absent
    entry = LogEntry.objects.get_for_object(item).filter(action=LogEntry.Action.UPDATE).latest("pk")
    assert entry.actor == colleague
    assert entry.additional_data["on_behalf_of"]["id"] == absent.pk


def test_ending_a_delegation_hides_the_items_at_once(people):
    absent, colleague = people
    open_item(assignee_user=absent)
    delegation = delegate(absent, colleague)
    assert counts_by_module(type(colleague).objects.get(pk=colleague.pk)) == {"sample": 1}
    services.delegation_end(delegation=delegation, by=absent)
    assert counts_by_module(type(colleague).objects.get(pk=colleague.pk)) == {}
    delegation.refresh_from_db()
    assert not delegation.active and delegation.ended_by == absent


def test_a_delegate_does_not_see_the_absent_persons_unit_items_through_the_delegation(people):
    absent, colleague = people
    other_unit = OrgUnitFactory()
    from dieuhanh.platform.orgs.tests.factories import MembershipFactory

    MembershipFactory(user=absent, unit=other_unit, is_primary=False)
    open_item(assignee_unit=other_unit)
    delegate(absent, colleague)
    assert list(inbox_items(colleague, view="all", now=at(day(1)))) == []


def test_refusals(people):
    absent, colleague = people
    stranger = person("staff")
    with pytest.raises(UserError):
        delegate(absent, absent)
    with pytest.raises(UserError):
        delegate(absent, colleague, start=END, end=START)
    with pytest.raises(UserError):
        delegate(absent, colleague, start=day(-10), end=day(-2))  # already over
    with pytest.raises(UserError):
        services.delegation_create(
            by=stranger,
            from_user=absent,
            to_user=colleague,
            start_date=START,
            end_date=END,
            reason="x",
        )
    delegate(absent, colleague)
    with pytest.raises(ConflictError):
        delegate(absent, stranger, start=day(3), end=day(9))
    assert Delegation.objects.count() == 1


def test_a_leader_of_the_unit_may_record_a_members_absence(people):
    absent, colleague = people
    leader = person("leader", absent.memberships.get().unit)
    delegation = services.delegation_create(
        by=leader, from_user=absent, to_user=colleague, start_date=START, end_date=END, reason="Ốm"
    )
    assert delegation.created_by == leader
    assert WorkItem.objects.count() == 0
