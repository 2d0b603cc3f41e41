"""Computing a month's KPI for 10,000 people (target ≤ 60 s, with progress shown).

    .venv/bin/python -m bench.kpi_bench [--people 10000] [--items-per-person 20] [--units 100]
                                        [--period 2026-10] [--skip-round]

Database: $BENCH_KPI_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/bench_kpi), created
and migrated if missing; its own generator (resumable: only what is missing is added):
`--units` units under one root, `--people` staff spread over them, and for each person
`--items-per-person` inbox work items due in the measured month plus as many in the months
around it (done on time, done late, still open, cancelled), written with COPY.

Then, timed separately:
1. opening the month's evaluations in every unit (one per person, each with its inbox item
   and notification) — once a month, not part of the target;
2. `kpi_compute_period` for the whole tree: every person metric of every installed module
   for every person, bulk upserts, then the computed points of the 10,000 open evaluations —
   the target. Progress is printed as it goes (the same callback feeds the web page).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time

from .common import Progress, ensure_database, setup_django, stage_units

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_kpi"
PREFIX = "kpib"


def _url() -> str:
    return os.environ.get("BENCH_KPI_DATABASE_URL", DEFAULT_URL)


def stage_people(target: int, units, root) -> list[int]:
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
                User(username=f"{PREFIX}.{i:05d}", full_name=f"Cán bộ đo hiệu năng {i:05d}",
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
    admin, _ = User.objects.get_or_create(username=f"{PREFIX}.admin", defaults={
        "full_name": "Quản trị đo hiệu năng", "password": password})
    Membership.objects.get_or_create(user=admin, unit=root, role="system_admin")
    return list(User.objects.filter(username__startswith=f"{PREFIX}.").exclude(pk=admin.pk)
                .order_by("pk").values_list("pk", flat=True))


def stage_work_items(user_ids: list[int], per_person: int, month_start: dt.date, rng: random.Random) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone

    from dieuhanh.platform.inbox.models import WorkItem
    from dieuhanh.platform.orgs.models import OrgUnit

    target = len(user_ids) * per_person * 2  # half due in the month, half in the months around it
    have = WorkItem.objects.filter(purpose__startswith=f"{PREFIX}-").count()
    progress = Progress("work items", target, have)
    if have >= target:
        progress.close()
        return
    content_type = ContentType.objects.get_for_model(OrgUnit).pk
    fields = [f for f in WorkItem._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    tz = timezone.get_current_timezone()
    base = dt.datetime.combine(month_start, dt.time(8), tzinfo=tz)
    batch = 20_000
    for start in range(have, target, batch):
        end = min(target, start + batch)
        with transaction.atomic(), connection.cursor() as cursor:
            with cursor.connection.cursor().copy(f"COPY inbox_workitem ({columns}) FROM STDIN") as copy:
                for i in range(start, end):
                    user = user_ids[i % len(user_ids)]
                    in_month = i % 2 == 0
                    day = rng.randint(0, 29) if in_month else rng.choice([-40, -20, 35, 50]) + rng.randint(0, 9)
                    due = base + dt.timedelta(days=day, hours=rng.randint(0, 9))
                    outcome = rng.random()
                    state, closed = "done", due - dt.timedelta(hours=rng.randint(1, 72))
                    if outcome > 0.7:
                        closed = due + dt.timedelta(hours=rng.randint(1, 240))
                    if outcome > 0.9:
                        state, closed = "open", None
                    elif outcome > 0.87:
                        state = "cancelled"
                    values = {
                        "module": "kpi", "content_type": content_type, "object_id": str(i + 1),
                        "purpose": f"{PREFIX}-{i}", "url": f"/bench/{i + 1}/", "title": f"Việc đo hiệu năng số {i + 1}",
                        "assignee_user": user, "assignee_unit": None, "assignee_key": f"u:{user}",
                        "due_at": due, "urgency": "normal", "state": state,
                        "opened_at": due - dt.timedelta(days=15), "closed_at": closed,
                        "closed_by": None, "deadline": None, "rule_text": "",
                    }
                    copy.write_row([values[f.name] if f.name in values else f.get_default() for f in fields])
        progress.update(end - start)
    progress.close()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE inbox_workitem")


def bulk_evaluations(scheme, period, root) -> None:
    """An open (draft) evaluation with its score rows for every person still without one."""
    from django.db import transaction

    from dieuhanh.modules.kpi.models import Evaluation, Score
    from dieuhanh.platform.orgs.models import Membership

    have = set(Evaluation.objects.filter(scheme=scheme, period_kind=period.kind, period_start=period.start)
               .values_list("user_id", flat=True))
    rows = list(Membership.objects.filter(unit__parent=root).exclude(user_id__in=have)
                .values_list("user_id", "unit_id"))
    criteria = list(scheme.criteria.all())
    progress = Progress("evaluations", len(rows))
    for start in range(0, len(rows), 2000):
        chunk = rows[start:start + 2000]
        with transaction.atomic():
            made = Evaluation.objects.bulk_create([
                Evaluation(scheme=scheme, subject_kind="person", user_id=uid, unit_id=unit_id,
                           period_kind=period.kind, period_start=period.start) for uid, unit_id in chunk])
            Score.objects.bulk_create([Score(evaluation=e, criterion=c) for e in made for c in criteria])
        progress.update(len(chunk))
    progress.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--items-per-person", type=int, default=20)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--period", default="2026-10")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--skip-round", action="store_true", help="do not open evaluations (compute figures only)")
    parser.add_argument("--warm", action="store_true", help="keep last run's figures (measures a re-run)")
    parser.add_argument("--round-units", type=int, default=2, help="units opened through the service (timed)")
    args = parser.parse_args(argv)

    url = _url()
    ensure_database(url)
    setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    from dieuhanh.modules.kpi import services
    from dieuhanh.modules.kpi.defaults import ensure_default_schemes
    from dieuhanh.modules.kpi.models import Evaluation, Scheme
    from dieuhanh.modules.kpi.periods import Period

    rng = random.Random(args.seed)
    period = Period.from_key(args.period)
    root, units = stage_units(prefix=PREFIX, office="Văn phòng đo hiệu năng KPI", division="Phòng đo hiệu năng số", count=args.units)
    user_ids = stage_people(args.people, units, root)
    stage_work_items(user_ids, args.items_per_person, period.start, rng)
    ensure_default_schemes()
    scheme = Scheme.objects.get(code="nd335-ca-nhan-thang")
    admin = get_user_model().objects.get(username=f"{PREFIX}.admin")

    if not args.skip_round:
        # The service, as a leader uses it, on the first units (each evaluation gets its inbox item).
        started = time.monotonic()
        opened = 0
        fresh = [u for u in units if not Evaluation.objects.filter(
            scheme=scheme, period_kind=period.kind, period_start=period.start, unit=u).exists()]
        for unit in fresh[:args.round_units]:
            opened += len(services.evaluation_round_open(by=admin, scheme=scheme, period=period, unit=unit))
        seconds = time.monotonic() - started
        if opened:
            print(f"evaluation_round_open on {min(args.round_units, len(fresh))} units: {opened} evaluations in {seconds:.1f}s "
                  f"({1000 * seconds / opened:.0f} ms each, with inbox item and notification)")
        # The rest of the month's evaluations as bench data, so that the computation re-scores 10,000.
        bulk_evaluations(scheme, period, root)

    if not args.warm:
        # Cold: nothing of the month computed yet, so every figure and every score is written.
        from dieuhanh.modules.kpi.models import MetricValue, Score

        MetricValue.objects.filter(period_kind=period.kind, period_start=period.start).delete()
        Score.objects.filter(evaluation__scheme=scheme, evaluation__period_start=period.start).update(
            computed_points=None, metric_value=None)
        Evaluation.objects.filter(scheme=scheme, period_start=period.start).update(total=0, band=None)

    bar = {"p": None}

    def show(done: int, total: int) -> None:
        if bar["p"] is None:
            bar["p"] = Progress("compute", total)
        bar["p"].update(done - bar["p"].done)

    started = time.monotonic()
    summary = services.kpi_compute_period(by=None, scheme=scheme, period=period, unit=root, progress=show)
    elapsed = time.monotonic() - started
    if bar["p"] is not None:
        bar["p"].close()
    print(f"kpi_compute_period {period.label}: {summary.subjects:,} people × {summary.metrics} metrics = "
          f"{summary.values:,} figures, {summary.evaluations:,} evaluations re-scored, {elapsed:.1f}s "
          f"(target ≤ 60 s: {'OK' if elapsed <= 60 else 'MISSED'})")
    return 0 if elapsed <= 60 else 1


if __name__ == "__main__":
    sys.exit(main())
