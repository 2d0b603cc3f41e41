"""Within one request the grants version is read from the shared cache once; a change of
grants during the request is still seen at once."""

from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from dieuhanh.platform.permissions import checks


def test_the_grants_version_is_read_once_per_request_and_a_bump_is_seen(monkeypatch):
    reads = []
    real_get = cache.get

    def counting_get(key, *args, **kwargs):
        if key == checks._VERSION_KEY:
            reads.append(key)
        return real_get(key, *args, **kwargs)

    checks.bump_grants_version()  # a version exists, as after the first request
    monkeypatch.setattr(cache, "get", counting_get)
    seen = []

    def view(request):
        seen.append(checks._grants_version())
        seen.append(checks._grants_version())
        checks.bump_grants_version()
        seen.append(checks._grants_version())
        seen.append(checks._grants_version())
        return HttpResponse()

    checks.RequestScopeMiddleware(view)(RequestFactory().get("/"))
    assert seen[0] == seen[1] != seen[2] == seen[3]
    assert len(reads) == 2  # once at the start, once after the bump
    # Outside a request nothing is remembered: every call asks the cache.
    checks._grants_version()
    checks._grants_version()
    assert len(reads) == 4
