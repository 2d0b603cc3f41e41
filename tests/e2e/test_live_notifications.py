"""Live notifications in a real browser: the page comes from the WSGI live server, the
socket from a real ASGI server (uvicorn) in another process; both share PostgreSQL and the
Redis channel layer, as in production.

1. A notification created by one person appears in another person's open page, without a
   reload: a toast, the bell's count and the notification centre's list.
2. The ASGI server dies and comes back; what was sent meanwhile appears after the page
   reconnects, in order, once.
3. Someone else's open page never shows it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.db import connection

from dieuhanh.platform import notifications
from dieuhanh.platform.orgs.tests.factories import person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
KIND = "sample.pinged"  # declared by tests/sample_module
TITLE = "Văn bản đến cần xử lý: Tờ trình số 15/TTr-UBND về đất đai"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the ASGI server stopped: {process.stderr.read().decode()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the ASGI server did not start in time")


def _database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


class AsgiServer:
    """uvicorn serving dieuhanh.asgi on a fixed port; can be killed and started again."""

    def __init__(self, env: dict[str, str]):
        self.port = _free_port()
        self.env = env
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "dieuhanh.asgi:application",
             "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        _wait_for_port(self.port, self.process)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def live_env(settings, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("browser journeys run against PostgreSQL (make test-e2e)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test are
    # still plain synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    prefix = f"e2e-{uuid.uuid4().hex[:8]}"
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [redis_url], "prefix": prefix},
        }
    }
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis_url,
        "CHANNEL_PREFIX": prefix,
        "CACHE_KEY_PREFIX": prefix,
    }
    server = AsgiServer(env)
    server.start()
    try:
        yield server
    finally:
        server.kill()


def _notify(**kwargs):
    """Call the service from a worker thread, as a page request or a task would: Playwright's
    sync API keeps an event loop running in the test's own thread."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    def call():
        try:
            return notifications.notify(**kwargs)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result(timeout=30)


def _page_for(new_context, login_as, user):
    context = new_context()
    login_as(context, user)
    page = context.new_page()
    page.goto("/notifications/")
    page.wait_for_selector("body[data-live='connected']", timeout=15000)
    return page


def test_live_notification_and_resume_after_the_socket_server_restarts(
    live_env, new_context, login_as, live_server, settings
):
    from playwright.sync_api import expect

    # The page is told to open its socket on the ASGI server, same host name as the page
    # so the session cookie goes along (cookies are per host, not per port).
    host = urlparse(live_server.url).hostname
    settings.DIEUHANH_WEBSOCKET_URL = f"ws://{host}:{live_env.port}/ws/"

    clerk = person("clerk", full_name="Nguyễn Thị Văn Thư")
    leader = person("leader", full_name="Trần Văn Lãnh Đạo")
    bystander = person("staff", full_name="Lê Văn Bên Cạnh")

    leader_page = _page_for(new_context, login_as, leader)
    bystander_page = _page_for(new_context, login_as, bystander)
    expect(leader_page.locator("[data-notification-list] [data-empty]")).to_be_visible()

    # 1. The clerk's action notifies the leader: it appears without a reload.
    _notify(
        recipients=[leader], kind=KIND, title=TITLE, body="Đề nghị cho ý kiến.",
        url="/sample/", actor=clerk,
    )
    expect(leader_page.locator(".toast", has_text=TITLE)).to_be_visible(timeout=10000)
    expect(leader_page.locator(".topbar-bell [data-live-count='notifications']")).to_have_text("1")
    expect(leader_page.locator("[data-notification-list] li[data-seq='1']")).to_contain_text(TITLE)
    assert leader_page.evaluate("sessionStorage.getItem('dieuhanh:last-seq')") == "1"

    # 2. The socket server dies; two notifications are sent while the page is offline.
    live_env.kill()
    leader_page.wait_for_selector("body[data-live='disconnected']", timeout=10000)
    _notify(recipients=[leader], kind=KIND, title="Lịch họp Thường trực HĐND tuần sau", actor=clerk)
    _notify(recipients=[leader], kind=KIND, title="Kiến nghị cử tri phường Ba Đình đã được trả lời", actor=clerk)
    time.sleep(0.5)
    assert leader_page.locator("[data-notification-list] li[data-seq='2']").count() == 0

    live_env.start()
    leader_page.wait_for_selector("body[data-live='connected']", timeout=30000)
    items = leader_page.locator("[data-notification-list] li[data-seq]")
    expect(items).to_have_count(3, timeout=10000)
    # Newest on top, each exactly once.
    assert items.evaluate_all("els => els.map(e => e.dataset.seq)") == ["3", "2", "1"]
    expect(items.nth(0)).to_contain_text("Kiến nghị cử tri phường Ba Đình đã được trả lời")
    expect(leader_page.locator(".topbar-bell [data-live-count='notifications']")).to_have_text("3")
    expect(leader_page.locator(".toast", has_text="Lịch họp Thường trực HĐND tuần sau")).to_be_visible()

    # The reconnect of a live page through the client API resumes cleanly too.
    bystander_page.wait_for_selector("body[data-live='connected']", timeout=30000)
    leader_page.evaluate("window.dieuhanh.reconnect()")
    leader_page.wait_for_selector("body[data-live='disconnected']", timeout=10000)
    leader_page.wait_for_selector("body[data-live='connected']", timeout=15000)
    _notify(recipients=[leader], kind=KIND, title="Sau khi kết nối lại", actor=clerk)
    expect(items).to_have_count(4, timeout=10000)
    expect(leader_page.locator(".topbar-bell [data-live-count='notifications']")).to_have_text("4")

    # 3. The bystander's open page never received any of it.
    assert bystander_page.locator(".toast").count() == 0
    expect(bystander_page.locator("[data-notification-list] [data-empty]")).to_be_visible()
    assert bystander_page.locator(".topbar-bell [data-live-count='notifications']").is_hidden()

    # After a reload the centre lists all four from the database, unread.
    leader_page.reload()
    expect(leader_page.locator(".notification-unread")).to_have_count(4)
