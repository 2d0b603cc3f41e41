"""Browser journeys: pytest-django's live server + Playwright driving Debian's Chromium.

Run with `DATABASE_URL=postgres://… pytest -m e2e tests/e2e` (make test-e2e). Fixtures:

- `browser`       one headless Chromium for the whole session;
- `new_context`   factory of isolated browser contexts (one per person in multi-user
                  journeys), with `base_url` set to the live server, Vietnamese locale;
- `page`          a page in a fresh context, for single-user journeys;
- `login(page, username, password, totp_secret=None)` fills the real login form (and the
                  second-factor form when a TOTP secret is given);
- `login_as(context, user)` skips the form: puts a logged-in session cookie in the context.

A failing test leaves a screenshot of every page it opened under var/e2e/.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test's thread; the ORM calls the test
# makes (factories, assertions) are still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "var" / "e2e"
DEFAULT_TIMEOUT_MS = 15_000


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so fixtures can tell whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def _playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
    browser = _playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def new_context(browser, live_server, transactional_db, request):
    """Factory: `new_context()` → a fresh browser context (own cookies) on the live server."""
    contexts = []

    def make(**options):
        options.setdefault("base_url", live_server.url)
        options.setdefault("locale", "vi-VN")
        options.setdefault("timezone_id", "Asia/Ho_Chi_Minh")
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make

    failed = any(
        getattr(getattr(request.node, f"rep_{when}", None), "failed", False)
        for when in ("setup", "call")
    )
    for n, context in enumerate(contexts):
        if failed:
            _screenshot(context, request.node.nodeid, n)
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


def _screenshot(context, nodeid: str, n: int) -> None:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", nodeid)[-150:]
    for m, page in enumerate(context.pages):
        try:
            page.screenshot(path=str(SCREENSHOT_DIR / f"{name}-{n}-{m}.png"), full_page=True)
        except Exception:  # noqa: BLE001 - a screenshot must never hide the real failure
            pass


def _wait_for_fresh_totp_window(period: int = 30, margin: float = 3.0) -> None:
    """allauth accepts only the current 30-second code: never type one about to expire."""
    left = period - (time.time() % period)
    if left < margin:
        time.sleep(left + 0.2)


def login(page, username: str, password: str, totp_secret: str | None = None) -> None:
    """Log in through the real forms. Stops on the page that follows (not re-checked here)."""
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập hoặc thư điện tử").fill(username)
    page.get_by_label("Mật khẩu", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập").click()
    if totp_secret is not None:
        from dieuhanh.platform.accounts.tests.factories import totp_code

        page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
        _wait_for_fresh_totp_window()
        page.get_by_label("Mã", exact=True).fill(totp_code(totp_secret))
        with page.expect_navigation():
            page.get_by_role("button", name="Xác nhận").click()


@pytest.fixture(name="login")
def login_fixture():
    return login


@pytest.fixture(name="login_as")
def login_as_fixture(live_server):
    """`login_as(context, user)`: a logged-in session cookie for `user`, without the form."""

    def _login_as(context, user):
        from django.conf import settings
        from django.test import Client

        client = Client()
        client.force_login(user)
        context.add_cookies([{
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server.url,
        }])

    return _login_as
