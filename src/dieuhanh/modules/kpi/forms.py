"""Forms of the KPI screens. Bad input is answered with Vietnamese messages beside the field."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.ui.widgets import DateField

from . import catalogue
from .models import Band, Criterion, Scheme
from .periods import PERIOD_HELP, BadPeriod, Period


class PeriodField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Kỳ đánh giá"))
        kwargs.setdefault("help_text", PERIOD_HELP)
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return Period.from_key(value)
        except BadPeriod as error:
            raise forms.ValidationError(str(error)) from None


class SelectionForm(forms.Form):
    """Which scheme, period and unit a page shows (a GET form)."""

    scheme = forms.ModelChoiceField(label=_("Bộ tiêu chí"), queryset=Scheme.objects.none(), required=False,
                                    empty_label=None)
    period = PeriodField(required=False)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=None, required=False, empty_label=None)

    def __init__(self, *args, schemes, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = schemes
        self.fields["unit"].queryset = units.order_by("path")

    def resolved(self, *, default_unit=None):
        """(scheme, period, unit) with defaults: the first scheme, its current period, the home unit."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        scheme = data.get("scheme") or self.fields["scheme"].queryset.first()
        unit = data.get("unit") or default_unit or self.fields["unit"].queryset.first()
        period = data.get("period")
        if scheme is not None and (period is None or period.kind != scheme.period_kind):
            period = Period.containing(scheme.period_kind, timezone.localdate())
        return scheme, period, unit


class RoundOpenForm(forms.Form):
    self_due = DateField(label=_("Hạn tự đánh giá"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do mở lại"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ApproveForm(forms.Form):
    comment = forms.CharField(label=_("Ý kiến phê duyệt"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              max_length=4000)
    demote = forms.BooleanField(
        label=_("Nếu vượt tỷ lệ tối đa của mức cao nhất, xếp xuống mức liền kề"), required=False)


class SchemeForm(forms.ModelForm):
    class Meta:
        model = Scheme
        fields = ["name", "effective_from", "total_points", "top_band_cap_percent", "legal_basis", "note", "active"]
        field_classes = {"effective_from": DateField}
        widgets = {"legal_basis": forms.Textarea(attrs={"rows": 3}), "note": forms.Textarea(attrs={"rows": 3})}


class CriterionForm(forms.ModelForm):
    thresholds_text = forms.CharField(
        label=_("Ngưỡng"), required=False,
        help_text=_("Dạng tỷ lệ:điểm, cách nhau bởi dấu phẩy, ví dụ 100:30, 90:24, 70:12, 0:0."))
    metric_key = forms.ChoiceField(label=_("Chỉ số"), required=False)

    class Meta:
        model = Criterion
        fields = ["group", "name", "description", "max_points", "method", "metric_key", "mapping",
                  "full_points_when_empty", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, subject: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric_key"].choices = [("", "—")] + [
            (m.key, m.label) for m in catalogue.metrics_for(subject)]
        if self.instance.pk and self.instance.thresholds:
            self.fields["thresholds_text"].initial = ", ".join(
                f"{t:g}:{p:g}" for t, p in self.instance.thresholds)


class BandForm(forms.ModelForm):
    class Meta:
        model = Band
        fields = ["label", "code", "min_score"]
