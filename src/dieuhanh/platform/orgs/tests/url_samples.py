"""Sample arguments for the parameterised URLs of orgs (the demo city is loaded)."""


def _unit(code):
    from dieuhanh.platform.orgs.models import OrgUnit

    return OrgUnit.objects.get(code=code).pk


def _person(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username).pk


def _membership():
    from dieuhanh.platform.orgs.models import Membership

    return Membership.objects.get(user__username="chuyenvien", unit__code="vp-phong-cong-tac-hdnd", role="staff").pk


def _term():
    from dieuhanh.platform.orgs.models import Term

    return Term.objects.get(council__code="hdnd-tp", name="2026–2031").pk


SAMPLES = {
    "orgs:unit_detail": lambda user: {"pk": _unit("vp-doan-dbqh-hdnd")},
    "orgs:unit_update": lambda user: {"pk": _unit("vp-phong-dan-nguyen")},
    "orgs:person_detail": lambda user: {"pk": _person("chuyenvien")},
    "orgs:person_update": lambda user: {"pk": _person("chuyenvien")},
    "orgs:membership_grant": lambda user: {"pk": _person("chuyenvien")},
    "orgs:membership_revoke": lambda user: {"pk": _membership()},
    "orgs:term_detail": lambda user: {"pk": _term()},
}
