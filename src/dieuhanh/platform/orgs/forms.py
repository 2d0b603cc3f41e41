"""Forms of the organisation screens. They parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.ui.widgets import DateField

from . import selectors
from .models import Constituency, OrgUnit, OrgUnitKind, Role, Term


class _UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # Indent by depth so the list reads as the tree ("— " per level).
        return f"{'— ' * obj.depth}{obj.name}"


# --- filters ---------------------------------------------------------------------------------
class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên hoặc mã"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Loại đơn vị"), required=False, choices=[("", _("Tất cả"))] + list(OrgUnitKind.choices)
    )


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên, tên đăng nhập, email"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Vai trò"), required=False, choices=[("", _("Tất cả"))] + list(Role.choices))


class TermFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100)
    term = forms.ModelChoiceField(
        label=_("Nhiệm kỳ"), required=False, queryset=Term.objects.select_related("council"),
        empty_label=_("Tất cả"),
    )


class DelegateFilterForm(TermFilterForm):
    constituency = forms.ModelChoiceField(
        label=_("Đơn vị bầu cử"), required=False, queryset=Constituency.objects.none(), empty_label=_("Tất cả"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        term = self.data.get("term") if self.data else None
        if term and str(term).isdigit():
            self.fields["constituency"].queryset = Constituency.objects.filter(term_id=term)


# --- people ----------------------------------------------------------------------------------
class PersonCreateForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    username = forms.CharField(
        label=_("Tên đăng nhập"), max_length=150,
        help_text=_("Chữ không dấu, số và các ký tự . @ + - _; ví dụ: nguyenvana."),
    )
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(label=_("Số điện thoại"), required=False, max_length=30)
    unit = _UnitChoiceField(label=_("Đơn vị"), queryset=OrgUnit.objects.none())
    role = forms.ChoiceField(label=_("Vai trò"), choices=())
    title = forms.CharField(label=_("Chức vụ"), required=False, max_length=150)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.manageable_units(user)
        self.fields["role"].choices = selectors.grantable_roles(user)
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].widget.input_type = "tel"


class PersonUpdateForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(label=_("Số điện thoại"), required=False, max_length=30)
    is_active = forms.BooleanField(
        label=_("Tài khoản đang hoạt động"), required=False,
        help_text=_("Bỏ chọn để khóa tài khoản: người này sẽ không đăng nhập được."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.input_type = "tel"


class MembershipGrantForm(forms.Form):
    unit = _UnitChoiceField(label=_("Đơn vị"), queryset=OrgUnit.objects.none())
    role = forms.ChoiceField(label=_("Vai trò"), choices=())
    title = forms.CharField(label=_("Chức vụ"), required=False, max_length=150)
    is_primary = forms.BooleanField(label=_("Là đơn vị chính của người này"), required=False)
    start_date = DateField(label=_("Từ ngày"), required=False)
    end_date = DateField(label=_("Đến ngày"), required=False, help_text=_("Để trống nếu không thời hạn."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.manageable_units(user)
        self.fields["role"].choices = selectors.grantable_roles(user)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class PeopleImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        help_text=_("Dùng tệp mẫu; mỗi dòng một người. Nếu có dòng sai, không ai được thêm."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )


# --- units -----------------------------------------------------------------------------------
class UnitForm(forms.Form):
    name = forms.CharField(label=_("Tên đơn vị"), max_length=255)
    short_name = forms.CharField(
        label=_("Tên viết tắt"), max_length=50, required=False,
        help_text=_("Dùng trong số, ký hiệu văn bản, ví dụ HĐND."),
    )
    code = forms.SlugField(
        label=_("Mã"), max_length=64,
        help_text=_("Chữ không dấu, số và dấu gạch ngang; dùng khi nhập danh sách từ Excel."),
    )
    kind = forms.ChoiceField(label=_("Loại"), choices=OrgUnitKind.choices)
    parent = _UnitChoiceField(label=_("Đơn vị cấp trên"), queryset=OrgUnit.objects.none(), required=False,
                              empty_label=_("(Không có – đơn vị cấp cao nhất)"))
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    is_remote = forms.BooleanField(
        label=_("Vùng sâu, vùng xa"), required=False, help_text=_("Áp dụng thời hạn dài hơn theo luật.")
    )
    formed_from = forms.CharField(label=_("Hình thành từ"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    active = forms.BooleanField(label=_("Đang hoạt động"), required=False, initial=True)

    def __init__(self, *args, user, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = selectors.structure_units(user).filter(active=True)
        if unit is not None:
            parents = parents.exclude(path__startswith=unit.path)
            if unit.parent_id:
                # The current parent stays selectable even when it is outside the user's scope.
                parents = parents | OrgUnit.objects.filter(pk=unit.parent_id)
        else:
            del self.fields["active"]
        self.fields["parent"].queryset = parents.order_by("path")
        self.fields["kind"].choices = OrgUnitKind.choices
