from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dieuhanh.platform import registry


def module_choices():
    return [(m.key, m.name) for m in registry.modules() if m.search_types]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), max_length=200, required=False, strip=True,
                        error_messages={"max_length": _("Từ khóa quá dài (tối đa %(limit_value)d ký tự).")})
    module = forms.MultipleChoiceField(label=_("Phân hệ"), required=False, choices=module_choices,
                                       error_messages={"invalid_choice": _("Phân hệ “%(value)s” không tồn tại.")})
    date_from = forms.DateField(label=_("Từ ngày"), required=False,
                                error_messages={"invalid": _("Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.")})
    date_to = forms.DateField(label=_("Đến ngày"), required=False,
                              error_messages={"invalid": _("Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.")})
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000,
                              error_messages={"invalid": _("Số trang không hợp lệ."),
                                              "min_value": _("Số trang không hợp lệ."),
                                              "max_value": _("Số trang không hợp lệ.")})

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("“Đến ngày” phải sau hoặc bằng “Từ ngày”."))
        return data
