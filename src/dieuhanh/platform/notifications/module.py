from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.registry import Module, NotificationKind, Periodic

DIGEST_KIND = "notifications.daily_digest"

module = Module(
    key="notifications",
    name=_("Thông báo"),
    platform=True,
    order=5,
    websocket_urls="dieuhanh.platform.notifications.routing",
    notifications=[
        NotificationKind(
            key=DIGEST_KIND,
            label=_("Thư tổng hợp việc cần xử lý hằng ngày"),
            channels=("email",),
        ),
    ],
    periodic=[
        Periodic(
            key="notifications.daily_digest",
            task="dieuhanh.platform.notifications.tasks.daily_digest",
            at="07:00",
            label=_("Gửi thư tổng hợp việc cần xử lý"),
        ),
    ],
)
