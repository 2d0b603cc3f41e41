"""Template tags of the shared UI components: `{% load ui %}`."""

from django import template

from .. import charts

register = template.Library()


@register.simple_tag
def bar_chart(labels, series, title, description="", label_header="", chart_id=None):
    """{% bar_chart labels series title=_("…") %} – `series` is a list of charts.Series."""
    return charts.bar_chart(labels, series, title=title, description=description,
                            label_header=label_header, chart_id=chart_id)


@register.simple_tag
def line_chart(labels, series, title, description="", label_header="", chart_id=None):
    return charts.line_chart(labels, series, title=title, description=description,
                             label_header=label_header, chart_id=chart_id)


@register.simple_tag
def table_url(table, **changes):
    """{% table_url table page=3 %}: the list's query string with parameters changed."""
    return table.url(**changes)


@register.simple_tag
def public_links():
    """The public pages modules declare (registry.public_links), with their URLs, for the
    public website's navigation."""
    from django.urls import NoReverseMatch, reverse

    from dieuhanh.platform.registry import public_links as declared

    links = []
    for link in declared():
        try:
            links.append({"label": link.label, "url": reverse(link.url_name)})
        except NoReverseMatch:
            continue
    return links
