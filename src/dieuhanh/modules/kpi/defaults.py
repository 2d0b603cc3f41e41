"""The seeded rating schemes. Configuration, not code: administrators change them on screens.

The figures of Nghị định 335/2025/NĐ-CP and of Hanoi's monthly grading come from secondary
sources and are marked «cần kiểm tra» (verify) until checked against the official texts.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

VERIFY = "«cần kiểm tra»"
INBOX_METRIC = "kpi.inbox_on_time_person"
UNIT_INBOX_METRIC = "kpi.inbox_on_time_unit"

GENERAL = [
    ("Phẩm chất chính trị, đạo đức, lối sống", 10),
    ("Ý thức tổ chức kỷ luật, tác phong, lề lối làm việc", 10),
    ("Năng lực, tinh thần trách nhiệm, phối hợp trong công tác", 10),
]

SCHEMES = [
    {
        "code": "nd335-ca-nhan-thang",
        "name": "Đánh giá, xếp loại cá nhân hằng tháng (Nghị định 335/2025/NĐ-CP)",
        "subject": "person",
        "period_kind": "month",
        "effective_from": dt.date(2026, 1, 1),
        "legal_basis": f"Nghị định 335/2025/NĐ-CP, áp dụng từ 01/01/2026 {VERIFY}: phạm vi áp dụng đối với người "
                       "hoạt động HĐND, đại biểu dân cử cần kiểm tra.",
        "note": f"100 điểm = 30 điểm tiêu chí chung + 70 điểm kết quả thực hiện nhiệm vụ; ngưỡng 90/70/50 và tỷ lệ "
                f"tối đa 20% xếp loại xuất sắc {VERIFY}.",
        "cap": Decimal("20"),
        "criteria": [
            *[("general", name, points, "manual", "", "linear", []) for name, points in GENERAL],
            ("results", "Số lượng công việc hoàn thành", 20, "manual", "", "linear", []),
            ("results", "Chất lượng công việc", 20, "manual", "", "linear", []),
            ("results", "Tiến độ: việc được giao hoàn thành đúng hạn", 30, "computed", INBOX_METRIC, "linear", []),
        ],
        "bands": [
            ("xuat-sac", "Hoàn thành xuất sắc nhiệm vụ", 90),
            ("tot", "Hoàn thành tốt nhiệm vụ", 70),
            ("hoan-thanh", "Hoàn thành nhiệm vụ", 50),
            ("khong-hoan-thanh", "Không hoàn thành nhiệm vụ", 0),
        ],
    },
    {
        "code": "ha-noi-abcd-thang",
        "name": "Chấm điểm hằng tháng xếp loại A, B, C, D (Hà Nội)",
        "subject": "person",
        "period_kind": "month",
        "effective_from": dt.date(2026, 1, 1),
        "legal_basis": f"Quy định chấm điểm, xếp loại hằng tháng của thành phố Hà Nội {VERIFY}.",
        "note": f"Các mức A ≥ 90, B ≥ 70, C ≥ 50, D < 50 và tỷ lệ tối đa loại A 20% {VERIFY}.",
        "cap": Decimal("20"),
        "criteria": [
            *[("general", name, points, "manual", "", "linear", []) for name, points in GENERAL],
            ("results", "Khối lượng, chất lượng công việc", 40, "manual", "", "linear", []),
            ("results", "Tỷ lệ việc hoàn thành đúng hạn", 30, "computed", INBOX_METRIC, "thresholds",
             [[100, 30], [95, 27], [90, 24], [80, 18], [70, 12], [0, 0]]),
        ],
        "bands": [("a", "Loại A", 90), ("b", "Loại B", 70), ("c", "Loại C", 50), ("d", "Loại D", 0)],
    },
    {
        "code": "tap-the-quy",
        "name": "Đánh giá tập thể hằng quý",
        "subject": "unit",
        "period_kind": "quarter",
        "effective_from": dt.date(2026, 1, 1),
        "legal_basis": f"Nghị định 335/2025/NĐ-CP {VERIFY}.",
        "note": f"Cách chấm tập thể do đơn vị quy định {VERIFY}.",
        "cap": Decimal("20"),
        "criteria": [
            ("general", "Lãnh đạo, chỉ đạo, điều hành; chấp hành kỷ luật", 30, "manual", "", "linear", []),
            ("results", "Kết quả thực hiện chương trình, kế hoạch công tác", 40, "manual", "", "linear", []),
            ("results", "Việc giao cho đơn vị hoàn thành đúng hạn", 30, "computed", UNIT_INBOX_METRIC, "linear", []),
        ],
        "bands": [
            ("xuat-sac", "Hoàn thành xuất sắc nhiệm vụ", 90),
            ("tot", "Hoàn thành tốt nhiệm vụ", 70),
            ("hoan-thanh", "Hoàn thành nhiệm vụ", 50),
            ("khong-hoan-thanh", "Không hoàn thành nhiệm vụ", 0),
        ],
    },
]


def seed(Scheme, Criterion, Band) -> None:  # noqa: N803 - historical models in a migration
    """Create the default schemes that are missing (looked up by code; existing ones are kept
    as administrators edited them)."""
    for spec in SCHEMES:
        if Scheme.objects.filter(code=spec["code"]).exists():
            continue
        scheme = Scheme.objects.create(
            code=spec["code"], name=spec["name"], subject=spec["subject"], period_kind=spec["period_kind"],
            total_points=Decimal("100"), effective_from=spec["effective_from"], legal_basis=spec["legal_basis"],
            note=spec["note"], top_band_cap_percent=spec["cap"],
        )
        Criterion.objects.bulk_create([
            Criterion(scheme=scheme, group=group, name=name, max_points=Decimal(points), method=method,
                      metric_key=metric, mapping=mapping, thresholds=thresholds, order=i)
            for i, (group, name, points, method, metric, mapping, thresholds) in enumerate(spec["criteria"], 1)
        ])
        Band.objects.bulk_create([
            Band(scheme=scheme, code=code, label=label, min_score=Decimal(minimum))
            for code, label, minimum in spec["bands"]
        ])


def ensure_default_schemes() -> None:
    """Seed again when missing (a transactional test flushes the tables the migration filled)."""
    from .models import Band, Criterion, Scheme

    seed(Scheme, Criterion, Band)
