"""The demo city: leaders have certificates, councils and the secretariat have seals, all
opened by the demo passphrase; loading the demo again changes nothing."""

from __future__ import annotations

import pytest

from dieuhanh.platform import signing
from dieuhanh.platform.registry import LEADER
from dieuhanh.platform.signing.demo import demo_credentials
from dieuhanh.platform.signing.models import DemoAuthority, SigningCredential

from .factories import make_pdf

pytestmark = pytest.mark.django_db


def test_every_demo_leader_and_council_can_sign_with_the_demo_passphrase(demo_city):
    from django.contrib.auth import get_user_model

    leaders = get_user_model().objects.filter(memberships__role=LEADER).distinct()
    personal = SigningCredential.objects.filter(kind="personal")
    assert set(personal.values_list("owner_user_id", flat=True)) == set(leaders.values_list("pk", flat=True))
    seals = set(SigningCredential.objects.filter(kind="organisation").values_list("owner_unit_id", flat=True))
    assert {demo_city.city_council.pk, demo_city.secretariat.pk, demo_city.na_delegation.pk} <= seals
    assert {u.pk for u in demo_city.local_councils} <= seals

    lanhdao = demo_city.users[LEADER]
    credential = personal.get(owner_user=lanhdao)
    seal = SigningCredential.objects.get(owner_unit=demo_city.secretariat)
    signed = signing.sign_pdf(make_pdf(pages=1), credential=credential, secret="DieuHanh@2026")
    signed = signing.sign_pdf(signed, credential=seal, secret="DieuHanh@2026", role="organisation")
    report = signing.validate_pdf(signed)
    assert report.state == "valid"
    assert [s.signer_name for s in report.signatures] == [lanhdao.get_full_name(), demo_city.secretariat.name]


def test_loading_the_demo_again_changes_nothing(demo_city):
    before = list(SigningCredential.objects.order_by("pk").values_list("pk", "fingerprint"))
    demo_credentials(demo_city, small=True)
    assert list(SigningCredential.objects.order_by("pk").values_list("pk", "fingerprint")) == before
    assert DemoAuthority.objects.count() == 1
