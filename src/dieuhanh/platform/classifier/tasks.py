"""Background training (django-tasks): runs asked for on the admin screen, and the daily job."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from dieuhanh.platform.jobs.retry import retrying_task


@task()
def run_training(run_id: int) -> str:
    """Carry out one queued TrainingRun; its row shows the progress on the admin screen."""
    from .services import training_run_execute

    run = training_run_execute(run_id=run_id)
    return run.status if run is not None else "missing"


@retrying_task(max_attempts=3, backoff=timedelta(minutes=10))
def retrain_changed() -> dict:
    """Daily: retrain every declared label set whose examples changed since its active version."""
    from .services import retrain_changed as retrain

    return retrain()
