"""Background tasks: one notification email, and the daily digest."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from dieuhanh.platform.jobs.retry import retrying_task
from dieuhanh.platform.registry import ManifestError

from .emails import absolute, send_templated


# An unreachable mail server is retried with backoff (1, 2, 4, 8 min); `emailed_at` makes a
# retry after a send that did succeed a no-op.
@retrying_task(max_attempts=5, backoff=timedelta(minutes=1), queue_name="email")
def send_notification_email(notification_id: int) -> bool:
    """Email one notification to its recipient, once. True if an email was sent."""
    from .models import EMAIL, Notification
    from .services import channels_enabled

    notification = (
        Notification.objects.select_related("recipient", "actor").filter(pk=notification_id).first()
    )
    if notification is None or notification.emailed_at is not None:
        return False
    user = notification.recipient
    if not user.is_active or not user.email:
        return False
    # The person may have turned email off since the notification was created.
    try:
        enabled = channels_enabled([user.pk], notification.kind).get(user.pk, set())
    except ManifestError:  # the module that declared this kind was removed
        return False
    if EMAIL not in enabled:
        return False
    send_templated(
        to=user.email,
        language=user.language,
        subject=notification.title,
        template="notifications/email/notification",
        context={
            "user": user,
            "notification": notification,
            "link": absolute(notification.url),
            "centre_url": absolute("/notifications/"),
            "preferences_url": absolute("/notifications/preferences/"),
        },
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True


@task(queue_name="email")
def daily_digest() -> int:
    """The daily digest for everyone, on working days (scheduled in module.py). Returns how
    many were sent. Not retried as a whole: a retry would send the digest twice."""
    from .digest import send_daily_digest

    return send_daily_digest()
