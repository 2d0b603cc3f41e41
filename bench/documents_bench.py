"""1,000,000 incoming documents: the register with two filters, p95 ≤ 100 ms; signing speed.

    .venv/bin/python -m bench.documents_bench [--documents 1000000] [--units 300]
                                              [--requests 200] [--skip-generate]

Database: $BENCH_DOCUMENTS_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/bench_documents),
created and migrated if missing. Its own generator (resumable: only what is missing is added):
`--units` divisions under one root, each with a clerk, and `--documents` incoming documents
written with COPY, spread over the units and the last three years, with arrival numbers per
unit and year, every urgency and state, issuers from a small list.

Then, in-process with Django's test client (the whole request: session, permissions, selector,
pagination with its COUNT, template), warm, `--requests` times each, as the clerk of one unit
(about documents/units rows in their register):
1. the register with two filters: year + urgency;
2. the register with two filters: state + date range;
3. the register with the issuer text filter and a year.
Finally the time to sign a 20-page PDF with a personal credential (PAdES, pyHanko).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import time

from .common import Progress, ensure_database, setup_django, stage_units

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_documents"
PREFIX = "docb"
ISSUERS = ["UBND thành phố Hà Nội", "Sở Tài chính", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Văn phòng Quốc hội",
           "Công an thành phố", "Sở Tài nguyên và Môi trường", "Ban Đô thị HĐND", "UBND phường Hoàn Kiếm"]
TOPICS = ["đất đai", "ngân sách", "kiến nghị cử tri", "giám sát", "y tế", "giáo dục", "môi trường", "giao thông"]


def _url() -> str:
    return os.environ.get("BENCH_DOCUMENTS_DATABASE_URL", DEFAULT_URL)


def stage_clerk(unit):
    from django.contrib.auth import get_user_model

    from dieuhanh.platform.orgs.models import Membership

    user, _ = get_user_model().objects.get_or_create(username=f"{PREFIX}-clerk-{unit.pk}", defaults={"full_name": "Văn thư đo"})
    Membership.objects.get_or_create(user=user, unit=unit, role="clerk", defaults={"is_primary": True})
    return user


def stage_documents(target: int, units) -> None:
    from django.db import connection

    from dieuhanh.modules.documents.models import DocumentType, IncomingDocument

    have = IncomingDocument.objects.filter(unit__in=units).count()
    if have >= target:
        print(f"documents: {have:,} already there")
        return
    types = list(DocumentType.objects.values_list("pk", flat=True))
    rng = random.Random(have)
    today = dt.date.today()
    years = [today.year - 2, today.year - 1, today.year]
    # Arrival numbers continue per unit and year.
    counters = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT unit_id, year, max(arrival_number) FROM documents_incomingdocument GROUP BY 1, 2")
        for unit_id, year, last in cursor.fetchall():
            counters[(unit_id, year)] = last
    progress = Progress("văn bản đến", target, have)
    columns = ("unit_id", "year", "arrival_number", "received_on", "issuer_name", "notation", "document_date",
               "doc_type_id", "summary", "urgency", "secrecy", "state", "note", "registered_at", "presented",
               "direction", "result", "recall_reason", "request_key", "search_text")
    urgencies = ["normal"] * 7 + ["urgent", "very_urgent", "flash"]
    states = ["completed"] * 5 + ["in_progress", "directed", "registered", "read_only", "forwarded"]
    batch = 50_000
    raw = connection.connection  # psycopg 3
    while have < target:
        n = min(batch, target - have)
        with raw.cursor() as cur, cur.copy(f"COPY documents_incomingdocument ({', '.join(columns)}) FROM STDIN") as copy:
            for _ in range(n):
                unit = units[rng.randrange(len(units))]
                year = rng.choice(years)
                day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365 if year < today.year else today.timetuple().tm_yday))
                key = (unit.pk, year)
                counters[key] = counters.get(key, 0) + 1
                issuer = rng.choice(ISSUERS)
                summary = f"Về việc {rng.choice(TOPICS)} và {rng.choice(TOPICS)} số {rng.randrange(10**6)}"
                notation = f"{rng.randrange(1, 999)}/UBND-KT"
                copy.write_row((
                    unit.pk, year, counters[key], day, issuer, notation, day - dt.timedelta(days=2), rng.choice(types),
                    summary, rng.choice(urgencies), "normal", rng.choice(states), "", dt.datetime.now(dt.UTC), True,
                    "", "", "", "", f"{issuer} {notation} {summary}",
                ))
        raw.commit()
        have += n
        progress.update(n)
    progress.close()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE documents_incomingdocument")


def measure(client, url: str, params: dict, requests: int) -> tuple[float, float, int]:
    for _ in range(5):
        client.get(url, params)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    rows = response.context["table"].count if response.context else -1
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], rows


def measure_queries(user, filters, requests: int) -> tuple[float, float]:
    """The database part alone: the register's COUNT and its first page, as the view runs them."""
    from dieuhanh.modules.documents import selectors

    times = []
    for i in range(requests + 5):
        started = time.perf_counter()
        qs = selectors.incoming_register(user, filters).order_by("-received_on", "-pk")
        qs.count()
        list(qs[:25])
        if i >= 5:
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def signing_speed() -> float:
    from dieuhanh.modules.documents.pdfgen import simple_pdf
    from dieuhanh.modules.documents.tests.factories import PASSPHRASE, fast_pkcs12
    from dieuhanh.platform import signing
    from dieuhanh.platform.signing.models import SigningCredential

    data = fast_pkcs12("Nguyễn Văn Đo", "Văn phòng đo hiệu năng", "personal")
    credential = SigningCredential.objects.filter(subject__contains="Nguyễn Văn Đo").first()
    if credential is None:
        from django.contrib.auth import get_user_model

        from dieuhanh.platform.signing.services import credential_import_pkcs12

        user, _ = get_user_model().objects.get_or_create(
            username=f"{PREFIX}-signer", defaults={"full_name": "Nguyễn Văn Đo"})
        get_user_model().objects.filter(pk=user.pk).update(is_superuser=True)  # may register credentials
        user.is_superuser = True
        credential = credential_import_pkcs12(by=user, owner_user=user, kind="personal", data=data, passphrase=PASSPHRASE)
    pdf = simple_pdf(["Nghi quyet do hieu nang ky so"], pages=20)
    signing.sign_pdf(pdf, credential=credential, secret=PASSPHRASE)  # warm
    times = []
    for _ in range(5):
        started = time.perf_counter()
        signing.sign_pdf(pdf, credential=credential, secret=PASSPHRASE)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--skip-generate", action="store_true")
    parser.add_argument("--only-signing", action="store_true")
    args = parser.parse_args()
    url = _url()
    ensure_database(url)
    setup_django(url)
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()  # responses carry their context (row counts)
    call_command("migrate", verbosity=0)
    if args.only_signing:
        print(f"signing a 20-page PDF (median of 5): {signing_speed() * 1000:.0f} ms")
        return
    _root, units = stage_units(prefix=PREFIX, office="Văn phòng đo hiệu năng văn bản", division="Phòng văn bản số", count=args.units)
    if not args.skip_generate:
        stage_documents(args.documents, units)
    unit = units[len(units) // 2]
    clerk = stage_clerk(unit)
    client = Client()
    client.force_login(clerk)
    url_list = reverse("documents:incoming_list")
    year = dt.date.today().year - 1
    cases = [
        ("năm + độ khẩn", {"unit": unit.pk, "year": year, "urgency": "urgent"}),
        ("trạng thái + khoảng ngày", {"unit": unit.pk, "state": "completed", "date_from": f"01/03/{year}", "date_to": f"30/09/{year}"}),
        ("cơ quan ban hành + năm", {"unit": unit.pk, "issuer": "Sở Y tế", "year": year}),
    ]
    print(f"register of {unit} ({args.requests} requests each, warm):")
    from dieuhanh.modules.documents import selectors

    filters = [
        selectors.RegisterFilters(unit=unit, year=year, urgency="urgent"),
        selectors.RegisterFilters(unit=unit, state="completed", date_from=dt.date(year, 3, 1), date_to=dt.date(year, 9, 30)),
        selectors.RegisterFilters(unit=unit, issuer="Sở Y tế", year=year),
    ]
    print(f"load average before: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPU)")
    for (label, params), f in zip(cases, filters, strict=True):
        median, p95, rows = measure(client, url_list, params, args.requests)
        q_median, q_p95 = measure_queries(clerk, f, args.requests)
        verdict = "ĐẠT" if p95 <= 100 else "CHƯA ĐẠT"
        print(f"  {label:<26} {rows:>6,} dòng  trang: median {median:6.1f} ms p95 {p95:6.1f} ms {verdict}"
              f"  | CSDL (COUNT + trang 1): median {q_median:5.1f} ms p95 {q_p95:5.1f} ms")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    print(f"signing a 20-page PDF (median of 5): {signing_speed() * 1000:.0f} ms")


if __name__ == "__main__":
    main()
