"""500,000 tasks: "my tasks" and a unit dashboard, p95 ≤ 100 ms.

    .venv/bin/python -m bench.tasks_bench [--tasks 500000] [--people 10000] [--units 300]
                                          [--requests 200] [--skip-generate]

Database: $BENCH_TASKS_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/bench_tasks),
created and migrated if missing. Its own generator (resumable: only what is missing is added):
`--units` divisions under one root, `--people` staff spread over them (the first person of each
unit is its leader), and `--tasks` tasks written with COPY: lead unit (a third also with a lead
person), assigned by the leader of another unit, due over the last twelve months and the next
two, in every state (done on time or late, open, awaiting confirmation, suspended, cancelled),
with their `TaskParty` rows (the "my tasks" lookup).

Then, in-process with Django's test client (the whole request: session, permissions, page),
warm, `--requests` times each:
1. "my tasks" (/tasks/) of a staff member: their unit's tasks, first page, sorted by due date;
2. the unit dashboard (/tasks/dashboard/?unit=…) of a unit's leader: counts by reported status,
   overdue rate now, by unit and month by month for twelve months;
3. for information, the same dashboard for the root unit (every task).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import time

from .common import Progress, ensure_database, setup_django, stage_units

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_tasks"
PREFIX = "taskb"


def _url() -> str:
    return os.environ.get("BENCH_TASKS_DATABASE_URL", DEFAULT_URL)


def stage_people(target: int, units) -> dict[int, list[int]]:
    """unit id → its people's ids (the first one is the unit's leader)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from dieuhanh.platform.orgs.models import Membership

    User = get_user_model()
    have = User.objects.filter(username__startswith=f"{PREFIX}.").count()
    progress = Progress("people", target, have)
    password = make_password(None)
    for start in range(have, target, 2000):
        end = min(target, start + 2000)
        with transaction.atomic():
            users = User.objects.bulk_create([
                User(username=f"{PREFIX}.{i:05d}", full_name=f"Cán bộ nhiệm vụ {i:05d}",
                     email=f"{PREFIX}.{i:05d}@bench.example", password=password)
                for i in range(start, end)
            ])
            Membership.objects.bulk_create([
                Membership(user=u, unit=units[i % len(units)], role="leader" if i < len(units) else "staff",
                           is_primary=True)
                for i, u in zip(range(start, end), users, strict=True)
            ], ignore_conflicts=True)
        progress.update(end - start)
    progress.close()
    people: dict[int, list[int]] = {u.pk: [] for u in units}
    rows = Membership.objects.filter(user__username__startswith=f"{PREFIX}.").order_by("user_id")
    for user_id, unit_id in rows.values_list("user_id", "unit_id"):
        people.setdefault(unit_id, []).append(user_id)
    return people


def _outcome(rng: random.Random, due: dt.date, today: dt.date):
    """(state, completed_on, progress) of a generated task."""
    r = rng.random()
    if r < 0.02:
        return ("cancelled" if r < 0.01 else "suspended"), None, rng.randint(0, 60)
    if due > today or r < 0.25:
        if r < 0.28:
            completed = min(today, due + dt.timedelta(days=rng.randint(-5, 5)))
            return "awaiting_confirmation", completed, 100
        return rng.choice(["assigned", "in_progress", "returned"]), None, rng.randint(0, 90)
    late = r > 0.8
    completed = due + dt.timedelta(days=rng.randint(1, 20) if late else -rng.randint(0, 15))
    return "done", min(completed, today), 100


def stage_tasks(target: int, units, people, rng: random.Random) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from dieuhanh.modules.tasks.models import Task, TaskParty

    have = Task.objects.filter(submission_key__startswith=f"{PREFIX}-").count()
    progress = Progress("tasks", target, have)
    if have >= target:
        progress.close()
        return
    today = timezone.localdate()
    task_fields = [f for f in Task._meta.concrete_fields]
    task_columns = ", ".join(connection.ops.quote_name(f.column) for f in task_fields)
    next_id = (Task.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    now = timezone.now()
    batch = 20_000
    for start in range(have, target, batch):
        end = min(target, start + batch)
        parties = []
        with transaction.atomic(), connection.cursor() as cursor:
            with cursor.connection.cursor().copy(f"COPY tasks_task ({task_columns}) FROM STDIN") as copy:
                for i in range(start, end):
                    pk = next_id + i - have
                    unit = units[rng.randrange(len(units))]
                    assigning = units[rng.randrange(len(units))]
                    members = people[unit.pk]
                    lead_user = rng.choice(members[1:] or members) if rng.random() < 0.33 else None
                    assigner = people[assigning.pk][0]
                    due = today + dt.timedelta(days=rng.randint(-365, 60))
                    assigned_on = due - dt.timedelta(days=rng.randint(5, 60))
                    state, completed, progress_pct = _outcome(rng, due, today)
                    values = {
                        "id": pk, "title": f"Nhiệm vụ đo hiệu năng số {i + 1}", "description": "",
                        "priority": "normal", "assigner": assigner, "assigner_unit": assigning.pk,
                        "lead_unit": unit.pk, "lead_user": lead_user, "parent": None, "supervision": None,
                        "source_type": None, "source_id": "", "source_title": "", "source_url": "",
                        "state": state, "assigned_on": min(assigned_on, today), "due_date": due,
                        "original_due_date": due, "due_rule": "", "completed_on": completed,
                        "confirmed_at": now if state == "done" else None, "progress": progress_pct,
                        "submission_key": f"{PREFIX}-{i}", "created_at": now, "updated_at": now,
                    }
                    copy.write_row([values[f.name] for f in task_fields])
                    parties.append((pk, f"o:{unit.pk}", "lead"))
                    if lead_user:
                        parties.append((pk, f"u:{lead_user}", "lead"))
                    parties.append((pk, f"u:{assigner}", "assigner"))
                    parties.append((pk, f"o:{assigning.pk}", "assigner"))
            with cursor.connection.cursor().copy(
                f"COPY {TaskParty._meta.db_table} (task_id, key, role) FROM STDIN"
            ) as copy:
                for row in parties:
                    copy.write_row(row)
        progress.update(end - start)
    progress.close()
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval(pg_get_serial_sequence('tasks_task', 'id'), (SELECT max(id) FROM tasks_task))")
        # Autocommit: VACUUM sets the visibility map, so the TaskParty lookup is index-only.
        cursor.execute("VACUUM ANALYZE tasks_task")
        cursor.execute(f"VACUUM ANALYZE {TaskParty._meta.db_table}")


def _pct(values, q: float) -> float:
    values = sorted(values)
    return values[max(int(len(values) * q + 0.5) - 1, 0)]


def measure(client, url: str, n: int) -> dict:
    """Wall time of the whole request; also the process's own CPU time (what the request costs
    when it does not wait for a CPU: this machine is shared) and the SQL (count and time)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(10):  # warm
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    wall, cpu, sql, queries = [], [], [], 0
    for _ in range(n):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200
        sql.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
        queries = len(captured)
    return {"p50": statistics.median(wall), "p95": _pct(wall, 0.95), "p99": _pct(wall, 0.99), "max": max(wall),
            "cpu50": statistics.median(cpu), "cpu95": _pct(cpu, 0.95), "sql50": statistics.median(sql),
            "sql95": _pct(sql, 0.95), "queries": queries, "n": n}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=500_000)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--skip-generate", action="store_true")
    args = parser.parse_args(argv)

    url = _url()
    ensure_database(url)
    setup_django(url)
    from django.conf import settings
    from django.core.management import call_command

    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS.append("testserver")
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model
    from django.test import Client

    from dieuhanh.modules.tasks.models import Task

    rng = random.Random(args.seed)
    root, units = stage_units(prefix=PREFIX, office="Văn phòng đo hiệu năng nhiệm vụ", division="Phòng nhiệm vụ số", count=args.units)
    people = stage_people(args.people, units)
    if not args.skip_generate:
        stage_tasks(args.tasks, units, people, rng)
    User = get_user_model()
    unit = units[len(units) // 2]
    staff = User.objects.get(pk=people[unit.pk][1])
    leader = User.objects.get(pk=people[unit.pk][0])
    admin, _ = User.objects.get_or_create(username=f"{PREFIX}.admin", defaults={"full_name": "Quản trị"})
    from dieuhanh.platform.orgs.models import Membership

    Membership.objects.get_or_create(user=admin, unit=root, role="leader")
    total = Task.objects.count()
    print(f"{total:,} tasks, {len(units)} units, unit measured: {unit.name} "
          f"({Task.objects.filter(lead_unit=unit).count():,} led by it)")

    results = {}
    client = Client()
    client.force_login(staff)
    results["my tasks (/tasks/)"] = measure(client, "/tasks/", args.requests)
    results["my tasks, overdue filter"] = measure(client, "/tasks/?status=overdue", args.requests)
    client.force_login(leader)
    results["unit dashboard"] = measure(client, f"/tasks/dashboard/?unit={unit.pk}", args.requests)
    client.force_login(admin)
    results["root dashboard (every task, info)"] = measure(client, f"/tasks/dashboard/?unit={root.pk}", 20)
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'page':<36} {'p50':>8} {'p95':>8} {'p99':>8} {'cpu p50':>8} {'cpu p95':>8} {'sql p50':>8} "
          f"{'sql p95':>8} queries   n")
    for name, r in results.items():
        print(f"{name:<36} {r['p50']:>6.1f}ms {r['p95']:>6.1f}ms {r['p99']:>6.1f}ms {r['cpu50']:>6.1f}ms "
              f"{r['cpu95']:>6.1f}ms {r['sql50']:>6.1f}ms {r['sql95']:>6.1f}ms {r['queries']:>7} {r['n']:>4}")
    ok = all(results[k]["p95"] <= 100 for k in ("my tasks (/tasks/)", "unit dashboard"))
    print("target (p95 ≤ 100 ms for my tasks and the unit dashboard):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
