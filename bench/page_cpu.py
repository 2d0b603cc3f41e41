"""CPU per request of a page, in process, under the production settings (noise-resistant).

    .venv/bin/python -m bench.page_cpu [--path /inbox/] [--requests 300] [--users 50] [--profile]

Wall-clock throughput on a shared machine depends on what the neighbours do; the CPU time
this process spends per request does not (much). The requests go through Django's WSGI
handler exactly as granian calls it (same settings as bench.load: DIEUHANH_PROFILE=production,
DEBUG off, REDIS_URL for cache and sessions, the bench database), signed in as N generated
people in turn. Printed per path: Python CPU ms per request (time.process_time), wall ms per
request (includes PostgreSQL and Redis round trips), and the ratio to /healthz.
`--profile` prints the cProfile top functions of the first path instead.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time

from .common import SECRET, bench_url
from .load import RUN_DIR, server_env


def _environ(path: str, cookie: str) -> dict:
    path_info, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_COOKIE": f"sessionid={cookie}" if cookie else "",
        "HTTP_X_FORWARDED_PROTO": "https",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def _call(app, path: str, cookie: str) -> tuple[int, int]:
    status_line = []

    def start_response(status, headers, exc_info=None):
        status_line.append(status)

    body = app(_environ(path, cookie), start_response)
    size = sum(len(chunk) for chunk in body)
    if hasattr(body, "close"):
        body.close()
    return int(status_line[0].split()[0]), size


def measure(app, path: str, cookies: list[str], requests: int) -> dict:
    return measure_many(app, [path], cookies, requests)[0]


def measure_many(app, paths: list[str], cookies: list[str], requests: int) -> list[dict]:
    """Requests to the paths in turn (so that all of them see the same neighbours' noise);
    /healthz is called without a cookie, as a probe is."""

    def cookie_for(path: str, i: int) -> str:
        return "" if path == "/healthz" or not cookies else cookies[i % len(cookies)]

    for i in range(min(20, requests)):  # warm-up: imports, template loading, connections
        for path in paths:
            _call(app, path, cookie_for(path, i))
    cpu = {p: [] for p in paths}
    wall = {p: [] for p in paths}
    sizes = {p: set() for p in paths}
    for i in range(requests):
        for path in paths:
            c0, w0 = time.process_time(), time.perf_counter()
            status, size = _call(app, path, cookie_for(path, i))
            cpu[path].append(time.process_time() - c0)
            wall[path].append(time.perf_counter() - w0)
            if status != 200:
                raise SystemExit(f"{path}: HTTP {status}")
            sizes[path].add(size)
    return [
        {
            "path": path,
            "cpu_ms": statistics.mean(cpu[path]) * 1000,
            "cpu_p50_ms": statistics.median(cpu[path]) * 1000,
            "wall_ms": statistics.mean(wall[path]) * 1000,
            "wall_p95_ms": sorted(wall[path])[int(0.95 * (len(wall[path]) - 1))] * 1000,
            "bytes": max(sizes[path]),
        }
        for path in paths
    ]


def setup(users: int) -> tuple[object, list[str]]:
    for key, value in server_env(0).items():
        os.environ[key] = value
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    os.environ["DIEUHANH_VAR_DIR"] = str(RUN_DIR)
    os.environ["SECRET_KEY"] = SECRET
    os.environ["DATABASE_URL"] = bench_url()
    from .load import sign_in

    cookies = sign_in(users) if users else []
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application(), cookies


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--path", action="append")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    paths = args.path or ["/inbox/"]
    app, cookies = setup(args.users)
    if args.profile:
        import cProfile
        import pstats

        measure(app, paths[0], cookies, 20)
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        measure(app, paths[0], cookies, args.requests)
        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(60)
        stats.sort_stats("tottime").print_stats(40)
        return
    rows = measure_many(app, [*paths, "/healthz"], cookies, args.requests)
    ceiling = rows[-1]
    load = os.getloadavg()
    print(f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
          f"{args.requests} requests per path, {len(cookies)} people")
    print("| path | CPU ms/req (mean) | CPU p50 | wall ms/req (mean) | wall p95 | bytes | CPU healthz/path (p50) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['path']} | {r['cpu_ms']:.2f} | {r['cpu_p50_ms']:.2f} | {r['wall_ms']:.2f} | "
              f"{r['wall_p95_ms']:.2f} | {r['bytes']} | {ceiling['cpu_p50_ms'] / r['cpu_p50_ms'] * 100:.1f} % |")


if __name__ == "__main__":
    main()
