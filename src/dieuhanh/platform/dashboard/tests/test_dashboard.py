"""The dashboard: widgets by role, and the due/overdue trend computed from the inbox."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from dieuhanh.platform.dashboard.widgets import OVERDUE_DAYS, due_trend
from dieuhanh.platform.orgs.tests.factories import person


def work_item(user, *, due_at, opened_at=None, closed_at=None, module="sample", n=[0]):  # noqa: B006
    from dieuhanh.platform.inbox.models import WorkItem

    n[0] += 1
    return WorkItem.objects.create(
        module=module, content_type=ContentType.objects.get_for_model(type(user)), object_id=str(n[0]),
        title=f"Việc {n[0]}", assignee_user=user, due_at=due_at,
        opened_at=opened_at or timezone.now() - dt.timedelta(days=60),
        state="done" if closed_at else "open", closed_at=closed_at,
    )


def at_noon(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def widgets_on_page(client, user):
    client.force_login(user)
    response = client.get(reverse("dashboard:index"))
    assert response.status_code == 200
    html = response.content.decode()
    return {key for key in ("dashboard.due_trend", "dashboard.module_counts", "jobs.failures")
            if f'data-widget="{key}"' in html}, html


@pytest.mark.parametrize(("role", "expected"), [
    ("staff", {"dashboard.due_trend", "dashboard.module_counts"}),
    ("delegate", {"dashboard.due_trend", "dashboard.module_counts"}),
    ("system_admin", {"dashboard.due_trend", "dashboard.module_counts", "jobs.failures"}),
    ("citizen", set()),
])
def test_widgets_follow_the_roles(client, db, role, expected):
    shown, _ = widgets_on_page(client, person(role))
    assert shown == expected


def test_dashboard_charts_are_accessible_and_carry_the_numbers(client, db, django_assert_max_num_queries):
    user = person("staff")
    today = timezone.localdate()
    work_item(user, due_at=at_noon(today + dt.timedelta(days=2)))
    work_item(user, due_at=at_noon(today + dt.timedelta(days=2)), module="tasks")
    work_item(user, due_at=at_noon(today - dt.timedelta(days=3)))
    client.force_login(user)
    with django_assert_max_num_queries(25):
        html = client.get(reverse("dashboard:index")).content.decode()
    assert 'role="img"' in html and 'aria-label="Việc đến hạn trong 14 ngày tới"' in html
    assert 'aria-label="Việc quá hạn trong 30 ngày qua"' in html
    day = (today + dt.timedelta(days=2)).strftime("%d/%m")
    assert f'<th scope="row">{day}</th><td>2</td>' in html
    assert "2 việc đến hạn trong 14 ngày tới" in html and "1 việc đang quá hạn" in html
    assert 'aria-label="Việc đang mở theo phân hệ"' in html


def test_due_trend_counts(db, django_assert_num_queries):
    user, other = person("staff"), person("staff")
    today = timezone.localdate()
    now = timezone.now()
    work_item(user, due_at=at_noon(today + dt.timedelta(days=1)))
    work_item(user, due_at=at_noon(today + dt.timedelta(days=20)))  # beyond the window
    work_item(user, due_at=at_noon(today - dt.timedelta(days=3)))  # overdue since 3 days ago
    # overdue from 10 days ago until it was done 5 days ago
    work_item(user, due_at=at_noon(today - dt.timedelta(days=10)), closed_at=now - dt.timedelta(days=5))
    work_item(other, due_at=at_noon(today + dt.timedelta(days=1)))  # someone else's

    from dieuhanh.platform.inbox.models import WorkItem

    with django_assert_num_queries(1):
        due_days, due, past_days, late = due_trend(WorkItem.objects.filter(assignee_user=user), today=today)
    assert due_days[0] == today and len(due) == 14
    assert due[1] == 1 and sum(due) == 1
    assert past_days[-1] == today and len(late) == OVERDUE_DAYS

    def late_on(days_ago):
        return late[OVERDUE_DAYS - 1 - days_ago]

    assert [late_on(d) for d in range(4)] == [1, 1, 1, 1]  # the open one, due 3 days ago at noon
    assert late_on(4) == 0 and late_on(5) == 0  # the other was done 5 days ago
    assert [late_on(d) for d in range(6, 11)] == [1, 1, 1, 1, 1]  # overdue from day -10 until done
    assert late_on(11) == 0


def test_module_counts_widget_when_there_is_nothing(client, db):
    _, html = widgets_on_page(client, person("staff"))
    assert "Bạn không có việc nào đang mở." in html
