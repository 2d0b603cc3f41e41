from django.db import models
from django.utils.translation import gettext_lazy as _


class RoleGrant(models.Model):
    """An administrator's change to the default roles a manifest gives an action."""

    action = models.CharField(_("Thao tác"), max_length=100)
    role = models.CharField(_("Vai trò"), max_length=32)
    granted = models.BooleanField(_("Được phép"))

    class Meta:
        verbose_name = _("Điều chỉnh phân quyền")
        verbose_name_plural = _("Điều chỉnh phân quyền")
        constraints = [models.UniqueConstraint(fields=["action", "role"], name="rolegrant_unique")]

    def __str__(self) -> str:
        state = _("được phép") if self.granted else _("không được phép")
        return f"{self.action} · {self.role}: {state}"
