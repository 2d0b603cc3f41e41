"""The evaluation workflow: open → self-assessment → leader review → approval (locked, capped)
→ reopen with a reason; each step moves the inbox items and notifies."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from dieuhanh.modules.kpi import services
from dieuhanh.modules.kpi.models import Evaluation, EvaluationState, Scheme
from dieuhanh.modules.kpi.periods import Period
from dieuhanh.platform.inbox.models import WorkItem, WorkItemState
from dieuhanh.platform.notifications.models import Notification
from dieuhanh.platform.ui.errors import ConflictError, UserError

from .factories import at, office, work_item

pytestmark = pytest.mark.django_db
OCTOBER = Period.month(2026, 10)


def open_items(evaluation, purpose):
    return WorkItem.objects.filter(object_id=str(evaluation.pk), module="kpi", purpose=purpose,
                                   state=WorkItemState.OPEN)


def manual(evaluation, points):
    return {c.pk: points(c) for c in evaluation.scheme.criteria.all() if not c.is_computed}


@pytest.fixture
def team():
    return office(staff_count=4)


@pytest.fixture
def scheme():
    return Scheme.objects.get(code="nd335-ca-nhan-thang")


def opened(team, scheme):
    due = timezone.localdate() + dt.timedelta(days=5)
    services.evaluation_round_open(by=team.leader, scheme=scheme, period=OCTOBER, unit=team.unit, self_due=due)
    return {e.user_id: e for e in Evaluation.objects.filter(unit=team.unit).select_related("scheme", "user")}


def test_the_whole_journey_of_one_evaluation(team, scheme):
    worker = team.staff[0]
    work_item(worker, due=at(dt.date(2026, 10, 10)), closed=at(dt.date(2026, 10, 9)))
    work_item(worker, due=at(dt.date(2026, 10, 20)), closed=at(dt.date(2026, 10, 25)))
    services.kpi_compute_period(by=team.leader, scheme=scheme, period=OCTOBER, unit=team.unit)

    evaluations = opened(team, scheme)
    # Every member of the unit gets one, the leader and the administrator included.
    assert set(evaluations) == {team.leader.pk, team.admin.pk, *[s.pk for s in team.staff]}
    mine = evaluations[worker.pk]
    assert mine.state == EvaluationState.DRAFT
    item = open_items(mine, "self_assess").get()
    assert item.assignee_user == worker
    assert timezone.localtime(item.due_at).date() == timezone.localdate() + dt.timedelta(days=5)
    assert Notification.objects.filter(recipient=worker, kind="kpi.self_assess").count() == 1
    # The computed criterion is filled from the figure: 1 of 2 on time → 15 of 30 points.
    computed = mine.scores.get(criterion__method="computed")
    assert computed.computed_points == Decimal("15.00")
    assert (computed.metric_value.numerator, computed.metric_value.denominator) == (1, 2)

    services.evaluation_self_assess(by=worker, evaluation=mine, points=manual(mine, lambda c: c.max_points),
                                    comments={}, comment="Tôi đã cố gắng.")
    mine.refresh_from_db()
    assert mine.state == EvaluationState.SELF_ASSESSED
    assert mine.total == Decimal("85.00")  # 30 + 20 + 20 + 15
    assert mine.band.label == "Hoàn thành tốt nhiệm vụ"
    assert not open_items(mine, "self_assess").exists()
    assert list(open_items(mine, "review").values_list("assignee_user", flat=True)) == [team.leader.pk]

    first_general = scheme.criteria.filter(group="general").order_by("order").first()
    services.evaluation_review(by=team.leader, evaluation=mine, points={first_general.pk: "5"},
                               comments={first_general.pk: "Còn đi muộn"}, comment="Cần cố gắng hơn.")
    mine.refresh_from_db()
    assert mine.state == EvaluationState.REVIEWED and mine.reviewer == team.leader
    assert mine.total == Decimal("80.00")
    assert list(open_items(mine, "approve").values_list("assignee_user", flat=True)) == [team.head.pk]

    services.evaluation_approve(by=team.head, evaluation=mine, comment="Đồng ý")
    mine.refresh_from_db()
    assert mine.state == EvaluationState.APPROVED and mine.locked and mine.approver == team.head
    assert not WorkItem.objects.filter(object_id=str(mine.pk), module="kpi", state=WorkItemState.OPEN).exists()
    assert Notification.objects.filter(recipient=worker, kind="kpi.approved").exists()
    kinds = list(mine.events.values_list("kind", flat=True))
    assert kinds == ["opened", "self_assessed", "reviewed", "approved"]

    # Locked: neither the person nor the leader can change it; a recalculation leaves it alone.
    with pytest.raises(ConflictError):
        services.evaluation_self_assess(by=worker, evaluation=mine, points=manual(mine, lambda c: 0))
    with pytest.raises(ConflictError):
        services.evaluation_review(by=team.leader, evaluation=mine, points={})
    work_item(worker, due=at(dt.date(2026, 10, 21)), closed=at(dt.date(2026, 10, 1)))
    services.kpi_compute_period(by=team.leader, scheme=scheme, period=OCTOBER, unit=team.unit)
    mine.refresh_from_db()
    assert mine.total == Decimal("80.00")

    # Reopening needs a reason, goes back to the review, and picks up the new figures.
    with pytest.raises(UserError):
        services.evaluation_reopen(by=team.head, evaluation=mine, reason="   ")
    services.evaluation_reopen(by=team.head, evaluation=mine, reason="Bổ sung việc hoàn thành")
    mine.refresh_from_db()
    assert mine.state == EvaluationState.SELF_ASSESSED
    assert mine.total == Decimal("85.00")  # 2 of 3 on time → 20 points
    assert open_items(mine, "review").exists()
    assert mine.events.last().note == "Bổ sung việc hoàn thành"
    # The audit log keeps every change of a score and of the evaluation.
    from auditlog.models import LogEntry

    reviewed = mine.scores.get(criterion=first_general)
    assert LogEntry.objects.get_for_object(reviewed).count() >= 2  # self-assessed, then reviewed
    assert LogEntry.objects.get_for_object(mine).count() >= 4  # self-assessed, reviewed, approved, reopened


def test_opening_twice_adds_nothing_and_items_are_not_duplicated(team, scheme):
    opened(team, scheme)
    again = services.evaluation_round_open(by=team.leader, scheme=scheme, period=OCTOBER, unit=team.unit)
    assert again == []
    assert Evaluation.objects.filter(unit=team.unit).count() == 6
    assert WorkItem.objects.filter(module="kpi", purpose="self_assess", state=WorkItemState.OPEN).count() == 6


def test_who_may_do_each_step(team, scheme):
    evaluations = opened(team, scheme)
    mine, colleague = evaluations[team.staff[0].pk], team.staff[1]
    with pytest.raises(UserError):  # staff cannot open a round
        services.evaluation_round_open(by=colleague, scheme=scheme, period=OCTOBER, unit=team.unit)
    with pytest.raises(UserError):  # nobody self-assesses for someone else
        services.evaluation_self_assess(by=colleague, evaluation=mine, points=manual(mine, lambda c: 1))
    with pytest.raises(ConflictError):  # no review before the self-assessment
        services.evaluation_review(by=team.leader, evaluation=mine, points={})
    services.evaluation_self_assess(by=mine.user, evaluation=mine, points=manual(mine, lambda c: 1))
    with pytest.raises(UserError):
        services.evaluation_review(by=colleague, evaluation=mine, points={})
    leaders_own = evaluations[team.leader.pk]
    services.evaluation_self_assess(by=team.leader, evaluation=leaders_own, points=manual(leaders_own, lambda c: 1))
    with pytest.raises(UserError):  # a leader does not review their own evaluation
        services.evaluation_review(by=team.leader, evaluation=leaders_own, points={})
    # …the head of the unit above does.
    assert [u.pk for u in services.reviewers(leaders_own)] == [team.head.pk]


def test_bad_points_are_refused_with_a_reason(team, scheme):
    mine = opened(team, scheme)[team.staff[0].pk]
    criterion = scheme.criteria.filter(method="manual").first()
    for bad, words in (("11", "từ 0 đến 10"), ("-1", "từ 0 đến 10"), ("mười", "phải là một số"), ("NaN", "từ 0")):
        points = manual(mine, lambda c: 1)
        points[criterion.pk] = bad
        with pytest.raises(UserError) as error:
            services.evaluation_self_assess(by=mine.user, evaluation=mine, points=points)
        assert words in " ".join(error.value.messages)
    points = manual(mine, lambda c: 1)
    del points[criterion.pk]
    with pytest.raises(UserError, match="Chưa chấm điểm"):
        services.evaluation_self_assess(by=mine.user, evaluation=mine, points=points)
    mine.refresh_from_db()
    assert mine.state == EvaluationState.DRAFT


def _to_review(evaluation, team, share):
    services.evaluation_self_assess(by=evaluation.user, evaluation=evaluation,
                                    points=manual(evaluation, lambda c: c.max_points * Decimal(share)))
    return services.evaluation_review(by=team.leader, evaluation=evaluation, points={})


def test_the_top_band_cap_refuses_or_demotes(team, scheme):
    # 6 evaluations, cap 20 % → at most 1 in the top band.
    services.kpi_compute_period(by=team.leader, scheme=scheme, period=OCTOBER, unit=team.unit)  # nothing due: full
    evaluations = opened(team, scheme)
    a, b = evaluations[team.staff[0].pk], evaluations[team.staff[1].pk]
    _to_review(a, team, 1)
    _to_review(b, team, 1)
    services.evaluation_approve(by=team.head, evaluation=a)
    a.refresh_from_db()
    assert a.band.code == "xuat-sac"
    with pytest.raises(UserError, match="1/1"):
        services.evaluation_approve(by=team.head, evaluation=b)
    b.refresh_from_db()
    assert b.state == EvaluationState.REVIEWED
    status = services.cap_status(b)
    assert (status.population, status.allowed, status.approved_top, status.full) == (6, 1, 1, True)
    services.evaluation_approve(by=team.head, evaluation=b, demote=True)
    b.refresh_from_db()
    assert b.state == EvaluationState.APPROVED and b.demoted and b.band.code == "tot"
    assert b.total == Decimal("100.00")  # the score itself is kept


def test_approving_twice_is_harmless(team, scheme):
    mine = opened(team, scheme)[team.staff[0].pk]
    _to_review(mine, team, Decimal("0.5"))
    first = services.evaluation_approve(by=team.head, evaluation=mine)
    second = services.evaluation_approve(by=team.head, evaluation=mine)
    assert first.pk == second.pk
    assert mine.events.filter(kind="approved").count() == 1


def test_a_scheme_whose_criteria_do_not_add_up_cannot_be_used(team, scheme):
    scheme.criteria.filter(method="computed").update(max_points=Decimal(20))
    with pytest.raises(UserError, match="90.00"):
        services.evaluation_round_open(by=team.leader, scheme=scheme, period=OCTOBER, unit=team.unit)


def test_unit_evaluations_go_to_the_unit_leaders_and_the_unit_above(team):
    quarterly = Scheme.objects.get(code="tap-the-quy")
    created = services.evaluation_round_open(by=team.head, scheme=quarterly, period=Period.quarter(2026, 4),
                                             unit=team.parent)
    assert [e.unit for e in created] == [team.unit]
    evaluation = created[0]
    assert evaluation.user is None
    assert list(open_items(evaluation, "self_assess").values_list("assignee_user", flat=True)) == [team.leader.pk]
    services.evaluation_self_assess(by=team.leader, evaluation=evaluation,
                                    points=manual(evaluation, lambda c: c.max_points))
    assert list(open_items(evaluation, "review").values_list("assignee_user", flat=True)) == [team.head.pk]
    with pytest.raises(UserError):  # the unit's own leader does not review the unit
        services.evaluation_review(by=team.leader, evaluation=evaluation, points={})
    services.evaluation_review(by=team.head, evaluation=evaluation, points={})
