from django.conf import settings

from dieuhanh.platform.permissions.roles import held_roles

from .navigation import navigation_for


def shell(request):
    """What the base layout needs: navigation from the manifests and the live socket address."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_entries": [], "websocket_url": ""}
    return {
        "nav_entries": navigation_for(request),
        "primary_unit_name": primary_unit_name(user),
        "websocket_url": websocket_url(request),
    }


def primary_unit_name(user) -> str:
    """The unit shown beside the person's name, from the roles already loaded for the request."""
    held = sorted(held_roles(user), key=lambda h: (not h.is_primary, h.unit_path))
    return held[0].unit_name if held else ""


def websocket_url(request) -> str:
    if settings.DIEUHANH_WEBSOCKET_URL:
        return settings.DIEUHANH_WEBSOCKET_URL
    scheme = "wss" if request.is_secure() else "ws"
    host = request.get_host().rsplit(":", 1)[0]
    return f"{scheme}://{host}:{settings.DIEUHANH_WEBSOCKET_PORT}/ws/"
