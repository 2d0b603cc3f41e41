from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def search_url(context, **changes):
    """The current search's query string with some parameters replaced (None removes)."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    for key, value in changes.items():
        if key == "toggle_module":
            selected = params.getlist("module")
            params.setlist("module", [m for m in selected if m != value] if value in selected else [*selected, value])
        elif value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode()
