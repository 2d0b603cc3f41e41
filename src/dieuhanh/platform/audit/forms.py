"""The search form of the audit screen. Dates are typed dd/mm/yyyy, as Vietnamese offices do."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import AuditFilters, audit_object_types

DATE_ERROR = _("Ngày không hợp lệ. Nhập theo dạng dd/mm/yyyy, ví dụ 05/09/2026.")

LOG_CHANGES = "changes"
LOG_ACCESS = "access"


class AuditSearchForm(forms.Form):
    log = forms.ChoiceField(
        label=_("Nhật ký"),
        choices=[(LOG_CHANGES, _("Thay đổi dữ liệu")), (LOG_ACCESS, _("Truy cập hồ sơ nhạy cảm"))],
        required=False,
        error_messages={"invalid_choice": _("Loại nhật ký không hợp lệ.")},
    )
    person = forms.CharField(
        label=_("Người thực hiện"), max_length=100, required=False,
        help_text=_("Họ tên, tên đăng nhập hoặc thư điện tử; tìm cả người được thay mặt."),
    )
    object_type = forms.ChoiceField(
        label=_("Loại đối tượng"), required=False,
        error_messages={"invalid_choice": _("Loại đối tượng không hợp lệ.")},
    )
    object_id = forms.CharField(label=_("Mã đối tượng"), max_length=64, required=False)
    object_text = forms.CharField(label=_("Tên đối tượng"), max_length=100, required=False)
    date_from = forms.DateField(
        label=_("Từ ngày"), required=False, input_formats=["%d/%m/%Y"],
        error_messages={"invalid": DATE_ERROR},
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )
    date_to = forms.DateField(
        label=_("Đến ngày"), required=False, input_formats=["%d/%m/%Y"],
        error_messages={"invalid": DATE_ERROR},
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._types = {f"{ct.app_label}.{ct.model}": ct for ct in audit_object_types()}
        self.fields["object_type"].choices = [("", _("Mọi loại"))] + sorted(
            ((key, str(ct.model_class()._meta.verbose_name) if ct.model_class() else key) for key, ct in self._types.items()),
            key=lambda choice: choice[1].lower(),
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("“Đến ngày” phải sau hoặc bằng “Từ ngày”."))
        return data

    @property
    def log_kind(self) -> str:
        return (self.cleaned_data.get("log") if self.is_bound and self.is_valid() else "") or LOG_CHANGES

    @staticmethod
    def empty_filters() -> AuditFilters:
        return AuditFilters()

    def filters(self) -> AuditFilters:
        data = self.cleaned_data
        return AuditFilters(
            person=data.get("person", "").strip(),
            content_type=self._types.get(data.get("object_type") or ""),
            object_id=data.get("object_id", "").strip(),
            object_text=data.get("object_text", "").strip(),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
