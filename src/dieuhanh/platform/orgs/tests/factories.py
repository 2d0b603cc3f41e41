"""Factories for people and units, shared by every part's tests."""

import factory
from django.contrib.auth import get_user_model

from dieuhanh.platform.orgs.models import Membership, OrgUnit, OrgUnitKind


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"canbo{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@hanoi.gov.vn")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    password = factory.django.Password("matkhau-thu-nghiem-1")


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"HĐND phường Thử Nghiệm {n}")
    short_name = "HĐND"
    code = factory.Sequence(lambda n: f"unit-{n}")
    kind = OrgUnitKind.WARD_COUNCIL


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(OrgUnitFactory)
    role = "staff"
    is_primary = True


def person(role: str, unit: OrgUnit | None = None, **user_fields):
    """A user holding `role` in `unit` (a new unit if none is given)."""
    membership = MembershipFactory(
        role=role, unit=unit or OrgUnitFactory(), user=UserFactory(**user_fields)
    )
    return membership.user
