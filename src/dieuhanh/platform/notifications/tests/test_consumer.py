"""The live socket through the real ASGI application: origin check, session login,
resume after a reconnect, and isolation between people."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from dieuhanh.asgi import application
from dieuhanh.platform import notifications

from .factories import KIND, recipient

pytestmark = pytest.mark.django_db(transaction=True)

PAGE_ORIGIN = b"http://127.0.0.1:8000"  # the WSGI page; the socket is on another port


def _cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()


def _socket(cookie: bytes | None = None, origin=PAGE_ORIGIN) -> WebsocketCommunicator:
    headers = [(b"origin", origin)]
    if cookie is not None:
        headers.append((b"cookie", cookie))
    return WebsocketCommunicator(application, "/ws/", headers=headers)


notify = database_sync_to_async(notifications.notify)


def run(scenario):
    async_to_sync(scenario)()


def test_anonymous_and_foreign_origin_sockets_are_refused():
    cookie = _cookie(recipient())

    async def scenario():
        anonymous = _socket()
        connected, code = await anonymous.connect()
        assert not connected and code == 4401
        foreign = _socket(cookie, origin=b"http://evil.example")
        connected, _ = await foreign.connect()
        assert not connected

    run(scenario)


def test_socket_from_the_page_origin_on_another_port_is_accepted_and_gets_the_count():
    user = recipient()
    notifications.notify(recipients=[user], kind=KIND, title="Đã có từ trước")

    cookie = _cookie(user)

    async def scenario():
        socket = _socket(cookie)
        connected, _ = await socket.connect()
        assert connected
        await socket.send_json_to({"type": "resume", "after": 0})
        answer = await socket.receive_json_from(timeout=5)
        # A fresh page is up to date: no replay, the numbering starts at the present.
        assert answer["resume_from"] == 1
        assert answer["events"] == [{"counts": {"notifications": 1}}]
        await socket.disconnect()

    run(scenario)


def test_resume_returns_missed_events_in_order_then_live_ones():
    user = recipient()
    for i in range(1, 5):
        notifications.notify(recipients=[user], kind=KIND, title=f"Thông báo {i}", url=f"/sample/{i}/")

    cookie = _cookie(user)

    async def scenario():
        socket = _socket(cookie)
        assert (await socket.connect())[0]
        await socket.send_json_to({"type": "resume", "after": 1})
        answer = await socket.receive_json_from(timeout=5)
        assert answer["resume_from"] == 1
        events = answer["events"]
        assert [e["seq"] for e in events[:-1]] == [2, 3, 4]
        assert [e["title"] for e in events[:-1]] == ["Thông báo 2", "Thông báo 3", "Thông báo 4"]
        assert events[-1] == {"counts": {"notifications": 4}}
        await notify(recipients=[user], kind=KIND, title="Trực tiếp")
        live = await socket.receive_json_from(timeout=5)
        assert live["seq"] == 5 and live["title"] == "Trực tiếp"
        assert live["counts"] == {"notifications": 5}
        assert await socket.receive_nothing(timeout=0.3)
        await socket.disconnect()

    run(scenario)


def test_an_event_arriving_before_the_resume_answer_is_delivered_once():
    user = recipient()
    notifications.notify(recipients=[user], kind=KIND, title="Cũ")

    cookie = _cookie(user)

    async def scenario():
        socket = _socket(cookie)
        assert (await socket.connect())[0]
        await notify(recipients=[user], kind=KIND, title="Trong lúc nối lại")
        await socket.send_json_to({"type": "resume", "after": 1})
        seen = []
        answer = await socket.receive_json_from(timeout=5)
        seen += [e["seq"] for e in answer["events"] if "seq" in e]
        while not await socket.receive_nothing(timeout=0.5):
            seen.append((await socket.receive_json_from())["seq"])
        assert seen == [2]
        await socket.disconnect()

    run(scenario)


def test_other_peoples_events_never_arrive():
    alice, bob = recipient(), recipient()

    cookie = _cookie(alice)

    async def scenario():
        socket = _socket(cookie)
        assert (await socket.connect())[0]
        await socket.send_json_to({"type": "resume", "after": 0})
        await socket.receive_json_from(timeout=5)
        await notify(recipients=[bob], kind=KIND, title="Riêng của Bình")
        assert await socket.receive_nothing(timeout=0.5)
        await notify(recipients=[alice, bob], kind=KIND, title="Cho cả hai")
        event = await socket.receive_json_from(timeout=5)
        assert event["title"] == "Cho cả hai" and event["seq"] == 1
        assert await socket.receive_nothing(timeout=0.3)
        await socket.disconnect()

    run(scenario)


def test_a_number_from_another_account_restarts_the_numbering():
    user = recipient()
    notifications.notify(recipients=[user], kind=KIND, title="Một")

    cookie = _cookie(user)

    async def scenario():
        socket = _socket(cookie)
        assert (await socket.connect())[0]
        await socket.send_json_to({"type": "resume", "after": 999})
        answer = await socket.receive_json_from(timeout=5)
        assert answer["resume_from"] == 1
        await socket.disconnect()

    run(scenario)


def test_bad_messages_get_an_error_and_the_socket_stays_open():
    user = recipient()

    cookie = _cookie(user)

    async def scenario():
        socket = _socket(cookie)
        assert (await socket.connect())[0]
        await socket.send_to(text_data="không phải JSON")
        assert "error" in await socket.receive_json_from(timeout=5)
        await socket.send_json_to({"type": "gì đó"})
        assert "error" in await socket.receive_json_from(timeout=5)
        await socket.send_json_to({"type": "resume", "after": "abc"})
        answer = await socket.receive_json_from(timeout=5)
        assert answer["resume_from"] == 0 and answer["events"] == [{"counts": {"notifications": 0}}]
        await socket.disconnect()

    run(scenario)


def test_an_announcement_reaches_each_persons_socket_once_with_their_own_number(monkeypatch):
    """One notify() to several people: every socket gets its person's event, once. With
    Redis pub/sub the events leave in one pipeline, not one group_send per person."""
    from channels.layers import get_channel_layer
    from channels_redis.pubsub import RedisPubSubChannelLayer

    people = [recipient() for _ in range(4)]
    notifications.notify(recipients=people[:1], kind=KIND, title="Trước đó")
    cookies = [_cookie(p) for p in people]
    layer = get_channel_layer()
    one_by_one = []
    group_send = layer.group_send

    async def counting_group_send(group, message):
        one_by_one.append(group)
        await group_send(group, message)

    monkeypatch.setattr(layer, "group_send", counting_group_send)

    async def scenario():
        sockets = [_socket(c) for c in cookies]
        for socket in sockets:
            assert (await socket.connect())[0]
            await socket.send_json_to({"type": "resume", "after": 0})
            await socket.receive_json_from(timeout=5)
        await notify(recipients=people, kind=KIND, title="Cho mọi người")
        for index, socket in enumerate(sockets):
            event = await socket.receive_json_from(timeout=5)
            expected_seq = 2 if index == 0 else 1
            assert (event["title"], event["seq"]) == ("Cho mọi người", expected_seq)
            assert event["counts"] == {"notifications": expected_seq}
            assert await socket.receive_nothing(timeout=0.2)
            await socket.disconnect()

    run(scenario)
    if isinstance(layer, RedisPubSubChannelLayer):
        assert one_by_one == []
    else:
        assert sorted(one_by_one) == sorted(f"user.{p.pk}" for p in people)
