"""Writes of organisations and people. One keyword-only function per user action.

Scope: a unit administrator manages the people and roles of the units where they hold
`orgs.manage_people` and of the units below them; a system administrator manages all.
Changes are recorded by django-auditlog (the audit part registers these models).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dieuhanh.platform.permissions.roles import active_memberships_q, forget_roles, is_system_admin
from dieuhanh.platform.ui.errors import UserError

from . import selectors
from .models import Membership, OrgUnit, OrgUnitKind, Role
from .module import MANAGE_PEOPLE, MANAGE_UNITS

PHONE_CHARS = set("0123456789+-. ()")


# --- checks shared with the Excel import ------------------------------------------------------
def _require_unit_in_scope(actor, unit: OrgUnit, action: str = MANAGE_PEOPLE) -> None:
    if not selectors.can_manage_unit(actor, unit, action):
        raise PermissionDenied(_("Bạn không được quản lý đơn vị này."))


def clean_full_name(value: str) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise UserError(_("Họ và tên không được để trống."))
    if len(value) > 200:
        raise UserError(_("Họ và tên dài quá 200 ký tự."))
    return value


def clean_username(value: str, *, exclude_pk=None) -> str:
    value = (value or "").strip()
    if not value:
        raise UserError(_("Tên đăng nhập không được để trống."))
    if len(value) > 150:
        raise UserError(_("Tên đăng nhập dài quá 150 ký tự."))
    try:
        UnicodeUsernameValidator()(value)
    except ValidationError:
        raise UserError(
            _("Tên đăng nhập «%(value)s» chỉ được gồm chữ, số và các ký tự . @ + - _.") % {"value": value}
        ) from None
    users = get_user_model().objects.filter(username__iexact=value)
    if exclude_pk is not None:
        users = users.exclude(pk=exclude_pk)
    if users.exists():
        raise UserError(_("Tên đăng nhập «%(value)s» đã có trong hệ thống.") % {"value": value})
    return value


def clean_email(value: str, *, exclude_pk=None) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        validate_email(value)
    except ValidationError:
        raise UserError(_("Địa chỉ thư điện tử «%(value)s» không hợp lệ.") % {"value": value}) from None
    users = get_user_model().objects.filter(email__iexact=value)
    if exclude_pk is not None:
        users = users.exclude(pk=exclude_pk)
    if users.exists():
        raise UserError(_("Địa chỉ thư điện tử «%(value)s» đã được người khác dùng.") % {"value": value})
    return value


def clean_phone(value) -> str:
    value = str(value or "").strip()
    if value and (len(value) > 30 or not set(value) <= PHONE_CHARS or not any(c.isdigit() for c in value)):
        raise UserError(_("Số điện thoại «%(value)s» không hợp lệ.") % {"value": value})
    return value


def clean_role(actor, role: str) -> str:
    if role not in Role.values:
        raise UserError(_("Vai trò «%(value)s» không hợp lệ.") % {"value": role})
    if role == Role.SYSTEM_ADMIN and not is_system_admin(actor):
        raise UserError(_("Chỉ quản trị hệ thống mới được cấp vai trò quản trị hệ thống."))
    return role


def _require_person_manageable(actor, person) -> None:
    """A unit admin may change a person's account only if every role of that person is in
    their scope: otherwise changing the email would let them take over an account that
    works elsewhere. System administrators' accounts are changed only by system administrators."""
    if is_system_admin(actor):
        return
    if person.is_superuser or Membership.objects.filter(
        active_memberships_q(), user=person, role=Role.SYSTEM_ADMIN
    ).exists():
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới được sửa tài khoản này."))
    if selectors.memberships_outside_scope(user=actor, person=person).exists():
        raise UserError(
            _("Người này còn giữ vai trò ở đơn vị ngoài phạm vi bạn quản lý; hãy nhờ quản trị hệ thống sửa.")
        )


# --- people ---------------------------------------------------------------------------------
@transaction.atomic
def person_create(
    *,
    actor,
    full_name: str,
    username: str,
    unit: OrgUnit,
    role: str,
    email: str = "",
    phone: str = "",
    title: str = "",
):
    """Create an account with a first role in `unit`. It has no password until the person
    sets one through "Quên mật khẩu" (or an administrator sets one)."""
    _require_unit_in_scope(actor, unit)
    full_name = clean_full_name(full_name)
    username = clean_username(username)
    email = clean_email(email)
    phone = clean_phone(phone)
    role = clean_role(actor, role)
    user = get_user_model()(username=username, full_name=full_name, email=email, phone=phone)
    user.set_unusable_password()
    user.save()
    Membership.objects.create(user=user, unit=unit, role=role, title=(title or "").strip()[:150], is_primary=True)
    return user


@transaction.atomic
def person_update(*, actor, person, full_name: str, email: str = "", phone: str = "", is_active: bool = True):
    if not selectors.people_list(user=actor).filter(pk=person.pk).exists():
        raise PermissionDenied(_("Bạn không được quản lý người này."))
    _require_person_manageable(actor, person)
    if person.pk == actor.pk and not is_active:
        raise UserError(_("Bạn không thể tự khóa tài khoản của mình."))
    person.full_name = clean_full_name(full_name)
    person.email = clean_email(email, exclude_pk=person.pk)
    person.phone = clean_phone(phone)
    person.is_active = bool(is_active)
    person.save(update_fields=["full_name", "email", "phone", "is_active"])
    return person


@transaction.atomic
def membership_grant(
    *,
    actor,
    person,
    unit: OrgUnit,
    role: str,
    title: str = "",
    is_primary: bool = False,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
) -> Membership:
    """Give `person` a role in `unit`. Granting a role the person had before reopens it."""
    _require_unit_in_scope(actor, unit)
    role = clean_role(actor, role)
    if person.is_superuser and not is_system_admin(actor):
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới được sửa tài khoản này."))
    if start_date and end_date and end_date < start_date:
        raise UserError(_("Ngày kết thúc phải sau ngày bắt đầu."))
    membership = Membership.objects.select_for_update().filter(user=person, unit=unit, role=role).first()
    today = timezone.localdate()
    if membership is not None:
        active = (membership.start_date is None or membership.start_date <= today) and (
            membership.end_date is None or membership.end_date >= today
        )
        if active:
            raise UserError(
                _("%(person)s đã có vai trò %(role)s tại %(unit)s.")
                % {"person": person, "role": membership.get_role_display(), "unit": unit}
            )
        membership.start_date, membership.end_date = start_date or today, end_date
        membership.title = (title or "").strip()[:150]
        membership.save(update_fields=["start_date", "end_date", "title"])
    else:
        membership = Membership.objects.create(
            user=person, unit=unit, role=role, title=(title or "").strip()[:150],
            start_date=start_date, end_date=end_date,
        )
    if is_primary or not Membership.objects.filter(user=person, is_primary=True).exclude(pk=membership.pk).exists():
        Membership.objects.filter(user=person, is_primary=True).exclude(pk=membership.pk).update(is_primary=False)
        if not membership.is_primary:
            membership.is_primary = True
            membership.save(update_fields=["is_primary"])
    forget_roles(person)
    return membership


@transaction.atomic
def membership_revoke(*, actor, membership: Membership) -> Membership:
    """End the role from today on (the row stays, so history shows who held it when)."""
    _require_unit_in_scope(actor, membership.unit)
    if membership.role == Role.SYSTEM_ADMIN and not is_system_admin(actor):
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới được thu hồi vai trò này."))
    today = timezone.localdate()
    if membership.end_date is not None and membership.end_date < today:
        raise UserError(_("Vai trò này đã được thu hồi trước đó."))
    if membership.user_id == actor.pk and membership.role in (Role.SYSTEM_ADMIN, Role.UNIT_ADMIN):
        raise UserError(_("Bạn không thể tự thu hồi quyền quản trị của mình."))
    if membership.role == Role.SYSTEM_ADMIN:
        others = Membership.objects.filter(active_memberships_q(), role=Role.SYSTEM_ADMIN, user__is_active=True)
        if not others.exclude(pk=membership.pk).exists():
            raise UserError(_("Không thể thu hồi: hệ thống cần ít nhất một quản trị hệ thống."))
    membership.end_date = today - datetime.timedelta(days=1)
    if membership.start_date and membership.start_date > membership.end_date:
        membership.start_date = membership.end_date
    membership.is_primary = False
    membership.save(update_fields=["start_date", "end_date", "is_primary"])
    forget_roles(membership.user)
    return membership


# --- units ----------------------------------------------------------------------------------
def _clean_code(code: str, *, exclude_pk=None) -> str:
    from django.core.validators import validate_slug

    code = (code or "").strip().lower()
    if not code:
        raise UserError(_("Mã đơn vị không được để trống."))
    try:
        validate_slug(code)
    except ValidationError:
        raise UserError(_("Mã đơn vị chỉ gồm chữ không dấu, số, dấu gạch ngang và gạch dưới.")) from None
    units = OrgUnit.objects.filter(code=code)
    if exclude_pk is not None:
        units = units.exclude(pk=exclude_pk)
    if units.exists():
        raise UserError(_("Mã đơn vị «%(value)s» đã được dùng.") % {"value": code})
    return code


@transaction.atomic
def unit_create(
    *,
    actor,
    name: str,
    code: str,
    kind: str,
    parent: OrgUnit | None,
    short_name: str = "",
    email: str = "",
    is_remote: bool = False,
    formed_from: str = "",
) -> OrgUnit:
    """A new unit below `parent`. Only system administrators create top-level units."""
    if parent is None:
        if not is_system_admin(actor):
            raise PermissionDenied(_("Chỉ quản trị hệ thống mới được tạo đơn vị cấp cao nhất."))
    else:
        _require_unit_in_scope(actor, parent, MANAGE_UNITS)
    name = " ".join((name or "").split())
    if not name:
        raise UserError(_("Tên đơn vị không được để trống."))
    if kind not in OrgUnitKind.values:
        raise UserError(_("Loại đơn vị không hợp lệ."))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise UserError(_("Địa chỉ thư điện tử «%(value)s» không hợp lệ.") % {"value": email}) from None
    unit = OrgUnit(
        name=name[:255], code=_clean_code(code), kind=kind, parent=parent, short_name=(short_name or "").strip()[:50],
        email=email, is_remote=is_remote, formed_from=formed_from or "",
    )
    unit.save()
    return unit


@transaction.atomic
def unit_update(
    *,
    actor,
    unit: OrgUnit,
    name: str,
    code: str,
    kind: str,
    parent: OrgUnit | None,
    short_name: str = "",
    email: str = "",
    is_remote: bool = False,
    active: bool = True,
    formed_from: str = "",
) -> OrgUnit:
    """Edit a unit; moving it rewrites the materialised paths of its whole subtree."""
    _require_unit_in_scope(actor, unit, MANAGE_UNITS)
    if parent is None and unit.parent_id is not None and not is_system_admin(actor):
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới được tạo đơn vị cấp cao nhất."))
    if parent is not None:
        if parent.pk != unit.parent_id:
            _require_unit_in_scope(actor, parent, MANAGE_UNITS)
        if parent.path.startswith(unit.path):
            raise UserError(_("Không thể chuyển đơn vị vào chính nó hoặc đơn vị trực thuộc nó."))
    name = " ".join((name or "").split())
    if not name:
        raise UserError(_("Tên đơn vị không được để trống."))
    if kind not in OrgUnitKind.values:
        raise UserError(_("Loại đơn vị không hợp lệ."))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise UserError(_("Địa chỉ thư điện tử «%(value)s» không hợp lệ.") % {"value": email}) from None
    if not active and unit.children.filter(active=True).exists():
        raise UserError(_("Hãy ngừng hoạt động các đơn vị trực thuộc trước."))
    old_path, old_depth = unit.path, unit.depth
    unit.name, unit.code, unit.kind, unit.parent = name[:255], _clean_code(code, exclude_pk=unit.pk), kind, parent
    unit.short_name, unit.email, unit.is_remote, unit.active = (short_name or "").strip()[:50], email, is_remote, active
    unit.formed_from = formed_from or ""
    unit.save()
    if unit.path != old_path:
        _move_subtree(old_path, unit.path, unit.depth - old_depth, exclude_pk=unit.pk)
    return unit


def _move_subtree(old_path: str, new_path: str, depth_change: int, *, exclude_pk: int) -> None:
    below = list(OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=exclude_pk))
    for descendant in below:
        descendant.path = new_path + descendant.path[len(old_path):]
        descendant.depth += depth_change
    OrgUnit.objects.bulk_update(below, ["path", "depth"], batch_size=500)


# --- the Excel import -----------------------------------------------------------------------
@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # importing.RowProblem, one per bad row

    @property
    def ok(self) -> bool:
        return not self.problems


def people_import(*, actor, file) -> ImportResult:
    """Create every person listed in an .xlsx file, or nobody: if any row is bad, the result
    lists every bad row and nothing is written. A file that cannot be read raises UserError."""
    from .importing import check_people_rows, read_people_workbook

    scope = selectors.manageable_units(actor)
    if not scope.exists():
        raise PermissionDenied(_("Bạn không được quản lý đơn vị nào."))
    rows = read_people_workbook(file)
    with transaction.atomic():
        problems = check_people_rows(actor, rows, scope=scope)
        if problems:
            return ImportResult(problems=problems)
        User = get_user_model()
        created = []
        for row in rows:
            user = User(username=row.username, full_name=row.full_name, email=row.email, phone=row.phone)
            user.set_unusable_password()
            user.save()
            Membership.objects.create(user=user, unit=row.unit, role=row.role, title=row.title, is_primary=True)
            created.append(user)
    return ImportResult(created=created)
