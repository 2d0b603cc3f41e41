"""Seed the default rating schemes (NĐ 335/2025 individual monthly, Hanoi A/B/C/D, unit
quarterly). Their figures are marked «cần kiểm tra»; administrators edit them on screens."""

from django.db import migrations


def seed(apps, schema_editor):
    from dieuhanh.modules.kpi.defaults import seed as seed_schemes

    seed_schemes(apps.get_model("kpi", "Scheme"), apps.get_model("kpi", "Criterion"), apps.get_model("kpi", "Band"))


# Seeded again after a test flushes the tables (see the root conftest.py).
RESEED_AFTER_FLUSH = True


class Migration(migrations.Migration):
    dependencies = [("kpi", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
