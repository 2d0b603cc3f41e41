"""Types of Nghị định 30/2020/NĐ-CP (Phụ lục III) and a few fields (lĩnh vực), as data."""

from django.db import migrations

# key, code, name, in the resolutions database
TYPES = [
    ("nghi-quyet", "NQ", "Nghị quyết", True),
    ("quyet-dinh", "QĐ", "Quyết định", True),
    ("chi-thi", "CT", "Chỉ thị", False),
    ("quy-che", "QC", "Quy chế", False),
    ("quy-dinh", "QyĐ", "Quy định", False),
    ("thong-cao", "TC", "Thông cáo", False),
    ("thong-bao", "TB", "Thông báo", False),
    ("huong-dan", "HD", "Hướng dẫn", False),
    ("chuong-trinh", "CTr", "Chương trình", False),
    ("ke-hoach", "KH", "Kế hoạch", True),
    ("phuong-an", "PA", "Phương án", False),
    ("de-an", "ĐA", "Đề án", False),
    ("du-an", "DA", "Dự án", False),
    ("bao-cao", "BC", "Báo cáo", True),
    ("bien-ban", "BB", "Biên bản", False),
    ("to-trinh", "TTr", "Tờ trình", False),
    ("hop-dong", "HĐ", "Hợp đồng", False),
    ("cong-dien", "CĐ", "Công điện", False),
    ("ban-ghi-nho", "BGN", "Bản ghi nhớ", False),
    ("ban-thoa-thuan", "BTT", "Bản thỏa thuận", False),
    ("giay-uy-quyen", "GUQ", "Giấy ủy quyền", False),
    ("giay-moi", "GM", "Giấy mời", False),
    ("giay-gioi-thieu", "GGT", "Giấy giới thiệu", False),
    ("giay-nghi-phep", "GNP", "Giấy nghỉ phép", False),
    ("phieu-gui", "PG", "Phiếu gửi", False),
    ("phieu-chuyen", "PC", "Phiếu chuyển", False),
    ("phieu-bao", "PB", "Phiếu báo", False),
    ("ban-sao-y", "SY", "Bản sao y", False),
    ("ban-sao-luc", "SL", "Bản sao lục", False),
    ("ban-trich-sao", "TrS", "Bản trích sao", False),
    ("cong-van", "", "Công văn", False),
]

FIELDS = [
    "Kinh tế – ngân sách", "Đô thị", "Văn hóa – xã hội", "Pháp chế", "Tài nguyên – môi trường",
    "Giáo dục – đào tạo", "Y tế", "Tổ chức bộ máy", "Quốc phòng – an ninh",
]


def seed(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    Field = apps.get_model("documents", "Field")
    for order, (key, code, name, in_records) in enumerate(TYPES):
        DocumentType.objects.get_or_create(
            key=key, defaults={"code": code, "name": name, "in_records": in_records, "sort_order": order}
        )
    for order, name in enumerate(FIELDS):
        Field.objects.get_or_create(name=name, defaults={"sort_order": order})


# Seeded again after a test flushes the tables (see the root conftest.py).
RESEED_AFTER_FLUSH = True


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
