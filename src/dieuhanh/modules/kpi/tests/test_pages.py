"""The screens: scope (404 outside), drill-down, rankings, export, progress, bad input, queries."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone

from dieuhanh.modules.kpi import services
from dieuhanh.modules.kpi.models import Evaluation, MetricValue, Scheme
from dieuhanh.modules.kpi.periods import Period
from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, person
from dieuhanh.platform.registry import LEADER, STAFF

from .factories import at, office, work_item

pytestmark = pytest.mark.django_db
OCTOBER = Period.month(2026, 10)


@pytest.fixture
def scheme():
    return Scheme.objects.get(code="nd335-ca-nhan-thang")


@pytest.fixture
def team(scheme):
    team = office(staff_count=3)
    worker = team.staff[0]
    work_item(worker, due=at(dt.date(2026, 10, 10)), closed=at(dt.date(2026, 10, 9)), title="Báo cáo giám sát")
    work_item(worker, due=at(dt.date(2026, 10, 20)), closed=at(dt.date(2026, 10, 25)), title="Tổng hợp kiến nghị")
    work_item(worker, due=at(dt.date(2026, 9, 20)), closed=at(dt.date(2026, 9, 25)), title="Việc tháng trước")
    services.kpi_compute_period(by=team.leader, scheme=scheme, period=OCTOBER, unit=team.unit)
    services.evaluation_round_open(by=team.leader, scheme=scheme, period=OCTOBER, unit=team.unit)
    return team


def evaluation_of(user):
    return Evaluation.objects.get(user=user)


def test_a_person_opens_a_computed_figure_and_sees_the_items_behind_it(client, team):
    worker = team.staff[0]
    client.force_login(worker)
    page = client.get(reverse("kpi:evaluation_detail", kwargs={"pk": evaluation_of(worker).pk}))
    assert page.status_code == 200
    value = MetricValue.objects.get(subject_id=worker.pk, metric_key="kpi.inbox_on_time_person")
    figure_url = reverse("kpi:figure_detail", kwargs={"pk": value.pk})
    assert figure_url in page.content.decode()
    figure = client.get(figure_url).content.decode()
    assert "50,0% (1/2)" in figure or "50.0% (1/2)" in figure
    assert "Báo cáo giám sát" in figure and "Tổng hợp kiến nghị" in figure
    assert "Việc tháng trước" not in figure
    assert "đúng hạn" in figure and "trễ hạn" in figure


def test_others_figures_and_evaluations_answer_404(client, team):
    worker, colleague = team.staff[0], team.staff[1]
    outsider_leader = person(LEADER, OrgUnitFactory())
    value = MetricValue.objects.get(subject_id=worker.pk, metric_key="kpi.inbox_on_time_person")
    urls = [reverse("kpi:evaluation_detail", kwargs={"pk": evaluation_of(worker).pk}),
            reverse("kpi:figure_detail", kwargs={"pk": value.pk}),
            reverse("kpi:person_history", kwargs={"pk": worker.pk})]
    for who in (colleague, outsider_leader):
        client.force_login(who)
        for url in urls:
            assert client.get(url).status_code == 404, (who, url)
    for who in (team.leader, team.head):  # the unit's leader and the head above see them
        client.force_login(who)
        for url in urls:
            assert client.get(url).status_code == 200, (who, url)


def test_self_assessment_through_the_page_and_bad_input(client, team, scheme):
    worker = team.staff[0]
    mine = evaluation_of(worker)
    client.force_login(worker)
    url = reverse("kpi:evaluation_self_assess", kwargs={"pk": mine.pk})
    manual = list(scheme.criteria.filter(method="manual"))
    data = {f"self-points-{c.pk}": str(c.max_points) for c in manual}
    data[f"self-points-{manual[0].pk}"] = "99"
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "phải từ 0 đến 10" in refused.content.decode()
    # Nothing typed is lost: the page comes back with the refused input in place.
    assert f'name="self-points-{manual[0].pk}" inputmode="decimal" size="5" value="99"' in refused.content.decode()
    mine.refresh_from_db()
    assert mine.state == "draft"
    data[f"self-points-{manual[0].pk}"] = "9,5"  # a Vietnamese decimal comma
    data["comment"] = "Hoàn thành tốt"
    assert client.post(url, data).status_code == 302
    mine.refresh_from_db()
    assert mine.state == "self_assessed" and mine.self_comment == "Hoàn thành tốt"
    assert mine.scores.get(criterion=manual[0]).self_points == Decimal("9.50")
    # Sent again after the review: refused with 409, nothing changes.
    services.evaluation_review(by=team.leader, evaluation=mine, points={})
    assert client.post(url, data).status_code == 409


def test_approval_page_says_when_the_cap_is_reached(client, team, scheme):
    evaluations = [evaluation_of(u) for u in team.staff[:2]]
    for e in evaluations:
        services.evaluation_self_assess(by=e.user, evaluation=e, points={
            c.pk: c.max_points for c in scheme.criteria.filter(method="manual")})
        services.evaluation_review(by=team.leader, evaluation=e, points={})
    # staff[1] had nothing due: full computed points, 100 in all; one of 5 fills the 20 % cap.
    services.evaluation_approve(by=team.head, evaluation=evaluations[1])
    client.force_login(team.head)
    other = evaluations[0]
    other.refresh_from_db()
    page = client.get(reverse("kpi:evaluation_detail", kwargs={"pk": other.pk})).content.decode()
    assert "Phê duyệt" in page and "tối đa 20.00%" in page.replace(",", ".")
    assert "đã duyệt 1/1" in page and "Đã hết chỉ tiêu" in page


def test_unit_page_rankings_and_export(client, team, scheme, django_assert_max_num_queries):
    client.force_login(team.leader)
    query = {"scheme": scheme.pk, "period": OCTOBER.key, "unit": team.unit.pk}
    with django_assert_max_num_queries(50):
        page = client.get(reverse("kpi:unit_evaluations"), query)
    assert page.status_code == 200
    assert page.content.decode().count('href="/kpi/phieu/') == 5
    with django_assert_max_num_queries(50):
        ranking = client.get(reverse("kpi:rankings"), {**query, "sort": "total"})
    assert ranking.status_code == 200 and "<svg" in ranking.content.decode()
    export = client.get(reverse("kpi:rankings_export"), query)
    assert export.status_code == 200
    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Hạng" and len(rows) == 1 + 5
    totals = [r[3] for r in rows[1:]]
    assert totals == sorted(totals, reverse=True)
    client.force_login(team.staff[0])
    assert client.get(reverse("kpi:unit_evaluations"), query).status_code == 403


def test_a_list_page_costs_the_same_queries_for_many_rows(client, scheme, django_assert_max_num_queries):
    big = office(staff_count=30)
    services.evaluation_round_open(by=big.leader, scheme=scheme, period=OCTOBER, unit=big.unit)
    client.force_login(big.leader)
    with django_assert_max_num_queries(50):
        assert client.get(reverse("kpi:unit_evaluations"), {"scheme": scheme.pk, "period": OCTOBER.key,
                                                            "unit": big.unit.pk, "per_page": 50}).status_code == 200
    client.force_login(big.staff[0])
    with django_assert_max_num_queries(30):
        assert client.get(reverse("kpi:my")).status_code == 200


def test_recalculation_button_shows_progress(client, team, scheme, django_capture_on_commit_callbacks):
    client.force_login(team.leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("kpi:compute_start"),
                               {"scheme": scheme.pk, "period": OCTOBER.key, "unit": team.unit.pk})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'role="progressbar"' in page and 'aria-valuenow="100"' in page
    assert "Đã xong" in page
    bad = client.post(reverse("kpi:compute_start"), {"scheme": scheme.pk, "period": "2026-13", "unit": team.unit.pk},
                      HTTP_HX_REQUEST="true")
    assert bad.status_code == 400


def test_history_shows_a_line_chart(client, team):
    client.force_login(team.staff[0])
    page = client.get(reverse("kpi:person_history", kwargs={"pk": team.staff[0].pk}), {"period": OCTOBER.key})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "Tháng 10/2026" in html and "50.0%" in html.replace(",", ".")


def test_dashboard_widget_shows_my_latest_rating(client, team):
    client.force_login(team.staff[0])
    page = client.get(reverse("dashboard:index"))
    assert page.status_code == 200
    assert "KPI của tôi" in page.content.decode()


def test_configuration_by_a_unit_administrator(client, team, scheme):
    client.force_login(team.admin)
    # The scheme for everyone is read-only to a unit administrator…
    assert client.get(reverse("kpi:scheme_update", kwargs={"pk": scheme.pk})).status_code == 404
    # …who makes the unit's own copy and edits it.
    response = client.post(reverse("kpi:scheme_copy", kwargs={"pk": scheme.pk}), {"unit": team.unit.pk})
    copy = Scheme.objects.get(unit=team.unit)
    assert response.status_code == 302 and copy.criteria.count() == scheme.criteria.count()
    url = reverse("kpi:scheme_update", kwargs={"pk": copy.pk})
    form = {"name": copy.name, "effective_from": "01/01/2026", "total_points": "100", "top_band_cap_percent": "150",
            "legal_basis": "", "note": "", "active": "on"}
    refused = client.post(url, form)
    assert refused.status_code == 400
    form["top_band_cap_percent"] = "15"
    assert client.post(url, form).status_code == 302
    copy.refresh_from_db()
    assert copy.top_band_cap_percent == Decimal("15")
    computed = copy.criteria.get(method="computed")
    edit = reverse("kpi:criterion_update", kwargs={"pk": copy.pk, "criterion_pk": computed.pk})
    data = {"group": "results", "name": computed.name, "description": "", "max_points": "30", "method": "computed",
            "metric_key": "kpi.inbox_on_time_person", "mapping": "thresholds", "thresholds_text": "100:30, 90:abc",
            "order": "6"}
    assert client.post(edit, data).status_code == 400
    data["thresholds_text"] = "100:30, 90:20, 0:0"
    assert client.post(edit, data).status_code == 302
    computed.refresh_from_db()
    assert computed.thresholds == [[100.0, 30.0], [90.0, 20.0], [0.0, 0.0]]
    assert client.get(reverse("kpi:scheme_detail", kwargs={"pk": copy.pk})).status_code == 200
    client.force_login(person(STAFF, team.unit))
    assert client.get(reverse("kpi:scheme_list")).status_code == 403
    assert timezone.now()


def test_a_metric_declared_by_another_module_opens_to_its_items(client, team, scheme, metric_module):
    services.kpi_compute_period(by=team.leader, scheme=scheme, period=OCTOBER, unit=team.unit)
    worker = team.staff[0]
    value = MetricValue.objects.get(subject_id=worker.pk, metric_key="kpitest.closed")
    assert value.numerator == 2 and value.value == 2  # a count: both October closings
    client.force_login(worker)
    html = client.get(reverse("kpi:figure_detail", kwargs={"pk": value.pk})).content.decode()
    assert "Số việc đã xong trong kỳ" in html
    assert "Báo cáo giám sát" in html and "Tổng hợp kiến nghị" in html and "Việc tháng trước" not in html


def test_recalculating_a_unit_scheme_shows_the_units_own_figures(client, team, django_capture_on_commit_callbacks):
    """The page the tasks journey uses: recalculate, then the unit's KPI is on the same page."""
    quarterly = Scheme.objects.get(code="tap-the-quy")
    work_item(unit=team.unit, due=at(dt.date(2026, 10, 5)), closed=at(dt.date(2026, 10, 4)), title="Việc chung đúng hạn")
    work_item(unit=team.unit, due=at(dt.date(2026, 11, 2)), closed=at(dt.date(2026, 11, 9)), title="Việc chung trễ")
    client.force_login(team.leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("kpi:compute_start"),
                               {"scheme": quarterly.pk, "period": "2026-Q4", "unit": team.unit.pk})
    html = client.get(response["Location"]).content.decode()
    assert 'data-testid="kpi-figure-kpi.inbox_on_time_unit"' in html
    assert "50.0% (1/2)" in html.replace(",", ".")
    history = client.get(reverse("kpi:unit_history", kwargs={"pk": team.unit.pk}), {"period": "2026-Q4"})
    assert history.status_code == 200 and "Quý IV/2026" in history.content.decode()
