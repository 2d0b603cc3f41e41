"""Signals of the work calendar.

`deadline_changed(sender=Deadline, deadline, old_due_date, new_due_date, cause)` is sent
whenever the due date of a *running* deadline moves: when an administrator adds or removes
an extra day off or a make-up working day inside its window (cause "calendar"), or when it
is lawfully extended (cause "extension"). It is sent synchronously inside the transaction
that moved the date, so a receiver (the inbox's work items, a module's own due field) can
update its rows atomically; receivers that talk to the outside world should defer that
work with `transaction.on_commit`.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

deadline_changed = Signal()


@receiver(post_save, sender="workcalendar.CalendarDay", dispatch_uid="workcalendar-day-saved")
@receiver(post_delete, sender="workcalendar.CalendarDay", dispatch_uid="workcalendar-day-deleted")
def _calendar_day_written(sender, instance, using, **kwargs):
    from .arithmetic import calendar_changed

    calendar_changed(using)
