"""HTML of a validation report, for pages that show a signed document."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from .validation import ValidationReport


def render_report(report: ValidationReport, *, report_id: str = "title", request=None) -> SafeString:
    """The `signing/_report.html` include rendered for `report` (safe HTML).

    In a template, `{% include "signing/_report.html" with report=report %}` does the same."""
    return render_to_string("signing/_report.html", {"report": report, "report_id": report_id}, request=request)
