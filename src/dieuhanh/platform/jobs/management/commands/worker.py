"""`dieuhanh worker`: the django-tasks-db worker plus the periodic scheduler, in one process.

Run as many as needed; tasks are claimed with SKIP LOCKED and each periodic due time is
enqueued once (see jobs/scheduler.py). `--batch` schedules once, runs every ready task and
exits (used by tests and cron-style deployments).
"""

from __future__ import annotations

import logging
import threading

from django.db import connections
from django_tasks_db.management.commands import db_worker

from dieuhanh.platform.jobs import scheduler

logger = logging.getLogger("dieuhanh.jobs")


class SchedulingWorker(db_worker.Worker):
    """The database worker, with a scheduler thread ticking beside its loop."""

    def __init__(self, *, schedule: bool, schedule_interval: float, **kwargs):
        super().__init__(**kwargs)
        self.schedule = schedule
        self.schedule_interval = schedule_interval
        self.stopped = threading.Event()

    def tick(self) -> None:
        try:
            runs = scheduler.tick(worker_id=self.worker_id)
            for run in runs:
                logger.info("Enqueued periodic job %s due %s", run.key, run.due_at)
        except Exception:
            logger.exception("Scheduler tick failed")
        finally:
            if threading.current_thread() is not threading.main_thread():
                connections.close_all()

    def _schedule_loop(self) -> None:
        while not self.stopped.is_set():
            self.tick()
            self.stopped.wait(self.schedule_interval)

    def run(self) -> None:
        if not self.schedule:
            return super().run()
        if self.batch:
            self.tick()
            return super().run()
        thread = threading.Thread(target=self._schedule_loop, name="dieuhanh-scheduler", daemon=True)
        thread.start()
        try:
            return super().run()
        finally:
            self.stopped.set()


class Command(db_worker.Command):
    help = "Chạy tác vụ nền và lịch định kỳ (một tiến trình; có thể chạy nhiều tiến trình song song)"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        # Every queue by default: email and search are queues of their own.
        parser.set_defaults(queue_name="*", reload=False)
        parser.add_argument("--no-scheduler", action="store_false", dest="schedule",
                            help="không đưa các tác vụ định kỳ vào hàng đợi")
        parser.add_argument("--schedule-interval", type=db_worker.valid_interval, default=30.0,
                            help="số giây giữa hai lần kiểm tra lịch định kỳ (mặc định 30)")

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay,
               max_tasks, worker_id, exclude_queues, schedule, schedule_interval, **options) -> None:
        self.configure_logging(verbosity)
        logger.setLevel(logging.INFO if verbosity else logging.WARNING)
        if verbosity and not logger.handlers:
            logger.addHandler(logging.StreamHandler(self.stdout))
            logger.propagate = False
        excluded = exclude_queues.split(",") if exclude_queues else []
        queue_names = queue_name.split(",")
        if excluded and "*" not in queue_names:
            raise db_worker.CommandError("--exclude-queues chỉ dùng cùng --queue-name=*")
        worker = SchedulingWorker(
            schedule=schedule,
            schedule_interval=schedule_interval,
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay and not batch,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        if not batch:
            worker.configure_signals()
        worker.run()
