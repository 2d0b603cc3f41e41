"""The authorization walk: every URL, opened by a visitor and by every demo role, must answer
what its declared rule says.

For each URL pattern of `dieuhanh.urls` (through every include):

* the view must declare a rule with `access(...)`; a pattern without one fails here;
* a pattern with parameters needs a sample in `<app>/tests/url_samples.py`:
  `SAMPLES = {"<namespace>:<name>": lambda user: {"pk": ...}}`. The sample is called with the
  person who opens the URL, so it can pick an object that person may see; the visitor who is
  not logged in opens the URL built for the system administrator (any existing object);
* allowed → 200, 201, 204, 301, 302, 303 or 405 (a POST-only view), and not a redirect to
  the login page. A PUBLIC view may send a visitor to the login page: the steps of a login
  (second factor, code) go back to its start when no login is under way;
* denied → the visitor is sent to the login page (or gets 403); a logged-in person gets 403
  or 404.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import resolve_url

from dieuhanh.platform.permissions.access import PUBLIC
from dieuhanh.platform.permissions.roles import forget_roles
from dieuhanh.platform.registry import ALL_ROLES, SYSTEM_ADMIN

from .walk import url_samples, walk

ALLOWED_STATUSES = {200, 201, 204, 301, 302, 303, 405}
DENIED_LOGGED_IN = {403, 404}

PATTERNS = list(walk())


def _ids(patterns) -> list[str]:
    seen: dict[str, int] = {}
    ids = []
    for p in patterns:
        label = p.label
        seen[label] = seen.get(label, 0) + 1
        ids.append(label if seen[label] == 1 else f"{label}#{seen[label]}")
    return ids


def _is_login_redirect(response) -> bool:
    if response.status_code not in (301, 302, 303):
        return False
    location = urlparse(response.headers.get("Location", "")).path
    return location == resolve_url(settings.LOGIN_URL)


def _verdict(response, *, allowed: bool, anonymous: bool, public: bool) -> str | None:
    """None when the answer agrees with the rule, else what is wrong (for the table)."""
    status = response.status_code
    if allowed:
        if status not in ALLOWED_STATUSES:
            return f"được phép nhưng nhận {status}"
        if _is_login_redirect(response) and not public:
            return "được phép nhưng bị chuyển tới trang đăng nhập"
        return None
    if anonymous:
        if _is_login_redirect(response) or status == 403:
            return None
        return f"khách bị cấm nhưng nhận {status} (cần chuyển tới đăng nhập hoặc 403)"
    if status in DENIED_LOGGED_IN:
        return None
    return f"bị cấm nhưng nhận {status} (cần 403 hoặc 404)"


def _table(rows: list[tuple[str, str, str, str]]) -> str:
    header = ("người dùng", "URL", "quy tắc", "sai lệch")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    line = lambda r: " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(r))  # noqa: E731
    return "\n".join([line(header), "-+-".join("-" * w for w in widths), *map(line, rows)])


def test_url_samples_are_declared_once():
    _samples, problems = url_samples()
    assert not problems, "\n".join(problems)


def test_the_walk_finds_the_platform_urls():
    """Guards the enumeration itself: includes, namespaces and allauth's nested patterns."""
    names = {p.name for p in PATTERNS}
    assert {"permissions:matrix", "audit:index", "dashboard:index", "account_login"} <= names
    assert any(p.has_parameters for p in PATTERNS)


@pytest.mark.parametrize("pattern", PATTERNS, ids=_ids(PATTERNS))
def test_url_answers_as_its_rule_says(pattern, client, walk_role_users):
    rule = pattern.rule
    assert rule is not None, (
        f"{pattern.label}: the view declares no rule; decorate it with "
        "dieuhanh.platform.permissions.access.access(...)"
    )
    samples, _problems = url_samples()
    sample = samples.get(pattern.name) if pattern.name else None
    if pattern.has_parameters and sample is None:
        pytest.fail(
            f"{pattern.label}: a URL with parameters needs an entry "
            f"{pattern.name!r} in SAMPLES of its app's tests/url_samples.py"
        )

    visitors = [("khách (chưa đăng nhập)", AnonymousUser())] + [
        (role, walk_role_users[role]) for role in ALL_ROLES
    ]
    mismatches: list[tuple[str, str, str, str]] = []
    for who, user in visitors:
        anonymous = not user.is_authenticated
        try:
            sample_user = walk_role_users[SYSTEM_ADMIN] if anonymous else user
            kwargs = sample(sample_user) if sample is not None else None
            url = pattern.url(kwargs)
        except Exception as exc:  # a broken sample is a finding, not a crash of the walk
            mismatches.append((who, pattern.label, rule.key, f"không dựng được URL: {exc!r}"))
            continue
        client.logout()
        if not anonymous:
            client.force_login(user)
            forget_roles(user)
        allowed = rule.allows(user)
        try:
            response = client.get(url)
        except Exception as exc:
            mismatches.append((who, url, rule.key, f"lỗi máy chủ: {type(exc).__name__}: {exc}"))
            continue
        problem = _verdict(response, allowed=allowed, anonymous=anonymous, public=rule is PUBLIC)
        if problem:
            mismatches.append((who, url, rule.key, problem))
    if mismatches:
        table = _table(mismatches)
        print(table)
        pytest.fail(f"{pattern.label}: the answers disagree with the rule\n{table}", pytrace=False)
