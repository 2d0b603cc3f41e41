"""Forms of the documents pages: they parse and check input; services do the rest."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dieuhanh.platform import files
from dieuhanh.platform.inbox.models import Urgency
from dieuhanh.platform.orgs.models import Membership, OrgUnit
from dieuhanh.platform.permissions.roles import active_memberships_q
from dieuhanh.platform.ui.widgets import DateField

from .integrations import DOCUMENT_KINDS, DRAFT_KINDS
from .models import (
    DocumentType,
    Field,
    IncomingState,
    OutgoingState,
    Record,
    RecordStatus,
    RelationKind,
    Secrecy,
)


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class _PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


def people_in(units) -> object:
    User = get_user_model()
    ids = Membership.objects.filter(active_memberships_q(), unit__in=units).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("first_name", "last_name", "username")


def people_with_role(role: str, units=None):
    User = get_user_model()
    memberships = Membership.objects.filter(active_memberships_q(), role=role)
    if units is not None:
        memberships = memberships.filter(unit__in=units)
    return User.objects.filter(pk__in=memberships.values("user_id"), is_active=True).order_by("first_name", "username")


class RequestKeyMixin(forms.Form):
    """A hidden key per form display: submitting twice does the action once."""

    request_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("request_key", uuid.uuid4().hex)


class IncomingForm(RequestKeyMixin):
    unit = forms.ModelChoiceField(label=_("Sổ văn bản đến của đơn vị"), queryset=OrgUnit.objects.none())
    received_on = DateField(label=_("Ngày đến"))
    issuer_unit = forms.ModelChoiceField(
        label=_("Cơ quan ban hành trên hệ thống"), queryset=OrgUnit.objects.filter(active=True), required=False,
        help_text=_("Bỏ trống nếu văn bản của cơ quan ngoài hệ thống; khi đó nhập tên ở ô dưới."),
    )
    issuer_name = forms.CharField(label=_("Tác giả (cơ quan ban hành)"), max_length=255, required=False)
    notation = forms.CharField(label=_("Số, ký hiệu"), max_length=100, required=False)
    document_date = DateField(label=_("Ngày văn bản"), required=False)
    doc_type = forms.ModelChoiceField(label=_("Tên loại"), queryset=DocumentType.objects.all())
    summary = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    urgency = forms.ChoiceField(label=_("Độ khẩn"), choices=Urgency.choices, initial=Urgency.NORMAL)
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, initial=Secrecy.NORMAL)
    file = files.forms.UploadField(label=_("Tệp văn bản (PDF, Word hoặc ảnh quét)"), kinds=DOCUMENT_KINDS, required=False)
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()
        if not self.is_bound:
            self.initial.setdefault("received_on", timezone.localdate())
            first = self.fields["unit"].queryset.first()
            if first is not None:
                self.initial.setdefault("unit", first.pk)

    def clean(self):
        data = super().clean()
        if not data.get("issuer_unit") and not (data.get("issuer_name") or "").strip():
            self.add_error("issuer_name", _("Cần chọn cơ quan ban hành trên hệ thống hoặc nhập tên cơ quan ban hành."))
        received = data.get("received_on")
        if received and received > timezone.localdate():
            self.add_error("received_on", _("Ngày đến không được sau ngày hôm nay."))
        if received and data.get("document_date") and data["document_date"] > received:
            self.add_error("document_date", _("Ngày văn bản không được sau ngày đến."))
        return data


class DirectForm(forms.Form):
    direction = forms.CharField(label=_("Ý kiến chỉ đạo"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    process_units = forms.ModelMultipleChoiceField(label=_("Đơn vị xử lý"), queryset=OrgUnit.objects.none(), required=False)
    process_users = _PeopleChoice(label=_("Người xử lý"), queryset=get_user_model().objects.none(), required=False)
    due_on = DateField(label=_("Hạn xử lý"), required=False, help_text=_("Bắt buộc khi giao xử lý."))
    read_units = forms.ModelMultipleChoiceField(label=_("Đơn vị để biết"), queryset=OrgUnit.objects.none(), required=False)
    read_users = _PeopleChoice(label=_("Người để biết"), queryset=get_user_model().objects.none(), required=False)

    def __init__(self, *args, document=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = document.unit.descendants().filter(active=True) if document else OrgUnit.objects.none()
        people = people_in(units) if document else get_user_model().objects.none()
        for name in ("process_units", "read_units"):
            self.fields[name].queryset = units
        for name in ("process_users", "read_users"):
            self.fields[name].queryset = people

    def clean(self):
        data = super().clean()
        processors = list(data.get("process_units") or []) + list(data.get("process_users") or [])
        readers = list(data.get("read_units") or []) + list(data.get("read_users") or [])
        if not processors and not readers:
            raise forms.ValidationError(_("Cần chọn ít nhất một đơn vị hoặc người xử lý hoặc để biết."))
        if processors and not data.get("due_on"):
            self.add_error("due_on", _("Cần chọn hạn xử lý cho đơn vị, người xử lý."))
        elif data.get("due_on") and data["due_on"] < timezone.localdate():
            self.add_error("due_on", _("Hạn xử lý không được trước ngày hôm nay."))
        return data


class CompleteForm(forms.Form):
    result = forms.CharField(label=_("Kết quả xử lý"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    result_file = files.forms.UploadField(label=_("Tệp kết quả (nếu có)"), kinds=DOCUMENT_KINDS, required=False)


class ForwardForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Chuyển đến đơn vị"), queryset=OrgUnit.objects.filter(active=True))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=1000)


class RegisterFilterForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=OrgUnit.objects.none(), required=False, empty_label=_("Mọi đơn vị"))
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1990, max_value=2100)
    date_from = DateField(label=_("Đến từ ngày"), required=False)
    date_to = DateField(label=_("Đến ngày"), required=False)
    issuer = forms.CharField(label=_("Cơ quan ban hành"), required=False, max_length=100)
    doc_type = forms.ModelChoiceField(label=_("Tên loại"), queryset=DocumentType.objects.all(), required=False, empty_label=_("Mọi loại"))
    urgency = forms.ChoiceField(label=_("Độ khẩn"), choices=[("", _("Mọi độ khẩn")), *Urgency.choices], required=False)
    state = forms.ChoiceField(label=_("Trạng thái"), choices=[("", _("Mọi trạng thái")), *IncomingState.choices], required=False)
    processing_unit = forms.ModelChoiceField(label=_("Đơn vị xử lý"), queryset=OrgUnit.objects.none(), required=False, empty_label=_("Mọi đơn vị"))
    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=100)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = units if units is not None else OrgUnit.objects.none()
        self.fields["unit"].queryset = units
        self.fields["processing_unit"].queryset = units

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("Ngày cuối phải sau hoặc bằng ngày đầu."))
        return data


class OutgoingForm(RequestKeyMixin):
    unit = forms.ModelChoiceField(label=_("Đơn vị soạn thảo"), queryset=OrgUnit.objects.none())
    issuer = forms.ModelChoiceField(label=_("Cơ quan ban hành"), queryset=OrgUnit.objects.none(),
                                    help_text=_("Số văn bản được cấp theo cơ quan ban hành, loại văn bản và năm."))
    doc_type = forms.ModelChoiceField(label=_("Tên loại"), queryset=DocumentType.objects.all())
    summary = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    urgency = forms.ChoiceField(label=_("Độ khẩn"), choices=Urgency.choices, initial=Urgency.NORMAL)
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, initial=Secrecy.NORMAL)
    file = files.forms.UploadField(label=_("Tệp dự thảo (PDF hoặc Word)"), kinds=DRAFT_KINDS)
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, units=None, issuers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()
        self.fields["issuer"].queryset = issuers if issuers is not None else OrgUnit.objects.none()
        if not self.is_bound:
            # The person's most specific unit (a division rather than its office).
            deepest = self.fields["unit"].queryset.order_by("-depth", "path").first()
            if deepest is not None:
                self.initial.setdefault("unit", deepest.pk)


class VersionForm(forms.Form):
    file = files.forms.UploadField(label=_("Tệp phiên bản mới (PDF hoặc Word)"), kinds=DRAFT_KINDS)
    note = forms.CharField(label=_("Nội dung chỉnh sửa"), required=False, max_length=1000)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Góp ý"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)


class SubmitForm(forms.Form):
    reviewers = _PeopleChoice(label=_("Người thẩm định (theo thứ tự chọn)"), queryset=get_user_model().objects.none(), required=False)
    signer = _PersonChoice(label=_("Người ký"), queryset=get_user_model().objects.none())

    def __init__(self, *args, leaders=None, **kwargs):
        super().__init__(*args, **kwargs)
        leaders = leaders if leaders is not None else get_user_model().objects.none()
        self.fields["reviewers"].queryset = leaders
        self.fields["signer"].queryset = leaders


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Quyết định"), choices=[("approve", _("Đồng ý")), ("return", _("Trả lại"))],
                                 widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Ý kiến, lý do trả lại"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Cần nêu lý do trả lại."))
        return data


class SignForm(forms.Form):
    secret = forms.CharField(label=_("Mật khẩu chứng thư số hoặc mã PIN"), widget=forms.PasswordInput(render_value=False), max_length=200)


class IssueForm(forms.Form):
    recipient_units = forms.ModelMultipleChoiceField(label=_("Nơi nhận trên hệ thống"), queryset=OrgUnit.objects.filter(active=True), required=False)
    emails = forms.CharField(label=_("Nơi nhận ngoài hệ thống (mỗi dòng một địa chỉ thư điện tử)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    copies = forms.IntegerField(label=_("Số lượng bản"), min_value=1, max_value=999, initial=1)
    seal_secret = forms.CharField(label=_("Mật khẩu chứng thư số của cơ quan"), widget=forms.PasswordInput(render_value=False), max_length=200)

    def clean_emails(self):
        from django.core.validators import validate_email

        result = []
        for line in (self.cleaned_data.get("emails") or "").replace(",", "\n").splitlines():
            line = line.strip()
            if not line:
                continue
            try:
                validate_email(line)
            except forms.ValidationError:
                raise forms.ValidationError(_("Địa chỉ thư điện tử “%(email)s” không hợp lệ.") % {"email": line}) from None
            result.append(line.lower())
        return result

    def clean(self):
        data = super().clean()
        if not data.get("recipient_units") and not data.get("emails") and "emails" not in self.errors:
            raise forms.ValidationError(_("Cần chọn ít nhất một nơi nhận."))
        return data


class RecallForm(forms.Form):
    reason = forms.CharField(label=_("Lý do thu hồi"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class OutgoingFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("Trạng thái"), choices=[("", _("Mọi trạng thái")), *OutgoingState.choices], required=False)
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1990, max_value=2100)
    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=100)


class RecordForm(forms.Form):
    issuer = forms.ModelChoiceField(label=_("Cơ quan ban hành"), queryset=OrgUnit.objects.none())
    doc_type = forms.ModelChoiceField(label=_("Loại văn bản"), queryset=DocumentType.objects.all())
    notation = forms.CharField(label=_("Số, ký hiệu"), max_length=100)
    signed_on = DateField(label=_("Ngày ký"))
    effective_on = DateField(label=_("Ngày có hiệu lực"), required=False)
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.all(), required=False)
    status = forms.ChoiceField(label=_("Tình trạng hiệu lực"), choices=RecordStatus.choices, initial=RecordStatus.IN_FORCE)
    summary = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    signer_name = forms.CharField(label=_("Người ký"), max_length=255, required=False)
    file = files.forms.UploadField(label=_("Tệp văn bản"), kinds=("pdf", "docx"), required=False)
    is_public = forms.BooleanField(label=_("Công khai trên cổng thông tin"), required=False)

    def __init__(self, *args, issuers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers if issuers is not None else OrgUnit.objects.none()

    def clean(self):
        data = super().clean()
        if data.get("signed_on") and data.get("effective_on") and data["effective_on"] < data["signed_on"]:
            self.add_error("effective_on", _("Ngày có hiệu lực không được trước ngày ký."))
        return data


class RecordFilterForm(forms.Form):
    number = forms.CharField(label=_("Số, ký hiệu"), required=False, max_length=50)
    doc_type = forms.ModelChoiceField(label=_("Loại"), queryset=DocumentType.objects.filter(in_records=True), required=False, empty_label=_("Mọi loại"))
    issuer = forms.ModelChoiceField(label=_("Cơ quan ban hành"), queryset=OrgUnit.objects.filter(active=True), required=False, empty_label=_("Mọi cơ quan"))
    date_from = DateField(label=_("Ký từ ngày"), required=False)
    date_to = DateField(label=_("Ký đến ngày"), required=False)
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.all(), required=False, empty_label=_("Mọi lĩnh vực"))
    status = forms.ChoiceField(label=_("Tình trạng"), choices=[("", _("Mọi tình trạng")), *RecordStatus.choices], required=False)
    q = forms.CharField(label=_("Nội dung"), required=False, max_length=100)


class RelationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Văn bản này"), choices=RelationKind.choices)
    target = forms.ModelChoiceField(label=_("Văn bản"), queryset=Record.objects.none())

    def __init__(self, *args, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets if targets is not None else Record.objects.none()


class RecordUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng hiệu lực"), choices=RecordStatus.choices)
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.all(), required=False)
    is_public = forms.BooleanField(label=_("Công khai trên cổng thông tin"), required=False)


class ValidateForm(forms.Form):
    file = files.forms.UploadField(label=_("Tệp PDF đã ký số cần kiểm tra"), kinds=("pdf",))
