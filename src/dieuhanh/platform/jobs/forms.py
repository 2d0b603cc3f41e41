from django import forms
from django.utils.translation import gettext_lazy as _

STATUS_CHOICES = [
    ("", _("Tất cả")),
    ("FAILED", _("Thất bại")),
    ("retrying", _("Chờ thử lại")),
    ("READY", _("Chờ chạy")),
    ("RUNNING", _("Đang chạy")),
    ("SUCCESSFUL", _("Thành công")),
]


class ResultFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Trạng thái"), choices=STATUS_CHOICES, required=False)
    q = forms.CharField(label=_("Tên tác vụ hoặc lỗi"), required=False, max_length=200)
