"""The widgets a person sees on the dashboard: declared by manifests, filtered by permission."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.module_loading import import_string

from dieuhanh.platform import registry
from dieuhanh.platform.permissions.checks import user_can


@dataclass
class RenderedWidget:
    key: str
    label: str
    html: str
    width: int


def widgets_for(request) -> list[RenderedWidget]:
    found = []
    for manifest in registry.modules():
        for widget in manifest.widgets:
            if widget.action and not user_can(request.user, widget.action):
                continue
            found.append((widget.order, manifest.order, widget))
    rendered = []
    for _, _, widget in sorted(found, key=lambda t: (t[0], t[1], t[2].key)):
        context = import_string(widget.context)(request)
        if context is None:
            continue
        html = render_to_string(widget.template, {**context, "widget": widget}, request=request)
        rendered.append(RenderedWidget(widget.key, str(widget.label), html, widget.width))
    return rendered
