"""Opening, updating, closing and reassigning work items."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from dieuhanh.platform.inbox import services
from dieuhanh.platform.inbox.models import Urgency, WorkItem, WorkItemEvent, WorkItemState
from dieuhanh.platform.inbox.selectors import inbox_items
from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, person
from dieuhanh.platform.ui.errors import UserError

from .factories import at, open_item, thing

pytestmark = pytest.mark.django_db


def test_opening_twice_with_the_same_key_makes_one_item():
    user = person("staff")
    obj = thing()
    first = open_item(obj=obj, assignee_user=user, purpose="review")
    again = open_item(
        obj=obj, assignee_user=user, purpose="review", title="Xử lý văn bản đến (sửa)"
    )
    assert again.pk == first.pk
    assert WorkItem.objects.count() == 1
    assert WorkItem.objects.get().title == "Xử lý văn bản đến (sửa)"
    assert list(first.events.values_list("kind", flat=True)) == ["opened", "updated"]


def test_another_purpose_assignee_or_module_is_another_item():
    user, other = person("staff"), person("staff")
    obj = thing()
    open_item(obj=obj, assignee_user=user, purpose="review")
    open_item(obj=obj, assignee_user=user, purpose="answer")
    open_item(obj=obj, assignee_user=other, purpose="review")
    open_item(obj=obj, assignee_user=user, purpose="review", module="workcalendar")
    assert WorkItem.objects.count() == 4


def test_after_closing_the_same_duty_can_open_again():
    user = person("staff")
    obj = thing()
    first = open_item(obj=obj, assignee_user=user)
    services.work_item_close(obj=obj, by=user)
    second = open_item(obj=obj, assignee_user=user)
    assert second.pk != first.pk
    assert WorkItem.objects.filter(state=WorkItemState.OPEN).count() == 1


def test_the_database_refuses_a_second_open_duplicate():
    user = person("staff")
    item = open_item(assignee_user=user)
    copy = WorkItem(
        module=item.module,
        content_type=item.content_type,
        object_id=item.object_id,
        purpose=item.purpose,
        title="bản sao",
        assignee_user=user,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


@pytest.mark.parametrize("assignees", [{}, "both"])
def test_exactly_one_assignee(assignees):
    user = person("staff")
    kwargs = {} if assignees == {} else {"assignee_user": user, "assignee_unit": OrgUnitFactory()}
    with pytest.raises(UserError):
        open_item(**kwargs)
    assert WorkItem.objects.count() == 0


def test_the_database_check_constraint_refuses_two_assignees():
    user = person("staff")
    item = open_item(assignee_user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkItem.objects.filter(pk=item.pk).update(assignee_unit=OrgUnitFactory())


def test_bad_input_is_refused_with_a_message():
    user = person("staff")
    with pytest.raises(UserError):
        open_item(assignee_user=user, title="   ")
    with pytest.raises(UserError):
        open_item(assignee_user=user, urgency="very")
    with pytest.raises(ValueError):
        open_item(assignee_user=user, module="no-such-module")


def test_update_redates_open_items_only():
    user = person("staff")
    obj = thing()
    item = open_item(obj=obj, assignee_user=user, due_at=at(dt.date(2026, 5, 4)))
    services.work_item_update(obj=obj, due_at=at(dt.date(2026, 5, 8)), urgency=Urgency.URGENT)
    item.refresh_from_db()
    assert item.due_at == at(dt.date(2026, 5, 8))
    assert item.urgency == Urgency.URGENT
    services.work_item_close(obj=obj, by=user)
    services.work_item_update(obj=obj, due_at=at(dt.date(2026, 6, 1)))
    item.refresh_from_db()
    assert item.due_at == at(dt.date(2026, 5, 8))


def test_close_by_purpose_leaves_the_other_duties_open():
    user = person("staff")
    obj = thing()
    open_item(obj=obj, assignee_user=user, purpose="review")
    keep = open_item(obj=obj, assignee_user=user, purpose="sign")
    closed = services.work_item_close(obj=obj, purpose="review", by=user)
    assert len(closed) == 1 and closed[0].state == WorkItemState.DONE
    assert closed[0].closed_by == user and closed[0].closed_at is not None
    keep.refresh_from_db()
    assert keep.state == WorkItemState.OPEN
    assert services.work_item_close(obj=obj, purpose="review", by=user) == []


def test_cancel_leaves_the_inbox_without_counting_as_done():
    user = person("staff")
    obj = thing()
    open_item(obj=obj, assignee_user=user)
    services.work_item_cancel(obj=obj, note="Đơn đã rút")
    item = WorkItem.objects.get()
    assert item.state == WorkItemState.CANCELLED
    assert not inbox_items(user, view="all").exists()
    assert not inbox_items(user, view="done").exists()


def test_reassign_moves_the_item_to_the_new_person():
    leader, old, new = person("leader"), person("staff"), person("staff")
    obj = thing()
    item = open_item(obj=obj, assignee_user=old)
    services.work_item_reassign(obj=obj, assignee_user=new, by=leader)
    item.refresh_from_db()
    assert item.assignee_user == new and item.assignee_key == f"u:{new.pk}"
    assert not inbox_items(old, view="all").exists()
    assert list(inbox_items(new, view="all")) == [item]
    event = item.events.get(kind=WorkItemEvent.Kind.REASSIGNED)
    assert event.actor == leader and str(old) in event.note


def test_reassign_onto_an_existing_duty_keeps_one_open_item():
    leader, old, new = person("leader"), person("staff"), person("staff")
    obj = thing()
    moved = open_item(obj=obj, assignee_user=old)
    kept = open_item(obj=obj, assignee_user=new)
    result = services.work_item_reassign(obj=obj, assignee_user=new, by=leader)
    moved.refresh_from_db()
    assert moved.state == WorkItemState.CANCELLED
    assert [i.pk for i in result] == [kept.pk]
    assert WorkItem.objects.filter(state=WorkItemState.OPEN).count() == 1


def test_live_counts_are_pushed_after_commit(monkeypatch, django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr(
        "dieuhanh.platform.inbox.tasks.push_event", lambda uid, p: sent.append((uid, p))
    )
    unit = OrgUnitFactory()
    alice, bob = person("staff", unit), person("staff", unit)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        open_item(assignee_unit=unit)
        assert sent == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    by_user = {uid: payload for uid, payload in sent}
    assert set(by_user) == {alice.pk, bob.pk}
    assert by_user[alice.pk]["counts"]["inbox:sample"] == 1
    assert by_user[alice.pk]["counts"]["inbox:inbox"] == 1
    assert by_user[alice.pk]["counts"]["inbox:workcalendar"] == 0


def test_due_at_must_be_aware():
    user = person("staff")
    with pytest.raises(ValueError):
        open_item(assignee_user=user, due_at=dt.datetime(2026, 5, 4, 9))
    assert timezone.is_aware(at(dt.date(2026, 5, 4)))
