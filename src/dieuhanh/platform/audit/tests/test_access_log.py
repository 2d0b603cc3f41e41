"""access_log_record: who read which sensitive record, when, why, from where, for whom."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory

from dieuhanh.platform.audit.context import audit_context
from dieuhanh.platform.audit.models import AccessLog
from dieuhanh.platform.audit.services import access_log_record
from dieuhanh.platform.orgs.models import OrgUnit
from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_read_is_recorded_with_reason_ip_and_path():
    reader = UserFactory(full_name="Nguyễn Thanh Tra")
    record = OrgUnitFactory(name="Hồ sơ tố cáo số 12")
    request = RequestFactory().get("/complaints/12/?tab=identity", REMOTE_ADDR="192.0.2.7")
    row = access_log_record(user=reader, obj=record, reason="Xác minh tố cáo", request=request)
    row.refresh_from_db()
    assert row.user == reader
    assert row.user_repr == "Nguyễn Thanh Tra"
    assert row.content_type == ContentType.objects.get_for_model(OrgUnit)
    assert row.object_pk == str(record.pk)
    assert row.object_repr == "Hồ sơ tố cáo số 12"
    assert row.reason == "Xác minh tố cáo"
    assert row.ip == "192.0.2.7"
    assert row.path == "/complaints/12/?tab=identity"
    assert row.on_behalf_of is None
    assert row.timestamp is not None


def test_the_principal_is_recorded_inside_an_audit_context():
    deputy, leader = UserFactory(), UserFactory()
    with audit_context(on_behalf_of=leader):
        row = access_log_record(user=deputy, obj=OrgUnitFactory())
    assert row.user == deputy
    assert row.on_behalf_of == leader


def test_a_citizen_without_an_account_and_a_bad_address():
    request = RequestFactory().get("/tra-cuu/", REMOTE_ADDR="not-an-ip")
    row = access_log_record(user=AnonymousUser(), obj=OrgUnitFactory(), request=request)
    assert row.user is None
    assert row.user_repr == ""
    assert row.ip is None


def test_an_unsaved_object_is_a_programming_error():
    with pytest.raises(ValueError):
        access_log_record(user=UserFactory(), obj=OrgUnit(name="chưa lưu"))
    assert not AccessLog.objects.exists()
