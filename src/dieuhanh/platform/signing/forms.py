"""Forms of the signing pages. Files are checked by content in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CredentialKind

MAX_PDF_BYTES = 30 * 1024 * 1024

OWNER_ME = "me"


class CredentialImportForm(forms.Form):
    owner = forms.ChoiceField(
        label=_("Chứng thư của"), error_messages={"invalid_choice": _("Chọn người hoặc đơn vị sở hữu.")}
    )
    file = forms.FileField(
        label=_("Tệp chứng thư số (.p12, .pfx)"),
        error_messages={"required": _("Chọn tệp chứng thư số."), "empty": _("Tệp đang trống.")},
    )
    passphrase = forms.CharField(
        label=_("Mật khẩu của tệp"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=_("Chỉ dùng để kiểm tra tệp; hệ thống không lưu mật khẩu. Bạn nhập lại mỗi lần ký."),
        error_messages={"required": _("Nhập mật khẩu của tệp chứng thư số.")},
    )
    image = forms.FileField(
        label=_("Hình chữ ký hoặc con dấu (PNG, JPEG)"), required=False,
        help_text=_("Không bắt buộc; nếu bỏ trống, hệ thống tự vẽ hình chữ ký màu xanh hoặc con dấu màu đỏ."),
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {str(u.pk): u for u in units}
        self.fields["owner"].choices = [(OWNER_ME, _("Tôi (chữ ký cá nhân)"))] + [
            (str(u.pk), _("Con dấu của %(unit)s") % {"unit": u.name}) for u in units
        ]

    def owner_kwargs(self) -> dict:
        owner = self.cleaned_data["owner"]
        if owner == OWNER_ME:
            return {"owner_unit": None, "kind": CredentialKind.PERSONAL}
        return {"owner_unit": self.units[owner], "kind": CredentialKind.ORGANISATION}


class CredentialImageForm(forms.Form):
    image = forms.FileField(
        label=_("Hình chữ ký hoặc con dấu (PNG, JPEG)"),
        error_messages={"required": _("Chọn tệp hình."), "empty": _("Tệp đang trống.")},
    )


class ValidateForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp PDF cần kiểm tra"),
        error_messages={"required": _("Chọn tệp PDF."), "empty": _("Tệp đang trống.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_PDF_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 30 MB)."))
        return upload
