"""Tasks used by the jobs tests only."""

from datetime import timedelta

from django_tasks import task

from dieuhanh.platform.jobs.retry import retrying_task

CALLS: list[str] = []


@task()
def record(label: str = "tick") -> str:
    CALLS.append(label)
    return label


@retrying_task(max_attempts=3, backoff=timedelta(seconds=30), factor=2)
def always_fails(reason: str = "máy chủ thư không trả lời") -> None:
    CALLS.append("fail")
    raise ConnectionError(reason)


@task()
def fails_once_without_policy() -> None:
    raise RuntimeError("lỗi không thử lại")
