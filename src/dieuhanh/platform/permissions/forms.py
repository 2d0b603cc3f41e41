from django import forms
from django.utils.translation import gettext_lazy as _

from dieuhanh.platform import registry
from dieuhanh.platform.registry import ALL_ROLES


class RoleGrantForm(forms.Form):
    VALUES = {"allow": True, "deny": False, "default": None}

    action = forms.CharField(max_length=100)
    role = forms.ChoiceField(choices=[(r, r) for r in ALL_ROLES], error_messages={
        "invalid_choice": _("Vai trò không tồn tại."),
    })
    value = forms.ChoiceField(
        choices=[("allow", _("Cho phép")), ("deny", _("Không cho phép")), ("default", _("Mặc định"))],
        error_messages={"invalid_choice": _("Giá trị không hợp lệ.")},
    )

    def clean_action(self):
        key = self.cleaned_data["action"]
        if key not in registry.actions():
            raise forms.ValidationError(_("Thao tác không tồn tại."))
        return key

    @property
    def granted(self) -> bool | None:
        return self.VALUES[self.cleaned_data["value"]]
