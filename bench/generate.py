"""Build a city-scale data set on PostgreSQL (resumable; run again to continue).

    .venv/bin/python -m bench.generate [--people 10000] [--work-items 1000000]
                                       [--entries 1000000] [--seed 7]

Database: $BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/bench),
created and migrated if missing. Every stage counts what is already there and only adds
the rest, in committed batches, so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time

from .common import Progress, bench_url, ensure_database, setup_django

BATCH = 20_000
USER_PREFIX = "bench"
BENCH_PASSWORD = "BenchPass@2026"
MODULE_TYPES = [
    ("documents", "incoming", 30), ("documents", "outgoing", 15), ("tasks", "task", 15),
    ("petitions", "petition", 12), ("complaints", "complaint", 10), ("meetings", "session", 6),
    ("mail", "message", 8), ("portal", "article", 4),
]
START = dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
SPAN_SECONDS = int((dt.datetime(2026, 11, 20, tzinfo=dt.UTC) - START).total_seconds())


class TextMaker:
    """Titles and bodies with their folded copies, folded at C speed with one table
    built from search.fold.fold_char, so the result equals search.fold.fold_words."""

    def __init__(self, rng: random.Random):
        from dieuhanh.platform.search.fold import fold_char

        from . import vocab

        self.rng = rng
        self.v = vocab
        chars = set("".join(
            vocab.DOC_KINDS + vocab.TOPICS + vocab.PLACES + vocab.ISSUERS + vocab.SENTENCES
        )) | set("0123456789/-.,;:()–")
        self.table = str.maketrans({c: fold_char(c) for c in chars})
        import re

        self.word = re.compile(r"[^\W_]+")

    def fold_words(self, text: str) -> str:
        return " ".join(self.word.findall(text.translate(self.table)))

    def title(self, number: int) -> str:
        r, v = self.rng, self.v
        kind = r.choice(v.DOC_KINDS)
        return f"{kind} số {number % 9000 + 1}/{r.choice(['UBND', 'HĐND', 'TTHĐND', 'VP', 'QĐ-UBND'])} về {r.choice(v.TOPICS)} tại {r.choice(v.PLACES)}"

    def body(self) -> str:
        r, v = self.rng, self.v
        parts = []
        for _ in range(r.randint(3, 7)):
            parts.append(r.choice(v.SENTENCES).format(
                place=r.choice(v.PLACES), topic=r.choice(v.TOPICS), issuer=r.choice(v.ISSUERS)))
        return " ".join(parts)

    def person_name(self) -> str:
        r, v = self.rng, self.v
        return f"{r.choice(v.SURNAMES)} {r.choice(v.MIDDLE)} {r.choice(v.GIVEN)}"


def when(rng: random.Random) -> dt.datetime:
    # Newer dates a little more often, as in a live system.
    return START + dt.timedelta(seconds=int(SPAN_SECONDS * (rng.random() ** 0.7)))


def in_order(i: int, total: int, rng: random.Random) -> dt.datetime:
    """Entries are indexed as their objects are created, so row order follows the date
    (give or take a few days for re-indexed and back-dated objects)."""
    jitter = dt.timedelta(days=rng.uniform(-5, 5))
    return min(START + dt.timedelta(seconds=int(SPAN_SECONDS * i / total)) + jitter,
               START + dt.timedelta(seconds=SPAN_SECONDS))


def stage_city() -> None:
    from dieuhanh.platform.orgs.demo import load_demo_city
    from dieuhanh.platform.orgs.models import OrgUnit

    if OrgUnit.objects.exists():
        print(f"demo city: {OrgUnit.objects.count()} units already there")
        return
    started = time.monotonic()
    load_demo_city(small=False, with_modules=False)
    print(f"demo city: {OrgUnit.objects.count()} units ({time.monotonic() - started:.0f}s)")


def stage_people(target: int, rng: random.Random) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from dieuhanh.platform.orgs.models import Membership, OrgUnit
    from dieuhanh.platform.registry import CLERK, DELEGATE, LEADER, STAFF

    User = get_user_model()
    have = User.objects.filter(username__startswith=USER_PREFIX).count()
    progress = Progress("people", target, have)
    if have >= target:
        progress.close()
        return
    password = make_password(BENCH_PASSWORD)  # one hash for all: loading must not take hours
    units = list(OrgUnit.objects.values_list("pk", flat=True))
    text = TextMaker(rng)
    roles = [STAFF] * 6 + [DELEGATE] * 2 + [LEADER, CLERK]
    for start in range(have, target, 2000):
        end = min(target, start + 2000)
        with transaction.atomic():
            users = User.objects.bulk_create([
                User(username=f"{USER_PREFIX}{i:05d}", email=f"{USER_PREFIX}{i:05d}@hanoi.example",
                     full_name=text.person_name(), password=password)
                for i in range(start, end)
            ])
            memberships = []
            for user in users:
                for unit in rng.sample(units, 2 if rng.random() < 0.3 else 1):
                    memberships.append(Membership(user=user, unit_id=unit, role=rng.choice(roles),
                                                  is_primary=not memberships or memberships[-1].user is not user))
            Membership.objects.bulk_create(memberships, ignore_conflicts=True)
        progress.update(end - start)
    progress.close()


def stage_work_items(target: int, rng: random.Random) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    try:
        from dieuhanh.platform.inbox.models import WorkItem
    except ImportError:
        print("work items: platform.inbox.models.WorkItem not available, skipped")
        return
    from django.contrib.auth import get_user_model

    from dieuhanh.platform.orgs.models import OrgUnit

    have = WorkItem.objects.count()
    rng.seed(rng.random() + have)
    progress = Progress("work items", target, have)
    if have >= target:
        progress.close()
        return
    users = list(get_user_model().objects.filter(username__startswith=USER_PREFIX).values_list("pk", flat=True))
    units = list(OrgUnit.objects.values_list("pk", flat=True))
    content_type = ContentType.objects.get_for_model(OrgUnit).pk
    text = TextMaker(rng)
    fields = [f for f in WorkItem._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    urgencies = ["normal"] * 8 + ["urgent", "very_urgent"]
    for start in range(have, target, BATCH):
        end = min(target, start + BATCH)
        with transaction.atomic(), connection.cursor() as cursor:
            with cursor.connection.cursor().copy(f"COPY inbox_workitem ({columns}) FROM STDIN") as copy:
                for i in range(start, end):
                    module, type_key, _ = rng.choice(MODULE_TYPES)
                    opened = when(rng)
                    to_user = rng.random() < 0.6
                    assignee_user = rng.choice(users) if to_user else None
                    assignee_unit = None if to_user else rng.choice(units)
                    open_ = rng.random() < 0.15
                    values = {
                        "module": module, "content_type": content_type, "object_id": str(i + 1),
                        "purpose": f"bench-{i}", "url": f"/{module}/{i + 1}/", "title": text.title(i)[:500],
                        "assignee_user": assignee_user, "assignee_unit": assignee_unit,
                        "assignee_key": f"u:{assignee_user}" if to_user else f"o:{assignee_unit}",
                        "due_at": opened + dt.timedelta(days=rng.randint(3, 60)),
                        "urgency": rng.choice(urgencies), "state": "open" if open_ else "done",
                        "opened_at": opened, "closed_at": None if open_ else opened + dt.timedelta(days=rng.randint(1, 40)),
                        "closed_by": None, "deadline": None, "rule_text": "",
                    }
                    copy.write_row([values[f.name] if f.name in values else f.get_default() for f in fields])
        progress.update(end - start)
    progress.close()


def stage_entries(target: int, rng: random.Random) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.db.models import Max

    from dieuhanh.platform.orgs.models import OrgUnit
    from dieuhanh.platform.search.models import SearchEntry

    have = SearchEntry.objects.aggregate(m=Max("id"))["m"] or 0
    rng.seed(rng.random() + have)  # a resumed run continues with fresh text
    progress = Progress("search entries", target, have)
    if have >= target:
        progress.close()
        return
    users = list(get_user_model().objects.filter(username__startswith=USER_PREFIX).values_list("pk", flat=True))
    units = list(OrgUnit.objects.values_list("pk", flat=True))
    content_type = ContentType.objects.get_for_model(OrgUnit).pk
    text = TextMaker(rng)
    weights = [w for *_, w in MODULE_TYPES]
    bulk = target - have > 100_000
    if bulk:  # building the GIN index once is much faster than maintaining it row by row
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS search_entry_document")
    now = dt.datetime.now(dt.UTC)
    for start in range(have, target, BATCH):
        end = min(target, start + BATCH)
        grants_unit, grants_user = [], []
        with transaction.atomic(), connection.cursor() as cursor:
            raw = cursor.connection.cursor()
            with raw.copy(
                "COPY search_searchentry (id, module, type, content_type_id, object_id, url, title, body,"
                " date, title_folded, body_folded, is_public, updated_at) FROM STDIN"
            ) as copy:
                for i in range(start + 1, end + 1):
                    module, type_key, _ = rng.choices(MODULE_TYPES, weights)[0]
                    title, body = text.title(i), text.body()
                    roll = rng.random()
                    public = roll < 0.25
                    if 0.25 <= roll < 0.9:
                        for unit in rng.sample(units, 2 if rng.random() < 0.2 else 1):
                            grants_unit.append((i, unit))
                    elif roll >= 0.9:
                        for user in rng.sample(users, 2 if rng.random() < 0.3 else 1):
                            grants_user.append((i, user))
                    copy.write_row([
                        i, module, type_key, content_type, str(i), f"/{module}/{i}/", title, body,
                        in_order(i, target, rng), text.fold_words(title), text.fold_words(body), public, now,
                    ])
            with raw.copy("COPY search_searchentryunit (entry_id, unit_id) FROM STDIN") as copy:
                for row in grants_unit:
                    copy.write_row(row)
            with raw.copy("COPY search_searchentryuser (entry_id, user_id) FROM STDIN") as copy:
                for row in grants_user:
                    copy.write_row(row)
        progress.update(end - start)
    progress.close()
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval(pg_get_serial_sequence('search_searchentry', 'id'), (SELECT MAX(id) FROM search_searchentry))")
        if bulk:
            started = time.monotonic()
            print("building the GIN index…")
            cursor.execute("SET maintenance_work_mem = '1GB'")
            cursor.execute("CREATE INDEX IF NOT EXISTS search_entry_document ON search_searchentry USING gin (document)")
            print(f"GIN index built in {time.monotonic() - started:.0f}s")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--work-items", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    url = bench_url()
    ensure_database(url)
    setup_django(url)
    from django.core.management import call_command
    from django.db import connection

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    stage_city()
    # Each stage seeds from its own offset so a resumed run does not repeat a sequence.
    stage_people(args.people, random.Random(args.seed))
    stage_work_items(args.work_items, random.Random(args.seed * 1_000_003 + 1))
    stage_entries(args.entries, random.Random(args.seed * 1_000_003 + 2))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"done in {time.monotonic() - started:.0f}s")


if __name__ == "__main__":
    main()
