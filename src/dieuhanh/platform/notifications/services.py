"""Every write of the notifications part. Live events leave only after the commit."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from dieuhanh.platform.ui.errors import UserError

from .kinds import CHANNELS, default_enabled, kind_info
from .models import EMAIL, WEB, Notification, NotificationCounter, NotificationPreference

logger = logging.getLogger(__name__)

MAX_TITLE = 300
MAX_URL = 500


def group_name(user_id: int) -> str:
    """The channel-layer group of one person's open pages."""
    return f"user.{int(user_id)}"


def _recipient_ids(recipients: Iterable[Any]) -> list[int]:
    ids: set[int] = set()
    for recipient in recipients:
        pk = getattr(recipient, "pk", recipient)
        if pk is None:
            continue
        ids.add(int(pk))
    return sorted(ids)


def channels_enabled(user_ids: list[int], kind_key: str) -> dict[int, set[str]]:
    """The channels each person receives this kind on: their choice, else the kind's default."""
    kind = kind_info(kind_key).kind
    enabled = {uid: {c for c in CHANNELS if default_enabled(kind, c)} for uid in user_ids}
    rows = NotificationPreference.objects.filter(user_id__in=user_ids, kind=kind_key)
    for user_id, channel, on in rows.values_list("user_id", "channel", "enabled"):
        (enabled[user_id].add if on else enabled[user_id].discard)(channel)
    return enabled


def allocate_seqs(user_ids: list[int]) -> dict[int, int]:
    """Reserve the next sequence number of each person, safely under concurrency.

    The counter rows are locked in id order (no deadlock between two notify calls) and
    incremented in the caller's transaction; a rollback gives the numbers back.
    """
    if not user_ids:
        return {}
    NotificationCounter.objects.bulk_create(
        [NotificationCounter(user_id=uid) for uid in user_ids], ignore_conflicts=True
    )
    locked = list(
        NotificationCounter.objects.select_for_update()
        .filter(user_id__in=user_ids)
        .order_by("user_id")
        .values_list("user_id", "last_seq")
    )
    # The rows are locked until the commit: one UPDATE adds one to each (bulk_update's
    # CASE per row cost ~0.3 s of Python for 1,000 recipients).
    NotificationCounter.objects.filter(user_id__in=user_ids).update(last_seq=F("last_seq") + 1)
    return {user_id: last_seq + 1 for user_id, last_seq in locked}


def _object_ref(obj) -> tuple[str, str]:
    if obj is None:
        return "", ""
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}", str(obj.pk)


def event_for(notification: Notification) -> dict[str, Any]:
    """What a browser receives for one notification."""
    return {
        "seq": notification.seq,
        "id": notification.pk,
        "kind": notification.kind,
        "module": notification.module,
        "title": notification.title,
        "body": notification.body,
        "url": notification.url,
        "created_at": notification.created_at.isoformat(),
        "read": notification.read_at is not None,
        "toast": notification.title,
        "level": "info",
    }


@transaction.atomic
def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    actor=None,
    obj=None,
) -> list[Notification]:
    """Notify people (users or user ids) of something, in the caller's transaction.

    One row per recipient who receives this kind on at least one channel. After the commit,
    each recipient's open pages receive the event live, and an email task is queued for
    those who chose email. The actor is never notified of their own action.
    """
    info = kind_info(kind)
    title = str(title).strip()
    if not title:
        raise UserError(_("Thông báo phải có tiêu đề."))
    user_ids = _recipient_ids(recipients)
    actor_id = getattr(actor, "pk", None)
    user_ids = [uid for uid in user_ids if uid != actor_id]
    if not user_ids:
        return []
    active = set(
        get_user_model().objects.filter(pk__in=user_ids, is_active=True).values_list("pk", flat=True)
    )
    enabled = channels_enabled([uid for uid in user_ids if uid in active], kind)
    user_ids = [uid for uid, chans in enabled.items() if chans]
    seqs = allocate_seqs(user_ids)
    object_type, object_id = _object_ref(obj)
    rows = [
        Notification(
            recipient_id=uid,
            seq=seqs[uid],
            kind=kind,
            module=info.module_key,
            title=title[:MAX_TITLE],
            body=str(body),
            url=str(url)[:MAX_URL],
            actor_id=actor_id,
            object_type=object_type,
            object_id=object_id,
            web=WEB in enabled[uid],
        )
        for uid in user_ids
    ]
    created = Notification.objects.bulk_create(rows)
    if any(n.pk is None for n in created):  # backends without RETURNING ids
        by_user = dict(
            Notification.objects.filter(
                recipient_id__in=user_ids, kind=kind, seq__in=set(seqs.values())
            ).values_list("recipient_id", "pk")
        )
        for n in created:
            n.pk = n.pk or by_user.get(n.recipient_id)
    web = [n for n in created if n.web]
    email_ids = [n.pk for n in created if EMAIL in enabled[n.recipient_id]]
    transaction.on_commit(lambda: _deliver(web, email_ids))
    return created


def _deliver(web: list[Notification], email_ids: list[int]) -> None:
    """After commit: one grouped count query, then every live event in one trip to the layer."""
    if web:
        counts = unread_counts([n.recipient_id for n in web])
        messages = []
        for n in web:
            event = event_for(n)
            event["counts"] = {"notifications": counts.get(n.recipient_id, 0)}
            messages.append((n.recipient_id, event))
        _send_many(messages)
    if email_ids:
        from .tasks import send_notification_email

        for pk in email_ids:
            try:
                send_notification_email.enqueue(pk)
            except Exception:  # the rows are saved; an unreachable queue must not break the caller
                logger.exception("could not queue the email of notification %s", pk)


def unread_counts(user_ids: list[int]) -> dict[int, int]:
    from django.db.models import Count

    rows = (
        Notification.objects.filter(recipient_id__in=user_ids, web=True, read_at__isnull=True)
        .values("recipient_id")
        .annotate(n=Count("pk"))
        .values_list("recipient_id", "n")
    )
    return dict(rows)


def _send_many(messages: list[tuple[int, dict[str, Any]]]) -> None:
    layer = get_channel_layer()
    if layer is None or not messages:
        return

    async def send_all():
        if await _publish_pipelined(layer, messages):
            return
        for user_id, payload in messages:
            try:
                await layer.group_send(group_name(user_id), {"type": "live.event", "event": payload})
            except Exception:  # a channel layer that is down must never break the page that wrote
                logger.exception("could not push a live event to user %s", user_id)

    try:
        async_to_sync(send_all)()
    except RuntimeError:  # called from a thread that runs an event loop: use a fresh thread
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(async_to_sync(send_all)).result()


PIPELINE_CHUNK = 500


async def _publish_pipelined(layer, messages: list[tuple[int, dict[str, Any]]]) -> bool:
    """With Redis pub/sub: every group message in pipelined trips, not one trip per group.

    `group_send` on `RedisPubSubChannelLayer` is one PUBLISH round trip under the shard's
    lock; for an announcement to 1,000 people that alone was ~0.3–1 s. This publishes the
    same bytes to the same channels (the layer's own naming, sharding and serializer) in
    pipelines. Answers False (nothing sent) for any other layer, or if the layer's
    internals are not the ones this was written against; the caller then sends one by one.
    """
    if len(messages) < 2:
        return False
    try:
        from channels_redis.pubsub import RedisPubSubChannelLayer
    except ImportError:
        return False
    if not isinstance(layer, RedisPubSubChannelLayer):
        return False
    try:
        loop_layer = layer._get_layer()
        batches: dict[int, tuple[Any, list[tuple[str, bytes]]]] = {}
        for user_id, payload in messages:
            channel = loop_layer._get_group_channel_name(group_name(user_id))
            shard = loop_layer._get_shard(channel)
            data = layer.serialize({"type": "live.event", "event": payload})
            batches.setdefault(id(shard), (shard, []))[1].append((channel, data))
        for shard, _items in batches.values():
            shard._lock, shard._ensure_redis, shard._redis  # noqa: B018 — fail before sending
    except AttributeError:
        logger.warning("channels_redis internals changed: live events sent one by one")
        return False
    for shard, items in batches.values():
        try:
            async with shard._lock:
                shard._ensure_redis()
                for start in range(0, len(items), PIPELINE_CHUNK):
                    async with shard._redis.pipeline(transaction=False) as pipe:
                        for channel, data in items[start:start + PIPELINE_CHUNK]:
                            pipe.publish(channel, data)
                        await pipe.execute()
        except Exception:  # a channel layer that is down must never break the page that wrote
            logger.exception("could not push %s live events", len(items))
    return True


def _send(user_id: int, payload: dict[str, Any]) -> None:
    _send_many([(user_id, payload)])


def push_event(user_id: int, payload: dict[str, Any]) -> None:
    """Push a transient event (e.g. `{"counts": {"inbox:documents": 3}}`) to a person's pages.

    It has no sequence number: it describes the present state, so a page that missed it
    gets the current state on its next load or resume. Anything that must survive a
    reconnect is a notification (`notify`). Sent after the current transaction commits.
    """
    if "seq" in payload:
        raise ValueError("transient events carry no sequence number; use notify()")
    data = dict(payload)
    transaction.on_commit(lambda: _send(int(user_id), data))


def _push_count(user_id: int) -> None:
    count = unread_counts([user_id]).get(user_id, 0)
    push_event(user_id, {"counts": {"notifications": count}})


@transaction.atomic
def notification_mark_read(*, user, notification_id: int) -> Notification:
    """Mark one of the person's notifications read. Someone else's answers as not found."""
    try:
        notification = Notification.objects.select_for_update().get(
            pk=notification_id, recipient=user, web=True
        )
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise Notification.DoesNotExist from None
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        _push_count(user.pk)
    return notification


@transaction.atomic
def notification_mark_all_read(*, user) -> int:
    changed = Notification.objects.filter(recipient=user, web=True, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if changed:
        push_event(user.pk, {"counts": {"notifications": 0}})
    return changed


@transaction.atomic
def preferences_save(*, user, choices: dict[tuple[str, str], bool]) -> None:
    """Store the person's choice for each (kind, channel) given; unknown kinds are refused."""
    for (kind, channel), on in choices.items():
        kind_info(kind)
        if channel not in CHANNELS:
            raise UserError(_("Kênh nhận thông báo không hợp lệ."))
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, channel=channel, defaults={"enabled": bool(on)}
        )
