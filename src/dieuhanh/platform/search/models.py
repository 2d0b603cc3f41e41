"""One SearchEntry per searchable object, with who may see it.

Visibility is data: `is_public`, or a row in SearchEntryUnit (members of that unit may see
it) or SearchEntryUser (that person may see it). The full-text index over the folded
columns is created per database in migration 0002 (FTS5 on SQLite, tsvector + GIN on
PostgreSQL); the models never name it.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    module = models.CharField(_("Phân hệ"), max_length=50)
    type = models.CharField(_("Loại"), max_length=80)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    url = models.CharField(_("Đường dẫn"), max_length=500)
    title = models.CharField(_("Tiêu đề"), max_length=500)
    body = models.TextField(_("Nội dung"), blank=True)
    date = models.DateTimeField(_("Ngày"), db_index=True)
    title_folded = models.TextField(editable=False, default="")
    body_folded = models.TextField(editable=False, default="")
    is_public = models.BooleanField(_("Công khai"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Mục tìm kiếm")
        verbose_name_plural = _("Mục tìm kiếm")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "type"], name="search_entry_unique_object"
            )
        ]
        indexes = [models.Index(fields=["module", "-date"], name="search_entry_module_date")]

    def __str__(self) -> str:
        return self.title


class SearchEntryUnit(models.Model):
    """Members of `unit` may see `entry`."""

    # Both lookups are served by the constraint and the index below, not by FK indexes.
    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="unit_grants", db_index=False)
    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "unit"], name="search_entry_unit_unique")]
        indexes = [models.Index(fields=["unit", "entry"], name="search_unit_entry")]

    def __str__(self) -> str:
        return f"{self.entry_id} → unit {self.unit_id}"


class SearchEntryUser(models.Model):
    """`user` may see `entry`."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="user_grants", db_index=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "user"], name="search_entry_user_unique")]
        indexes = [models.Index(fields=["user", "entry"], name="search_user_entry")]

    def __str__(self) -> str:
        return f"{self.entry_id} → user {self.user_id}"
