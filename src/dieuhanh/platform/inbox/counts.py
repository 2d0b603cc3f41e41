"""What the tab counts and the navigation badges are computed from, cached per assignee key.

Every page shows counts over the open items of a few assignee keys ("u:12", "o:7"); counting
them in PostgreSQL on every page is most of the inbox's database time. For each key the cache
holds a small summary instead: per module, how many open items have no due time and the
sorted due times of the others, and the close times of the items done recently. Any tab
count at any moment is then a few bisections (the time windows move, the summary does not).

Correctness, with several processes and concurrent writers:

- Each key has a version token in the cache (a fresh random value on every change, never a
  counter, so an evicted or flushed version cannot bring back an old summary). A summary is
  stored with the token read *before* the database was read, and used only while the token
  is still current.
- Writers (the inbox services and, for any other save or delete, the model signals) call
  `keys_changed()`. Inside a transaction the new token is set only after the commit (before
  it, other connections cannot see the change, so the cached summary is still right); the
  same transaction meanwhile bypasses the cache for those keys, so it reads its own writes.
  A rolled back change leaves nothing behind but a few uncached reads.
- A reader racing a writer can store a summary of the old rows, but under the old token,
  which the writer's commit has replaced: nobody uses it.
- Summaries also expire after SUMMARY_TTL, a bound for writes that bypass the ORM.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from bisect import bisect_left
from dataclasses import dataclass

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Q

from .models import WorkItem, WorkItemState

SUMMARY_TTL = 15 * 60
VERSION_TTL = 24 * 60 * 60
_VERSION = "inbox:v:"
_SUMMARY = "inbox:s:"
_DIRTY_ATTR = "_dieuhanh_inbox_dirty_keys"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICRO = dt.timedelta(microseconds=1)


def stamp(value: dt.datetime) -> int:
    """Exact microseconds since the epoch (floats would blur the window boundaries)."""
    return (value - _EPOCH) // _MICRO


@dataclass
class Summary:
    """One assignee key: open items per module, and items done since `done_floor`."""

    # module -> (open items without a due time, sorted due times of the others)
    open: dict[str, tuple[int, list[int]]]
    # module -> sorted close times of the items done at or after done_floor
    done: dict[str, list[int]]
    done_floor: int

    def open_count(self, module: str | None = None) -> dict[str, int]:
        return {
            m: undated + len(dues)
            for m, (undated, dues) in self.open.items()
            if module is None or m == module
        }


def _dirty(alias: str = DEFAULT_DB_ALIAS) -> set[str]:
    """The keys written by the transaction now open on this connection (empty outside one).

    Kept per outermost atomic block, so what a rolled back transaction wrote is forgotten
    with it."""
    conn = connections[alias]
    outer = conn.atomic_blocks[0] if conn.in_atomic_block and conn.atomic_blocks else None
    found = getattr(conn, _DIRTY_ATTR, None)
    if found is None or found[0] is not outer:
        found = (outer, set())
        setattr(conn, _DIRTY_ATTR, found)
    return found[1]


_generation = itertools.count()
_current = [0]


def generation() -> int:
    """Changes whenever this process writes work items: what a request kept on a user object
    (selectors) is then read again."""
    return _current[0]


def keys_changed(keys) -> None:
    """The open or recently done items of these assignee keys changed (or may have)."""
    keys = {k for k in keys if k}
    if not keys:
        return
    _current[0] = next(_generation) + 1
    conn = connections[DEFAULT_DB_ALIAS]
    if not conn.in_atomic_block:
        _new_versions(keys)
        return
    _dirty().update(keys)
    transaction.on_commit(lambda: _new_versions(keys))


def delegations_changed(to_user_ids) -> None:
    """The delegations received by these people changed (the same rules as keys_changed)."""
    keys_changed({_delegation_key(pk) for pk in to_user_ids if pk})


def _delegation_key(user_id: int) -> str:
    return f"d:{user_id}"


def cached_delegators(user_id: int, today, compute) -> list[int]:
    """Who delegated to this person today (ids), from the cache or `compute()`.

    Most people have no running delegation: the page then needs no query for it."""
    key = _delegation_key(user_id)
    if key in _dirty():
        return compute()
    try:
        found = cache.get_many([_VERSION + key, _SUMMARY + key])
    except Exception:
        return compute()
    version, stored = found.get(_VERSION + key), found.get(_SUMMARY + key)
    if version is not None and stored is not None and stored[0] == version and stored[1] == today:
        return stored[2]
    if version is None:
        token = uuid.uuid4().hex
        version = token if cache.add(_VERSION + key, token, VERSION_TTL) else None
    ids = compute()
    if version is not None:
        try:
            cache.set(_SUMMARY + key, (version, today, ids), SUMMARY_TTL)
        except Exception:
            pass
    return ids


def _new_versions(keys: set[str]) -> None:
    try:
        cache.set_many({_VERSION + k: uuid.uuid4().hex for k in keys}, VERSION_TTL)
    except Exception:  # the cache is down: summaries expire by themselves
        cache.delete_many([_SUMMARY + k for k in keys])


def _read_cached(keys: list[str]) -> tuple[dict[str, Summary], dict[str, str]]:
    """Current summaries, and the version token under which to store each missing one."""
    wanted = [name for k in keys for name in (_VERSION + k, _SUMMARY + k)]
    try:
        found = cache.get_many(wanted)
    except Exception:
        return {}, {}
    summaries, tokens, fresh = {}, {}, {}
    for k in keys:
        version = found.get(_VERSION + k)
        stored = found.get(_SUMMARY + k)
        if version is not None and stored is not None and stored[0] == version:
            summaries[k] = stored[1]
        elif version is not None:
            tokens[k] = version
        else:
            fresh[k] = uuid.uuid4().hex
    if fresh:
        # add(), not set(): a writer's token set meanwhile wins, and then our summary is unused.
        for k, token in fresh.items():
            if cache.add(_VERSION + k, token, VERSION_TTL):
                tokens[k] = token
    return summaries, tokens


def _compute(keys: list[str], done_floor: dt.datetime) -> dict[str, Summary]:
    """One query over the two partial indexes (open items; items done since the floor)."""
    open_rows: dict[str, dict[str, list]] = {k: {} for k in keys}
    done_rows: dict[str, dict[str, list[int]]] = {k: {} for k in keys}
    rows = WorkItem.objects.filter(
        Q(state=WorkItemState.OPEN) | Q(state=WorkItemState.DONE, closed_at__gte=done_floor),
        assignee_key__in=keys,
    ).values_list("assignee_key", "module", "state", "due_at", "closed_at")
    for key, module, state, due_at, closed_at in rows:
        if state == WorkItemState.OPEN:
            entry = open_rows[key].setdefault(module, [0, []])
            if due_at is None:
                entry[0] += 1
            else:
                entry[1].append(stamp(due_at))
        else:
            done_rows[key].setdefault(module, []).append(stamp(closed_at))
    floor = stamp(done_floor)
    return {
        k: Summary(
            open={m: (undated, sorted(dues)) for m, (undated, dues) in open_rows[k].items()},
            done={m: sorted(times) for m, times in done_rows[k].items()},
            done_floor=floor,
        )
        for k in keys
    }


def summaries(keys: list[str], *, done_since: dt.datetime) -> dict[str, Summary]:
    """The summary of every key, from the cache where it is current, else from the database.

    A summary read from the cache covers the items done since its floor; a caller asking
    about an earlier `done_since` (a date in the past, in tests) gets a computed one.
    """
    if not keys:
        return {}
    dirty = _dirty()
    cacheable = [k for k in keys if k not in dirty]
    found, tokens = _read_cached(cacheable)
    floor = stamp(done_since)
    found = {k: s for k, s in found.items() if s.done_floor <= floor}
    missing = [k for k in keys if k not in found]
    if missing:
        computed = _compute(missing, done_since)
        found.update(computed)
        to_store = {_SUMMARY + k: (tokens[k], computed[k]) for k in missing if k in tokens}
        if to_store:
            try:
                cache.set_many(to_store, SUMMARY_TTL)
            except Exception:
                pass
    return found


def open_counts(found: dict[str, Summary]) -> dict[str, int]:
    """Open items per module over these keys (each item has exactly one key: no overlap)."""
    totals: dict[str, int] = {}
    for summary in found.values():
        for module, n in summary.open_count().items():
            if n:
                totals[module] = totals.get(module, 0) + n
    return totals


def window_counts(
    found: dict[str, Summary],
    *,
    module: str | None,
    now: dt.datetime,
    tomorrow: dt.datetime,
    soon_end: dt.datetime,
    done_since: dt.datetime,
) -> dict[str, int]:
    """Items per tab: overdue (due < now), today ([now, tomorrow)), soon ([now, soon_end)),
    all open, done since `done_since` — the same conditions as selectors._view_q."""
    t_now, t_tomorrow, t_soon, t_done = stamp(now), stamp(tomorrow), stamp(soon_end), stamp(done_since)
    overdue = today = soon = total = done = 0
    for summary in found.values():
        for m, (undated, dues) in summary.open.items():
            if module is not None and m != module:
                continue
            total += undated + len(dues)
            i_now = bisect_left(dues, t_now)
            overdue += i_now
            today += max(bisect_left(dues, t_tomorrow) - i_now, 0)
            soon += max(bisect_left(dues, t_soon) - i_now, 0)
        for m, times in summary.done.items():
            if module is not None and m != module:
                continue
            done += len(times) - bisect_left(times, t_done)
    return {"overdue": overdue, "today": today, "soon": soon, "all": total, "done": done}
