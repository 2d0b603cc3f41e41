"""Background tasks of the jobs part itself."""

from datetime import timedelta

from django.utils import timezone

from .retry import retrying_task

KEEP_SUCCESSFUL = timedelta(days=30)
KEEP_FAILED = timedelta(days=180)
KEEP_RUNS = timedelta(days=90)


@retrying_task(max_attempts=3, backoff=timedelta(minutes=5))
def prune_history() -> dict:
    """Forget old successful results and schedule bookkeeping; failures are kept longer."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from .models import ScheduledRun

    now = timezone.now()
    successful, _ = DBTaskResult.objects.filter(
        status=TaskResultStatus.SUCCESSFUL, finished_at__lt=now - KEEP_SUCCESSFUL
    ).delete()
    failed, _ = DBTaskResult.objects.filter(
        status=TaskResultStatus.FAILED, finished_at__lt=now - KEEP_FAILED
    ).delete()
    runs, _ = ScheduledRun.objects.filter(due_at__lt=now - KEEP_RUNS).delete()
    return {"successful": successful, "failed": failed, "runs": runs}
