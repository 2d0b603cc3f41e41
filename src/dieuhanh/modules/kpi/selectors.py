"""Every read the KPI screens need, scoped to what the person may see.

- A person sees their own evaluations and figures.
- Leaders (evaluate, approve) and those who compute (leaders, unit administrators) see the
  evaluations and figures of the units where they hold that role, and of the units below.
- Anything else answers 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, Q, QuerySet
from django.http import Http404

from dieuhanh.platform.orgs.models import Membership, OrgUnit
from dieuhanh.platform.permissions.checks import units_where
from dieuhanh.platform.permissions.roles import active_memberships_q, held_roles, is_system_admin

from . import catalogue
from .models import (
    ComputeRun,
    Evaluation,
    EvaluationState,
    MetricValue,
    Scheme,
    Subject,
)
from .module import APPROVE, COMPUTE, CONFIGURE, EVALUATE
from .periods import Period
from .services import may_compute, may_configure

MANAGER_ACTIONS = (EVALUATE, APPROVE, COMPUTE)


def _get(qs, pk):
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# --- scope -----------------------------------------------------------------------------------------
def managed_units(user) -> QuerySet[OrgUnit]:
    """Units (with subtrees) whose evaluations the person manages: evaluate, approve or compute."""
    if is_system_admin(user):
        return OrgUnit.objects.all()
    condition = Q(pk__in=[])
    for action in MANAGER_ACTIONS:
        condition |= Q(pk__in=units_where(user, action).values("pk"))
    return OrgUnit.objects.filter(condition)


def manages_unit(user, unit: OrgUnit) -> bool:
    return managed_units(user).filter(pk=unit.pk).exists()


def home_unit(user) -> OrgUnit | None:
    """The person's primary unit (else the first one they belong to)."""
    held = sorted(held_roles(user), key=lambda h: (not h.is_primary, h.unit_path))
    if not held:
        return None
    return OrgUnit.objects.filter(pk=held[0].unit_id).first()


def evaluations_visible(user) -> QuerySet[Evaluation]:
    qs = Evaluation.objects.all()
    if is_system_admin(user):
        return qs
    return qs.filter(Q(user=user) | Q(unit__in=managed_units(user)))


def evaluation_get(*, user, pk) -> Evaluation:
    qs = evaluations_visible(user).select_related("scheme", "unit", "unit__parent", "user", "band", "reviewer",
                                                  "approver")
    return _get(qs, pk)


def evaluation_scores(evaluation: Evaluation):
    return list(evaluation.scores.select_related("criterion", "metric_value").order_by("criterion__order", "criterion__pk"))


def evaluation_events(evaluation: Evaluation):
    return list(evaluation.events.select_related("actor").order_by("at", "pk"))


def my_evaluations(*, user) -> QuerySet[Evaluation]:
    return (Evaluation.objects.filter(user=user).select_related("scheme", "unit", "band")
            .order_by("-period_start", "scheme__name"))


def unit_evaluations(*, user, unit: OrgUnit, scheme: Scheme, period: Period, subtree: bool = True) -> QuerySet[Evaluation]:
    if not manages_unit(user, unit):
        raise Http404
    qs = Evaluation.objects.filter(scheme=scheme, period_kind=period.kind, period_start=period.start)
    qs = qs.filter(unit__path__startswith=unit.path) if subtree else qs.filter(unit=unit)
    return qs.select_related("user", "unit", "band")


@dataclass(frozen=True)
class UnitRank:
    unit: OrgUnit
    count: int
    average: float
    approved: int
    top: int


def unit_ranking(*, user, unit: OrgUnit, scheme: Scheme, period: Period) -> list[UnitRank]:
    """The units under `unit` (and itself) ranked by the average total of their evaluations."""
    evaluations = unit_evaluations(user=user, unit=unit, scheme=scheme, period=period)
    top = scheme.bands.order_by("-min_score").first()
    rows = (
        evaluations.order_by().values("unit_id")
        .annotate(count=Count("pk"), average=Avg("total"),
                  approved=Count("pk", filter=Q(state=EvaluationState.APPROVED)),
                  top=Count("pk", filter=Q(band=top)) if top else Count("pk", filter=Q(pk__in=[])))
    )
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=[r["unit_id"] for r in rows])}
    ranked = [UnitRank(units[r["unit_id"]], r["count"], float(r["average"] or 0), r["approved"], r["top"]) for r in rows]
    return sorted(ranked, key=lambda r: (-r.average, r.unit.name))


# --- figures ---------------------------------------------------------------------------------------
def _person_units(user_id: int) -> list[OrgUnit]:
    ids = Membership.objects.filter(active_memberships_q(), user_id=user_id).values_list("unit_id", flat=True)
    return list(OrgUnit.objects.filter(pk__in=list(ids)))


def may_see_subject(user, subject_kind: str, subject_id: int) -> bool:
    if is_system_admin(user):
        return True
    if subject_kind == Subject.PERSON:
        if user.pk == subject_id:
            return True
        units = _person_units(subject_id)
        managed = managed_units(user)
        return bool(units) and managed.filter(pk__in=[u.pk for u in units]).exists()
    return managed_units(user).filter(pk=subject_id).exists() or any(
        h.unit_id == subject_id for h in held_roles(user))


def figure_get(*, user, pk) -> MetricValue:
    value = _get(MetricValue.objects.all(), pk)
    if not may_see_subject(user, value.subject_kind, value.subject_id):
        raise Http404
    return value


def figure_items(value: MetricValue):
    metric = catalogue.metric(value.metric_key)
    if metric is None:
        return None, []
    period = Period(value.period_kind, value.period_start)
    return metric, catalogue.items_function(metric)(value.subject_id, period.start, period.end)


def subject_label(subject_kind: str, subject_id: int) -> str:
    if subject_kind == Subject.PERSON:
        person = get_user_model().objects.filter(pk=subject_id).first()
        return str(person) if person else str(subject_id)
    unit = OrgUnit.objects.filter(pk=subject_id).first()
    return str(unit) if unit else str(subject_id)


def latest_unit_figures(*, unit: OrgUnit, period_kind: str, limit: int = 3) -> list[MetricValue]:
    return list(MetricValue.objects.filter(subject_kind=Subject.UNIT, subject_id=unit.pk, period_kind=period_kind)
                .order_by("-period_start", "metric_key")[:limit])


# --- history ---------------------------------------------------------------------------------------
def person_get(*, user, pk):
    person = _get(get_user_model().objects.all(), pk)
    if not may_see_subject(user, Subject.PERSON, person.pk):
        raise Http404
    return person


def unit_get(*, user, pk) -> OrgUnit:
    unit = _get(OrgUnit.objects.select_related("parent"), pk)
    if not may_see_subject(user, Subject.UNIT, unit.pk):
        raise Http404
    return unit


def person_history(*, person, scheme: Scheme, periods: list[Period]) -> dict[Period, Evaluation]:
    rows = Evaluation.objects.filter(user=person, scheme=scheme, period_kind=scheme.period_kind,
                                     period_start__in=[p.start for p in periods]).select_related("band")
    return {Period(e.period_kind, e.period_start): e for e in rows}


def unit_history(*, unit: OrgUnit, scheme: Scheme, periods: list[Period]) -> dict[Period, float]:
    """Average total of the unit's evaluations (persons of a person scheme, the unit itself for
    a unit scheme) per period."""
    qs = Evaluation.objects.filter(scheme=scheme, period_kind=scheme.period_kind,
                                   period_start__in=[p.start for p in periods], unit=unit)
    rows = qs.order_by().values("period_start").annotate(average=Avg("total"))
    return {Period(scheme.period_kind, r["period_start"]): float(r["average"]) for r in rows}


def metric_history(*, subject_kind: str, subject_id: int, periods: list[Period]) -> dict[tuple[str, Period], MetricValue]:
    if not periods:
        return {}
    rows = MetricValue.objects.filter(subject_kind=subject_kind, subject_id=subject_id, period_kind=periods[0].kind,
                                      period_start__in=[p.start for p in periods])
    return {(v.metric_key, Period(v.period_kind, v.period_start)): v for v in rows}


# --- configuration and runs --------------------------------------------------------------------------
def schemes_visible(user) -> QuerySet[Scheme]:
    """Every person sees the schemes in force for everyone and those of their units."""
    if is_system_admin(user):
        return Scheme.objects.select_related("unit")
    condition = Q(unit__isnull=True)
    for action in (CONFIGURE, *MANAGER_ACTIONS):
        condition |= Q(unit__in=units_where(user, action))
    unit_ids = [h.unit_id for h in held_roles(user)]
    condition |= Q(unit_id__in=unit_ids)
    return Scheme.objects.filter(condition).select_related("unit")


def scheme_get(*, user, pk) -> Scheme:
    return _get(schemes_visible(user), pk)


def scheme_editable_get(*, user, pk) -> Scheme:
    scheme = scheme_get(user=user, pk=pk)
    if not may_configure(user, scheme):
        raise Http404
    return scheme


def schemes_for_use(user, *, subject: str | None = None) -> QuerySet[Scheme]:
    qs = schemes_visible(user).filter(active=True)
    if subject:
        qs = qs.filter(subject=subject)
    return qs.order_by("pk")


def configurable_units(user) -> QuerySet[OrgUnit]:
    return units_where(user, CONFIGURE)


def compute_units(user) -> QuerySet[OrgUnit]:
    return units_where(user, COMPUTE)


def run_get(*, user, pk) -> ComputeRun:
    run = _get(ComputeRun.objects.select_related("scheme", "unit", "requested_by"), pk)
    if not may_compute(user, run.unit):
        raise Http404
    return run


def runs_recent(*, user, limit: int = 10) -> list[ComputeRun]:
    qs = ComputeRun.objects.select_related("scheme", "unit")
    if not is_system_admin(user):
        qs = qs.filter(unit__in=compute_units(user))
    return list(qs.order_by("-created_at", "-pk")[:limit])


def run_unit_figures(run: ComputeRun) -> list[MetricValue]:
    if run.unit_id is None or run.scheme.subject != Subject.UNIT:
        return []
    return list(MetricValue.objects.filter(subject_kind=Subject.UNIT, subject_id=run.unit_id, period_kind=run.period_kind,
                                           period_start=run.period_start).order_by("metric_key"))
