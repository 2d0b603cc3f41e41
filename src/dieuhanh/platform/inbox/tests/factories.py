"""Helpers for the inbox's tests: work items are opened through the service, as modules do."""

import datetime as dt

from django.utils import timezone

from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory


def at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """An aware datetime in Vietnam time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def thing():
    """Any saved object a work item can point to (a unit stands in for a module's record)."""
    return OrgUnitFactory()


def open_item(*, module="sample", obj=None, title="Xử lý văn bản đến", **kwargs):
    from dieuhanh.platform.inbox.services import work_item_open

    return work_item_open(module=module, obj=obj or thing(), title=title, **kwargs)
