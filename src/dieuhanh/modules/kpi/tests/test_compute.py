"""Computing a period: every metric for every subject, batched, against an independent count."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from dieuhanh.modules.kpi import catalogue, services
from dieuhanh.modules.kpi.models import MetricValue, Scheme
from dieuhanh.modules.kpi.periods import Period
from dieuhanh.platform.inbox.models import WorkItemState
from dieuhanh.platform.orgs.tests.factories import person
from dieuhanh.platform.registry import STAFF, SYSTEM_ADMIN
from dieuhanh.platform.ui.errors import UserError

from .factories import at, office, work_item

pytestmark = pytest.mark.django_db
OCTOBER = Period.month(2026, 10)


def nd335():
    return Scheme.objects.get(code="nd335-ca-nhan-thang")


def test_on_time_rates_match_an_independent_count():
    team = office(staff_count=6)
    people = [team.leader, *team.staff]
    rng = random.Random(5)
    made = []  # (user id, due, closed or None, state)
    for _ in range(120):
        who = rng.choice(people)
        due = at(dt.date(2026, rng.choice([9, 10, 10, 10, 11]), rng.randint(1, 28)), rng.randint(7, 17))
        kind = rng.choice(["on_time", "late", "open", "cancelled"])
        if kind == "on_time":
            closed, state = due - dt.timedelta(hours=rng.randint(0, 48)), WorkItemState.DONE
        elif kind == "late":
            closed, state = due + dt.timedelta(hours=rng.randint(1, 72)), WorkItemState.DONE
        elif kind == "cancelled":
            closed, state = due, WorkItemState.CANCELLED
        else:
            closed, state = None, WorkItemState.OPEN
        work_item(who, due=due, closed=closed, state=state)
        made.append((who.pk, due, closed, state))

    summary = services.kpi_compute_period(by=team.head, scheme=nd335(), period=OCTOBER, unit=team.parent)

    start = at(dt.date(2026, 10, 1), 0)
    stop = at(dt.date(2026, 11, 1), 0)
    now = timezone.now()
    for user in people:
        mine = [m for m in made if m[0] == user.pk and start <= m[1] < stop and m[3] != WorkItemState.CANCELLED
                and (m[1] <= now or m[3] == WorkItemState.DONE)]
        on_time = [m for m in mine if m[3] == WorkItemState.DONE and m[2] <= m[1]]
        value = MetricValue.objects.get(subject_kind="person", subject_id=user.pk, metric_key="kpi.inbox_on_time_person",
                                        period_kind="month", period_start=OCTOBER.start)
        assert (value.numerator, value.denominator) == (len(on_time), len(mine))
        assert value.value == pytest.approx(100 * len(on_time) / len(mine)) if mine else value.value is None
    assert summary.subjects == len(people) + 2  # the head above and the unit administrator too
    # Every person metric any module declares (tasks, documents… too), for every subject.
    assert summary.values == summary.subjects * len(catalogue.metrics_for("person"))


def test_a_second_run_overwrites_instead_of_duplicating():
    team = office(staff_count=1)
    worker = team.staff[0]
    late = work_item(worker, due=at(dt.date(2026, 10, 10)), closed=at(dt.date(2026, 10, 12)))
    services.kpi_compute_period(by=team.admin, scheme=nd335(), period=OCTOBER, unit=team.unit)
    first = MetricValue.objects.get(subject_id=worker.pk, metric_key="kpi.inbox_on_time_person")
    assert (first.numerator, first.denominator) == (0, 1)

    late.closed_at = at(dt.date(2026, 10, 9))  # corrected: it was in fact done on time
    late.save()
    services.kpi_compute_period(by=team.admin, scheme=nd335(), period=OCTOBER, unit=team.unit)
    values = MetricValue.objects.filter(subject_id=worker.pk, metric_key="kpi.inbox_on_time_person")
    assert values.count() == 1
    assert (values.get().numerator, values.get().denominator) == (1, 1)


def test_every_declared_metric_is_computed_in_batches(metric_module, monkeypatch):
    team = office(staff_count=5)
    for worker in team.staff[:3]:
        work_item(worker, due=at(dt.date(2026, 10, 20)), closed=at(dt.date(2026, 10, 5)))
    work_item(team.staff[0], due=at(dt.date(2026, 9, 20)), closed=at(dt.date(2026, 9, 5)))  # another month
    monkeypatch.setattr(services, "BATCH", 3)
    from . import metric_module as source

    source.CALLS.clear()
    seen = []
    summary = services.kpi_compute_period(by=team.head, scheme=nd335(), period=OCTOBER, unit=team.parent,
                                          progress=lambda done, total: seen.append((done, total)))
    metric_module_calls = list(source.CALLS)
    subjects = summary.subjects  # 5 staff, leader, admin, head
    assert subjects == 8
    assert metric_module_calls == [3, 3, 2]
    steps = 3 * len(catalogue.metrics_for("person"))  # three batches per metric
    assert seen[0] == (0, steps) and seen[-1] == (steps, steps)
    closed = dict(MetricValue.objects.filter(metric_key="kpitest.closed").values_list("subject_id", "numerator"))
    assert closed == {**{u.pk: 0 for u in [team.head, team.leader, team.admin, *team.staff]},
                      **{u.pk: 1 for u in team.staff[:3]}}


def test_only_those_who_may_compute_for_the_unit_can(django_user_model):
    team = office(staff_count=1)
    with pytest.raises(UserError):
        services.kpi_compute_period(by=team.staff[0], scheme=nd335(), period=OCTOBER, unit=team.unit)
    with pytest.raises(UserError):  # a unit administrator, but for the whole system
        services.kpi_compute_period(by=team.admin, scheme=nd335(), period=OCTOBER, unit=None)
    with pytest.raises(UserError):  # a monthly scheme for a quarter
        services.kpi_compute_period(by=team.admin, scheme=nd335(), period=Period.quarter(2026, 4), unit=team.unit)
    admin = person(SYSTEM_ADMIN)
    assert services.kpi_compute_period(by=admin, scheme=nd335(), period=OCTOBER).subjects == 5


def test_a_background_run_records_its_progress_and_a_double_click_starts_one(django_capture_on_commit_callbacks):
    team = office(staff_count=2)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.compute_run_start(by=team.leader, scheme=nd335(), period=OCTOBER, unit=team.unit)
    run.refresh_from_db()
    assert run.state == "done" and run.percent == 100 and run.subjects == 4
    assert run.values == 4 * len(catalogue.metrics_for("person"))
    assert run.requested_by == team.leader
    # A click while a run is unfinished joins it.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        second = services.compute_run_start(by=team.leader, scheme=nd335(), period=OCTOBER, unit=team.unit)
        third = services.compute_run_start(by=team.leader, scheme=nd335(), period=OCTOBER, unit=team.unit)
    assert second.pk == third.pk != run.pk
    assert len(callbacks) == 1


def test_staff_cannot_start_a_run():
    team = office(staff_count=1)
    with pytest.raises(UserError):
        services.compute_run_start(by=team.staff[0], scheme=nd335(), period=OCTOBER, unit=team.unit)
    assert person(STAFF) is not None
