"""The tree of bodies (OrgUnit), terms, constituencies, delegates and memberships."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.registry import manifest as roles


class OrgUnitKind(models.TextChoices):
    CITY_COUNCIL = "city_council", _("HĐND thành phố")
    STANDING_COMMITTEE = "standing_committee", _("Thường trực HĐND")
    COMMITTEE = "committee", _("Ban của HĐND")
    DELEGATE_GROUP = "delegate_group", _("Tổ đại biểu")
    NA_DELEGATION = "na_delegation", _("Đoàn đại biểu Quốc hội")
    SECRETARIAT = "secretariat", _("Văn phòng Đoàn ĐBQH và HĐND")
    WARD_COUNCIL = "ward_council", _("HĐND phường")
    COMMUNE_COUNCIL = "commune_council", _("HĐND xã")
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    AGENCY = "agency", _("Cơ quan khác")
    DIVISION = "division", _("Phòng, bộ phận")


COUNCIL_KINDS = (OrgUnitKind.CITY_COUNCIL, OrgUnitKind.WARD_COUNCIL, OrgUnitKind.COMMUNE_COUNCIL)
ANSWERING_KINDS = (OrgUnitKind.PEOPLES_COMMITTEE, OrgUnitKind.DEPARTMENT, OrgUnitKind.AGENCY)


class Role(models.TextChoices):
    SYSTEM_ADMIN = roles.SYSTEM_ADMIN, _("Quản trị hệ thống")
    UNIT_ADMIN = roles.UNIT_ADMIN, _("Quản trị đơn vị")
    LEADER = roles.LEADER, _("Lãnh đạo")
    STAFF = roles.STAFF, _("Chuyên viên")
    DELEGATE = roles.DELEGATE, _("Đại biểu")
    RESPONDER = roles.RESPONDER, _("Cán bộ cơ quan trả lời")
    CLERK = roles.CLERK, _("Văn thư")
    CITIZEN = roles.CITIZEN, _("Công dân")


class OrgUnit(models.Model):
    """A body in the tree. `path` is a materialised path ("0001/0012/") for subtree queries."""

    name = models.CharField(_("Tên đơn vị"), max_length=255)
    short_name = models.CharField(
        _("Tên viết tắt"), max_length=50, blank=True, help_text=_("Dùng trong số, ký hiệu văn bản, ví dụ HĐND.")
    )
    code = models.SlugField(_("Mã"), max_length=64, unique=True)
    kind = models.CharField(_("Loại"), max_length=32, choices=OrgUnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("Đơn vị cấp trên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    is_remote = models.BooleanField(
        _("Vùng sâu, vùng xa"), default=False, help_text=_("Áp dụng thời hạn dài hơn theo luật.")
    )
    formed_from = models.TextField(_("Hình thành từ"), blank=True)
    email = models.EmailField(_("Thư điện tử"), blank=True)
    active = models.BooleanField(_("Đang hoạt động"), default=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Đơn vị")
        verbose_name_plural = _("Đơn vị")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # The path is derived data; it is kept here because every subtree query needs it.
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent_id else ''}{self.pk:06d}/"
        depth = self.parent.depth + 1 if self.parent_id else 0
        if path != self.path or depth != self.depth:
            OrgUnit.objects.filter(pk=self.pk).update(path=path, depth=depth)
            self.path, self.depth = path, depth

    @property
    def is_council(self) -> bool:
        return self.kind in COUNCIL_KINDS

    def descendants(self, include_self: bool = True):
        qs = OrgUnit.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)

    def ancestors(self, include_self: bool = True):
        ids = [int(p) for p in self.path.strip("/").split("/") if p]
        if not include_self:
            ids = ids[:-1]
        return OrgUnit.objects.filter(pk__in=ids).order_by("depth")


class Term(models.Model):
    council = models.ForeignKey(OrgUnit, verbose_name=_("Hội đồng"), on_delete=models.CASCADE, related_name="terms")
    name = models.CharField(_("Nhiệm kỳ"), max_length=50)  # "2021–2026"
    start_date = models.DateField(_("Ngày bắt đầu"))
    end_date = models.DateField(_("Ngày kết thúc"), null=True, blank=True)
    total_delegates = models.PositiveIntegerField(_("Tổng số đại biểu"), default=0)

    class Meta:
        verbose_name = _("Nhiệm kỳ")
        verbose_name_plural = _("Nhiệm kỳ")
        ordering = ["council", "-start_date"]
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="term_unique_per_council")]

    def __str__(self) -> str:
        return f"{self.council} {self.name}"


class Constituency(models.Model):
    term = models.ForeignKey(Term, verbose_name=_("Nhiệm kỳ"), on_delete=models.CASCADE, related_name="constituencies")
    number = models.PositiveIntegerField(_("Số"))
    name = models.CharField(_("Tên đơn vị bầu cử"), max_length=255)
    area = models.TextField(_("Địa bàn"), blank=True)
    seats = models.PositiveIntegerField(_("Số đại biểu được bầu"), default=1)

    class Meta:
        verbose_name = _("Đơn vị bầu cử")
        verbose_name_plural = _("Đơn vị bầu cử")
        ordering = ["term", "number"]
        constraints = [models.UniqueConstraint(fields=["term", "number"], name="constituency_unique_number")]

    def __str__(self) -> str:
        return self.name


class Delegate(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("Người dùng"), on_delete=models.CASCADE, related_name="delegacies")
    term = models.ForeignKey(Term, verbose_name=_("Nhiệm kỳ"), on_delete=models.CASCADE, related_name="delegates")
    constituency = models.ForeignKey(Constituency, verbose_name=_("Đơn vị bầu cử"), null=True, blank=True, on_delete=models.SET_NULL, related_name="delegates")
    delegate_group = models.ForeignKey(OrgUnit, verbose_name=_("Tổ đại biểu"), null=True, blank=True, on_delete=models.SET_NULL, related_name="group_delegates")
    full_time = models.BooleanField(_("Hoạt động chuyên trách"), default=False)
    position = models.CharField(_("Chức vụ, nơi công tác"), max_length=255, blank=True)
    biography = models.TextField(_("Tiểu sử"), blank=True)
    active = models.BooleanField(_("Đang là đại biểu"), default=True)

    class Meta:
        verbose_name = _("Đại biểu")
        verbose_name_plural = _("Đại biểu")
        constraints = [models.UniqueConstraint(fields=["user", "term"], name="delegate_once_per_term")]

    def __str__(self) -> str:
        return str(self.user)


class Membership(models.Model):
    """A person's role in a unit. A role in a unit also applies to the units below it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("Người dùng"), on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(OrgUnit, verbose_name=_("Đơn vị"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("Vai trò"), max_length=32, choices=Role.choices)
    title = models.CharField(_("Chức vụ"), max_length=150, blank=True)
    is_primary = models.BooleanField(_("Đơn vị chính"), default=False)
    start_date = models.DateField(_("Từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("Đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("Thành viên đơn vị")
        verbose_name_plural = _("Thành viên đơn vị")
        ordering = ["unit__path", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique_role")]
        indexes = [models.Index(fields=["unit", "role"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"
