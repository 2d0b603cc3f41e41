"""Every read of the notifications part, always scoped to the person."""

from __future__ import annotations

from django.db.models import F, QuerySet

from .kinds import CHANNELS, default_enabled, kinds
from .models import Notification, NotificationCounter, NotificationPreference

RESUME_LIMIT = 200


def notifications_for(user, *, module: str = "", kind: str = "") -> QuerySet[Notification]:
    """The person's notification centre: unread first, then newest first."""
    qs = Notification.objects.filter(recipient=user, web=True).select_related("actor")
    if module:
        qs = qs.filter(module=module)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by(F("read_at").desc(nulls_first=True), "-seq")


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, web=True, read_at__isnull=True).count()


def last_seq(user_id: int) -> int:
    return (
        NotificationCounter.objects.filter(user_id=user_id).values_list("last_seq", flat=True).first()
        or 0
    )


def missed_since(user_id: int, after: int, *, limit: int = RESUME_LIMIT) -> list[Notification]:
    """The person's notifications numbered after `after`, oldest first, at most the last `limit`."""
    newest = list(
        Notification.objects.filter(recipient_id=user_id, web=True, seq__gt=after)
        .order_by("-seq")[:limit]
    )
    newest.reverse()
    return newest


def preference_table(user) -> list[dict]:
    """Kinds grouped by module, each with the channels offered and whether each is on."""
    from .module import DIGEST_KIND

    chosen = {
        (kind, channel): enabled
        for kind, channel, enabled in NotificationPreference.objects.filter(user=user).values_list(
            "kind", "channel", "enabled"
        )
    }
    groups: dict[str, dict] = {}
    for key, info in kinds().items():
        offered = ("email",) if key == DIGEST_KIND else CHANNELS
        group = groups.setdefault(
            info.module_key, {"module": info.module_key, "name": info.module_name, "kinds": []}
        )
        group["kinds"].append(
            {
                "key": key,
                "label": info.kind.label,
                "channels": [
                    {
                        "channel": str(channel),
                        "offered": channel in offered,
                        "enabled": chosen.get(
                            (key, str(channel)), default_enabled(info.kind, str(channel))
                        ),
                    }
                    for channel in CHANNELS
                ],
            }
        )
    return list(groups.values())


def filter_choices() -> list[dict]:
    """Modules and their kinds, for the notification centre's filter."""
    groups: dict[str, dict] = {}
    for key, info in kinds().items():
        group = groups.setdefault(
            info.module_key, {"module": info.module_key, "name": info.module_name, "kinds": []}
        )
        group["kinds"].append({"key": key, "label": info.kind.label})
    return list(groups.values())
