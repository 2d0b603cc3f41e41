"""The demo data hook: a scheme, a computed period and evaluations in each state; idempotent."""

import pytest

from dieuhanh.modules.kpi.demo import DEMO_SCHEME, demo_period, load_demo
from dieuhanh.modules.kpi.models import ComputeRun, Evaluation, MetricValue


@pytest.mark.django_db
def test_demo_data_has_every_state_and_loads_twice(demo_city):
    period = demo_period()
    evaluations = Evaluation.objects.filter(scheme__code=DEMO_SCHEME, period_start=period.start)
    states = set(evaluations.values_list("state", flat=True))
    assert {"draft", "self_assessed", "reviewed", "approved"} <= states
    assert MetricValue.objects.filter(period_start=period.start).exists()
    assert ComputeRun.objects.filter(state="done").exists()
    counts = (Evaluation.objects.count(), MetricValue.objects.count(), ComputeRun.objects.count())
    load_demo(demo_city, small=True)
    assert (Evaluation.objects.count(), MetricValue.objects.count(), ComputeRun.objects.count()) == counts
