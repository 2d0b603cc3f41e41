"""Measure the inbox queries on PostgreSQL with a million work items.

    DATABASE_URL=postgres://…/scratch dieuhanh inbox_bench --rows 1000000 --i-understand-this-adds-rows

Fills `inbox_workitem` with synthetic rows in one SQL statement (generate_series), runs
ANALYZE, then times the inbox page's queries for one person (own items, three units, one
delegator) and prints their plans. Use a scratch database only: the rows are not removed.
"""

import time

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from dieuhanh.platform.inbox.models import WorkItem
from dieuhanh.platform.inbox.selectors import VIEWS, _view_q, windows


class Command(BaseCommand):
    help = "Đo thời gian truy vấn hộp việc trên PostgreSQL với dữ liệu giả lập (chỉ dùng CSDL thử)"

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=1_000_000)
        parser.add_argument("--users", type=int, default=20_000)
        parser.add_argument("--units", type=int, default=3_000)
        parser.add_argument("--i-understand-this-adds-rows", action="store_true", dest="confirmed")

    def handle(self, *args, rows, users, units, confirmed, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Chỉ đo trên PostgreSQL.")
        if not confirmed:
            raise CommandError("Lệnh này thêm dữ liệu giả lập; thêm --i-understand-this-adds-rows.")
        from django.contrib.auth import get_user_model

        from dieuhanh.platform.orgs.models import OrgUnit

        User = get_user_model()
        started = time.perf_counter()
        User.objects.bulk_create(
            [
                User(username=f"bench-{i}", password="!", full_name=f"Bench {i}")
                for i in range(users)
            ],
            batch_size=5000,
            ignore_conflicts=True,
        )
        OrgUnit.objects.bulk_create(
            [
                OrgUnit(
                    name=f"Bench {i}", code=f"bench-{i}", kind="division", path=f"bench{i:06d}/"
                )
                for i in range(units)
            ],
            batch_size=5000,
            ignore_conflicts=True,
        )
        user_ids = list(
            User.objects.filter(username__startswith="bench-")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        unit_ids = list(
            OrgUnit.objects.filter(code__startswith="bench-")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        ct = ContentType.objects.get_for_model(OrgUnit)
        table = WorkItem._meta.db_table
        with connection.cursor() as cursor:
            # One in five open; 70 % personal, 30 % unit; due dates spread over ±60 days.
            cursor.execute("SELECT setseed(0.42)")
            cursor.execute(
                f"""
                INSERT INTO {table} (module, content_type_id, object_id, purpose, url, title,
                    assignee_user_id, assignee_unit_id, assignee_key, due_at, urgency, state,
                    opened_at, closed_at, rule_text)
                SELECT (ARRAY['documents','tasks','petitions','complaints','meetings'])[1 + floor(random() * 5)::int],
                       %s, r.g::text, '', '', 'Việc thử ' || r.g,
                       r.u, r.o, CASE WHEN r.u IS NOT NULL THEN 'u:' || r.u ELSE 'o:' || r.o END,
                       CASE WHEN random() < 0.08 THEN NULL
                            ELSE now() + (random() * 120 - 60) * interval '1 day' END,
                       'normal',
                       CASE WHEN r.open THEN 'open' ELSE 'done' END,
                       now() - interval '90 days',
                       CASE WHEN r.open THEN NULL ELSE now() - random() * 30 * interval '1 day' END,
                       ''
                FROM (SELECT g,
                             CASE WHEN p THEN (%s::bigint[])[1 + floor(random() * %s)::int] END AS u,
                             CASE WHEN NOT p THEN (%s::bigint[])[1 + floor(random() * %s)::int] END AS o,
                             open
                      FROM (SELECT g, random() < 0.7 AS p, random() < 0.2 AS open
                            FROM generate_series(1, %s) AS g) AS s) AS r
                """,
                [ct.pk, user_ids, len(user_ids), unit_ids, len(unit_ids), rows],
            )
            cursor.execute(f"ANALYZE {table}")
        self.stdout.write(f"inserted {rows} rows in {time.perf_counter() - started:.1f}s")
        # One person: their own items, three units, one delegator.
        keys = [
            f"u:{user_ids[7]}",
            f"o:{unit_ids[3]}",
            f"o:{unit_ids[13]}",
            f"o:{unit_ids[23]}",
            f"u:{user_ids[17]}",
        ]
        w = windows(timezone.now())
        base = WorkItem.objects.filter(assignee_key__in=keys)
        queries = {view: base.filter(_view_q(view, w)) for view in VIEWS}
        from django.db.models import Count, F

        ordered = {
            f"list {view}": (
                qs.order_by(F("due_at").asc(nulls_last=True), "opened_at", "pk")[:50]
                if view != "done"
                else qs.order_by("-closed_at", "-pk")[:50]
            )
            for view, qs in queries.items()
        }
        ordered["counts by module"] = (
            base.filter(state="open").values("module").annotate(n=Count("pk")).order_by()
        )
        for label, qs in ordered.items():
            sql, params = qs.query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
                plan = [row[0] for row in cursor.fetchall()]
            self.stdout.write(f"\n== {label}: {plan[-1]}")
            self.stdout.write("\n".join(plan[:8]))
