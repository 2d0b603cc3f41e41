"""Nothing is lost or left behind: a stuck extraction is run again, bytes whose row rolled
back are removed once they are a day old, and bytes of real rows are never touched."""

import datetime as dt
import os

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from dieuhanh.platform import files
from dieuhanh.platform.files.models import StoredFile
from dieuhanh.platform.files.services import files_sweep

from . import factories as f

pytestmark = pytest.mark.django_db


def age(path: str, days: float) -> None:
    old = (timezone.now() - dt.timedelta(days=days)).timestamp()
    os.utime(default_storage.path(path), (old, old))


def test_a_rolled_back_upload_leaves_bytes_that_the_sweep_removes_a_day_later():
    with pytest.raises(RuntimeError), transaction.atomic():
        lost = files.store_bytes(f.pdf_bytes(), name="x.pdf")
        raise RuntimeError("the module's service failed after storing")
    assert not StoredFile.objects.exists() and default_storage.exists(lost.file.name)
    kept = files.store_bytes(f.pdf_bytes(), name="y.pdf")
    age(kept.file.name, 3)

    assert files_sweep()["orphans_removed"] == 0  # too young: its transaction may still be running
    age(lost.file.name, 2)
    assert files_sweep()["orphans_removed"] == 1
    assert not default_storage.exists(lost.file.name)
    assert default_storage.exists(kept.file.name)


def test_an_extraction_left_pending_is_run_again():
    stored = files.store_bytes(f.docx_bytes(), name="bao-cao.docx")  # on_commit never ran (no commit in the test)
    StoredFile.objects.filter(pk=stored.pk).update(created_at=timezone.now() - dt.timedelta(hours=2))
    fresh = files.store_bytes(f.docx_bytes(), name="moi.docx")
    assert files_sweep()["requeued"] == 1
    stored.refresh_from_db()
    fresh.refresh_from_db()
    assert stored.text_state == "done" and "Đống Đa" in stored.text
    assert fresh.text_state == "pending"


def test_the_sweep_is_a_declared_daily_job():
    from dieuhanh.platform.jobs.scheduler import periodic_jobs

    assert any(job.periodic.key == "files.sweep" for job in periodic_jobs())
    assert files.tasks.sweep.call() == {"requeued": 0, "orphans_removed": 0}
