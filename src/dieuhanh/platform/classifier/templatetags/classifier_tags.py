from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(value, digits=1):
    """0.8312 → "83,1 %" (the locale's decimal mark); None → "–"."""
    if value is None or value == "":
        return "–"
    try:
        return f"{number_format(float(value) * 100, int(digits))} %"
    except (TypeError, ValueError):
        return "–"
