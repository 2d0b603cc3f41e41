"""Signals the inbox listens to (connected in InboxConfig.ready)."""

from __future__ import annotations

from dieuhanh.platform.workcalendar.signals import deadline_changed


def on_deadline_changed(sender, deadline, **kwargs) -> None:
    """The calendar re-computed a deadline (holiday added, extension…): re-date its items."""
    from .services import deadline_moved

    deadline_moved(deadline)


def on_work_item_written(sender, instance, **kwargs) -> None:
    """Any save or delete of a work item (the services, a cascade, a test's direct create)
    makes the cached counts of its assignee key stale. The services also name the key an
    item left when it is reassigned."""
    from .counts import keys_changed

    keys_changed({instance.assignee_key})


def on_delegation_written(sender, instance, **kwargs) -> None:
    from .counts import delegations_changed

    delegations_changed({instance.to_user_id})


def on_calendar_day_written(sender, **kwargs) -> None:
    from .selectors import forget_windows

    forget_windows()


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from .models import Delegation, WorkItem

    deadline_changed.connect(on_deadline_changed, dispatch_uid="inbox.on_deadline_changed")
    for signal in (post_save, post_delete):
        signal.connect(
            on_calendar_day_written,
            sender="workcalendar.CalendarDay",
            dispatch_uid=f"inbox.calendar_day_{'saved' if signal is post_save else 'deleted'}",
        )
    post_save.connect(on_work_item_written, sender=WorkItem, dispatch_uid="inbox.item_saved")
    post_delete.connect(on_work_item_written, sender=WorkItem, dispatch_uid="inbox.item_deleted")
    post_save.connect(on_delegation_written, sender=Delegation, dispatch_uid="inbox.delegation_saved")
    post_delete.connect(
        on_delegation_written, sender=Delegation, dispatch_uid="inbox.delegation_deleted"
    )
