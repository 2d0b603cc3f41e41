"""Reading and checking an Excel (.xlsx) list of people before anything is written.

`read_people_workbook(file)` checks the file itself (size, real xlsx content, a sheet with
the expected headers and at least one row); `check_people_rows(actor, rows)` checks every
row and returns every problem with its Excel row number. The write is
`services.people_import`, which refuses to write anything while any row is bad.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dieuhanh.platform.permissions.roles import is_system_admin
from dieuhanh.platform.ui.errors import UserError

from .models import OrgUnit, Role

# (key, header) in template order. Headers are matched ignoring case and spacing.
COLUMNS = (
    ("full_name", gettext_lazy("Họ và tên")),
    ("username", gettext_lazy("Tên đăng nhập")),
    ("email", gettext_lazy("Email")),
    ("phone", gettext_lazy("Điện thoại")),
    ("unit_code", gettext_lazy("Mã đơn vị")),
    ("role", gettext_lazy("Vai trò")),
    ("title", gettext_lazy("Chức vụ")),
)
# The Vietnamese headers are the file format; they are accepted whatever the interface language.
CANONICAL_HEADERS = {
    "full_name": "Họ và tên", "username": "Tên đăng nhập", "email": "Email", "phone": "Điện thoại",
    "unit_code": "Mã đơn vị", "role": "Vai trò", "title": "Chức vụ",
}
REQUIRED = ("full_name", "username", "unit_code", "role")
MAX_ROWS = 5000
# A zip whose members expand beyond this is refused before openpyxl reads it (zip bombs).
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class PersonRow:
    number: int  # the Excel row number the person sees
    full_name: str = ""
    username: str = ""
    email: str = ""
    phone: str = ""
    unit_code: str = ""
    role: str = ""
    title: str = ""
    unit: OrgUnit | None = None


@dataclass
class RowProblem:
    number: int
    messages: list[str] = field(default_factory=list)


def _key(text) -> str:
    """Lower case, single spaces, NFC: how headers and role names are compared."""
    return " ".join(unicodedata.normalize("NFC", str(text or "")).lower().split())


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _read_bytes(upload) -> bytes:
    limit = settings.DIEUHANH_MAX_UPLOAD_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise UserError(_too_big(limit))
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise UserError(_too_big(limit))
    if not data:
        raise UserError(_("Tệp tải lên trống."))
    return data


def _too_big(limit: int) -> str:
    return _("Tệp quá lớn: tối đa %(size)s MB.") % {"size": f"{limit / 1024 / 1024:g}"}


def _not_xlsx() -> str:
    return _("Tệp không phải bảng tính Excel (.xlsx). Hãy lưu tệp dưới dạng Excel Workbook (.xlsx) rồi tải lên lại.")


def is_xlsx(data: bytes) -> bool:
    """An xlsx is a zip holding [Content_Types].xml that declares a spreadsheet workbook."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names:
                return False
            if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED_BYTES:
                return False
            types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, KeyError):
        return False
    return b"spreadsheetml.sheet.main+xml" in types or b"ms-excel.sheet.macroEnabled.main+xml" in types


def read_people_workbook(upload) -> list[PersonRow]:
    """The people listed in the first sheet. Raises UserError for a file that cannot be read."""
    from openpyxl import load_workbook

    data = _read_bytes(upload)
    if not is_xlsx(data):
        raise UserError(_not_xlsx())
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for damaged files
        raise UserError(_not_xlsx()) from None
    try:
        if not workbook.worksheets:
            raise UserError(_("Bảng tính không có trang tính nào."))
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = None
        for header in rows:
            if any(_cell(v) for v in header):
                break
        else:
            header = None
        if header is None:
            raise UserError(_("Bảng tính trống: không có dòng tiêu đề và không có người nào."))
        positions = _header_positions(header)
        people: list[PersonRow] = []
        number = 1
        for number, values in enumerate(rows, start=2):
            values = tuple(values or ())
            cells = {key: _cell(values[i]) if i < len(values) else "" for key, i in positions.items()}
            if not any(cells.values()):
                continue
            if len(people) >= MAX_ROWS:
                raise UserError(_("Mỗi lần chỉ nhập được tối đa %(count)s người.") % {"count": MAX_ROWS})
            people.append(PersonRow(number=number, **cells))
    finally:
        workbook.close()
    if not people:
        raise UserError(_("Bảng tính không có dòng dữ liệu nào dưới dòng tiêu đề."))
    return people


def _header_positions(header) -> dict[str, int]:
    wanted = {_key(CANONICAL_HEADERS[key]): key for key, _label in COLUMNS}
    wanted.update({_key(label): key for key, label in COLUMNS})
    positions: dict[str, int] = {}
    for index, value in enumerate(header):
        key = wanted.get(_key(value))
        if key and key not in positions:
            positions[key] = index
    missing = [CANONICAL_HEADERS[k] for k in REQUIRED if k not in positions]
    if missing:
        raise UserError(
            _("Dòng đầu tiên phải là dòng tiêu đề; thiếu cột: %(columns)s. Hãy dùng tệp mẫu.")
            % {"columns": ", ".join(missing)}
        )
    return positions


def role_from_text(text: str) -> str | None:
    """A role from its key (staff) or its Vietnamese or English label (Chuyên viên)."""
    wanted = _key(text)
    for key, label in Role.choices:
        if wanted in {_key(key), _key(label)}:
            return key
    from django.utils import translation

    with translation.override("vi"):
        for key, label in Role.choices:
            if wanted == _key(str(label)):
                return key
    return None


def check_people_rows(actor, people: list[PersonRow], *, scope) -> list[RowProblem]:
    """Every problem of every row. `scope` is the queryset of units the actor manages.
    Fills in `row.unit` and `row.role` (as a key) for rows that are good."""
    from . import services

    User = get_user_model()
    usernames = {p.username.lower() for p in people if p.username}
    emails = {p.email.lower() for p in people if p.email}
    taken_usernames = set(
        User.objects.annotate(key=Lower("username")).filter(key__in=usernames).values_list("key", flat=True)
    )
    taken_emails = set(
        User.objects.annotate(key=Lower("email")).filter(key__in=emails).values_list("key", flat=True)
    )
    codes = {p.unit_code for p in people if p.unit_code}
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
    units.update({u.code.lower(): u for u in OrgUnit.objects.filter(code__in={c.lower() for c in codes})})
    in_scope = set(scope.filter(code__in=[u.code for u in units.values()]).values_list("pk", flat=True))
    first_row_of_username: dict[str, int] = {}
    first_row_of_email: dict[str, int] = {}
    problems: list[RowProblem] = []
    system_admin = is_system_admin(actor)

    for person in people:
        messages: list[str] = []

        def check(cleaner, value, messages=messages):
            try:
                return cleaner(value)
            except UserError as error:
                messages.extend(error.messages)
                return None

        if not person.full_name:
            messages.append(_("Họ và tên trống."))
        else:
            check(services.clean_full_name, person.full_name)

        if not person.username:
            messages.append(_("Tên đăng nhập trống."))
        else:
            username = person.username.lower()
            if username in first_row_of_username:
                messages.append(
                    _("Tên đăng nhập «%(value)s» trùng với dòng %(row)s.")
                    % {"value": person.username, "row": first_row_of_username[username]}
                )
            else:
                first_row_of_username[username] = person.number
                if username in taken_usernames:
                    messages.append(_("Tên đăng nhập «%(value)s» đã có trong hệ thống.") % {"value": person.username})
                else:
                    _check_username_format(person.username, messages)

        if person.email:
            email = person.email.lower()
            if check(_validate_email, person.email) is not None:
                if email in first_row_of_email:
                    messages.append(
                        _("Email «%(value)s» trùng với dòng %(row)s.")
                        % {"value": person.email, "row": first_row_of_email[email]}
                    )
                else:
                    first_row_of_email[email] = person.number
                    if email in taken_emails:
                        messages.append(_("Email «%(value)s» đã được người khác dùng.") % {"value": person.email})

        check(services.clean_phone, person.phone)

        if not person.unit_code:
            messages.append(_("Mã đơn vị trống."))
        else:
            unit = units.get(person.unit_code) or units.get(person.unit_code.lower())
            if unit is None:
                messages.append(_("Không có đơn vị nào mang mã «%(value)s».") % {"value": person.unit_code})
            elif unit.pk not in in_scope:
                messages.append(
                    _("Đơn vị «%(value)s» nằm ngoài phạm vi bạn được quản lý.") % {"value": unit.name}
                )
            elif not unit.active:
                messages.append(_("Đơn vị «%(value)s» đã ngừng hoạt động.") % {"value": unit.name})
            else:
                person.unit = unit

        if not person.role:
            messages.append(_("Vai trò trống."))
        else:
            role = role_from_text(person.role)
            if role is None:
                messages.append(
                    _("Vai trò «%(value)s» không hợp lệ; dùng một trong: %(roles)s.")
                    % {"value": person.role, "roles": ", ".join(str(label) for _k, label in Role.choices)}
                )
            elif role == Role.SYSTEM_ADMIN and not system_admin:
                messages.append(_("Chỉ quản trị hệ thống mới được cấp vai trò quản trị hệ thống."))
            else:
                person.role = role

        if len(person.title) > 150:
            messages.append(_("Chức vụ dài quá 150 ký tự."))

        if messages:
            problems.append(RowProblem(person.number, messages))
    return problems


def _validate_email(value: str) -> str:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    try:
        validate_email(value)
    except ValidationError:
        raise UserError(_("Email «%(value)s» không hợp lệ.") % {"value": value}) from None
    return value


def _check_username_format(value: str, messages: list[str]) -> None:
    from django.contrib.auth.validators import UnicodeUsernameValidator
    from django.core.exceptions import ValidationError

    if len(value) > 150:
        messages.append(_("Tên đăng nhập dài quá 150 ký tự."))
        return
    try:
        UnicodeUsernameValidator()(value)
    except ValidationError:
        messages.append(
            _("Tên đăng nhập «%(value)s» chỉ được gồm chữ, số và các ký tự . @ + - _.") % {"value": value}
        )


def people_template_workbook(*, units) -> bytes:
    """The template to fill in: the header row, then a sheet of roles and unit codes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sach"
    sheet.append([CANONICAL_HEADERS[key] for key, _label in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFG", (28, 20, 30, 16, 24, 24, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"

    guide = workbook.create_sheet("Huong dan")
    guide.append(["Vai trò", "Mã vai trò"])
    for key, label in Role.choices:
        guide.append([str(label), key])
    guide.append([])
    guide.append(["Mã đơn vị", "Tên đơn vị"])
    for unit in units:
        guide.append([unit.code, unit.name])
    for cell in (*guide[1], *guide[len(Role.choices) + 3]):
        cell.font = Font(bold=True)
    guide.column_dimensions["A"].width = 32
    guide.column_dimensions["B"].width = 60

    roles = DataValidation(
        type="list", formula1=f"'Huong dan'!$A$2:$A${len(Role.choices) + 1}", allow_blank=True
    )
    roles.error = "Chọn một vai trò trong danh sách."
    sheet.add_data_validation(roles)
    roles.add(f"F2:F{MAX_ROWS + 1}")

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
