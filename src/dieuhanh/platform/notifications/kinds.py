"""Notification kinds from the manifests, with the module that declares each."""

from __future__ import annotations

from dataclasses import dataclass

from dieuhanh.platform import registry
from dieuhanh.platform.registry import NotificationKind

from .models import Channel


@dataclass(frozen=True)
class KindInfo:
    kind: NotificationKind
    module_key: str
    module_name: object


def kinds() -> dict[str, KindInfo]:
    return {
        n.key: KindInfo(kind=n, module_key=m.key, module_name=m.name)
        for m in registry.modules()
        for n in m.notifications
    }


def kind_info(key: str) -> KindInfo:
    try:
        return kinds()[key]
    except KeyError:
        raise registry.ManifestError(f"no module declares the notification kind {key!r}") from None


def default_enabled(kind: NotificationKind, channel: str) -> bool:
    return channel in kind.channels


CHANNELS = (Channel.WEB, Channel.EMAIL)
