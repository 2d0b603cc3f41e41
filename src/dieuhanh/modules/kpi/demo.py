"""Demo data: the seeded schemes, last month's figures, and evaluations in every state.

Idempotent: schemes by code, evaluations by (scheme, period, person); a step already taken
is not taken again.
"""

from __future__ import annotations

from django.utils import timezone

from dieuhanh.platform.registry import LEADER, STAFF, SYSTEM_ADMIN, UNIT_ADMIN

from . import services
from .defaults import ensure_default_schemes
from .models import ComputeRun, Evaluation, EvaluationState, RunState, Scheme
from .periods import Period

DEMO_SCHEME = "nd335-ca-nhan-thang"
UNIT_SCHEME = "tap-the-quy"


def demo_period() -> Period:
    return Period.containing("month", timezone.localdate()).previous()


def _manual_points(evaluation: Evaluation, share: float) -> dict[int, str]:
    return {c.pk: f"{float(c.max_points) * share:.1f}" for c in evaluation.scheme.criteria.all() if not c.is_computed}


def load_demo(city, *, small: bool) -> None:
    ensure_default_schemes()
    admin = city.users[SYSTEM_ADMIN]
    leader = city.users[LEADER]
    scheme = Scheme.objects.get(code=DEMO_SCHEME)
    period = demo_period()
    services.kpi_compute_period(by=admin, scheme=scheme, period=period)
    if not ComputeRun.objects.filter(scheme=scheme, unit=city.secretariat).exists():
        now = timezone.now()
        ComputeRun.objects.create(scheme=scheme, period_kind=period.kind, period_start=period.start,
                                  unit=city.secretariat, state=RunState.DONE, requested_by=leader,
                                  started_at=now, finished_at=now, heartbeat_at=now)
    for unit in (city.secretariat, city.departments["so-tnmt"], city.city_council):
        services.evaluation_round_open(by=admin, scheme=scheme, period=period, unit=unit)
    unit_scheme = Scheme.objects.get(code=UNIT_SCHEME)
    services.evaluation_round_open(by=admin, scheme=unit_scheme, period=Period.containing(
        unit_scheme.period_kind, timezone.localdate()), unit=city.secretariat)
    # The unit administrator's own copy of the scheme, for the configuration screens.
    services.scheme_copy(by=city.users[UNIT_ADMIN], scheme=scheme, unit=city.secretariat)

    staff = city.users[STAFF]
    secretariat = Evaluation.objects.filter(scheme=scheme, period_kind=period.kind, period_start=period.start,
                                            unit=city.secretariat).select_related("scheme", "user")
    others = [e for e in secretariat.order_by("pk") if e.user_id not in (staff.pk, leader.pk, admin.pk)]
    mine = secretariat.filter(user=staff).first()
    if mine and mine.state == EvaluationState.DRAFT:  # waiting for the leader's review
        services.evaluation_self_assess(by=staff, evaluation=mine, points=_manual_points(mine, 0.9),
                                        comment="Hoàn thành các việc được giao trong tháng.")
    for evaluation, target, share in zip(others, ("reviewed", "approved"), (0.85, 0.95), strict=False):
        if evaluation.state == EvaluationState.DRAFT:
            evaluation = services.evaluation_self_assess(by=evaluation.user, evaluation=evaluation,
                                                         points=_manual_points(evaluation, share))
        if evaluation.state == EvaluationState.SELF_ASSESSED:
            evaluation = services.evaluation_review(by=leader, evaluation=evaluation, points={},
                                                    comment="Đồng ý với phần tự đánh giá.")
        if target == "approved" and evaluation.state == EvaluationState.REVIEWED:
            approver = services.approvers(evaluation)[0]
            services.evaluation_approve(by=approver, evaluation=evaluation, demote=True)
