"""Every orgs page opens for the roles that may use it, and answers what the rule says."""

import pytest
from django.urls import reverse

from dieuhanh.platform.orgs.tests.url_samples import SAMPLES
from dieuhanh.platform.orgs.urls import urlpatterns

pytestmark = pytest.mark.django_db

NAMES = [f"orgs:{p.name}" for p in urlpatterns]
DIRECTORY = {"orgs:index", "orgs:unit_list", "orgs:unit_detail", "orgs:term_list", "orgs:term_detail",
             "orgs:constituency_list", "orgs:delegate_list"}


def _expected(name, allowed: bool) -> int:
    if not allowed:
        return 403
    return 302 if name == "orgs:index" else 200


def _url(name, user):
    kwargs = SAMPLES[name](user) if name in SAMPLES else {}
    return reverse(name, kwargs=kwargs)


def test_system_admin_opens_every_page(client, role_users):
    admin = role_users["system_admin"]
    client.force_login(admin)
    for name in NAMES:
        response = client.get(_url(name, admin))
        assert response.status_code == _expected(name, True), (name, response.status_code)


@pytest.mark.parametrize("role", ["leader", "staff", "delegate", "responder", "clerk"])
def test_officials_read_the_directory_but_do_not_manage(client, role_users, role):
    user = role_users[role]
    client.force_login(user)
    for name in NAMES:
        response = client.get(_url(name, user))
        assert response.status_code == _expected(name, name in DIRECTORY), (role, name, response.status_code)


def test_citizen_is_refused_everywhere(client, role_users):
    citizen = role_users["citizen"]
    client.force_login(citizen)
    for name in NAMES:
        assert client.get(_url(name, citizen)).status_code == 403, name


def test_anonymous_is_sent_to_login(client, demo_city):
    response = client.get(reverse("orgs:unit_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_every_parameterised_url_has_a_sample():
    parameterised = {f"orgs:{p.name}" for p in urlpatterns if p.pattern.converters}
    assert parameterised == set(SAMPLES)


def test_unit_admin_manages_the_sample_objects(client, role_users):
    admin = role_users["unit_admin"]
    client.force_login(admin)
    for name in NAMES:
        assert client.get(_url(name, admin)).status_code == _expected(name, True), name


def test_unknown_ids_answer_404(client, role_users):
    client.force_login(role_users["system_admin"])
    for name in ("orgs:unit_detail", "orgs:person_detail", "orgs:term_detail", "orgs:membership_revoke"):
        assert client.get(reverse(name, kwargs={"pk": 999999})).status_code == 404, name


def test_bad_filters_and_pages_never_fail(client, role_users):
    client.force_login(role_users["leader"])
    for query in ("?page=abc", "?page=99999", "?sort=drop", "?kind=nonsense", "?q=" + "x" * 500):
        assert client.get(reverse("orgs:unit_list") + query).status_code == 200, query
    assert client.get(reverse("orgs:delegate_list") + "?term=abc&constituency=zz").status_code == 200
