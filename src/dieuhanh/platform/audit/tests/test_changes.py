"""Platform models are audited by django-auditlog; audit_context names who acted for whom."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from dieuhanh.platform.audit.context import audit_context, current_audit_context
from dieuhanh.platform.orgs.models import Membership, OrgUnit
from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, UserFactory, person
from dieuhanh.platform.permissions.models import RoleGrant

pytestmark = pytest.mark.django_db


def entries_for(model):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model)).order_by("pk")


def test_platform_models_are_audited():
    unit = OrgUnitFactory(name="HĐND phường Ba Đình")
    leader = person("leader", unit)
    unit.name = "HĐND phường Ba Đình mới"
    unit.save()
    RoleGrant.objects.create(action="sample.view", role="clerk", granted=True)
    assert entries_for(OrgUnit).last().changes_dict["name"] == ["HĐND phường Ba Đình", "HĐND phường Ba Đình mới"]
    assert entries_for(Membership).filter(action=LogEntry.Action.CREATE).count() == 1
    assert entries_for(RoleGrant).count() == 1
    assert entries_for(type(leader)).filter(object_pk=str(leader.pk)).exists()


def test_passwords_and_logins_are_never_recorded():
    user = UserFactory()
    user.set_password("mat-khau-moi-rat-dai")
    user.full_name = "Trần Thị Mới"
    user.save()
    change = entries_for(type(user)).filter(action=LogEntry.Action.UPDATE).last()
    assert "full_name" in change.changes_dict
    assert "password" not in change.changes_dict
    for entry in entries_for(type(user)):
        assert "password" not in (entry.changes_dict or {})
        assert "last_login" not in (entry.changes_dict or {})


def test_audit_context_names_the_actor_and_the_principal():
    clerk, leader = UserFactory(full_name="Lê Văn Thư"), UserFactory(full_name="Phạm Lãnh Đạo")
    with audit_context(actor=clerk, on_behalf_of=leader):
        unit = OrgUnitFactory()
    entry = entries_for(OrgUnit).get(object_pk=str(unit.pk))
    assert entry.actor == clerk
    assert entry.actor_email == clerk.email
    assert entry.additional_data["on_behalf_of"] == {
        "id": leader.pk, "username": leader.username, "name": "Phạm Lãnh Đạo",
    }


def test_audit_context_nests_and_ends_with_its_block():
    clerk, leader, other = UserFactory(), UserFactory(), UserFactory()
    with audit_context(actor=clerk, on_behalf_of=leader):
        with audit_context(actor=other):  # inherits the principal
            inner = OrgUnitFactory()
            assert current_audit_context().on_behalf_of == leader
        outer = OrgUnitFactory()
    after = OrgUnitFactory()
    assert current_audit_context() is None
    logged = {e.object_pk: e for e in entries_for(OrgUnit)}
    assert logged[str(inner.pk)].actor == other
    assert logged[str(inner.pk)].additional_data["on_behalf_of"]["id"] == leader.pk
    assert logged[str(outer.pk)].actor == clerk
    assert logged[str(after.pk)].actor is None
    assert not logged[str(after.pk)].additional_data


def test_within_a_request_the_logged_in_user_is_the_actor(client):
    """auditlog's middleware and our context work together: the request's user acts."""
    unit = OrgUnitFactory()
    admin = person("system_admin", unit)
    client.force_login(admin)
    response = client.post(
        "/permissions/grant/", {"action": "sample.view", "role": "citizen", "value": "allow"},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302
    entry = entries_for(RoleGrant).get()
    assert entry.actor == admin
    assert entry.remote_addr == "10.1.2.3"


def test_the_principal_is_added_to_the_actor_auditlog_found_in_the_request():
    """In a view, auditlog's middleware sets the actor; the view only names the principal."""
    from auditlog.context import set_actor

    deputy, leader = UserFactory(), UserFactory()
    with set_actor(deputy), audit_context(on_behalf_of=leader):
        unit = OrgUnitFactory()
    entry = entries_for(OrgUnit).get(object_pk=str(unit.pk))
    assert entry.actor == deputy
    assert entry.additional_data["on_behalf_of"]["id"] == leader.pk
