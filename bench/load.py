"""Drive the production server configuration with concurrent keep-alive connections.

    .venv/bin/python -m bench.load [--path "/search/?q=dat+dai"] [--duration 20]
                                   [--connections 32] [--users 50] [--workers 2]

Starts granian (WSGI, DIEUHANH_PROFILE=production, DEBUG off, SECURE_SSL_REDIRECT=0)
against the benchmark database, signs N generated people in (a session row per person,
as a login would create), then for each path drives `--connections` concurrent
connections for `--duration` seconds and prints p50/p95/p99 latency and throughput,
followed by the trivial /healthz view as the ceiling.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .common import SECRET, bench_url, setup_django

ROOT = Path(__file__).resolve().parent.parent
RUN_DIR = ROOT / "var" / "bench" / "run"


@dataclass
class LoadResult:
    label: str
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000

    def line(self) -> str:
        return (
            f"{self.label:<40} {self.requests:>7} req  {self.throughput:>8.1f} req/s  "
            f"p50 {self.percentile(50):>7.1f} ms  p95 {self.percentile(95):>7.1f} ms  "
            f"p99 {self.percentile(99):>7.1f} ms  errors {self.errors}"
        )


def server_env(port: int) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": bench_url(),
        "DIEUHANH_PROFILE": "production",
        "DIEUHANH_VAR_DIR": str(RUN_DIR),
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DEBUG": "0",
        # Generated people have no second factor; enrolment is not what is measured here.
        "MFA_REQUIRED_FOR_STAFF": "0",
        "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
        "LOG_LEVEL": "ERROR",
    }


@contextmanager
def production_server(port: int, workers: int):
    env = server_env(port)
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "dieuhanh"), "collectstatic", "--noinput", "-v0"], env=env, check=True)
    process = subprocess.Popen(
        [sys.executable, "-m", "granian", "--interface", "wsgi", "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(workers), "--log-level", "warning",
         "dieuhanh.wsgi:application"],
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("granian did not start") from None
                time.sleep(0.3)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def sign_in(count: int, seed: int = 1) -> list[str]:
    """Session keys for `count` generated people (what a login stores, without the form)."""
    os.environ["DIEUHANH_VAR_DIR"] = str(RUN_DIR)
    os.environ["SECRET_KEY"] = SECRET
    setup_django(production=True)
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    users = list(get_user_model().objects.filter(username__startswith="bench", memberships__isnull=False)
                 .distinct().order_by("pk")[:5000])
    random.Random(seed).shuffle(users)
    keys = []
    for user in users[:count]:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session["dieuhanh:last-seen"] = int(time.time()) + 3600  # the run is shorter than the idle limit
        session.create()
        keys.append(session.session_key)
    return keys


async def _request(reader, writer, path: str, cookie: str) -> int:
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: sessionid={cookie}\r\n"
        f"X-Forwarded-Proto: https\r\nConnection: keep-alive\r\n\r\n".encode()
    )
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    headers = {}
    for line in head.split(b"\r\n")[1:]:
        if b":" in line:
            k, v = line.split(b":", 1)
            headers[k.strip().lower()] = v.strip()
    if b"content-length" in headers:
        await reader.readexactly(int(headers[b"content-length"]))
    elif headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def _drive(port: int, paths: list[str], cookies: list[str], connections: int, duration: float):
    latencies: list[float] = []
    errors = 0
    stop_at = time.monotonic() + duration

    async def connection(index: int):
        nonlocal errors
        rng = random.Random(index)
        reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=2**22)
        try:
            while time.monotonic() < stop_at:
                path, cookie = rng.choice(paths), rng.choice(cookies) if cookies else ""
                started = time.monotonic()
                try:
                    status = await _request(reader, writer, path, cookie)
                except (asyncio.IncompleteReadError, ConnectionError):
                    errors += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=2**22)
                    continue
                latencies.append(time.monotonic() - started)
                if status != 200:
                    errors += 1
        finally:
            writer.close()

    started = time.monotonic()
    await asyncio.gather(*(connection(i) for i in range(connections)))
    return latencies, errors, time.monotonic() - started


def drive(label: str, port: int, paths: list[str], cookies: list[str], *, connections: int, duration: float) -> LoadResult:
    # A short warm-up so that every worker has loaded its code and opened its connection.
    asyncio.run(_drive(port, paths, cookies, min(connections, 4), 2))
    latencies, errors, seconds = asyncio.run(_drive(port, paths, cookies, connections, duration))
    return LoadResult(label, len(latencies), errors, seconds, latencies)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(targets: list[tuple[str, list[str]]], *, users: int, connections: int, duration: float, workers: int) -> list[LoadResult]:
    cookies = sign_in(users)
    port = free_port()
    results = []
    with production_server(port, workers):
        for label, paths in targets:
            results.append(drive(label, port, paths, cookies, connections=connections, duration=duration))
            print(results[-1].line(), flush=True)
        results.append(drive("trivial view /healthz (ceiling)", port, ["/healthz"], [], connections=connections, duration=duration))
        print(results[-1].line(), flush=True)
    return results


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--path", action="append", help="URL path to load (repeatable; picked at random)")
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    paths = args.path or ["/search/?q=dat+dai"]
    run([(" ".join(paths)[:40], paths)], users=args.users, connections=args.connections,
        duration=args.duration, workers=args.workers)


if __name__ == "__main__":
    main()
