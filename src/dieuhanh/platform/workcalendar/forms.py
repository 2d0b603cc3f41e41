"""Forms of the calendar screens. Dates are typed dd/mm/yyyy."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DayKind, DeadlineUnit

DATE_FORMATS = ["%d/%m/%Y"]
DATE_ERRORS = {
    "required": _("Hãy nhập ngày."),
    "invalid": _(
        "Ngày không hợp lệ. Hãy nhập ngày có thật theo dạng dd/mm/yyyy, ví dụ 02/09/2026."
    ),
}
MIN_YEAR, MAX_YEAR = 1990, 2200


class VietnameseDateField(forms.DateField):
    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault("error_messages", DATE_ERRORS)
        kwargs.setdefault("help_text", _("Dạng dd/mm/yyyy"))
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        )

    def prepare_value(self, value):
        if isinstance(value, date):
            return value.strftime("%d/%m/%Y")
        return value

    def clean(self, value):
        day = super().clean(value)
        if day is not None and not (MIN_YEAR <= day.year <= MAX_YEAR):
            raise forms.ValidationError(
                _("Năm phải từ %(min)s đến %(max)s."), params={"min": MIN_YEAR, "max": MAX_YEAR}
            )
        return day


class CalendarDayForm(forms.Form):
    day = VietnameseDateField(label=_("Ngày"))
    kind = forms.ChoiceField(
        label=_("Loại điều chỉnh"),
        choices=DayKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Hãy chọn loại điều chỉnh."),
            "invalid_choice": _("Loại ngày không hợp lệ."),
        },
    )
    reason = forms.CharField(
        label=_("Lý do, căn cứ"),
        max_length=300,
        help_text=_("Ví dụ: Thông báo số 123/TB-BNV về lịch nghỉ Tết"),
        error_messages={"required": _("Hãy ghi lý do hoặc căn cứ.")},
    )


class RuleVersionForm(forms.Form):
    key = forms.RegexField(
        label=_("Mã quy tắc"),
        regex=r"^[a-z][a-z0-9_.-]{1,79}$",
        help_text=_(
            "Chữ thường không dấu, số, dấu chấm hoặc gạch dưới, ví dụ complaint.resolve_first"
        ),
        error_messages={
            "invalid": _("Mã quy tắc chỉ gồm chữ thường không dấu, số, dấu chấm, gạch dưới.")
        },
    )
    name = forms.CharField(label=_("Tên thời hạn"), max_length=200)
    length = forms.IntegerField(
        label=_("Độ dài"),
        min_value=0,
        max_value=3650,
        error_messages={"invalid": _("Hãy nhập một số nguyên.")},
    )
    unit = forms.ChoiceField(label=_("Đơn vị"), choices=DeadlineUnit.choices)
    roll_to_working_day = forms.BooleanField(
        label=_("Ngày cuối rơi vào ngày nghỉ thì chuyển sang ngày làm việc tiếp theo"),
        required=False,
        initial=True,
    )
    start_event = forms.CharField(
        label=_("Tính từ"), max_length=200, help_text=_("Ví dụ: ngày thụ lý")
    )
    legal_basis = forms.CharField(
        label=_("Căn cứ pháp lý"), max_length=300, help_text=_("Ví dụ: Điều 28 Luật Khiếu nại 2011")
    )
    effective_from = VietnameseDateField(label=_("Áp dụng từ ngày"))
    effective_to = VietnameseDateField(label=_("Áp dụng đến ngày"), required=False)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("effective_from"), data.get("effective_to")
        if start and end and end < start:
            self.add_error("effective_to", _("Ngày hết hiệu lực phải sau ngày bắt đầu áp dụng."))
        return data


class CalculatorForm(forms.Form):
    start = VietnameseDateField(label=_("Ngày xảy ra sự kiện bắt đầu tính hạn"))
    rule = forms.ChoiceField(
        label=_("Quy tắc thời hạn"),
        error_messages={
            "required": _("Hãy chọn quy tắc thời hạn."),
            "invalid_choice": _("Quy tắc thời hạn không tồn tại."),
        },
    )

    def __init__(self, *args, rule_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [("", _("— Chọn quy tắc —")), *rule_choices]
