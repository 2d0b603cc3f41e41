"""Latency of one search (top 20 ranked hits, total, facets) as the selector runs it.

    .venv/bin/python -m bench.search_latency [--repeat 10] [--users 30]

Runs every query of QUERIES for a sample of generated people, one after another against
the benchmark database, and prints p50/p95/p99 per query class and overall. This is the
database + Python cost of `search.query()`, without HTTP and without concurrency.
"""

from __future__ import annotations

import argparse
import random
import time

from .common import setup_django

# (class, query). "frequent" queries are made only of the most frequent words of the
# generated text; the count of matching entries is printed beside each.
QUERIES = [
    ("frequent", "cua"), ("frequent", "nhan dan"), ("frequent", "thanh pho"),
    ("frequent", "uy ban nhan dan"), ("frequent", "hoi dong nhan dan thanh pho"),
    ("frequent", "ve tai"), ("frequent", "va cac"),
    ("common", "dat dai"), ("common", "dong da"), ("common", "giai phong mat bang"),
    ("common", "khieu nai"), ("common", "ngap ung"),
    ("rare", "dai xuyen ngap ung"), ("rare", "don to cao dong son thue"),
    ("rare", "so 4711"), ("none", "khongcotu"),
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def measure(*, repeat: int, users: int, seed: int = 3, verbose: bool = True, only: str = "",
            count: bool = True) -> dict[str, list[float]]:
    setup_django()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from dieuhanh.platform.permissions.roles import forget_roles
    from dieuhanh.platform.search.selectors import search_query

    people = list(get_user_model().objects.filter(username__startswith="bench", memberships__isnull=False)
                  .distinct().order_by("pk")[:2000])
    people = random.Random(seed).sample(people, min(users, len(people)))
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_searchentry")
        size = cursor.fetchone()[0]
    if verbose:
        print(f"search entries: {size:,}; people sampled: {len(people)}; repeat: {repeat}")
    timings: dict[str, list[float]] = {}
    for person in people[:2]:  # warm the caches once
        for cls, q in QUERIES:
            if not only or only in cls or only in q:
                search_query(person, q)
    for cls, q in QUERIES:
        if only and only not in cls and only not in q:
            continue
        samples = []
        totals = []
        for _ in range(repeat):
            for person in people:
                forget_roles(person)
                started = time.perf_counter()
                results = search_query(person, q)
                samples.append(time.perf_counter() - started)
                totals.append(results.total)
        timings.setdefault(cls, []).extend(samples)
        timings.setdefault("all", []).extend(samples)
        if verbose and not count:
            print(f"  {cls:<9} {q!r:<32} p50 {percentile(samples, 50):6.1f} ms  p95 {percentile(samples, 95):6.1f} ms  "
                  f"p99 {percentile(samples, 99):6.1f} ms  max {max(samples) * 1000:6.1f} ms", flush=True)
        elif verbose:
            with connection.cursor() as cursor:
                from dieuhanh.platform.search.fold import query_terms

                cursor.execute("SELECT count(*) FROM search_searchentry WHERE document @@ to_tsquery('simple', %s)",
                               [" & ".join(query_terms(q))])
                matching = cursor.fetchone()[0]
            print(f"  {cls:<9} {q!r:<32} matches {matching:>9,} (any visibility)  "
                  f"p50 {percentile(samples, 50):6.1f} ms  p95 {percentile(samples, 95):6.1f} ms  "
                  f"p99 {percentile(samples, 99):6.1f} ms  max {max(samples) * 1000:6.1f} ms", flush=True)
    return timings


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--only", default="", help="only the queries whose class or text contains this")
    parser.add_argument("--no-count", action="store_true", help="do not count the matching rows")
    parser.add_argument("--single-query", action="store_true",
                        help="the single query of before (no date slices, every word asked of the GIN index)")
    args = parser.parse_args(argv)
    if args.single_query:
        setup_django()
        from dieuhanh.platform.search.backends import postgres

        postgres.plan = lambda criteria, stats: postgres.Plan()
    timings = measure(repeat=args.repeat, users=args.users, only=args.only, count=not args.no_count)
    print()
    for cls in ("frequent", "common", "rare", "none", "all"):
        values = timings.get(cls, [])
        if values:
            print(f"{cls:<9} n={len(values):>5}  p50 {percentile(values, 50):6.1f} ms  "
                  f"p95 {percentile(values, 95):6.1f} ms  p99 {percentile(values, 99):6.1f} ms")


if __name__ == "__main__":
    main()
