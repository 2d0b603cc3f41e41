"""The cached tab counts and navigation badges stay right after every write.

These tests commit (transaction=True), so the cache is really filled, read and invalidated as
in production: on PostgreSQL runs with REDIS_URL it is the shared Redis. Each read uses a
fresh user object, as a new request would, and is compared with a count straight from the
database (`inbox_items(...).count()`).
"""

import datetime as dt
import threading
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from dieuhanh.platform.inbox import counts, services
from dieuhanh.platform.inbox.models import WorkItem
from dieuhanh.platform.inbox.selectors import (
    VIEWS,
    assignee_keys,
    counts_by_module,
    inbox_items,
    view_counts,
)
from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, person

from .factories import open_item, thing

pytestmark = pytest.mark.django_db(transaction=True)


def fresh(user):
    """The person as the next request loads them (nothing remembered on the object)."""
    return get_user_model().objects.get(pk=user.pk)


def truth(user, now):
    user = fresh(user)
    tabs = {view: inbox_items(user, view=view, now=now).count() for view in VIEWS}
    modules = Counter(inbox_items(user, view="all", now=now).values_list("module", flat=True))
    return tabs, dict(modules)


def shown(user, now):
    user = fresh(user)
    return view_counts(user, now=now), counts_by_module(user)


def cached_keys(user) -> set[str]:
    keys = assignee_keys(fresh(user))
    return set(counts._read_cached(keys)[0])


def check(*users, now):
    for user in users:
        assert shown(user, now) == truth(user, now), user
        # …and the second read came from the cache, for every key of the person.
        assert cached_keys(user) == set(assignee_keys(fresh(user)))


@pytest.fixture
def team():
    unit = OrgUnitFactory()
    alice = person("staff", unit, full_name="Nguyễn Thị An")
    bob = person("staff", unit, full_name="Trần Văn Bình")
    carol = person("staff", OrgUnitFactory(), full_name="Lê Thị Cúc")
    return unit, alice, bob, carol


def test_counts_follow_every_inbox_service(team):
    unit, alice, bob, carol = team
    now = timezone.now()
    check(alice, bob, carol, now=now)  # empty, and cached as empty

    late = thing()
    open_item(obj=late, assignee_user=alice, due_at=now - dt.timedelta(hours=2))
    shared = thing()
    open_item(obj=shared, assignee_unit=unit, due_at=now + dt.timedelta(hours=1))
    undated = thing()
    open_item(obj=undated, assignee_user=alice, module="workcalendar")
    check(alice, bob, carol, now=now)
    assert shown(alice, now)[0]["overdue"] == 1
    assert shown(bob, now)[0]["all"] == 1

    # Re-dated by the module: no longer overdue; then through a second open() with new details.
    services.work_item_update(obj=late, due_at=now + dt.timedelta(days=20))
    check(alice, now=now)
    assert shown(alice, now)[0]["overdue"] == 0
    open_item(obj=late, assignee_user=alice, due_at=now - dt.timedelta(minutes=5))
    check(alice, now=now)
    assert shown(alice, now)[0]["overdue"] == 1

    services.work_item_close(obj=late, by=alice)
    check(alice, bob, now=now)
    assert shown(alice, now)[0]["done"] == 1

    services.work_item_cancel(obj=undated, by=alice)
    check(alice, now=now)
    assert shown(alice, now)[1] == {"sample": 1}  # only the unit's item is left

    services.work_item_reassign(obj=shared, assignee_user=carol, by=alice)
    check(alice, bob, carol, now=now)
    assert shown(bob, now)[0]["all"] == 0 and shown(carol, now)[0]["all"] == 1

    # A delegation changes whose items a person sees, not the items: the keys change.
    services.delegation_create(
        by=carol, from_user=carol, to_user=bob, start_date=timezone.localdate(),
        end_date=timezone.localdate() + dt.timedelta(days=3), reason="Đi công tác",
    )
    check(bob, now=now)
    assert shown(bob, now)[0]["all"] == 1
    services.delegation_end(delegation=carol.delegations_given.get(), by=carol)
    check(bob, now=now)
    assert shown(bob, now)[0]["all"] == 0


def test_a_direct_save_or_delete_of_an_item_also_refreshes_the_counts(team):
    """Writes outside the services (a cascade, a test fixture) go through the model signals."""
    unit, alice, bob, carol = team
    now = timezone.now()
    check(alice, now=now)
    item = open_item(assignee_user=alice)
    check(alice, now=now)
    WorkItem.objects.get(pk=item.pk).delete()
    check(alice, now=now)
    assert shown(alice, now)[0]["all"] == 0


def test_a_rolled_back_write_is_seen_by_its_own_transaction_only(team):
    unit, alice, bob, carol = team
    now = timezone.now()
    check(alice, now=now)

    class Undo(Exception):
        pass

    with pytest.raises(Undo):
        with transaction.atomic():
            open_item(assignee_unit=unit)
            # Inside the transaction the person sees their own uncommitted item…
            assert shown(alice, now)[0]["all"] == 1
            raise Undo
    # …and afterwards nobody does: nothing of it reached the cache.
    check(alice, bob, now=now)
    assert shown(alice, now)[0]["all"] == 0


def test_another_connection_sees_the_change_at_once(team):
    """A second thread has its own database connection and shares the cache (Redis in the
    PostgreSQL run), like another server process."""
    unit, alice, bob, carol = team
    now = timezone.now()
    seen = []

    def other_process():
        try:
            seen.append(shown(bob, now)[0]["all"])
        finally:
            connection.close()

    def in_other_process():
        thread = threading.Thread(target=other_process)
        thread.start()
        thread.join()
        return seen.pop()

    assert in_other_process() == 0  # and now cached there
    open_item(assignee_unit=unit)
    assert in_other_process() == 1
    services.work_item_close(obj=WorkItem.objects.get().obj, by=alice)
    assert in_other_process() == 0


def test_a_summary_read_before_a_write_is_never_used_after_it(team):
    """The race: a reader counts the old rows, the writer commits, then the reader stores its
    summary. It is stored under the version it read first, which the commit replaced."""
    unit, alice, bob, carol = team
    now = timezone.now()
    key = f"o:{unit.pk}"
    _found, tokens = counts._read_cached([key])  # the slow reader starts…
    stale = counts._compute([key], now - dt.timedelta(days=7))
    open_item(assignee_unit=unit)  # …a writer commits meanwhile…
    cache.set(counts._SUMMARY + key, (tokens[key], stale[key]))  # …the reader stores late.
    assert shown(alice, now)[0]["all"] == 1
    check(alice, now=now)


def test_who_delegated_to_a_person_is_cached_and_stays_right(team):
    from dieuhanh.platform.inbox.selectors import delegators

    unit, alice, bob, carol = team
    today = timezone.localdate()
    assert delegators(fresh(bob)) == {}  # cached: nobody
    delegation = services.delegation_create(
        by=carol, from_user=carol, to_user=bob, start_date=today,
        end_date=today + dt.timedelta(days=2), reason="Nghỉ phép",
    )
    assert set(delegators(fresh(bob))) == {carol.pk}
    # The absent person's account is closed: the cached id no longer counts.
    type(carol).objects.filter(pk=carol.pk).update(is_active=False)
    assert delegators(fresh(bob)) == {}
    type(carol).objects.filter(pk=carol.pk).update(is_active=True)
    services.delegation_end(delegation=delegation, by=carol)
    assert delegators(fresh(bob)) == {}
    # Recorded in the past or the future: not running today, whatever the cache held.
    assert delegators(fresh(bob), today=today + dt.timedelta(days=1)) == {}
