"""The demo hook and the English catalogue."""

from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import translation

from dieuhanh.platform.inbox.demo import load_demo
from dieuhanh.platform.inbox.models import Delegation
from dieuhanh.platform.inbox.selectors import VIEWS, delegators
from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, person

pytestmark = pytest.mark.django_db


def test_demo_data_starts_a_running_delegation_in_the_secretariat():
    unit = OrgUnitFactory()
    leader, staff = person("leader", unit), person("staff", unit)
    load_demo(SimpleNamespace(users={"leader": leader, "staff": staff}), small=True)
    delegation = Delegation.objects.get()
    assert (delegation.from_user, delegation.to_user) == (leader, staff)
    assert leader.pk in delegators(staff)


def test_english_catalogue():
    with translation.override("en"):
        assert str(VIEWS["overdue"]) == "Overdue"
        assert str(VIEWS["soon"]) == "Within 3 working days"


def test_the_page_is_labelled_for_keyboard_and_screen_reader_users(client):
    client.force_login(person("staff"))
    html = client.get(reverse("inbox:index"), {"view": "today"}).content.decode()
    assert '<label for="inbox-module">' in html and 'id="inbox-module"' in html
    assert 'aria-current="page" data-tab="today"' in html
    assert 'aria-current="page" data-tab="all"' not in html
    assert '<nav class="inbox-tabs" aria-label=' in html
