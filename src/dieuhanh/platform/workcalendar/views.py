"""Screens: the year view, day overrides, the rule table and the deadline calculator."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dieuhanh.platform.permissions.access import access
from dieuhanh.platform.ui.errors import UserError

from . import selectors, services
from .forms import MAX_YEAR, MIN_YEAR, CalculatorForm, CalendarDayForm, RuleVersionForm
from .models import CalendarDay

MANAGE = "calendar.manage"
CALCULATE = "calendar.calculate"


def _year_context(year: int, form: CalendarDayForm | None = None) -> dict:
    return {
        "year": year,
        "entries": selectors.year_overview(year),
        "working_days": selectors.working_day_count(year),
        "form": form or CalendarDayForm(),
        "previous_year": year - 1 if year > MIN_YEAR else None,
        "next_year": year + 1 if year < MAX_YEAR else None,
    }


@access(MANAGE)
@require_GET
def index(request):
    return redirect("workcalendar:year", year=timezone.localdate().year)


@access(MANAGE)
@require_GET
def year_view(request, year: int):
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404(_("Năm không hợp lệ."))
    return render(request, "workcalendar/year.html", _year_context(year))


@access(MANAGE)
@require_POST
def day_add(request):
    form = CalendarDayForm(request.POST)
    if form.is_valid():
        day = form.cleaned_data["day"]
        try:
            services.calendar_day_add(
                actor=request.user,
                day=day,
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
            )
        except UserError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Đã lưu điều chỉnh ngày %(day)s.") % {"day": day.strftime("%d/%m/%Y")}
            )
            return redirect("workcalendar:year", year=day.year)
    year = timezone.localdate().year
    if form.is_bound and "day" in form.cleaned_data:
        year = form.cleaned_data["day"].year
    return render(request, "workcalendar/year.html", _year_context(year, form), status=400)


@access(MANAGE)
@require_POST
def day_remove(request, pk: int):
    calendar_day = get_object_or_404(CalendarDay, pk=pk)
    services.calendar_day_remove(actor=request.user, calendar_day=calendar_day)
    messages.success(
        request,
        _("Đã xoá điều chỉnh ngày %(day)s.") % {"day": calendar_day.date.strftime("%d/%m/%Y")},
    )
    return redirect("workcalendar:year", year=calendar_day.date.year)


@access(MANAGE)
@require_GET
def rule_list(request):
    today = timezone.localdate()
    rules = list(selectors.rule_versions())
    in_force_ids = {rule.pk for rule in selectors.pick_in_force(rules, today)}
    return render(
        request,
        "workcalendar/rules.html",
        {"rules": rules, "in_force_ids": in_force_ids, "today": today},
    )


@access(MANAGE)
@require_http_methods(["GET", "POST"])
def rule_add(request):
    if request.method == "POST":
        form = RuleVersionForm(request.POST)
        if form.is_valid():
            try:
                rule = services.deadline_rule_add_version(actor=request.user, **form.cleaned_data)
            except UserError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Đã thêm phiên bản quy tắc “%(name)s”.") % {"name": rule.name}
                )
                return redirect(reverse("workcalendar:rules") + f"#rule-{rule.pk}")
        return render(request, "workcalendar/rule_form.html", {"form": form}, status=400)
    initial = {}
    latest = selectors.latest_version(request.GET.get("key", "")[:80])
    if latest is not None:
        initial = {
            field: getattr(latest, field)
            for field in (
                "key",
                "name",
                "length",
                "unit",
                "roll_to_working_day",
                "start_event",
                "legal_basis",
                "note",
            )
        }
    return render(
        request,
        "workcalendar/rule_form.html",
        {"form": RuleVersionForm(initial=initial), "based_on": latest},
    )


@access(CALCULATE)
@require_GET
def calculator(request):
    form = CalculatorForm(
        request.GET or None, rule_choices=selectors.rule_choices(timezone.localdate())
    )
    result = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            start = form.cleaned_data["start"]
            try:
                rule = services.rule_in_force(rule_key=form.cleaned_data["rule"], on=start)
                due = services.compute_due_date(rule, start)
            except UserError as error:
                form.add_error(None, error)
                status = 400
            else:
                result = {
                    "rule": rule,
                    "due": due,
                    "explanation": services.explain(rule, start, due),
                }
        else:
            status = 400
    return render(
        request, "workcalendar/calculator.html", {"form": form, "result": result}, status=status
    )
