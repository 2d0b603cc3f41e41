"""Signals the inbox listens to (connected in InboxConfig.ready)."""

from __future__ import annotations

from dieuhanh.platform.workcalendar.signals import deadline_changed


def on_deadline_changed(sender, deadline, **kwargs) -> None:
    """The calendar re-computed a deadline (holiday added, extension…): re-date its items."""
    from .services import deadline_moved

    deadline_moved(deadline)


def connect() -> None:
    deadline_changed.connect(on_deadline_changed, dispatch_uid="inbox.on_deadline_changed")
