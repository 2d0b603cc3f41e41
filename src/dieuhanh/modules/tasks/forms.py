"""Forms of the tasks module. Checks that need the database or a rule are the services'."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.files.forms import UploadField
from dieuhanh.platform.inbox.models import Urgency
from dieuhanh.platform.orgs.models import Membership, OrgUnit
from dieuhanh.platform.permissions.checks import units_where
from dieuhanh.platform.permissions.roles import active_memberships_q, is_system_admin
from dieuhanh.platform.ui.widgets import DateField
from dieuhanh.platform.workcalendar.api import add_working_days

from .models import Status
from .module import ASSIGN

MAX_WORKING_DAYS = 365
ATTACHMENT_KINDS = ("pdf", "docx", "xlsx", "image")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class PersonMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


def new_submission_key() -> str:
    return uuid.uuid4().hex


def people_in_scope(user):
    """People the person may name in a task: members of the units where they may assign
    (and the units below), and themselves."""
    User = get_user_model()
    if is_system_admin(user):
        return User.objects.filter(is_active=True, memberships__isnull=False).distinct().order_by("first_name", "last_name", "pk")
    units = units_where(user, ASSIGN).values("pk")
    members = Membership.objects.filter(active_memberships_q(), unit__in=units).values("user_id")
    return User.objects.filter(Q(pk=user.pk) | Q(pk__in=members), is_active=True).order_by(
        "first_name", "last_name", "pk"
    )


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Tên nhiệm vụ"), max_length=500,
                            error_messages={"required": _("Nhập tên nhiệm vụ.")})
    description = forms.CharField(label=_("Nội dung, yêu cầu"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    lead_unit = forms.ModelChoiceField(label=_("Đơn vị chủ trì"), queryset=OrgUnit.objects.none(), required=False,
                                       empty_label=_("— Không giao cho đơn vị —"))
    lead_user = PersonChoiceField(label=_("Người chủ trì"), queryset=get_user_model().objects.none(), required=False,
                                  empty_label=_("— Không chỉ định —"),
                                  help_text=_("Giao cho một người, hoặc người chịu trách nhiệm trong đơn vị chủ trì."))
    cooperating_units = forms.ModelMultipleChoiceField(label=_("Đơn vị phối hợp"), queryset=OrgUnit.objects.none(),
                                                       required=False)
    cooperating_users = PersonMultipleChoiceField(label=_("Người phối hợp"), queryset=get_user_model().objects.none(),
                                                  required=False)
    due_date = DateField(label=_("Hạn hoàn thành"), required=False,
                         help_text=_("Ngày/tháng/năm. Để trống nếu nhiệm vụ không thời hạn."))
    working_days = forms.IntegerField(label=_("Hoặc: số ngày làm việc kể từ hôm nay"), required=False, min_value=1,
                                      max_value=MAX_WORKING_DAYS,
                                      help_text=_("Hạn được tính theo lịch làm việc (trừ ngày nghỉ, ngày lễ)."))
    priority = forms.ChoiceField(label=_("Độ khẩn"), choices=Urgency.choices, initial=Urgency.NORMAL)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)
    source = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, personal_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.filter(active=True).order_by("path")
        people = people_in_scope(user)
        if personal_only:
            units = OrgUnit.objects.none()
            people = get_user_model().objects.filter(pk=user.pk)
            self.fields["lead_user"].empty_label = None
        self.fields["lead_unit"].queryset = units
        self.fields["cooperating_units"].queryset = units
        self.fields["lead_user"].queryset = people
        self.fields["cooperating_users"].queryset = people
        if not self.is_bound:
            self.initial.setdefault("submission_key", new_submission_key())

    def clean(self):
        data = super().clean()
        if not data.get("lead_unit") and not data.get("lead_user"):
            self.add_error("lead_unit", _("Chọn đơn vị chủ trì hoặc người chủ trì."))
        due, days = data.get("due_date"), data.get("working_days")
        if due and days:
            self.add_error("working_days", _("Chỉ nhập hạn hoàn thành hoặc số ngày làm việc, không nhập cả hai."))
        elif days:
            data["due_date"] = add_working_days(timezone.localdate(), days)
            data["due_rule"] = str(_("%(days)s ngày làm việc kể từ ngày giao") % {"days": days})
        elif due and due < timezone.localdate():
            self.add_error("due_date", _("Hạn hoàn thành không được trước hôm nay."))
        return data


class ProgressForm(forms.Form):
    percent = forms.IntegerField(label=_("Tiến độ (%)"), min_value=0, max_value=100,
                                 error_messages={"required": _("Nhập tiến độ từ 0 đến 100."),
                                                 "invalid": _("Tiến độ phải là một số từ 0 đến 100.")})
    text = forms.CharField(label=_("Nội dung báo cáo"), widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("Nhập nội dung báo cáo tiến độ.")})
    attachment = UploadField(label=_("Tệp đính kèm"), required=False, kinds=ATTACHMENT_KINDS)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", new_submission_key())


class ExtensionForm(forms.Form):
    requested_date = DateField(label=_("Đề nghị gia hạn đến ngày"),
                               error_messages={"required": _("Nhập ngày đề nghị gia hạn đến.")})
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Nêu lý do đề nghị gia hạn.")})


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Quyết định"), widget=forms.RadioSelect,
                                 choices=[("approve", _("Đồng ý gia hạn")), ("refuse", _("Không đồng ý"))],
                                 error_messages={"required": _("Chọn đồng ý hoặc không đồng ý.")})
    note = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Bắt buộc khi không đồng ý."))


class CompleteForm(forms.Form):
    text = forms.CharField(label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("Nhập kết quả thực hiện.")})
    completed_on = DateField(label=_("Ngày hoàn thành"), required=False, help_text=_("Để trống: hôm nay."))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Nêu lý do.")})


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ResumeForm(forms.Form):
    due_date = DateField(label=_("Hạn hoàn thành mới"), required=False, help_text=_("Để trống: giữ hạn cũ."))


class LeadPersonForm(forms.Form):
    person = PersonChoiceField(label=_("Người chủ trì trong đơn vị"), queryset=get_user_model().objects.none(),
                               error_messages={"required": _("Chọn người chủ trì."),
                                               "invalid_choice": _("Người được chọn không thuộc đơn vị chủ trì.")})

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = get_user_model().objects.filter(
            memberships__unit=unit, is_active=True
        ).distinct().order_by("first_name", "last_name", "pk")


STATUS_FILTERS = [("", _("Mọi tình trạng")), ("open", _("Đang mở (chưa xong)")),
                  *[(s.value, s.label) for s in Status]]
SOURCE_FILTERS = [("", _("Mọi nguồn")), ("linked", _("Có nguồn giao (văn bản, kết luận…)")),
                  ("none", _("Giao trực tiếp"))]


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Tình trạng"), choices=STATUS_FILTERS, required=False)
    due_from = DateField(label=_("Hạn từ ngày"), required=False)
    due_to = DateField(label=_("Hạn đến ngày"), required=False)
    source = forms.ChoiceField(label=_("Nguồn giao"), choices=SOURCE_FILTERS, required=False)
    unit = forms.CharField(widget=forms.HiddenInput, required=False)  # kept for the unit list

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"status": data.get("status") or "", "due_from": data.get("due_from"),
                "due_to": data.get("due_to"), "source": data.get("source") or "", "q": data.get("q") or ""}
