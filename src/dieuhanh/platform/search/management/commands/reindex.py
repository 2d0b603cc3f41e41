"""dieuhanh reindex [--module X]: rebuild the search entries from the manifests' indexers."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.module_loading import import_string

from dieuhanh.platform import registry
from dieuhanh.platform.search.indexing import search_types
from dieuhanh.platform.search.models import SearchEntry
from dieuhanh.platform.search.services import entries_index

BATCH = 500


class Command(BaseCommand):
    help = "Xây dựng lại chỉ mục tìm kiếm từ khai báo SearchType.indexer của các phân hệ."

    def add_arguments(self, parser):
        parser.add_argument("--module", help="Chỉ phân hệ này (khóa phân hệ)")
        parser.add_argument("--no-progress", action="store_true", help="Không hiện thanh tiến độ")

    def handle(self, *args, module=None, no_progress=False, **options):
        if module is not None:
            try:
                registry.get(module)
            except KeyError:
                raise CommandError(f"Không có phân hệ “{module}”.") from None
        declared = [(key, st) for key, st in search_types(module) if st.indexer]
        if not declared:
            self.stdout.write("Không có loại tìm kiếm nào khai báo indexer.")
            return
        progress = not no_progress and sys.stdout.isatty()
        for module_key, search_type in declared:
            label = f"{module_key}.{search_type.key}"
            indexer = import_string(search_type.indexer)
            done, batch = 0, []
            started = time.monotonic()
            since = timezone.now()
            for entry in indexer(None):
                batch.append(entry)
                if len(batch) >= BATCH:
                    done += self._flush(batch)
                    if progress:
                        self._bar(label, done, started)
            done += self._flush(batch)
            # Every entry written above has a newer updated_at; the others are stale.
            _, per_model = SearchEntry.objects.filter(
                module=module_key, type=search_type.key, updated_at__lt=since
            ).delete()
            removed = per_model.get("search.SearchEntry", 0)
            if progress:
                self.stdout.write("")
            self.stdout.write(
                f"{label}: đã lập chỉ mục {done} mục, xóa {removed} bản ghi cũ "
                f"({time.monotonic() - started:.1f} giây)."
            )

    def _flush(self, batch) -> int:
        if not batch:
            return 0
        entries_index(entries=batch)
        n = len(batch)
        batch.clear()
        return n

    def _bar(self, label, done, started):
        rate = done / max(time.monotonic() - started, 1e-6)
        self.stdout.write(f"\r{label}: {done:>9,} mục · {rate:,.0f} mục/giây", ending="")
        self.stdout.flush()
