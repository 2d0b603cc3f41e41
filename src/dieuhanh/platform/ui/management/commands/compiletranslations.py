"""Compile the .po catalogs to .mo with Babel, so no GNU gettext is needed to install."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Biên dịch các tệp bản dịch .po thành .mo"

    def handle(self, *args, **options):
        count = 0
        bases = [Path(p) for p in settings.LOCALE_PATHS]
        bases += [Path(c.path) / "locale" for c in apps.get_app_configs() if c.name.startswith("dieuhanh.")]
        for base in bases:
            for po_path in base.glob("*/LC_MESSAGES/*.po"):
                with po_path.open("rb") as po_file:
                    catalog = read_po(po_file)
                with po_path.with_suffix(".mo").open("wb") as mo_file:
                    write_mo(mo_file, catalog)
                count += 1
        self.stdout.write(f"{count} catalog(s) compiled")
