"""The upload field every module's form uses.

    from dieuhanh.platform import files

    class AttachmentForm(forms.Form):
        file = files.forms.UploadField(label=_("Tệp đính kèm"), kinds=("pdf", "docx"))

    # in the view, when form.is_valid():
    stored = files.store_upload(form.cleaned_data["file"], kinds=("pdf", "docx"), by=request.user)

The field checks the content the same way `store_upload` does, so a bad file shows its
Vietnamese message beside the field instead of a 400 page.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .inspection import (
    ACCEPT,
    DEFAULT_KINDS,
    clean_name,
    inspect_bytes,
    normalize_kinds,
    upload_hint,
)


class UploadField(forms.FileField):
    default_error_messages = {
        "required": _("Hãy chọn một tệp để tải lên."),
        "invalid": _("Không nhận được tệp; hãy chọn lại tệp rồi gửi lại."),
        "missing": _("Không nhận được tệp; hãy chọn lại tệp rồi gửi lại."),
        "max_length": _("Tên tệp quá dài (tối đa %(max)d ký tự, tên này có %(length)d)."),
        "contradiction": _("Hãy hoặc chọn tệp mới, hoặc bỏ chọn ô xóa, không làm cả hai."),
    }

    def __init__(self, *, kinds=DEFAULT_KINDS, max_bytes: int | None = None, **kwargs):
        self.kinds = normalize_kinds(kinds)
        self.max_bytes = max_bytes
        kwargs.setdefault("help_text", upload_hint(self.kinds, max_bytes))
        kwargs.setdefault("max_length", 255)
        # Empty files are refused by `clean` with a message that names the file.
        kwargs["allow_empty_file"] = True
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if "other" not in self.kinds:
            attrs["accept"] = ",".join(item for kind in self.kinds for item in ACCEPT.get(kind, []))
        return attrs

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial or not hasattr(upload, "read"):
            return upload
        from django.conf import settings

        from dieuhanh.platform.ui.errors import UserError

        from .services import read_upload

        max_bytes = self.max_bytes or settings.DIEUHANH_MAX_UPLOAD_BYTES
        try:
            data = read_upload(upload, max_bytes=max_bytes)
            inspected = inspect_bytes(data, name=clean_name(upload.name), kinds=self.kinds, max_bytes=max_bytes)
        except UserError as error:
            raise ValidationError(error.messages, code="bad_file") from None
        upload.inspected = inspected  # what the content is, for the view's own use
        return upload
