"""Parameters for the notifications URLs, for the authorization walk."""


def _own_notification(user):
    from dieuhanh.platform.notifications.models import Notification

    pk = Notification.objects.filter(recipient=user).values_list("pk", flat=True).first()
    return {"pk": pk or 1}


SAMPLES = {
    "notifications:mark_read": _own_notification,
}
