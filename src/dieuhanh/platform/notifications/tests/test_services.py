"""notify(), sequence numbers, preferences, push_event, marking read."""

import threading

import pytest
from channels.layers import get_channel_layer
from django.core import mail
from django.db import connection, transaction

from dieuhanh.platform import notifications
from dieuhanh.platform.notifications import selectors, services
from dieuhanh.platform.notifications.models import Notification, NotificationPreference
from dieuhanh.platform.registry import ManifestError
from dieuhanh.platform.ui.errors import UserError

from .factories import KIND, recipient

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_memory_layer(settings):
    """These tests read the group from this process; the Redis layer is covered by the
    consumer and browser tests."""
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def _live_messages(user_id):
    """Join a fresh channel to the person's group and return a reader of what arrives."""
    from asgiref.sync import async_to_sync

    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(services.group_name(user_id), channel)

    def read():
        import asyncio

        async def drain():
            out = []
            while True:
                try:
                    out.append(await asyncio.wait_for(layer.receive(channel), 0.2))
                except TimeoutError:
                    return out

        return async_to_sync(drain)()

    return read


def test_notify_creates_one_row_per_recipient_with_increasing_seq(django_capture_on_commit_callbacks):
    a, b = recipient(), recipient()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(recipients=[a, b.pk, a], kind=KIND, title="Lần 1")
        notifications.notify(recipients=[a], kind=KIND, title="Lần 2")
    rows = list(Notification.objects.filter(recipient=a).order_by("seq").values_list("seq", "title"))
    assert rows == [(1, "Lần 1"), (2, "Lần 2")]
    assert list(Notification.objects.filter(recipient=b).values_list("seq", flat=True)) == [1]
    assert Notification.objects.get(recipient=b).module == "sample"


def test_the_actor_is_not_notified_of_their_own_action():
    a, b = recipient(), recipient()
    created = notifications.notify(recipients=[a, b], kind=KIND, title="Giao việc", actor=a)
    assert [n.recipient_id for n in created] == [b.pk]
    assert created[0].actor_id == a.pk


def test_unknown_kind_and_empty_title_are_refused():
    a = recipient()
    with pytest.raises(ManifestError):
        notifications.notify(recipients=[a], kind="no.such_kind", title="x")
    with pytest.raises(UserError):
        notifications.notify(recipients=[a], kind=KIND, title="   ")
    assert not Notification.objects.exists()


def test_nothing_is_pushed_or_emailed_before_commit_and_nothing_after_rollback(
    django_capture_on_commit_callbacks,
):
    a = recipient()
    read = _live_messages(a.pk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notifications.notify(recipients=[a], kind=KIND, title="Chưa commit")
    assert read() == [] and mail.outbox == []
    assert len(callbacks) == 1

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        notifications.notify(recipients=[a], kind=KIND, title="Bị hủy")
        raise Boom
    # The rolled-back number is given again: numbers stay dense and increasing.
    n = notifications.notify(recipients=[a], kind=KIND, title="Sau khi hủy")[0]
    assert n.seq == 2


def test_after_commit_the_event_goes_to_the_recipient_group_only(django_capture_on_commit_callbacks):
    a, b = recipient(), recipient()
    read_a, read_b = _live_messages(a.pk), _live_messages(b.pk)
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(recipients=[a], kind=KIND, title="Chỉ cho A", url="/sample/")
    got = read_a()
    assert len(got) == 1
    event = got[0]["event"]
    assert event["seq"] == 1 and event["title"] == "Chỉ cho A" and event["url"] == "/sample/"
    assert event["counts"] == {"notifications": 1}
    assert event["toast"] == "Chỉ cho A"
    assert read_b() == []


def test_email_goes_only_to_those_who_keep_email_on(django_capture_on_commit_callbacks):
    on, off = recipient(), recipient()
    services.preferences_save(user=off, choices={(KIND, "email"): False})
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(recipients=[on, off], kind=KIND, title="Văn bản đến cần xử lý")
    assert [m.to for m in mail.outbox] == [[on.email]]
    assert mail.outbox[0].subject == "Văn bản đến cần xử lý"
    html = mail.outbox[0].alternatives[0]
    assert html[1] == "text/html" and "Văn bản đến cần xử lý" in html[0]
    assert Notification.objects.get(recipient=on).emailed_at is not None
    assert Notification.objects.get(recipient=off).emailed_at is None


def test_web_off_hides_from_centre_and_live_but_email_still_sent(django_capture_on_commit_callbacks):
    a = recipient()
    services.preferences_save(user=a, choices={(KIND, "web"): False})
    read = _live_messages(a.pk)
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(recipients=[a], kind=KIND, title="Chỉ qua thư")
    assert read() == []
    assert len(mail.outbox) == 1
    assert not selectors.notifications_for(a).exists()
    assert selectors.unread_count(a) == 0


def test_both_channels_off_creates_nothing():
    a = recipient()
    services.preferences_save(user=a, choices={(KIND, "web"): False, (KIND, "email"): False})
    assert notifications.notify(recipients=[a], kind=KIND, title="Không ai nhận") == []
    assert not Notification.objects.exists()


def test_inactive_users_receive_nothing():
    a = recipient(is_active=False)
    assert notifications.notify(recipients=[a], kind=KIND, title="x") == []


def test_preference_defaults_come_from_the_kind_channels():
    a = recipient()
    table = {k["key"]: k for g in selectors.preference_table(a) for k in g["kinds"]}
    digest = {c["channel"]: c for c in table["notifications.daily_digest"]["channels"]}
    assert digest["email"]["enabled"] and digest["email"]["offered"]
    assert not digest["web"]["offered"]
    sample = {c["channel"]: c["enabled"] for c in table[KIND]["channels"]}
    assert sample == {"web": True, "email": True}
    services.preferences_save(user=a, choices={(KIND, "email"): False})
    table = {k["key"]: k for g in selectors.preference_table(a) for k in g["kinds"]}
    assert {c["channel"]: c["enabled"] for c in table[KIND]["channels"]} == {"web": True, "email": False}
    assert NotificationPreference.objects.filter(user=a).count() == 1


def test_preferences_refuse_unknown_kinds_and_channels():
    a = recipient()
    with pytest.raises(ManifestError):
        services.preferences_save(user=a, choices={("nope", "web"): True})
    with pytest.raises(UserError):
        services.preferences_save(user=a, choices={(KIND, "sms"): True})


def test_push_event_is_sent_after_commit_without_seq(django_capture_on_commit_callbacks):
    a = recipient()
    read = _live_messages(a.pk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notifications.push_event(a.pk, {"counts": {"inbox:documents": 3}})
    assert read() == []
    for callback in callbacks:
        callback()
    got = read()
    assert [m["event"] for m in got] == [{"counts": {"inbox:documents": 3}}]
    with pytest.raises(ValueError):
        notifications.push_event(a.pk, {"seq": 5})


def test_mark_read_only_own_and_mark_all(django_capture_on_commit_callbacks):
    a, b = recipient(), recipient()
    n1, = notifications.notify(recipients=[a], kind=KIND, title="1")
    notifications.notify(recipients=[a], kind=KIND, title="2")
    nb, = notifications.notify(recipients=[b], kind=KIND, title="B")
    with pytest.raises(Notification.DoesNotExist):
        services.notification_mark_read(user=a, notification_id=nb.pk)
    read = _live_messages(a.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.notification_mark_read(user=a, notification_id=n1.pk)
    assert [m["event"] for m in read()] == [{"counts": {"notifications": 1}}]
    assert selectors.unread_count(a) == 1
    assert services.notification_mark_all_read(user=a) == 1
    assert selectors.unread_count(a) == 0 and selectors.unread_count(b) == 1


def test_resume_selector_is_bounded_and_ordered():
    a = recipient()
    for i in range(5):
        notifications.notify(recipients=[a], kind=KIND, title=f"T{i}")
    assert [n.seq for n in selectors.missed_since(a.pk, 2)] == [3, 4, 5]
    assert [n.seq for n in selectors.missed_since(a.pk, 0, limit=2)] == [4, 5]
    assert selectors.last_seq(a.pk) == 5


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite serialises writers with IMMEDIATE transactions; the in-memory test "
    "database (shared cache) cannot hold concurrent connections. Runs on PostgreSQL.",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_notify_never_repeats_a_number():
    """Several threads notify the same people at once: every number is given exactly once."""
    a, b = recipient(), recipient()
    errors = []

    def work():
        from django.db import connections

        try:
            for _ in range(5):
                notifications.notify(recipients=[b, a], kind=KIND, title="Song song")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for user in (a, b):
        seqs = sorted(Notification.objects.filter(recipient=user).values_list("seq", flat=True))
        assert seqs == list(range(1, 21))
