"""The demo city: a Hanoi-shaped tree of bodies, terms, constituencies and people.

`load_demo_city(small=...)` is idempotent: every row is looked up by its natural key
(unit code, username, (user, unit, role), (council, term name), (term, number)) and
only missing rows are created, so a second run changes nothing. Only the eight demo
accounts can log in; generated people get unusable passwords.

This is seed data, not a user action, so it writes the models directly instead of going
through the services (which check an actor's permissions).
"""

from __future__ import annotations

import csv
import datetime
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.text import slugify

from dieuhanh.platform import registry
from dieuhanh.platform.registry import (
    CITIZEN,
    CLERK,
    DELEGATE,
    LEADER,
    RESPONDER,
    STAFF,
    SYSTEM_ADMIN,
    UNIT_ADMIN,
)

from .models import Constituency, Delegate, Membership, OrgUnit, OrgUnitKind, Term

DEMO_PASSWORD = "DieuHanh@2026"
EMAIL_DOMAIN = "hanoi.example"
SMALL_LOCAL_UNITS = 6  # 3 wards and 3 communes

# username, role, full name, title; the unit is chosen in _demo_accounts().
DEMO_ACCOUNTS = (
    ("quantri", SYSTEM_ADMIN, "Phạm Minh Quân", "Quản trị hệ thống"),
    ("quantridonvi", UNIT_ADMIN, "Lê Thu Hằng", "Quản trị đơn vị"),
    ("lanhdao", LEADER, "Nguyễn Văn Thành", "Chánh Văn phòng"),
    ("chuyenvien", STAFF, "Trần Thị Mai", "Chuyên viên"),
    ("daibieu", DELEGATE, "Đỗ Quang Huy", "Đại biểu HĐND thành phố"),
    ("traloi", RESPONDER, "Vũ Hoàng Nam", "Chuyên viên Sở Tài nguyên và Môi trường"),
    ("vanthu", CLERK, "Bùi Thị Lan", "Văn thư"),
    ("congdan", CITIZEN, "Hoàng Văn Dũng", "Cử tri"),
)

COMMITTEES = (
    ("ban-phap-che", "Ban Pháp chế"),
    ("ban-kinh-te-ngan-sach", "Ban Kinh tế – Ngân sách"),
    ("ban-van-hoa-xa-hoi", "Ban Văn hóa – Xã hội"),
    ("ban-do-thi", "Ban Đô thị"),
    ("ban-dan-toc", "Ban Dân tộc"),
)

SECRETARIAT_DIVISIONS = (
    ("vp-phong-cong-tac-hdnd", "Phòng Công tác HĐND"),
    ("vp-phong-cong-tac-quoc-hoi", "Phòng Công tác Quốc hội"),
    ("vp-phong-dan-nguyen", "Phòng Dân nguyện"),
    ("vp-phong-hanh-chinh", "Phòng Hành chính – Tổ chức – Quản trị"),
)

DEPARTMENTS = (
    ("so-tnmt", "Sở Tài nguyên và Môi trường", "STNMT"),
    ("so-xay-dung", "Sở Xây dựng", "SXD"),
    ("so-gtvt", "Sở Giao thông vận tải", "SGTVT"),
    ("so-gddt", "Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("so-y-te", "Sở Y tế", "SYT"),
    ("so-tai-chinh", "Sở Tài chính", "STC"),
    ("so-noi-vu", "Sở Nội vụ", "SNV"),
    ("so-tu-phap", "Sở Tư pháp", "STP"),
    ("so-cong-thuong", "Sở Công Thương", "SCT"),
    ("so-nn-ptnt", "Sở Nông nghiệp và Phát triển nông thôn", "SNNPTNT"),
    ("so-ldtbxh", "Sở Lao động – Thương binh và Xã hội", "SLĐTBXH"),
    ("so-vhtt", "Sở Văn hóa và Thể thao", "SVHTT"),
    ("so-khdt", "Sở Kế hoạch và Đầu tư", "SKHĐT"),
    ("so-tttt", "Sở Thông tin và Truyền thông", "STTTT"),
    ("so-quy-hoach-kien-truc", "Sở Quy hoạch – Kiến trúc", "SQHKT"),
    ("thanh-tra-tp", "Thanh tra thành phố", "TTTP"),
)

FAMILY_NAMES = (
    "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Vũ", "Phan",
    "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đào", "Mai", "Tạ",
)
MIDDLE_NAMES = {
    "m": ("Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Công", "Tuấn", "Mạnh", "Xuân"),
    "f": ("Thị", "Thu", "Ngọc", "Thanh", "Minh", "Phương", "Hồng", "Thúy", "Kim", "Diệu"),
}
GIVEN_NAMES = {
    "m": (
        "Hùng", "Dũng", "Tuấn", "Nam", "Hải", "Long", "Sơn", "Thắng", "Cường", "Quân", "Hiếu",
        "Phong", "Khánh", "Trung", "Việt", "Bình", "Đức", "Toàn", "Vinh", "Quý", "Thịnh",
    ),
    "f": (
        "Lan", "Hương", "Hoa", "Mai", "Linh", "Trang", "Thảo", "Hà", "Ngọc", "Yến", "Nhung",
        "Hạnh", "Loan", "Huyền", "Giang", "Vân", "Anh", "Phượng", "Oanh", "Dung",
    ),
}

PREVIOUS_TERM = ("2021–2026", datetime.date(2021, 5, 23), datetime.date(2026, 3, 14))
CURRENT_TERM = ("2026–2031", datetime.date(2026, 3, 15), None)


def fold(text: str) -> str:
    """ASCII slug of a Vietnamese text; 'đ' is folded explicitly (NFKD does not)."""
    return slugify(text.replace("đ", "d").replace("Đ", "D"))


@dataclass(frozen=True)
class LocalUnit:
    kind: str  # "phuong" or "xa"
    name: str
    formed_from: str

    @property
    def is_ward(self) -> bool:
        return self.kind == "phuong"

    @property
    def label(self) -> str:
        return f"{'phường' if self.is_ward else 'xã'} {self.name}"

    @property
    def slug(self) -> str:
        return f"{'phuong' if self.is_ward else 'xa'}-{fold(self.name)}"


def hanoi_local_units() -> list[LocalUnit]:
    """Hanoi's 126 wards and communes (Nghị quyết 1656/NQ-UBTVQH15), shipped with the app."""
    text = resources.files("dieuhanh.platform.orgs").joinpath("data/hanoi_communes_2025.csv").read_text(
        encoding="utf-8"
    )
    rows = csv.DictReader(text.splitlines())
    return [LocalUnit(r["kind"].strip(), r["name"].strip(), r["formed_from"].strip()) for r in rows]


@dataclass
class DemoCity:
    """The key units and people of the demo city, handed to every module's demo_data hook."""

    small: bool
    city_council: OrgUnit
    standing_committee: OrgUnit
    committees: dict[str, OrgUnit]
    delegate_groups: list[OrgUnit]
    na_delegation: OrgUnit
    secretariat: OrgUnit
    secretariat_divisions: dict[str, OrgUnit]
    peoples_committee: OrgUnit
    departments: dict[str, OrgUnit]
    local_councils: list[OrgUnit]
    local_committees: list[OrgUnit]
    terms: dict[str, Term]
    current_term: Term
    previous_term: Term
    na_term: Term
    constituencies: list[Constituency]
    users: dict[str, object]
    people: list = field(default_factory=list)

    def user(self, role: str):
        return self.users[role]

    @property
    def wards(self) -> list[OrgUnit]:
        return [u for u in self.local_councils if u.kind == OrgUnitKind.WARD_COUNCIL]

    @property
    def communes(self) -> list[OrgUnit]:
        return [u for u in self.local_councils if u.kind == OrgUnitKind.COMMUNE_COUNCIL]

    @property
    def answering_agencies(self) -> list[OrgUnit]:
        return [self.peoples_committee, *self.departments.values(), *self.local_committees]

    def local_committee_of(self, council: OrgUnit) -> OrgUnit:
        return self.local_committees[self.local_councils.index(council)]


class _Builder:
    def __init__(self, small: bool):
        self.small = small
        self.rng = random.Random(20260315)
        self.units = {u.code: u for u in OrgUnit.objects.all()}
        User = get_user_model()
        self.User = User
        self.users = {u.username: u for u in User.objects.all()}
        self.memberships = set(Membership.objects.values_list("user__username", "unit__code", "role"))
        self.new_memberships: list[Membership] = []
        self.new_users: list = []
        self.terms = {(t.council_id, t.name): t for t in Term.objects.all()}
        self.seq = 0
        self.people: list = []

    # --- units -------------------------------------------------------------------------
    def unit(self, code: str, name: str, kind: str, parent: OrgUnit | None = None, **extra) -> OrgUnit:
        found = self.units.get(code)
        if found is None:
            found = OrgUnit(code=code, name=name, kind=kind, parent=parent, **extra)
            found.save()
            self.units[code] = found
        return found

    # --- people ------------------------------------------------------------------------
    def name(self) -> str:
        sex = self.rng.choice("mf")
        return " ".join(
            (
                self.rng.choice(FAMILY_NAMES),
                self.rng.choice(MIDDLE_NAMES[sex]),
                self.rng.choice(GIVEN_NAMES[sex]),
            )
        )

    def person(self, unit: OrgUnit, role: str, title: str, *, full_name: str | None = None):
        """A generated person holding `role` in `unit`, with a deterministic name."""
        full_name = full_name or self.name()
        self.seq += 1
        parts = fold(full_name).split("-")
        username = f"{parts[-1]}.{''.join(p[0] for p in parts[:-1])}{self.seq:03d}"
        user = self.users.get(username)
        if user is None:
            user = self.User(
                username=username,
                full_name=full_name,
                email=f"{username}@{EMAIL_DOMAIN}",
                password=make_password(None),
            )
            self.new_users.append(user)  # saved in one query by flush()
            self.users[username] = user
        self.member(user, unit, role, title, primary=True)
        self.people.append(user)
        return user

    def account(self, username: str, full_name: str, email: str):
        user = self.users.get(username)
        if user is None:
            user = self.User(username=username, full_name=full_name, email=email)
            user.set_password(DEMO_PASSWORD)
            user.save()
            self.users[username] = user
        return user

    def member(self, user, unit: OrgUnit, role: str, title: str = "", *, primary: bool = False) -> None:
        key = (user.username, unit.code, role)
        if key in self.memberships:
            return
        self.memberships.add(key)
        self.new_memberships.append(
            Membership(user=user, unit=unit, role=role, title=title, is_primary=primary)
        )

    def flush(self) -> None:
        self.User.objects.bulk_create(self.new_users)
        self.new_users = []
        for membership in self.new_memberships:
            membership.user = membership.user  # picks up the pk bulk_create gave the user
        Membership.objects.bulk_create(self.new_memberships)
        self.new_memberships = []

    # --- terms and delegates -------------------------------------------------------------
    def term(self, council: OrgUnit, spec, total: int) -> Term:
        name, start, end = spec
        term = self.terms.get((council.pk, name))
        if term is None:
            term = Term.objects.create(
                council=council, name=name, start_date=start, end_date=end, total_delegates=total
            )
            self.terms[(council.pk, name)] = term
        return term

    def constituencies(self, term: Term, label: str, areas: list[list[str]], seats: list[int]):
        existing = {c.number: c for c in term.constituencies.all()}
        result = []
        for number, (area, count) in enumerate(zip(areas, seats, strict=True), start=1):
            found = existing.get(number)
            if found is None:
                found = Constituency.objects.create(
                    term=term, number=number, name=f"{label} số {number}",
                    area=", ".join(area), seats=count,
                )
            result.append(found)
        return result

    def delegates(self, term: Term, rows: Iterable[tuple]) -> None:
        have = set(Delegate.objects.filter(term=term).values_list("user_id", flat=True))
        Delegate.objects.bulk_create(
            [
                Delegate(
                    user=user, term=term, constituency=constituency, delegate_group=group,
                    full_time=full_time, position=position,
                )
                for user, constituency, group, full_time, position in rows
                if user.pk not in have
            ]
        )


def _split(items: list, parts: int) -> list[list]:
    return [items[i::parts] for i in range(parts)]


def _seats(total: int, constituencies: int) -> list[int]:
    base, extra = divmod(total, constituencies)
    return [base + (1 if i < extra else 0) for i in range(constituencies)]


def build_city(*, small: bool = False) -> DemoCity:
    """Create (or find) the demo city's units, terms, constituencies and people."""
    b = _Builder(small)
    local = hanoi_local_units()
    if small:
        wards = [u for u in local if u.is_ward][: SMALL_LOCAL_UNITS // 2]
        communes = [u for u in local if not u.is_ward][: SMALL_LOCAL_UNITS // 2]
        local = wards + communes

    # --- the tree ------------------------------------------------------------------------
    council = b.unit("hdnd-tp", "HĐND thành phố Hà Nội", OrgUnitKind.CITY_COUNCIL, short_name="HĐND",
                     email=f"hdnd@{EMAIL_DOMAIN}", sort_order=1)
    standing = b.unit("tt-hdnd-tp", "Thường trực HĐND thành phố", OrgUnitKind.STANDING_COMMITTEE, council,
                      short_name="TTHĐND", sort_order=1)
    committees = {
        code: b.unit(code, name, OrgUnitKind.COMMITTEE, council, short_name="BAN", sort_order=10 + i)
        for i, (code, name) in enumerate(COMMITTEES)
    }
    na = b.unit("doan-dbqh-tp", "Đoàn ĐBQH thành phố Hà Nội", OrgUnitKind.NA_DELEGATION, short_name="ĐĐBQH",
                email=f"doandbqh@{EMAIL_DOMAIN}", sort_order=2)
    secretariat = b.unit("vp-doan-dbqh-hdnd", "Văn phòng Đoàn ĐBQH và HĐND thành phố", OrgUnitKind.SECRETARIAT,
                         short_name="VP", email=f"vanphong@{EMAIL_DOMAIN}", sort_order=3)
    divisions = {
        code: b.unit(code, name, OrgUnitKind.DIVISION, secretariat, sort_order=i)
        for i, (code, name) in enumerate(SECRETARIAT_DIVISIONS)
    }
    ubnd = b.unit("ubnd-tp", "UBND thành phố Hà Nội", OrgUnitKind.PEOPLES_COMMITTEE, short_name="UBND",
                  email=f"ubnd@{EMAIL_DOMAIN}", sort_order=4)
    departments = {
        code: b.unit(code, name, OrgUnitKind.DEPARTMENT if code.startswith("so-") else OrgUnitKind.AGENCY,
                     ubnd, short_name=short, email=f"{code}@{EMAIL_DOMAIN}", sort_order=i)
        for i, (code, name, short) in enumerate(DEPARTMENTS)
    }
    local_councils, local_committees = [], []
    for i, lu in enumerate(local):
        kind = OrgUnitKind.WARD_COUNCIL if lu.is_ward else OrgUnitKind.COMMUNE_COUNCIL
        local_councils.append(
            b.unit(f"hdnd-{lu.slug}", f"HĐND {lu.label}", kind, council, short_name="HĐND",
                   formed_from=lu.formed_from, sort_order=100 + i)
        )
        local_committees.append(
            b.unit(f"ubnd-{lu.slug}", f"UBND {lu.label}", OrgUnitKind.PEOPLES_COMMITTEE, ubnd,
                   short_name="UBND", formed_from=lu.formed_from, sort_order=100 + i)
        )

    # --- terms and constituencies -----------------------------------------------------------
    n_const = 2 if small else 30
    city_total = 6 if small else 95
    na_const = 2 if small else 10
    na_total = 4 if small else 29
    names = [u.name for u in local_councils]
    previous = b.term(council, PREVIOUS_TERM, city_total)
    current = b.term(council, CURRENT_TERM, city_total)
    seats = _seats(city_total, n_const)
    b.constituencies(previous, "Đơn vị bầu cử", _split(names, n_const), seats)
    constituencies = b.constituencies(current, "Đơn vị bầu cử", _split(names, n_const), seats)
    groups = [
        b.unit(f"to-dai-bieu-{c.number:02d}", f"Tổ đại biểu HĐND thành phố số {c.number}",
               OrgUnitKind.DELEGATE_GROUP, council, sort_order=50 + c.number)
        for c in constituencies
    ]
    na_previous = b.term(na, ("Khóa XV (2021–2026)", *PREVIOUS_TERM[1:]), na_total)
    na_term = b.term(na, ("Khóa XVI (2026–2031)", *CURRENT_TERM[1:]), na_total)
    na_seats = _seats(na_total, na_const)
    b.constituencies(na_previous, "Đơn vị bầu cử ĐBQH", _split(names, na_const), na_seats)
    na_constituencies = b.constituencies(na_term, "Đơn vị bầu cử ĐBQH", _split(names, na_const), na_seats)
    Term.objects.bulk_create(
        [
            Term(council=unit, name=name, start_date=start, end_date=end)
            for unit in local_councils
            for name, start, end in (PREVIOUS_TERM, CURRENT_TERM)
            if (unit.pk, name) not in b.terms
        ]
    )

    # --- the demo accounts ------------------------------------------------------------------
    homes = {
        SYSTEM_ADMIN: secretariat, UNIT_ADMIN: secretariat, LEADER: secretariat, STAFF: secretariat,
        CLERK: secretariat, DELEGATE: council, RESPONDER: departments["so-tnmt"],
        CITIZEN: local_councils[0],
    }
    users = {}
    for username, role, full_name, title in DEMO_ACCOUNTS:
        user = b.account(username, full_name, f"{username}@{EMAIL_DOMAIN}")
        b.member(user, homes[role], role, title, primary=True)
        users[role] = user
    b.member(users[STAFF], divisions["vp-phong-cong-tac-hdnd"], STAFF, "Chuyên viên")
    b.member(users[DELEGATE], groups[0], DELEGATE, "Tổ trưởng")

    # --- city delegates: the standing committee and the Ban are led by delegates ----------------
    city_rows = [(users[DELEGATE], constituencies[0], groups[0], False, "Đại biểu HĐND thành phố")]
    slots = [(c, g) for c, g in zip(constituencies, groups, strict=True) for _ in range(c.seats)][1:]
    leadership = [
        (standing, "Chủ tịch HĐND thành phố"),
        (standing, "Phó Chủ tịch HĐND thành phố"),
        *[(unit, f"Trưởng {unit.name}") for unit in committees.values()],
    ]
    if not small:
        leadership[2:2] = [(standing, "Phó Chủ tịch HĐND thành phố")] * 2
        leadership += [(unit, f"Phó Trưởng {unit.name}") for unit in committees.values()]
    for i, (constituency, group) in enumerate(slots):
        if i < len(leadership):
            unit, title = leadership[i]
            person = b.person(unit, LEADER, title)
            b.member(person, council, DELEGATE, "Đại biểu HĐND thành phố")
            position, full_time = title, True
        else:
            person = b.person(council, DELEGATE, "Đại biểu HĐND thành phố")
            position, full_time = "Đại biểu HĐND thành phố", False
        b.member(person, group, DELEGATE, "Thành viên")
        city_rows.append((person, constituency, group, full_time, position))

    # --- National Assembly deputies -----------------------------------------------------------
    na_rows = []
    na_slots = [c for c in na_constituencies for _ in range(c.seats)]
    for i, constituency in enumerate(na_slots):
        title = "Trưởng Đoàn" if i == 0 else "Phó Trưởng Đoàn" if i == 1 else "Đại biểu Quốc hội"
        person = b.person(na, DELEGATE, title)
        if i < 2:
            b.member(person, na, LEADER, title)
        na_rows.append((person, constituency, None, i < 2, title))

    # --- the secretariat ----------------------------------------------------------------------
    b.person(secretariat, LEADER, "Phó Chánh Văn phòng")
    if not small:
        b.person(secretariat, LEADER, "Phó Chánh Văn phòng")
        b.person(secretariat, CLERK, "Văn thư")
        for division in divisions.values():
            b.person(division, LEADER, "Trưởng phòng")
            for _ in range(3):
                b.person(division, STAFF, "Chuyên viên")
    else:
        b.person(divisions["vp-phong-dan-nguyen"], STAFF, "Chuyên viên")

    # --- answering agencies ------------------------------------------------------------------
    b.person(ubnd, LEADER, "Chủ tịch UBND thành phố")
    b.person(ubnd, RESPONDER, "Chuyên viên Văn phòng UBND thành phố")
    for i, department in enumerate(departments.values()):
        if small and i >= 4:
            break
        if not small:
            b.person(department, LEADER, f"Giám đốc {department.name}")
        b.person(department, RESPONDER, f"Chuyên viên {department.name}")

    # --- wards and communes ----------------------------------------------------------------
    for i, (unit, committee) in enumerate(zip(local_councils, local_committees, strict=True)):
        place = unit.name.removeprefix("HĐND ")
        b.person(unit, LEADER, f"Chủ tịch HĐND {place}")
        if not small or i % 2 == 0:
            b.person(committee, RESPONDER, f"Chuyên viên UBND {place}")
    b.flush()

    b.delegates(current, city_rows)
    b.delegates(na_term, na_rows)

    return DemoCity(
        small=small,
        city_council=council,
        standing_committee=standing,
        committees=committees,
        delegate_groups=groups,
        na_delegation=na,
        secretariat=secretariat,
        secretariat_divisions=divisions,
        peoples_committee=ubnd,
        departments=departments,
        local_councils=local_councils,
        local_committees=local_committees,
        terms={PREVIOUS_TERM[0]: previous, CURRENT_TERM[0]: current},
        current_term=current,
        previous_term=previous,
        na_term=na_term,
        constituencies=constituencies,
        users=users,
        people=b.people,
    )


class DemoDataError(Exception):
    """A module's demo_data hook failed; nothing of this run was written."""


def load_demo_city(*, small: bool = False, with_modules: bool = True) -> DemoCity:
    """Build the demo city, then let every module add its demo data, in `demo_order`.

    Everything happens in one transaction. Each hook is called as `hook(city, small=...)` on
    every run, so it must be idempotent itself (look its rows up before creating them)."""
    with transaction.atomic():
        city = build_city(small=small)
        if with_modules:
            for manifest in sorted(registry.modules(), key=lambda m: (m.demo_order, m.key)):
                if manifest.demo_data:
                    try:
                        import_string(manifest.demo_data)(city, small=small)
                    except Exception as error:
                        raise DemoDataError(
                            f"demo data of module {manifest.key!r} ({manifest.demo_data}) failed: {error!r}"
                        ) from error
    return city
