"""pyHanko's synchronous API calls asyncio.run(), which fails in a thread whose event loop is
running (an async view, a Channels consumer, Playwright's sync API in the browser tests).
There, the call runs in a worker thread. Callers do every database read before: the worker
thread has its own database connection and would not see uncommitted rows."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def run_blocking(function: Callable[[], T]) -> T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="signing") as pool:
        return pool.submit(function).result()
