from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.get_full_name()} ({obj.get_username()})"


class DelegationForm(forms.Form):
    """Who stands in for whom, and when. Checks needing the database are the service's."""

    from_user = PersonChoiceField(
        label=_("Người vắng mặt"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Để trống nếu chính bạn vắng mặt."),
        empty_label=_("— Chính tôi —"),
    )
    to_user = PersonChoiceField(
        label=_("Người xử lý thay"),
        queryset=get_user_model().objects.none(),
        error_messages={
            "required": _("Hãy chọn người xử lý thay."),
            "invalid_choice": _("Người được chọn không thuộc đơn vị của bạn."),
        },
    )
    start_date = forms.DateField(
        label=_("Từ ngày"),
        help_text=_("Định dạng dd/mm/yyyy"),
        error_messages={
            "required": _("Hãy nhập ngày bắt đầu."),
            "invalid": _("Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy."),
        },
    )
    end_date = forms.DateField(
        label=_("Đến ngày"),
        help_text=_("Định dạng dd/mm/yyyy"),
        error_messages={
            "required": _("Hãy nhập ngày kết thúc."),
            "invalid": _("Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy."),
        },
    )
    reason = forms.CharField(
        label=_("Lý do"),
        max_length=300,
        error_messages={
            "required": _("Hãy nêu lý do ủy quyền."),
            "max_length": _("Lý do dài tối đa 300 ký tự."),
        },
    )

    def __init__(self, *args, people, may_delegate_for_others: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = people
        if may_delegate_for_others:
            self.fields["from_user"].queryset = people
        else:
            del self.fields["from_user"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."))
        return data
