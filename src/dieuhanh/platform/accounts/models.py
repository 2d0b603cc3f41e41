from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """One account for every module. Names are kept whole, as Vietnamese names are written."""

    full_name = models.CharField(_("Họ và tên"), max_length=200, blank=True)
    phone = models.CharField(_("Số điện thoại"), max_length=30, blank=True)
    language = models.CharField(
        _("Ngôn ngữ"), max_length=8, choices=[("vi", "Tiếng Việt"), ("en", "English")], default="vi"
    )

    class Meta:
        verbose_name = _("Người dùng")
        verbose_name_plural = _("Người dùng")

    def __str__(self) -> str:
        return self.full_name or self.get_username()

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.get_username()

    def get_short_name(self) -> str:
        # Vietnamese people are addressed by the last word of their name.
        return (self.full_name.split() or [self.get_username()])[-1]

    @cached_property
    def primary_unit(self):
        """The unit shown beside the person's name: the primary membership's, else the first."""
        membership = (
            self.memberships.select_related("unit").order_by("-is_primary", "unit__path").first()
        )
        return membership.unit if membership else None
