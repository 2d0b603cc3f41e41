"""The KPI module's dashboard widget: my latest rating and my unit's on-time figures."""

from __future__ import annotations

from .models import Evaluation, PeriodKind
from .periods import Period
from .selectors import home_unit, latest_unit_figures


def mine(request) -> dict | None:
    user = request.user
    latest = (Evaluation.objects.filter(user=user).select_related("band", "scheme")
              .order_by("-period_start", "-pk").first())
    unit = home_unit(user)
    figures = latest_unit_figures(unit=unit, period_kind=PeriodKind.MONTH) if unit is not None else []
    for figure in figures:
        figure.period_label = Period(figure.period_kind, figure.period_start).label
    return {"latest": latest, "unit": unit, "unit_figures": figures}
