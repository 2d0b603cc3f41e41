"""One row per stored file. The bytes live in the default storage under a generated name
(`files/<year>/<month>/<uuid>.<ext>`); the person's file name is only shown, never used as a path."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PDF = "pdf", _("PDF")
    DOCX = "docx", _("Word (.docx)")
    XLSX = "xlsx", _("Excel (.xlsx)")
    IMAGE = "image", _("Ảnh")
    OTHER = "other", _("Tệp khác")


class TextState(models.TextChoices):
    NONE = "none", _("Không trích xuất")
    PENDING = "pending", _("Đang chờ trích xuất")
    DONE = "done", _("Đã trích xuất")
    FAILED = "failed", _("Trích xuất thất bại")


# The extension a file of each kind is stored (and downloaded) with; images by Pillow format.
KIND_EXTENSIONS = {"pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "other": "bin"}
IMAGE_EXTENSIONS = {
    "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp",
    "image/tiff": "tif", "image/bmp": "bmp",
}


def extension_for(kind: str, content_type: str) -> str:
    if kind == Kind.IMAGE:
        return IMAGE_EXTENSIONS.get(content_type, "img")
    return KIND_EXTENSIONS.get(kind, "bin")


def stored_path(instance: StoredFile, filename: str) -> str:
    """Generated storage name; `filename` (the person's name) is deliberately ignored."""
    created = timezone.localtime(instance.created_at or timezone.now())
    ext = extension_for(instance.kind, instance.content_type)
    return f"files/{created:%Y}/{created:%m}/{instance.uuid}.{ext}"


class StoredFile(models.Model):
    uuid = models.UUIDField(_("Mã tệp"), default=uuid.uuid4, unique=True, editable=False)
    original_name = models.CharField(_("Tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("Kiểu nội dung"), max_length=100)
    kind = models.CharField(_("Loại tệp"), max_length=10, choices=Kind.choices)
    size = models.PositiveBigIntegerField(_("Dung lượng (byte)"))
    sha256 = models.CharField(_("Mã băm SHA-256"), max_length=64, db_index=True)
    file = models.FileField(_("Tệp"), upload_to=stored_path, max_length=255)
    page_count = models.PositiveIntegerField(_("Số trang"), null=True, blank=True)
    text = models.TextField(_("Nội dung văn bản"), blank=True, default="")
    text_state = models.CharField(
        _("Trạng thái trích xuất"), max_length=10, choices=TextState.choices, default=TextState.NONE
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người tải lên"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("Thời điểm tải lên"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("Tệp lưu trữ")
        verbose_name_plural = _("Tệp lưu trữ")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in Kind]), name="files_storedfile_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(text_state__in=[s.value for s in TextState]),
                name="files_storedfile_text_state_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def extension(self) -> str:
        return extension_for(self.kind, self.content_type)

    def get_download_name(self) -> str:
        """The person's file name, with the extension of what the file really is appended
        when the name does not already end with it (e.g. a «.doc» that is really a .docx)."""
        name = self.original_name or "tep"
        ext = self.extension
        accepted = {ext, "jpeg"} if ext == "jpg" else ({ext, "tiff"} if ext == "tif" else {ext})
        if self.kind == Kind.OTHER:
            return name
        if "." in name and name.rsplit(".", 1)[1].lower() in accepted:
            return name
        return f"{name}.{ext}"
