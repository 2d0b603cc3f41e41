"""Test settings: the real settings, with the immediate task backend and a module that
exists only in the tests (it proves that adding an application touches nothing in the platform)."""

import os

os.environ.setdefault("DIEUHANH_TESTING", "1")
os.environ.setdefault("EMAIL_URL", "locmem://")

from dieuhanh.settings import *  # noqa: E402,F403
from dieuhanh.settings import INSTALLED_APPS  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS[:1], "tests.sample_module", *INSTALLED_APPS[1:]]
DIEUHANH_MFA_REQUIRED_FOR_STAFF = False

# Parallel test workers share one Redis server. cache.clear() flushes a whole Redis
# database, so each worker gets its own database number and its own channel prefix.
# DIEUHANH_TEST_REDIS_DB gives a run of its own database when several runs share the server.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "gw-1")
_redis_db = int(
    os.environ.get("DIEUHANH_TEST_REDIS_DB") or 2 + int(_worker.removeprefix("gw") or -1)
)  # main process: 1, gw0: 2, gw1: 3 …
if CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    _base = CACHES["default"]["LOCATION"].rsplit("/", 1)[0]  # noqa: F405
    CACHES["default"]["LOCATION"] = f"{_base}/{_redis_db}"  # noqa: F405
if "CONFIG" in CHANNEL_LAYERS["default"] and "PYTEST_XDIST_WORKER" in os.environ:  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] += f"-test-{_worker}"  # noqa: F405
elif "CONFIG" in CHANNEL_LAYERS["default"] and "DIEUHANH_TEST_REDIS_DB" in os.environ:  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] += f"-test-db{_redis_db}"  # noqa: F405
