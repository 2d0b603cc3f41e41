"""Background work of the KPI module."""

from __future__ import annotations

from django_tasks import task


@task()
def compute_run_execute(run_id: int) -> None:
    """Recalculate a period's figures, recording progress on the ComputeRun row."""
    from .services import compute_run_execute_now

    compute_run_execute_now(run_id)
