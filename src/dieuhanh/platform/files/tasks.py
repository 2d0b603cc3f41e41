"""Background work of the files part (queue "default")."""

from __future__ import annotations

from datetime import timedelta

from dieuhanh.platform.jobs.retry import retrying_task


@retrying_task(max_attempts=3, backoff=timedelta(minutes=1), queue_name="files")
def extract_text(stored_file_id: int) -> str:
    """Fill in a stored file's text. Bad content does not raise (state "failed");
    only an infrastructure failure (database, storage) raises and is retried."""
    from .services import stored_file_extract_text

    stored = stored_file_extract_text(stored_file_id=stored_file_id)
    return stored.text_state if stored is not None else "missing"


@retrying_task(max_attempts=3, backoff=timedelta(minutes=5), queue_name="default")
def sweep() -> dict:
    """Daily: re-enqueue extractions stuck in "pending" (the process died between commit and
    enqueue) and delete stored bytes no row points to (a transaction that rolled back)."""
    from .services import files_sweep

    return files_sweep()
