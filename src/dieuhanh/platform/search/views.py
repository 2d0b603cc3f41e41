from __future__ import annotations

import calendar
import datetime as dt

from django.shortcuts import render

from dieuhanh.platform.permissions.access import AUTHENTICATED, access

from . import query
from .forms import SearchForm


@access(AUTHENTICATED)
def search(request):
    form = SearchForm(request.GET or None)
    results = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            results = query(
                request.user,
                data["q"],
                modules=data["module"],
                date_from=data["date_from"],
                date_to=data["date_to"],
                page=data["page"] or 1,
            )
        else:
            status = 400
    context = {
        "form": form,
        "results": results,
        "selected_modules": set(form.cleaned_data.get("module", [])) if form.is_bound and form.is_valid() else set(),
        "month_links": _month_links(results),
        "year_links": _year_links(results),
    }
    return render(request, "search/results.html", context, status=status)


MONTH_FACETS = 12  # the newest months are listed; older ones are reached through the years


def _year_links(results):
    return [
        {"facet": f, "date_from": f"01/01/{f.key}", "date_to": f"31/12/{f.key}"}
        for f in (results.years if results else [])
    ]


def _month_links(results):
    """The newest month facets as the date range each one filters on (dd/mm/yyyy)."""
    links = []
    for facet in (results.months if results else [])[:MONTH_FACETS]:
        year, month = (int(p) for p in facet.key.split("-"))
        last = calendar.monthrange(year, month)[1]
        links.append(
            {
                "facet": facet,
                "date_from": dt.date(year, month, 1).strftime("%d/%m/%Y"),
                "date_to": dt.date(year, month, last).strftime("%d/%m/%Y"),
            }
        )
    return links
