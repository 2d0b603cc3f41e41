"""Shared helpers: point Django at the benchmark database, print progress."""

from __future__ import annotations

import os
import sys
import time
from urllib.parse import urlparse

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench"
SECRET = "bench-secret-key-not-for-production-0123456789-abcdefghijklmnopqrstuvwxyz"


def bench_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)


def ensure_database(url: str) -> None:
    """Create the benchmark database if it does not exist."""
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def setup_django(url: str | None = None, *, production: bool = False) -> None:
    url = url or bench_url()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dieuhanh.settings")
    if production:
        os.environ.setdefault("DIEUHANH_PROFILE", "production")
        os.environ.setdefault("SECRET_KEY", SECRET)
    import django

    django.setup()


class Progress:
    """A one-line progress bar on stderr: count/total, rate and time left."""

    def __init__(self, label: str, total: int, done: int = 0):
        self.label, self.total, self.start_done = label, total, done
        self.done = done
        self.started = time.monotonic()
        self.last = 0.0

    def update(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.last >= 0.5 or self.done >= self.total:
            self.last = now
            rate = (self.done - self.start_done) / max(now - self.started, 1e-6)
            left = (self.total - self.done) / rate if rate else 0
            width = 30
            filled = int(width * self.done / max(self.total, 1))
            sys.stderr.write(
                f"\r{self.label:<16} [{'#' * filled}{'.' * (width - filled)}] "
                f"{self.done:>9,}/{self.total:,}  {rate:>9,.0f}/s  còn {left:>5.0f}s "
            )
            sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")


def stage_units(*, prefix: str, office: str, division: str, count: int):
    """An office with `count` divisions under it (kept across runs): (office, divisions)."""
    from dieuhanh.platform.orgs.models import OrgUnit, OrgUnitKind

    root, _ = OrgUnit.objects.get_or_create(
        code=f"{prefix}-root",
        defaults={"name": office, "kind": OrgUnitKind.SECRETARIAT, "short_name": "VP"},
    )
    have = set(OrgUnit.objects.filter(parent=root).values_list("code", flat=True))
    for i in range(count):
        code = f"{prefix}-unit-{i:03d}"
        if code not in have:
            OrgUnit(
                code=code, name=f"{division} {i + 1}", short_name=f"P{i + 1}",
                kind=OrgUnitKind.DIVISION, parent=root,
            ).save()
    return root, list(OrgUnit.objects.filter(parent=root).order_by("code"))
