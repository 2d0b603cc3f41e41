"""Signals the inbox listens to (connected in InboxConfig.ready)."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def on_deadline_changed(sender, deadline=None, instance=None, **kwargs) -> None:
    """The calendar re-computed a deadline (holiday added, extension…): re-date its items."""
    from .services import deadline_moved

    deadline = deadline if deadline is not None else instance
    if deadline is None:
        logger.warning("inbox: deadline_changed sent without a deadline by %r", sender)
        return
    deadline_moved(deadline)


def connect() -> bool:
    try:
        from dieuhanh.platform.workcalendar.signals import deadline_changed
    except ImportError:
        logger.warning("inbox: the work calendar has no deadline_changed signal yet")
        return False
    deadline_changed.connect(on_deadline_changed, dispatch_uid="inbox.on_deadline_changed")
    return True
