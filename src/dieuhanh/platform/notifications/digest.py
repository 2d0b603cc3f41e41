"""The daily digest: each person's open work items, overdue first, by email.

The inbox keeps the work items; the digest lists what each person's inbox lists.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .emails import absolute, send_templated
from .module import DIGEST_KIND

logger = logging.getLogger(__name__)

DIGEST_ITEM_LIMIT = 50  # per person; the email says how many more there are


def _recipients(*, today) -> list:
    """People with at least one open item (theirs, their unit's, or that of a colleague they
    stand in for) who want the digest."""
    from dieuhanh.platform.inbox.models import Delegation, WorkItem, WorkItemState
    from dieuhanh.platform.inbox.selectors import running_delegations_q
    from dieuhanh.platform.orgs.models import Membership
    from dieuhanh.platform.permissions.roles import active_memberships_q

    from .services import channels_enabled

    open_items = WorkItem.objects.filter(state=WorkItemState.OPEN)
    user_ids = set(
        open_items.filter(assignee_user__isnull=False).values_list("assignee_user_id", flat=True)
    )
    unit_ids = set(
        open_items.filter(assignee_unit__isnull=False).values_list("assignee_unit_id", flat=True)
    )
    if unit_ids:
        user_ids |= set(
            Membership.objects.filter(active_memberships_q(), unit_id__in=unit_ids).values_list(
                "user_id", flat=True
            )
        )
    user_ids |= set(
        Delegation.objects.filter(running_delegations_q(today), from_user_id__in=user_ids)
        .values_list("to_user_id", flat=True)
    )
    users = list(
        get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email="")
        .order_by("pk")
    )
    enabled = channels_enabled([u.pk for u in users], DIGEST_KIND)
    return [u for u in users if "email" in enabled[u.pk]]


def digest_for(user, *, now=None) -> dict | None:
    """The person's open work items split into overdue and pending, or None if none."""
    # The same items as the person's inbox: their own, their units', and those of colleagues
    # who delegated to them while away.
    from dieuhanh.platform.inbox import selectors as inbox

    now = now or timezone.now()
    items = inbox.inbox_items(user, view=inbox.VIEW_ALL, now=now)
    total = items.count()
    if not total:
        return None
    chosen = list(items.select_related(None).only("title", "url", "due_at", "module")[:DIGEST_ITEM_LIMIT])
    overdue = [i for i in chosen if i.due_at is not None and i.due_at < now]
    pending = [i for i in chosen if not (i.due_at is not None and i.due_at < now)]
    overdue_total = items.filter(due_at__lt=now).count()

    def row(item):
        return {"title": item.title, "url": absolute(item.url), "due_at": item.due_at, "module": item.module}

    return {
        "total": total,
        "overdue_total": overdue_total,
        "overdue": [row(i) for i in overdue],
        "pending": [row(i) for i in pending],
        "more": max(0, total - len(chosen)),
    }


def send_daily_digest(*, now=None, working_days_only: bool = True) -> int:
    """Send each person who has open work items one digest email. Returns how many were sent.

    Nothing is sent on days off (weekends, holidays and extra days off of the work calendar)
    unless `working_days_only` is False.
    """
    now = now or timezone.now()
    if working_days_only:
        from dieuhanh.platform.workcalendar.api import is_working_day

        if not is_working_day(timezone.localdate(now)):
            return 0
    sent = 0
    for user in _recipients(today=timezone.localdate(now)):
        digest = digest_for(user, now=now)
        if digest is None:
            continue
        with override(user.language or "vi"):
            subject = _("Việc cần xử lý hôm nay: %(total)s việc, %(overdue)s việc quá hạn") % {
                "total": digest["total"], "overdue": digest["overdue_total"],
            }
        try:
            sent += send_templated(
                to=user.email,
                language=user.language,
                subject=subject,
                template="notifications/email/digest",
                context={"user": user, "digest": digest, "inbox_url": absolute("/inbox/")},
            )
        except Exception:  # one bad address must not stop everyone else's digest
            logger.exception("daily digest to user %s failed", user.pk)
    return sent
