"""Sample arguments for the parameterised URLs of the KPI module (the demo city is loaded).
Each sample picks an object the visiting person may see when there is one."""


def _evaluation(user):
    from dieuhanh.modules.kpi.models import Evaluation
    from dieuhanh.modules.kpi.selectors import evaluations_visible

    found = Evaluation.objects.filter(user=user).first() or evaluations_visible(user).first()
    return (found or Evaluation.objects.order_by("pk").first()).pk


def _figure(user):
    from dieuhanh.modules.kpi.models import MetricValue

    found = MetricValue.objects.filter(subject_kind="person", subject_id=user.pk).first()
    return (found or MetricValue.objects.order_by("pk").first()).pk


def _run(user):
    from dieuhanh.modules.kpi.models import ComputeRun

    return ComputeRun.objects.filter(unit__code="vp-doan-dbqh-hdnd").order_by("pk").first().pk


def _home_unit(user):
    from dieuhanh.modules.kpi.selectors import home_unit
    from dieuhanh.platform.orgs.models import OrgUnit

    unit = home_unit(user)
    return (unit or OrgUnit.objects.get(code="vp-doan-dbqh-hdnd")).pk


def _editable_scheme(user):
    from dieuhanh.modules.kpi.models import Scheme
    from dieuhanh.modules.kpi.services import may_configure

    schemes = list(Scheme.objects.select_related("unit").order_by("pk"))
    return next((s for s in schemes if may_configure(user, s)), schemes[0])


def _criterion(user):
    scheme = _editable_scheme(user)
    return {"pk": scheme.pk, "criterion_pk": scheme.criteria.order_by("pk").first().pk}


def _band(user):
    scheme = _editable_scheme(user)
    return {"pk": scheme.pk, "band_pk": scheme.bands.order_by("pk").first().pk}


SAMPLES = {
    "kpi:evaluation_detail": lambda user: {"pk": _evaluation(user)},
    "kpi:evaluation_self_assess": lambda user: {"pk": _evaluation(user)},
    "kpi:evaluation_review": lambda user: {"pk": _evaluation(user)},
    "kpi:evaluation_approve": lambda user: {"pk": _evaluation(user)},
    "kpi:evaluation_reopen": lambda user: {"pk": _evaluation(user)},
    "kpi:figure_detail": lambda user: {"pk": _figure(user)},
    "kpi:run_detail": lambda user: {"pk": _run(user)},
    "kpi:run_progress": lambda user: {"pk": _run(user)},
    "kpi:person_history": lambda user: {"pk": user.pk},
    "kpi:unit_history": lambda user: {"pk": _home_unit(user)},
    "kpi:scheme_detail": lambda user: {"pk": _editable_scheme(user).pk},
    "kpi:scheme_update": lambda user: {"pk": _editable_scheme(user).pk},
    "kpi:scheme_copy": lambda user: {"pk": _editable_scheme(user).pk},
    "kpi:criterion_create": lambda user: {"pk": _editable_scheme(user).pk},
    "kpi:criterion_update": _criterion,
    "kpi:band_create": lambda user: {"pk": _editable_scheme(user).pk},
    "kpi:band_update": _band,
}
