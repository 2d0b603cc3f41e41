"""Task results for tests and the URL walk, written straight into django_tasks_db's table."""

import datetime as dt

from django.utils import timezone


def failed_result(*, task_path="dieuhanh.platform.jobs.tests.sample_tasks.fails_once_without_policy",
                  args=None, kwargs=None, status="FAILED"):
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": args or [], "kwargs": kwargs or {}},
        task_path=task_path,
        backend_name="default",
        queue_name="default",
        run_after=now - dt.timedelta(minutes=5),
        started_at=now - dt.timedelta(minutes=1),
        finished_at=now,
        worker_ids=["w1"],
        exception_class_path="builtins.RuntimeError" if status == "FAILED" else "",
        traceback="Traceback (most recent call last):\nRuntimeError: lỗi không thử lại\n" if status == "FAILED" else "",
    )
