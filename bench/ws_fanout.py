"""One notification to 1,000 open WebSockets: time from the commit to each arrival.

    .venv/bin/python -m bench.ws_fanout [--clients 1000] [--per-user 1] [--rounds 10]
                                        [--workers 1 2] [--server granian|uvicorn]
                                        [--client-procs 2]

The production configuration for real: `dieuhanh.asgi:application` served by granian
(ASGI) in another process, DIEUHANH_PROFILE=production, REDIS_URL set (so the channel
layer is `channels_redis.pubsub.RedisPubSubChannelLayer`), the benchmark PostgreSQL
database. Generated people are signed in (a session row each, as a login stores);
client processes open `--clients` sockets to /ws/ with the session cookie and the page
origin, send `{"type": "resume", "after": 0}` and wait for the answer. Then, per round,
this process calls `notifications.notify(recipients=<everyone>, …)` in a transaction, as
an announcement would, and the after-commit delivery goes through the real channel layer.
Each client stamps `time.time()` when the event arrives; the latency is that minus the
moment the COMMIT returned (an on_commit hook registered before notify's own).

The only notification kind a manifest declares outside tests is the daily digest
(email by default); the benchmark people opt in to it on the web and out of email (a
preference row each, as the preferences page stores), so notify's real path is taken.
Everything the run creates (notifications, counters, preferences, sessions) is deleted
at the end. Redis: $BENCH_REDIS_URL (default redis://127.0.0.1:6379/0), with a channel
prefix of its own. $BENCH_ASGI_APP serves another ASGI callable (e.g. a wrapper that
times the consumer) instead of dieuhanh.asgi:application.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import resource
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .common import SECRET, bench_url

ROOT = Path(__file__).resolve().parent.parent
RUN_DIR = ROOT / "var" / "bench" / "run"
MARK = "Thông báo thử tải #"
KIND = "notifications.daily_digest"  # the only kind a (non-test) manifest declares


def raise_nofile(wanted: int = 20000) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# --- the clients (separate processes) -----------------------------------------------------


def client_main(conn, port: int, cookies: list[str], connect_concurrency: int) -> None:
    """A client process: open one socket per cookie, then answer the parent's commands."""
    raise_nofile()
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    asyncio.run(_client(conn, port, cookies, connect_concurrency))


async def _client(conn, port: int, cookies: list[str], connect_concurrency: int) -> None:
    from websockets.asyncio.client import connect

    loop = asyncio.get_running_loop()
    arrivals: dict[int, dict[int, float]] = {}  # round -> connection index -> time.time()
    done: dict[int, asyncio.Event] = {}
    sockets: dict[int, object] = {}
    closed: list[int] = []
    errors: list[str] = []
    gate = asyncio.Semaphore(connect_concurrency)
    uri = f"ws://127.0.0.1:{port}/ws/"
    origin = f"http://127.0.0.1:{port}"

    def event_for_round(r: int) -> asyncio.Event:
        return done.setdefault(r, asyncio.Event())

    async def reader(index: int, ws) -> None:
        try:
            async for raw in ws:
                now = time.time()
                event = json.loads(raw)  # the resume answer, count updates, notifications
                title = event.get("title") or ""
                if title.startswith(MARK):
                    r = int(title[len(MARK):])
                    got = arrivals.setdefault(r, {})
                    got.setdefault(index, now)
                    if len(got) >= len(sockets):
                        event_for_round(r).set()
        except Exception as exc:  # noqa: BLE001 — counted as a lost socket
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            closed.append(index)

    async def open_one(index: int, cookie: str) -> None:
        async with gate:
            try:
                ws = await connect(
                    uri, origin=origin, additional_headers={"Cookie": f"sessionid={cookie}"},
                    proxy=None, open_timeout=60, ping_interval=None, max_queue=None,
                )
                await ws.send(json.dumps({"type": "resume", "after": 0}))
                answer = json.loads(await asyncio.wait_for(ws.recv(), 60))
                if "resume_from" not in answer:
                    raise RuntimeError(f"unexpected answer {answer!r}")
            except Exception as exc:  # noqa: BLE001
                errors.append(f"connect: {type(exc).__name__}: {exc}")
                return
            sockets[index] = ws
            asyncio.ensure_future(reader(index, ws))

    started = time.monotonic()
    await asyncio.gather(*(open_one(i, c) for i, c in enumerate(cookies)))
    conn.send(("ready", len(sockets), time.monotonic() - started, errors[:5]))

    while True:
        command = await loop.run_in_executor(None, conn.recv)
        if command[0] == "round":
            _, r, deadline = command
            try:
                await asyncio.wait_for(event_for_round(r).wait(), max(0.0, deadline - time.time()))
            except TimeoutError:
                pass
            conn.send(("result", r, list(arrivals.get(r, {}).values()), len(sockets)))
        elif command[0] == "stop":
            await asyncio.gather(*(ws.close() for ws in sockets.values()), return_exceptions=True)
            conn.send(("bye", len(closed), errors[:5]))
            return


# --- the server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(redis_url: str, prefix: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": bench_url(),
        "DIEUHANH_PROFILE": "production",
        "DIEUHANH_VAR_DIR": str(RUN_DIR),
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DEBUG": "0",
        "REDIS_URL": redis_url,
        "CHANNEL_PREFIX": prefix,  # Redis pub/sub ignores the database number: keep apart
        "CACHE_KEY_PREFIX": prefix,
        "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
        "LOG_LEVEL": "ERROR",
    }


APP = os.environ.get("BENCH_ASGI_APP", "dieuhanh.asgi:application")  # a wrapper, to probe


def server_command(server: str, port: int, workers: int) -> list[str]:
    if server == "granian":
        return [sys.executable, "-m", "granian", "--interface", "asgi", "--host", "127.0.0.1",
                "--port", str(port), "--workers", str(workers), "--log-level", "warning",
                APP]
    return [sys.executable, "-m", "uvicorn", APP, "--host", "127.0.0.1",
            "--port", str(port), "--workers", str(workers), "--log-level", "warning"]


@contextmanager
def asgi_server(server: str, port: int, workers: int, env: dict):
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(server_command(server, port, workers), env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{server} did not start") from None
                time.sleep(0.3)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- the sender (this process) ------------------------------------------------------------


@dataclass
class Round:
    number: int
    expected: int
    latencies: list[float]  # seconds from the COMMIT to each arrival
    write_s: float  # notify() until the COMMIT (1,000 rows, counters, preferences)
    deliver_s: float  # the after-commit delivery in this process (count query + publish)
    load1: float
    committed: float = 0.0  # time.time() of the COMMIT

    @property
    def lost(self) -> int:
        return self.expected - len(self.latencies)


@dataclass
class FanoutResult:
    label: str
    clients: int
    users: int
    connected: int
    connect_s: float
    rounds: list[Round] = field(default_factory=list)
    first: Round | None = None  # the warm-up round after start, reported apart

    @property
    def latencies(self) -> list[float]:
        return [x for r in self.rounds for x in r.latencies]

    @property
    def expected(self) -> int:
        return sum(r.expected for r in self.rounds)

    def ms(self, p: float) -> float:
        return percentile(self.latencies, p) * 1000

    def line(self) -> str:
        lat = self.latencies
        deliver = [r.deliver_s * 1000 for r in self.rounds]
        write = [r.write_s * 1000 for r in self.rounds]
        loads = [r.load1 for r in self.rounds]
        return (
            f"{self.label}: {len(self.rounds)} rounds × {self.connected} sockets "
            f"({self.users} people): delivered {len(lat)}/{self.expected}, lost {self.expected - len(lat)}; "
            f"p50 {self.ms(50):.0f} ms  p95 {self.ms(95):.0f} ms  p99 {self.ms(99):.0f} ms  "
            f"max {max(lat, default=float('nan')) * 1000:.0f} ms; "
            f"notify() write {percentile(write, 50):.0f} ms, after-commit send "
            f"{percentile(deliver, 50):.0f} ms (medians); load avg {min(loads):.1f}–{max(loads):.1f}"
        )


def _prepare(users: int, seed: int) -> tuple[list[str], list[int], dict]:
    """Sign `users` people in, opt them in to the kind on the web; remember what to undo."""
    from . import load

    keys = load.sign_in(users, seed=seed)
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.models import Session

    from dieuhanh.platform.notifications.models import (
        EMAIL,
        WEB,
        NotificationCounter,
        NotificationPreference,
    )

    by_key = {s.session_key: int(s.get_decoded()[SESSION_KEY]) for s in Session.objects.filter(session_key__in=keys)}
    user_ids = [by_key[k] for k in keys]
    had_counter = set(NotificationCounter.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True))
    existing = set(NotificationPreference.objects.filter(user_id__in=user_ids, kind=KIND)
                   .values_list("user_id", "channel"))
    new = [NotificationPreference(user_id=uid, kind=KIND, channel=channel, enabled=on)
           for uid in user_ids for channel, on in ((WEB, True), (EMAIL, False))
           if (uid, channel) not in existing]
    NotificationPreference.objects.bulk_create(new)
    undo = {"sessions": keys, "had_counter": had_counter, "preferences": [(p.user_id, p.channel) for p in new]}
    return keys, user_ids, undo


def _cleanup(user_ids: list[int], undo: dict) -> None:
    from django.contrib.sessions.models import Session
    from django.db import transaction

    from dieuhanh.platform.notifications.models import (
        Notification,
        NotificationCounter,
        NotificationPreference,
    )

    with transaction.atomic():
        n = Notification.objects.filter(recipient_id__in=user_ids, kind=KIND, title__startswith=MARK).delete()[0]
        fresh = [uid for uid in user_ids if uid not in undo["had_counter"]]
        NotificationCounter.objects.filter(user_id__in=fresh).delete()
        for channel in {c for _, c in undo["preferences"]}:
            NotificationPreference.objects.filter(
                kind=KIND, channel=channel,
                user_id__in=[uid for uid, c in undo["preferences"] if c == channel],
            ).delete()
        Session.objects.filter(session_key__in=undo["sessions"]).delete()
    print(f"cleaned up: {n} notifications, {len(fresh)} counters, "
          f"{len(undo['preferences'])} preferences, {len(undo['sessions'])} sessions", file=sys.stderr)


def _one_round(number: int, user_ids: list[int], pipes, expected: int, timeout: float) -> Round:
    from django.db import transaction

    from dieuhanh.platform import notifications

    stamps: dict[str, float] = {}
    deadline = time.time() + timeout
    for pipe in pipes:
        pipe.send(("round", number, deadline))
    load1 = os.getloadavg()[0]
    started = time.time()
    with transaction.atomic():
        # Registered before notify's own hook, so it runs first: right after the COMMIT.
        transaction.on_commit(lambda: stamps.setdefault("commit", time.time()))
        notifications.notify(recipients=user_ids, kind=KIND, title=f"{MARK}{number}",
                             body="Thông báo chung gửi mọi người (đo thời gian).", url="/notifications/")
    delivered = time.time()
    committed = stamps["commit"]
    latencies = []
    for pipe in pipes:
        kind, r, arrivals, _ = pipe.recv()
        assert kind == "result" and r == number
        latencies += [a - committed for a in arrivals]
    return Round(number, expected, latencies, committed - started, delivered - committed, load1, committed)


def measure(*, clients: int = 1000, per_user: int = 1, rounds: int = 10, workers: int = 1,
            server: str = "granian", client_procs: int = 2, timeout: float = 10.0,
            pause: float = 1.0, seed: int = 7, verbose: bool = True) -> FanoutResult:
    raise_nofile()
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    prefix = f"benchws{os.getpid()}"
    env = server_env(redis_url, prefix)
    # This process sends: the same settings as the server (channel layer included).
    for name in ("REDIS_URL", "CHANNEL_PREFIX", "CACHE_KEY_PREFIX", "TASKS_BACKEND", "ALLOWED_HOSTS",
                 "DIEUHANH_PROFILE", "SECURE_SSL_REDIRECT", "LOG_LEVEL"):
        os.environ[name] = env[name]
    users = max(1, clients // per_user)
    keys, user_ids, undo = _prepare(users, seed)
    try:
        from django.conf import settings

        layer = settings.CHANNEL_LAYERS["default"]
        if not layer["BACKEND"].endswith("RedisPubSubChannelLayer") or layer["CONFIG"]["prefix"] != prefix:
            raise RuntimeError("Django was set up before this benchmark's settings: call "
                               "measure_in_fresh_process() (or run `python -m bench.ws_fanout`)")
        cookies = [keys[i % len(keys)] for i in range(clients)]
        port = free_port()
        label = f"{server} ASGI ×{workers}"
        with asgi_server(server, port, workers, env):
            ctx = multiprocessing.get_context("spawn")
            pipes, procs = [], []
            for i in range(client_procs):
                parent, child = ctx.Pipe()
                proc = ctx.Process(target=client_main, args=(child, port, cookies[i::client_procs], 50), daemon=True)
                proc.start()
                pipes.append(parent)
                procs.append(proc)
            try:
                ready = [pipe.recv() for pipe in pipes]
                connected = sum(r[1] for r in ready)
                connect_s = max(r[2] for r in ready)
                errors = [e for r in ready for e in r[3]]
                if verbose:
                    print(f"{label}: {connected}/{clients} sockets open in {connect_s:.1f}s"
                          + (f"; errors: {errors}" if errors else ""), file=sys.stderr, flush=True)
                result = FanoutResult(label, clients, users, connected, connect_s)
                time.sleep(pause)
                result.first = _one_round(0, user_ids, pipes, connected, timeout)
                for number in range(1, rounds + 1):
                    time.sleep(pause)
                    rnd = _one_round(number, user_ids, pipes, connected, timeout)
                    result.rounds.append(rnd)
                    if verbose:
                        print(f"  round {number}: {len(rnd.latencies)}/{rnd.expected} "
                              f"p50 {percentile(rnd.latencies, 50) * 1000:.0f} ms "
                              f"p99 {percentile(rnd.latencies, 99) * 1000:.0f} ms "
                              f"max {max(rnd.latencies, default=float('nan')) * 1000:.0f} ms  "
                              f"(commit at {rnd.committed:.3f}, write {rnd.write_s * 1000:.0f} ms, send {rnd.deliver_s * 1000:.0f} ms, "
                              f"load {rnd.load1:.2f})", file=sys.stderr, flush=True)
            finally:
                for pipe in pipes:
                    try:
                        pipe.send(("stop",))
                        pipe.recv()
                    except (OSError, EOFError):
                        pass
                for proc in procs:
                    proc.join(timeout=10)
                    if proc.is_alive():
                        proc.kill()
    finally:
        _cleanup(user_ids, undo)
    return result


def _measure_to_queue(queue, kwargs) -> None:
    try:
        queue.put(("ok", measure(**kwargs)))
    except BaseException as exc:  # noqa: BLE001 — handed to the parent
        queue.put(("error", repr(exc)))
        raise


def measure_in_fresh_process(**kwargs) -> FanoutResult:
    """`measure()` in a new interpreter, for callers that already set Django up (bench.run)."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    process = ctx.Process(target=_measure_to_queue, args=(queue, kwargs))
    process.start()
    status, value = queue.get()
    process.join()
    if status != "ok":
        raise RuntimeError(f"the WebSocket fan-out benchmark failed: {value}")
    return value


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--per-user", type=int, default=1, help="sockets per person (open tabs)")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--server", choices=["granian", "uvicorn"], default="granian")
    parser.add_argument("--client-procs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before an event counts as lost")
    args = parser.parse_args(argv)
    results = []
    for workers in args.workers:
        results.append(measure(clients=args.clients, per_user=args.per_user, rounds=args.rounds,
                               workers=workers, server=args.server, client_procs=args.client_procs,
                               timeout=args.timeout))
        print(results[-1].line(), flush=True)
    print("\n| server | sockets | people | rounds | delivered | lost | p50 ms | p95 ms | p99 ms | max ms | load avg |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        loads = [x.load1 for x in r.rounds]
        print(f"| {r.label} | {r.connected} | {r.users} | {len(r.rounds)} | {len(r.latencies)} | "
              f"{r.expected - len(r.latencies)} | {r.ms(50):.0f} | {r.ms(95):.0f} | {r.ms(99):.0f} | "
              f"{max(r.latencies, default=float('nan')) * 1000:.0f} | {min(loads):.1f}–{max(loads):.1f} |")


if __name__ == "__main__":
    main()
