"""role_grant_set: grants and revocations take effect at once, are audited, and are checked."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.utils import translation

from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, person
from dieuhanh.platform.permissions.checks import _grants_version, granted_roles, user_can
from dieuhanh.platform.permissions.models import RoleGrant
from dieuhanh.platform.permissions.services import role_grant_set
from dieuhanh.platform.ui.errors import UserError

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return OrgUnitFactory()


@pytest.fixture
def admin(unit):
    return person("system_admin", unit)


def test_a_grant_changes_user_can_immediately(admin, unit):
    citizen = person("citizen", unit)
    assert not user_can(citizen, "sample.view")  # warms the cache of granted roles
    role_grant_set(actor=admin, action_key="sample.view", role="citizen", granted=True)
    assert user_can(citizen, "sample.view")
    assert citizen.has_perm("sample.view", unit)
    assert RoleGrant.objects.get(action="sample.view", role="citizen").granted is True


def test_a_revocation_changes_user_can_immediately(admin, unit):
    staff = person("staff", unit)
    assert user_can(staff, "sample.view")
    role_grant_set(actor=admin, action_key="sample.view", role="staff", granted=False)
    assert not user_can(staff, "sample.view")
    assert not staff.has_perm("sample.view")
    assert user_can(person("leader", unit), "sample.view")  # the other default role keeps it


def test_back_to_the_default_removes_the_override(admin):
    role_grant_set(actor=admin, action_key="sample.view", role="staff", granted=False)
    assert role_grant_set(actor=admin, action_key="sample.view", role="staff", granted=True) is None
    assert not RoleGrant.objects.exists()
    role_grant_set(actor=admin, action_key="sample.view", role="clerk", granted=True)
    role_grant_set(actor=admin, action_key="sample.view", role="clerk", granted=None)
    assert not RoleGrant.objects.exists()
    assert granted_roles("sample.view") == frozenset({"leader", "staff"})


def test_a_grant_equal_to_the_default_stores_nothing(admin):
    assert role_grant_set(actor=admin, action_key="sample.view", role="leader", granted=True) is None
    assert not RoleGrant.objects.exists()


def test_changes_are_audited_with_their_actor(admin):
    role_grant_set(actor=admin, action_key="sample.view", role="citizen", granted=True)
    role_grant_set(actor=admin, action_key="sample.view", role="citizen", granted=None)
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(RoleGrant))
    assert [e.action for e in entries.order_by("pk")] == [LogEntry.Action.CREATE, LogEntry.Action.DELETE]
    assert {e.actor for e in entries} == {admin}


def test_the_version_is_bumped_again_after_commit(admin, django_capture_on_commit_callbacks):
    before = _grants_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        role_grant_set(actor=admin, action_key="sample.view", role="citizen", granted=True)
    during = _grants_version()
    assert during != before
    assert len(callbacks) == 1
    callbacks[0]()
    assert _grants_version() not in {before, during}


def test_a_flushed_cache_does_not_revive_stale_grants(admin, unit):
    """The version is a fresh token, never a counter that restarts after a cache flush."""
    from django.core.cache import cache

    staff = person("staff", unit)
    assert user_can(staff, "sample.view")
    cache.clear()
    role_grant_set(actor=admin, action_key="sample.view", role="staff", granted=False)
    cache.clear()
    assert not user_can(staff, "sample.view")


def test_only_permission_managers_may_change_grants(unit):
    unit_admin = person("unit_admin", unit)
    with pytest.raises(PermissionDenied):
        role_grant_set(actor=unit_admin, action_key="sample.view", role="citizen", granted=True)
    assert not RoleGrant.objects.exists()


@pytest.mark.parametrize(
    ("action_key", "role", "message"),
    [
        ("sample.nothing", "staff", "không tồn tại"),
        ("sample.view", "emperor", "không tồn tại"),
        ("sample.view", "system_admin", "luôn có mọi quyền"),
    ],
)
def test_bad_input_is_refused_in_vietnamese(admin, action_key, role, message):
    with translation.override("vi"), pytest.raises(UserError) as error:
        role_grant_set(actor=admin, action_key=action_key, role=role, granted=True)
    assert message in error.value.messages[0]
    assert not RoleGrant.objects.exists()
