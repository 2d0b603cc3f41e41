"""Notifications: one row per recipient, numbered per recipient, and the person's choices."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

WEB = "web"
EMAIL = "email"


class Channel(models.TextChoices):
    WEB = WEB, _("Trên trang")
    EMAIL = EMAIL, _("Thư điện tử")


class NotificationCounter(models.Model):
    """The last sequence number given to a person's notifications.

    One row per person, locked (`select_for_update`) while numbers are handed out, so two
    transactions never give the same number and numbers only grow.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
        related_name="notification_counter",
    )
    last_seq = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("Bộ đếm thông báo")
        verbose_name_plural = _("Bộ đếm thông báo")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.last_seq}"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người nhận"), on_delete=models.CASCADE,
        related_name="notifications",
    )
    seq = models.PositiveBigIntegerField(_("Số thứ tự"))
    kind = models.CharField(_("Loại thông báo"), max_length=100)
    module = models.CharField(_("Phân hệ"), max_length=50, db_index=True)
    title = models.CharField(_("Tiêu đề"), max_length=300)
    body = models.TextField(_("Nội dung"), blank=True)
    url = models.CharField(_("Đường dẫn"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người thực hiện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    object_type = models.CharField(max_length=100, blank=True)  # "app_label.model"
    object_id = models.CharField(max_length=64, blank=True)
    web = models.BooleanField(_("Hiện trên trang"), default=True)
    created_at = models.DateTimeField(_("Thời điểm"), auto_now_add=True)
    read_at = models.DateTimeField(_("Đã đọc lúc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("Đã gửi thư lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Thông báo")
        verbose_name_plural = _("Thông báo")
        ordering = ["-seq"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "seq"], name="notification_unique_seq"),
        ]
        indexes = [
            models.Index(fields=["recipient", "web", "read_at"], name="notification_unread"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """A person's explicit choice for one kind on one channel. No row: the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người dùng"), on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("Loại thông báo"), max_length=100)
    channel = models.CharField(_("Kênh"), max_length=10, choices=Channel.choices)
    enabled = models.BooleanField(_("Bật"), default=True)

    class Meta:
        verbose_name = _("Tùy chọn thông báo")
        verbose_name_plural = _("Tùy chọn thông báo")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "channel"], name="notification_preference_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.kind} – {self.channel}: {self.enabled}"
