from django.conf import settings

from .navigation import navigation_for


def shell(request):
    """What the base layout needs: navigation from the manifests and the live socket address."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_entries": [], "websocket_url": ""}
    return {
        "nav_entries": navigation_for(request),
        "websocket_url": websocket_url(request),
    }


def websocket_url(request) -> str:
    if settings.DIEUHANH_WEBSOCKET_URL:
        return settings.DIEUHANH_WEBSOCKET_URL
    scheme = "wss" if request.is_secure() else "ws"
    host = request.get_host().rsplit(":", 1)[0]
    return f"{scheme}://{host}:{settings.DIEUHANH_WEBSOCKET_PORT}/ws/"
