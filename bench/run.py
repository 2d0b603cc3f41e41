"""`make bench`: search latency at the generated size, then HTTP load on search, the inbox
and a trivial view, then one notification fanned out to 1,000 WebSockets, printed as one table.

    .venv/bin/python -m bench.generate        # once (resumable): 10k people, 1M items, 1M entries
    .venv/bin/python -m bench.run [--duration 20] [--connections 32]
"""

from __future__ import annotations

import argparse
from urllib.parse import quote_plus

from . import load, search_latency, ws_fanout

SEARCH_PATHS = [f"/search/?q={quote_plus(q)}" for q in
                ("dat dai", "nhan dan", "uy ban nhan dan", "dong da", "giai phong mat bang", "khieu nai")]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ws-clients", type=int, default=1000)
    parser.add_argument("--ws-rounds", type=int, default=10)
    parser.add_argument("--ws-workers", type=int, default=1)
    args = parser.parse_args(argv)

    print("== search.query() in process, one at a time ==")
    timings = search_latency.measure(repeat=args.repeat, users=20)
    print(f"\n== HTTP, granian WSGI x{args.workers}, {args.connections} connections, {args.duration:.0f}s each ==")
    results = load.run(
        [("search /search/?q=… (6 queries)", SEARCH_PATHS), ("inbox /inbox/", ["/inbox/"])],
        users=args.users, connections=args.connections, duration=args.duration, workers=args.workers,
    )
    print(f"\n== WebSocket fan-out: one notify() to {args.ws_clients} sockets, granian ASGI x{args.ws_workers} ==")
    fanout = ws_fanout.measure_in_fresh_process(clients=args.ws_clients, rounds=args.ws_rounds,
                                                workers=args.ws_workers, verbose=False)
    print(fanout.line())

    print("\n| measurement | n | req/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for cls in ("frequent", "common", "rare", "none", "all"):
        values = timings.get(cls)
        if values:
            p = search_latency.percentile
            print(f"| search.query(), {cls} words | {len(values)} | – | {p(values, 50):.1f} | "
                  f"{p(values, 95):.1f} | {p(values, 99):.1f} | – |")
    for r in results:
        print(f"| {r.label} | {r.requests} | {r.throughput:.1f} | {r.percentile(50):.1f} | "
              f"{r.percentile(95):.1f} | {r.percentile(99):.1f} | {r.errors} |")
    print(f"| WebSocket fan-out, commit → arrival ({fanout.connected} sockets, {fanout.label}; "
          f"errors = lost) | {len(fanout.latencies)} | – | {fanout.ms(50):.1f} | {fanout.ms(95):.1f} | "
          f"{fanout.ms(99):.1f} | {fanout.expected - len(fanout.latencies)} |")


if __name__ == "__main__":
    main()
