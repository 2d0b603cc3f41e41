"""List pages use a fixed number of queries, however many rows they show."""

import pytest
from django.urls import reverse

from dieuhanh.platform.orgs.models import OrgUnit
from dieuhanh.platform.orgs.tests.factories import person

pytestmark = pytest.mark.django_db

# Session, user, roles, navigation and the page's own count + rows queries.
MAX_QUERIES = 20


@pytest.fixture
def admin_client(client, role_users):
    client.force_login(role_users["system_admin"])
    return client


@pytest.mark.parametrize(
    "name",
    ["orgs:unit_list", "orgs:person_list", "orgs:delegate_list", "orgs:constituency_list", "orgs:term_list"],
)
def test_list_pages_have_bounded_queries(admin_client, django_assert_max_num_queries, name):
    url = reverse(name) + "?per_page=100"
    admin_client.get(url)  # warm the per-process caches (permissions, navigation)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = admin_client.get(url)
    assert response.status_code == 200
    assert response.context["table"].count > 0


def test_queries_do_not_grow_with_the_number_of_members(admin_client, demo_city, django_assert_max_num_queries):
    unit = demo_city.secretariat
    url = reverse("orgs:unit_detail", args=[unit.pk]) + "?per_page=100"
    admin_client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES) as few:
        admin_client.get(url)
    for i in range(30):
        person("staff", unit, username=f"them.{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin_client.get(url)
    assert response.context["table"].count >= 30
    people = reverse("orgs:person_list") + "?per_page=100"
    admin_client.get(people)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert admin_client.get(people).status_code == 200


def test_unit_list_search_and_kind_filter(client, role_users):
    client.force_login(role_users["leader"])
    response = client.get(reverse("orgs:unit_list"), {"q": "hoàn kiếm"})
    names = [u.name for u in response.context["table"].object_list]
    assert names and all("Hoàn Kiếm" in n for n in names)
    response = client.get(reverse("orgs:unit_list"), {"kind": "department", "per_page": 100})
    listed = list(response.context["table"].object_list)
    assert listed and {u.kind for u in listed} == {"department"}
    assert len(listed) == OrgUnit.objects.filter(kind="department").count()
    by_name = client.get(reverse("orgs:unit_list"), {"sort": "-name", "per_page": 100}).context["table"].object_list
    expected = list(OrgUnit.objects.filter(active=True).order_by("-name", "-pk").values_list("name", flat=True)[:100])
    assert [u.name for u in by_name] == expected
