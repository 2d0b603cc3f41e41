from django import forms
from django.utils.translation import gettext_lazy as _


class ProfileForm(forms.Form):
    """Input parsing only; the rules live in services.profile_update."""

    full_name = forms.CharField(
        label=_("Họ và tên"), max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    username = forms.CharField(
        label=_("Tên đăng nhập"), max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    email = forms.CharField(
        label=_("Thư điện tử"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại"), max_length=30, required=False,
        help_text=_("Ví dụ: 0912 345 678 hoặc +84 912 345 678."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        required = _("Vui lòng nhập %(field)s.")
        for field in self.fields.values():
            field.error_messages["required"] = required % {"field": str(field.label).lower()}
            field.error_messages["max_length"] = _("Tối đa %(limit_value)d ký tự.")
