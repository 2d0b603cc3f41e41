"""Screens of the KPI module. Thin: parse, call a selector or a service, render."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dieuhanh.platform import files
from dieuhanh.platform.permissions.access import access, any_of, can
from dieuhanh.platform.permissions.checks import user_can
from dieuhanh.platform.ui.charts import Series, bar_chart, line_chart
from dieuhanh.platform.ui.errors import ConflictError, UserError
from dieuhanh.platform.ui.tables import Column, paginate

from . import catalogue, forms, selectors, services
from .models import EvaluationState, Method, Subject
from .module import APPROVE, COMPUTE, CONFIGURE, EVALUATE, VIEW
from .periods import Period

HISTORY_PERIODS = 12
MANAGE = any_of(can(EVALUATE), can(APPROVE), can(COMPUTE))  # leaders and unit administrators


def _render(request, template: str, context: dict, status: int = 200):
    context.setdefault("kpi_can_manage", MANAGE.allows(request.user))
    context.setdefault("kpi_can_configure", user_can(request.user, CONFIGURE))
    return render(request, template, context, status=status)


def _messages_of(error: UserError) -> str:
    return " ".join(error.messages)


def _refused(request, error: UserError, to: str):
    """A refused action: the message as a toast on the page it came from, answered 4xx when the
    client does not follow redirects (htmx, scripts), else back to the page."""
    messages.error(request, _messages_of(error))
    response = redirect(to)
    if request.headers.get("HX-Request"):
        response.status_code = 409 if isinstance(error, ConflictError) else 400
    return response


def _selection(request, *, subject: str | None = None):
    """The page's scheme, period and unit (GET), limited to what the person manages."""
    schemes = selectors.schemes_for_use(request.user, subject=subject)
    units = selectors.managed_units(request.user)
    form = forms.SelectionForm(request.GET or None, schemes=schemes, units=units)
    home = selectors.home_unit(request.user)
    default_unit = home if home is not None and units.filter(pk=home.pk).exists() else None
    scheme, period, unit = form.resolved(default_unit=default_unit)
    return form, scheme, period, unit


# --- a person's own ----------------------------------------------------------------------------------
@access(VIEW)
def index(request):
    return redirect("kpi:my")


@access(VIEW)
def my(request):
    evaluations = selectors.my_evaluations(user=request.user)
    table = paginate(
        request, evaluations, sort_fields={"period": "period_start", "total": "total", "scheme": "scheme__name"},
        default_sort="-period", per_page=25,
        columns=[Column("period", gettext_lazy("Kỳ"), sort="period"), Column("scheme", gettext_lazy("Bộ tiêu chí"), sort="scheme"),
                 Column("total", gettext_lazy("Tổng điểm"), sort="total"), Column("band", gettext_lazy("Xếp loại")),
                 Column("state", gettext_lazy("Trạng thái"))],
    )
    return _render(request, "kpi/my.html", {"table": table, "person": request.user})


# --- one evaluation ----------------------------------------------------------------------------------
def _evaluation_context(request, evaluation, **extra):
    user = request.user
    scores = selectors.evaluation_scores(evaluation)
    state = evaluation.state
    can_self = services.may_self_assess(user, evaluation) and state in (EvaluationState.DRAFT, EvaluationState.SELF_ASSESSED)
    can_review = not can_self and services.may_review(user, evaluation) and state in (EvaluationState.SELF_ASSESSED, EvaluationState.REVIEWED)
    can_approve = services.may_approve(user, evaluation) and state == EvaluationState.REVIEWED
    can_reopen = services.may_approve(user, evaluation) and state == EvaluationState.APPROVED
    metrics = catalogue.metrics()
    rows = []
    posted = extra.get("posted") or {}

    def shown(prefix: str, criterion_pk: int, saved) -> str:
        # After a refused submission the form shows what was typed, so nothing is lost.
        key = f"{prefix}-{criterion_pk}"
        if key in posted:
            return posted[key]
        return "" if saved is None else str(saved)

    for score in scores:
        metric = metrics.get(score.criterion.metric_key) if score.criterion.method == Method.COMPUTED else None
        pk = score.criterion_id
        rows.append({
            "score": score, "criterion": score.criterion, "metric": metric, "value": score.metric_value,
            "self_points": shown("self-points", pk, score.self_points), "self_comment": shown("self-comment", pk, score.comment),
            "review_points": shown("review-points", pk, score.review_points),
            "review_comment": shown("review-comment", pk, score.review_comment),
        })
    context = {
        "evaluation": evaluation, "rows": rows, "events": selectors.evaluation_events(evaluation),
        "can_self": can_self, "can_review": can_review, "can_approve": can_approve, "can_reopen": can_reopen,
        "cap": services.cap_status(evaluation) if can_approve else None,
        "approve_form": forms.ApproveForm(posted or None) if posted.get("step") == "approve" else forms.ApproveForm(),
        "reopen_form": forms.ReasonForm(posted or None) if posted.get("step") == "reopen" else forms.ReasonForm(),
        "errors": [], "posted": {},
        "self_comment": posted.get("comment", evaluation.self_comment) if posted.get("step") == "self" else evaluation.self_comment,
        "review_comment": posted.get("comment", evaluation.review_comment) if posted.get("step") == "review" else evaluation.review_comment,
    }
    context.update(extra)
    return context


@access(VIEW)
def evaluation_detail(request, pk: int):
    evaluation = selectors.evaluation_get(user=request.user, pk=pk)
    return _render(request, "kpi/evaluation_detail.html", _evaluation_context(request, evaluation))


def _points_from(request, prefix: str) -> tuple[dict, dict]:
    points, comments = {}, {}
    for key, value in request.POST.items():
        if key.startswith(f"{prefix}points-"):
            points[_int(key.rsplit("-", 1)[1])] = value
        elif key.startswith(f"{prefix}comment-"):
            comments[_int(key.rsplit("-", 1)[1])] = value
    return points, comments


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return -1


def _evaluation_step(request, pk: int, write, done_message: str):
    evaluation = selectors.evaluation_get(user=request.user, pk=pk)
    try:
        write(evaluation)
    except UserError as error:
        context = _evaluation_context(request, evaluation, errors=error.messages, posted=request.POST)
        status = 409 if isinstance(error, ConflictError) else 400
        return _render(request, "kpi/evaluation_detail.html", context, status=status)
    messages.success(request, done_message)
    return redirect("kpi:evaluation_detail", pk=evaluation.pk)


@access(VIEW)
@require_POST
def evaluation_self_assess(request, pk: int):
    points, comments = _points_from(request, "self-")
    return _evaluation_step(
        request, pk,
        lambda e: services.evaluation_self_assess(by=request.user, evaluation=e, points=points, comments=comments,
                                                  comment=request.POST.get("comment", "")),
        _("Đã gửi phần tự đánh giá."))


@access(EVALUATE)
@require_POST
def evaluation_review(request, pk: int):
    points, comments = _points_from(request, "review-")
    return _evaluation_step(
        request, pk,
        lambda e: services.evaluation_review(by=request.user, evaluation=e, points=points, comments=comments,
                                             comment=request.POST.get("comment", "")),
        _("Đã gửi nhận xét, chấm điểm."))


@access(APPROVE)
@require_POST
def evaluation_approve(request, pk: int):
    form = forms.ApproveForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    return _evaluation_step(
        request, pk,
        lambda e: services.evaluation_approve(by=request.user, evaluation=e, comment=data.get("comment", ""),
                                              demote=bool(data.get("demote"))),
        _("Đã phê duyệt kết quả đánh giá."))


@access(APPROVE)
@require_POST
def evaluation_reopen(request, pk: int):
    return _evaluation_step(
        request, pk,
        lambda e: services.evaluation_reopen(by=request.user, evaluation=e, reason=request.POST.get("reason", "")),
        _("Đã mở lại phiếu đánh giá."))


# --- figures -------------------------------------------------------------------------------------------
@access(VIEW)
def figure_detail(request, pk: int):
    value = selectors.figure_get(user=request.user, pk=pk)
    metric, items = selectors.figure_items(value)
    return _render(request, "kpi/figure_detail.html", {
        "value": value, "metric": metric, "items": items, "period": Period(value.period_kind, value.period_start),
        "subject": selectors.subject_label(value.subject_kind, value.subject_id),
        "counted": sum(1 for i in items if i.counted),
    })


# --- a unit's evaluations -----------------------------------------------------------------------------
UNIT_COLUMNS = [
    Column("subject", gettext_lazy("Cá nhân, đơn vị"), sort="subject"),
    Column("unit", gettext_lazy("Đơn vị"), sort="unit"),
    Column("total", gettext_lazy("Tổng điểm"), sort="total"),
    Column("band", gettext_lazy("Xếp loại")),
    Column("state", gettext_lazy("Trạng thái"), sort="state"),
]
UNIT_SORTS = {"subject": "user__full_name", "unit": "unit__name", "total": "total", "state": "state"}


@access(MANAGE)
def unit_evaluations(request):
    form, scheme, period, unit = _selection(request)
    if scheme is None or unit is None:
        raise Http404
    evaluations = selectors.unit_evaluations(user=request.user, unit=unit, scheme=scheme, period=period)
    table = paginate(request, evaluations, sort_fields=UNIT_SORTS, default_sort="-total", per_page=25,
                     columns=UNIT_COLUMNS)
    return _render(request, "kpi/unit_evaluations.html", {
        "filter_form": form, "scheme": scheme, "period": period, "unit": unit, "table": table,
        "round_form": forms.RoundOpenForm(),
        "can_compute": services.may_compute(request.user, unit),
        "runs": selectors.runs_recent(user=request.user, limit=5),
    })


def _selection_from_post(request):
    schemes = selectors.schemes_for_use(request.user)
    units = selectors.managed_units(request.user)
    form = forms.SelectionForm(request.POST, schemes=schemes, units=units)
    if not form.is_valid() or not form.cleaned_data.get("scheme") or not form.cleaned_data.get("unit") \
            or not form.cleaned_data.get("period"):
        errors = [str(e) for errs in form.errors.values() for e in errs] or [_("Cần chọn bộ tiêu chí, kỳ và đơn vị.")]
        raise UserError(" ".join(errors))
    data = form.cleaned_data
    return data["scheme"], data["period"], data["unit"]


def _back_to_unit(scheme, period, unit) -> str:
    if scheme is None:
        return reverse("kpi:unit_evaluations")
    return f"{reverse('kpi:unit_evaluations')}?scheme={scheme.pk}&period={period.key}&unit={unit.pk}"


@access(COMPUTE)
@require_POST
def round_open(request):
    scheme = period = unit = None
    try:
        scheme, period, unit = _selection_from_post(request)
        form = forms.RoundOpenForm(request.POST)
        if not form.is_valid():
            raise UserError(" ".join(str(e) for errs in form.errors.values() for e in errs))
        created = services.evaluation_round_open(by=request.user, scheme=scheme, period=period, unit=unit,
                                                 self_due=form.cleaned_data.get("self_due"))
    except UserError as error:
        return _refused(request, error, _back_to_unit(scheme, period, unit))
    messages.success(request, _("Đã mở %(count)s phiếu đánh giá.") % {"count": len(created)})
    return redirect(_back_to_unit(scheme, period, unit))


@access(COMPUTE)
@require_POST
def compute_start(request):
    scheme = period = unit = None
    try:
        scheme, period, unit = _selection_from_post(request)
        run = services.compute_run_start(by=request.user, scheme=scheme, period=period, unit=unit)
    except UserError as error:
        return _refused(request, error, _back_to_unit(scheme, period, unit))
    return redirect("kpi:run_detail", pk=run.pk)


def _run_context(run) -> dict:
    """The run, and once it is done the unit's own figures (for a unit scheme), each opening
    to the items behind it."""
    figures = selectors.run_unit_figures(run) if run.state == "done" else []
    metrics = catalogue.metrics()
    return {"run": run, "figures": [(metrics.get(v.metric_key), v) for v in figures]}


@access(COMPUTE)
def run_detail(request, pk: int):
    run = selectors.run_get(user=request.user, pk=pk)
    period = Period(run.period_kind, run.period_start)
    return _render(request, "kpi/run_detail.html", {**_run_context(run), "period": period,
                                                  "back": _back_to_unit(run.scheme, period, run.unit)})


@access(COMPUTE)
def run_progress(request, pk: int):
    run = selectors.run_get(user=request.user, pk=pk)
    response = _render(request, "kpi/_run_progress.html", _run_context(run))
    if run.finished:
        response["HX-Trigger"] = "kpi-run-finished"
    return response


# --- rankings and history ---------------------------------------------------------------------------
@access(MANAGE)
def rankings(request):
    form, scheme, period, unit = _selection(request)
    if scheme is None or unit is None:
        raise Http404
    evaluations = selectors.unit_evaluations(user=request.user, unit=unit, scheme=scheme, period=period)
    table = paginate(request, evaluations, sort_fields=UNIT_SORTS, default_sort="-total", per_page=25,
                     columns=UNIT_COLUMNS)
    top = list(evaluations.order_by("-total", "pk")[:15])
    units = selectors.unit_ranking(user=request.user, unit=unit, scheme=scheme, period=period)
    person_chart = bar_chart(
        [e.subject_name for e in top], [Series(_("Tổng điểm"), [float(e.total) for e in top])],
        title=_("Điểm cao nhất %(period)s") % {"period": period.label},
        description=_("Tổng điểm của %(count)s phiếu có điểm cao nhất trong %(unit)s.") % {"count": len(top), "unit": unit.name},
        label_header=_("Cá nhân, đơn vị"), chart_id="chart-kpi-people",
    ) if top else ""
    unit_chart = bar_chart(
        [r.unit.name for r in units[:15]], [Series(_("Điểm bình quân"), [round(r.average, 2) for r in units[:15]])],
        title=_("Điểm bình quân theo đơn vị %(period)s") % {"period": period.label},
        description=_("Điểm bình quân các phiếu đánh giá của từng đơn vị."),
        label_header=_("Đơn vị"), chart_id="chart-kpi-units",
    ) if units else ""
    return _render(request, "kpi/rankings.html", {
        "filter_form": form, "scheme": scheme, "period": period, "unit": unit, "table": table,
        "units": units, "person_chart": person_chart, "unit_chart": unit_chart,
    })


@access(MANAGE)
def rankings_export(request):
    form, scheme, period, unit = _selection(request)
    if scheme is None or unit is None:
        raise Http404
    evaluations = selectors.unit_evaluations(user=request.user, unit=unit, scheme=scheme, period=period)
    rows = [
        (rank, e.subject_name, e.unit.name, float(e.total), e.band.label if e.band else "", e.get_state_display())
        for rank, e in enumerate(evaluations.order_by("-total", "user__full_name", "pk"), start=1)
    ]
    return files.xlsx_response(
        filename=f"kpi-{period.key}-{unit.code}.xlsx", title=_("Xếp hạng KPI"),
        columns=[_("Hạng"), _("Cá nhân, đơn vị"), _("Đơn vị"), _("Tổng điểm"), _("Xếp loại"), _("Trạng thái")],
        rows=rows, column_widths=[8, 32, 40, 12, 30, 20],
    )


def _history(request, *, subject_kind: str, subject, scheme_subject: str):
    schemes = selectors.schemes_for_use(request.user, subject=scheme_subject)
    form = forms.SelectionForm(request.GET or None, schemes=schemes, units=selectors.managed_units(request.user))
    scheme, period, _unit = form.resolved()
    if scheme is None:
        raise Http404
    periods = period.recent(HISTORY_PERIODS)
    labels = [p.label for p in periods]
    if subject_kind == Subject.PERSON:
        found = selectors.person_history(person=subject, scheme=scheme, periods=periods)
        totals = [float(found[p].total) if p in found else None for p in periods]
        evaluations = [(p, found.get(p)) for p in periods]
    else:
        averages = selectors.unit_history(unit=subject, scheme=scheme, periods=periods)
        totals = [round(averages[p], 2) if p in averages else None for p in periods]
        evaluations = [(p, None) for p in periods]
    figures = selectors.metric_history(subject_kind=subject_kind, subject_id=subject.pk, periods=periods)
    metric_rows = []
    for metric in catalogue.metrics_for(subject_kind):
        values = [figures.get((metric.key, p)) for p in periods]
        if any(v is not None for v in values):
            metric_rows.append((metric, values))
    series = [Series(_("Tổng điểm") if subject_kind == Subject.PERSON else _("Điểm bình quân"), totals)]
    chart = line_chart(labels, series, title=_("Điểm KPI qua các kỳ"),
                       description=_("%(name)s, %(scheme)s, %(count)s kỳ gần nhất.") % {
                           "name": str(subject), "scheme": scheme.name, "count": len(periods)},
                       label_header=_("Kỳ"), chart_id="chart-kpi-history")
    return _render(request, "kpi/history.html", {
        "subject": subject, "subject_kind": subject_kind, "scheme": scheme, "filter_form": form,
        "chart": chart, "evaluations": evaluations, "metric_rows": metric_rows, "periods": periods,
        "totals": list(zip(periods, totals, strict=True)),
    })


@access(VIEW)
def person_history(request, pk: int):
    person = selectors.person_get(user=request.user, pk=pk)
    return _history(request, subject_kind=Subject.PERSON, subject=person, scheme_subject=Subject.PERSON)


@access(VIEW)
def unit_history(request, pk: int):
    unit = selectors.unit_get(user=request.user, pk=pk)
    return _history(request, subject_kind=Subject.UNIT, subject=unit, scheme_subject=Subject.UNIT)


# --- configuration ----------------------------------------------------------------------------------
@access(CONFIGURE)
def scheme_list(request):
    schemes = selectors.schemes_visible(request.user)
    table = paginate(request, schemes, sort_fields={"name": "name", "from": "effective_from"}, default_sort="name",
                     per_page=25, columns=[
                         Column("name", gettext_lazy("Bộ tiêu chí"), sort="name"),
                         Column("subject", gettext_lazy("Đối tượng")), Column("period", gettext_lazy("Kỳ")),
                         Column("from", gettext_lazy("Áp dụng từ"), sort="from"),
                         Column("unit", gettext_lazy("Đơn vị áp dụng")), Column("active", gettext_lazy("Trạng thái"))])
    return _render(request, "kpi/scheme_list.html", {"table": table})


@access(CONFIGURE)
def scheme_detail(request, pk: int):
    scheme = selectors.scheme_get(user=request.user, pk=pk)
    criteria = list(scheme.criteria.all())
    metrics = catalogue.metrics()
    total = sum((c.max_points for c in criteria), Decimal(0))
    return _render(request, "kpi/scheme_detail.html", {
        "scheme": scheme, "criteria": [(c, metrics.get(c.metric_key)) for c in criteria],
        "bands": list(scheme.bands.all()), "criteria_total": total,
        "total_ok": total == scheme.total_points,
        "can_edit": services.may_configure(request.user, scheme),
        "copy_units": list(selectors.configurable_units(request.user).order_by("path")[:200]),
    })


def _config_form(request, form, write, *, template, context, done):
    if request.method == "POST" and form.is_valid():
        try:
            write(form.cleaned_data)
        except UserError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, done)
            return redirect("kpi:scheme_detail", pk=context["scheme"].pk)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form, **context}, status=status)


@access(CONFIGURE)
def scheme_update(request, pk: int):
    scheme = selectors.scheme_editable_get(user=request.user, pk=pk)
    form = forms.SchemeForm(request.POST or None, instance=scheme)
    return _config_form(request, form, lambda data: services.scheme_update(by=request.user, scheme=scheme, data=data),
                        template="kpi/config_form.html", done=_("Đã lưu bộ tiêu chí."),
                        context={"scheme": scheme, "heading": _("Sửa bộ tiêu chí")})


@access(CONFIGURE)
@require_POST
def scheme_copy(request, pk: int):
    scheme = selectors.scheme_get(user=request.user, pk=pk)
    units = selectors.configurable_units(request.user)
    unit = units.filter(pk=_int(request.POST.get("unit", ""))).first()
    if unit is None:
        return _refused(request, UserError(_("Cần chọn đơn vị áp dụng.")), reverse("kpi:scheme_detail", kwargs={"pk": pk}))
    try:
        copy = services.scheme_copy(by=request.user, scheme=scheme, unit=unit)
    except UserError as error:
        return _refused(request, error, reverse("kpi:scheme_detail", kwargs={"pk": pk}))
    messages.success(request, _("Đã tạo bộ tiêu chí riêng của đơn vị."))
    return redirect("kpi:scheme_detail", pk=copy.pk)


def _criterion_form(request, scheme, criterion):
    form = forms.CriterionForm(request.POST or None, instance=criterion, subject=scheme.subject)

    def write(data):
        data = {**data, "thresholds": data.get("thresholds_text") or []}
        services.criterion_save(by=request.user, scheme=scheme, criterion=criterion, data=data)

    return _config_form(request, form, write, template="kpi/config_form.html", done=_("Đã lưu tiêu chí."),
                        context={"scheme": scheme, "heading": _("Sửa tiêu chí") if criterion else _("Thêm tiêu chí")})


@access(CONFIGURE)
def criterion_create(request, pk: int):
    scheme = selectors.scheme_editable_get(user=request.user, pk=pk)
    return _criterion_form(request, scheme, None)


@access(CONFIGURE)
def criterion_update(request, pk: int, criterion_pk: int):
    scheme = selectors.scheme_editable_get(user=request.user, pk=pk)
    criterion = scheme.criteria.filter(pk=criterion_pk).first()
    if criterion is None:
        raise Http404
    return _criterion_form(request, scheme, criterion)


def _band_form(request, scheme, band):
    form = forms.BandForm(request.POST or None, instance=band)
    return _config_form(
        request, form, lambda data: services.band_save(by=request.user, scheme=scheme, band=band, data=data),
        template="kpi/config_form.html", done=_("Đã lưu mức xếp loại."),
        context={"scheme": scheme, "heading": _("Sửa mức xếp loại") if band else _("Thêm mức xếp loại")})


@access(CONFIGURE)
def band_create(request, pk: int):
    scheme = selectors.scheme_editable_get(user=request.user, pk=pk)
    return _band_form(request, scheme, None)


@access(CONFIGURE)
def band_update(request, pk: int, band_pk: int):
    scheme = selectors.scheme_editable_get(user=request.user, pk=pk)
    band = scheme.bands.filter(pk=band_pk).first()
    if band is None:
        raise Http404
    return _band_form(request, scheme, band)


def today_period(kind: str) -> Period:
    return Period.containing(kind, timezone.localdate())
