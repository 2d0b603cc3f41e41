"""The live socket: one per open page, joined to the person's group `user.<id>`.

On `{"type": "resume", "after": N}` it sends what the person missed (notifications
numbered after N, bounded) and the unread count, then the live events. Live events that
arrive while the resume is being read are held back and sent after it, in order, so the
client never skips a number.
"""

from __future__ import annotations

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.utils.translation import gettext as _

from . import selectors
from .services import event_for, group_name

# Close codes in the private range: the client stops retrying on 4401/4403.
CLOSE_UNAUTHENTICATED = 4401
REPLAY_TOASTS = 3  # only the newest replayed notifications pop up a toast


@database_sync_to_async
def _resume_batch(user_id: int, after: int) -> dict:
    current = selectors.last_seq(user_id)
    if after > current:  # a number from another account or a reset database: start afresh
        after = 0
    if after <= 0:
        # A fresh page already shows the present state; only the count is needed.
        missed = []
    else:
        missed = selectors.missed_since(user_id, after)
    events = [event_for(n) for n in missed]
    for event in events[:-REPLAY_TOASTS]:
        event.pop("toast", None)
    from .models import Notification

    unread = Notification.objects.filter(
        recipient_id=user_id, web=True, read_at__isnull=True
    ).count()
    events.append({"counts": {"notifications": unread}})
    return {"resume_from": after or current, "events": events}


class LiveConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.user_id = user.pk
        self.group = group_name(user.pk)
        self.resumed = False
        self.held: list[dict] = []
        self.sent_seq = 0
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        group = getattr(self, "group", None)
        if group:
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        if not isinstance(content, dict) or content.get("type") != "resume":
            await self.send_json({"error": _("Yêu cầu không được hỗ trợ.")})
            return
        after = content.get("after", 0)
        if isinstance(after, bool) or not isinstance(after, int) or after < 0:
            after = 0
        batch = await _resume_batch(self.user_id, after)
        seqs = [e["seq"] for e in batch["events"] if e.get("seq")]
        self.sent_seq = max([batch["resume_from"], *seqs])
        await self.send_json(batch)
        self.resumed = True
        held, self.held = self.held, []
        for event in held:
            await self._forward(event)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data is None:
            return
        try:
            await super().receive(text_data=text_data, bytes_data=bytes_data, **kwargs)
        except ValueError:  # not JSON
            await self.send_json({"error": _("Dữ liệu không hợp lệ.")})

    async def dispatch(self, message):
        if message.get("type") == "live.event":
            # Forwarding touches no database. Channels' dispatch would first hop to the one
            # shared sync thread to close old connections, for every message: serialised
            # over 1,000 sockets that hop cost ~0.3 s of a fan-out. The database work here
            # (`_resume_batch`) goes through database_sync_to_async, which closes them.
            await self.live_event(message)
            return
        await super().dispatch(message)

    async def live_event(self, message):
        event = message["event"]
        if not self.resumed:
            self.held.append(event)
            return
        await self._forward(event)

    async def _forward(self, event: dict):
        seq = event.get("seq")
        if seq:
            if seq <= self.sent_seq:
                return
            self.sent_seq = seq
        await self.send_json(event)
