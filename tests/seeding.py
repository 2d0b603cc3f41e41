"""Data that migrations seed, put back after a test flushes the tables.

A transactional test ends by flushing every table, which would leave later tests on the same
worker without it: every data migration that says `RESEED_AFTER_FLUSH = True` runs its
RunPython steps again.
"""


def reseed() -> None:
    import sys

    from django.apps import apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    loader = MigrationLoader(None, ignore_no_migrations=True)
    for _key, migration in sorted(loader.disk_migrations.items()):
        if getattr(sys.modules[migration.__module__], "RESEED_AFTER_FLUSH", False):
            for operation in migration.operations:
                if isinstance(operation, RunPython):
                    operation.code(apps, connection.schema_editor())


def ensure_seeded() -> None:
    from dieuhanh.platform.workcalendar.models import DeadlineRule

    if not DeadlineRule.objects.exists():
        reseed()
