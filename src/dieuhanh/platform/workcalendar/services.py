"""Writes of the work calendar: day overrides, rule versions and running deadlines."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dieuhanh.platform.permissions.checks import user_can
from dieuhanh.platform.ui.errors import ConflictError, UserError

from . import arithmetic
from .models import (
    CalendarDay,
    DayKind,
    Deadline,
    DeadlineExtension,
    DeadlineRule,
    DeadlineState,
    DeadlineUnit,
)
from .signals import deadline_changed

MANAGE_ACTION = "calendar.manage"
MAX_EXTENSION_DAYS = 365


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _require_manager(actor) -> None:
    if not user_can(actor, MANAGE_ACTION):
        raise UserError(_("Bạn không có quyền quản lý lịch làm việc."))


# --- deadline computation ------------------------------------------------------------------------


def rule_in_force(*, rule_key: str, on: date) -> DeadlineRule:
    """The version of `rule_key` that applies on `on` (the latest effective_from ≤ on)."""
    rule = (
        DeadlineRule.objects.filter(key=rule_key, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from")
        .first()
    )
    if rule is None:
        raise UserError(
            _("Không có quy tắc thời hạn “%(key)s” áp dụng vào ngày %(day)s.")
            % {"key": rule_key, "day": _fmt(on)}
        )
    return rule


def _nominal_due(rule: DeadlineRule, start: date, extended_days: int) -> date:
    total = rule.length + extended_days
    if rule.unit == DeadlineUnit.WORKING_DAYS:
        return arithmetic.add_working_days(start, total)
    return arithmetic.add_calendar_days(start, total)


def compute_due_date(rule: DeadlineRule, start: date, extended_days: int = 0) -> date:
    """The due date of `rule` counted from `start` (the start day is not counted)."""
    due = _nominal_due(rule, start, extended_days)
    if rule.unit == DeadlineUnit.CALENDAR_DAYS and rule.roll_to_working_day:
        due = arithmetic.next_working_day(due, include_self=True)
    return due


def explain(rule: DeadlineRule, start: date, due: date, extended_days: int = 0) -> str:
    """How the due date was computed, in the current language."""
    text = _("%(name)s: %(length)s %(unit)s kể từ %(start_event)s %(start)s (%(basis)s)") % {
        "name": rule.name,
        "length": rule.length,
        "unit": rule.get_unit_display(),
        "start_event": rule.start_event,
        "start": _fmt(start),
        "basis": rule.legal_basis,
    }
    if extended_days:
        text += _(", gia hạn thêm %(days)s %(unit)s") % {
            "days": extended_days,
            "unit": rule.get_unit_display(),
        }
    text += _(", đến %(due)s") % {"due": _fmt(due)}
    nominal = _nominal_due(rule, start, extended_days)
    if nominal != due:
        text += _(" (ngày %(day)s là ngày nghỉ nên hạn chuyển sang ngày làm việc tiếp theo)") % {
            "day": _fmt(nominal)
        }
    return text


def _cached_explanation(deadline: Deadline) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return explain(
            deadline.rule, deadline.start_date, deadline.due_date, deadline.extended_days
        )


def deadline_explain(deadline: Deadline) -> str:
    """E.g. "Hạn giải quyết khiếu nại lần đầu: 30 ngày kể từ ngày thụ lý 20/01/2026
    (Điều 28 Luật Khiếu nại 2011), đến 19/02/2026" — in the current language."""
    return explain(deadline.rule, deadline.start_date, deadline.due_date, deadline.extended_days)


# --- running deadlines ----------------------------------------------------------------------------


@transaction.atomic
def deadline_start(*, rule_key: str, start: date, owner=None, on: date | None = None) -> Deadline:
    """Start a deadline of the rule version in force on `on` (default: the start date).

    `owner` is any saved model instance with an integer primary key (a complaint, a
    petition…); it is linked generically so that `deadlines_for(owner)` finds it.
    """
    if isinstance(start, datetime):
        start = timezone.localdate(start) if timezone.is_aware(start) else start.date()
    if not isinstance(start, date):
        raise UserError(_("Ngày bắt đầu tính hạn không hợp lệ."))
    rule = rule_in_force(rule_key=rule_key, on=on or start)
    deadline = Deadline(rule=rule, start_date=start, due_date=compute_due_date(rule, start))
    if owner is not None:
        if owner.pk is None:
            raise ValueError("the owner must be saved before a deadline is attached")
        deadline.owner_type = ContentType.objects.get_for_model(owner)
        deadline.owner_id = owner.pk
    deadline.explanation = _cached_explanation(deadline)
    deadline.save()
    return deadline


def _require_running(deadline: Deadline) -> None:
    if deadline.state != DeadlineState.RUNNING:
        raise ConflictError(_("Thời hạn này đã kết thúc, không thể thay đổi."))


@transaction.atomic
def deadline_extend(*, deadline: Deadline, days: int, reason: str, decided_by=None) -> Deadline:
    """Lawfully extend a running deadline by `days` (in the rule's unit), by a written decision."""
    deadline = Deadline.objects.select_for_update().select_related("rule").get(pk=deadline.pk)
    _require_running(deadline)
    if not isinstance(days, int) or isinstance(days, bool) or days < 1 or days > MAX_EXTENSION_DAYS:
        raise UserError(_("Số ngày gia hạn phải từ 1 đến %(max)s.") % {"max": MAX_EXTENSION_DAYS})
    reason = (reason or "").strip()
    if not reason:
        raise UserError(_("Cần ghi lý do hoặc số quyết định gia hạn."))
    old = deadline.due_date
    deadline.extended_days += days
    deadline.due_date = compute_due_date(deadline.rule, deadline.start_date, deadline.extended_days)
    deadline.explanation = _cached_explanation(deadline)
    deadline.save(update_fields=["extended_days", "due_date", "explanation", "updated_at"])
    DeadlineExtension.objects.create(
        deadline=deadline,
        days=days,
        reason=reason[:300],
        decided_by=decided_by,
        old_due_date=old,
        new_due_date=deadline.due_date,
    )
    if old != deadline.due_date:
        deadline_changed.send(
            sender=Deadline,
            deadline=deadline,
            old_due_date=old,
            new_due_date=deadline.due_date,
            cause="extension",
        )
    return deadline


@transaction.atomic
def deadline_stop(*, deadline: Deadline, reason: str = "", on: date | None = None) -> Deadline:
    """Stop a running deadline without meeting it (withdrawn, suspended, transferred…)."""
    return _close(deadline, DeadlineState.STOPPED, reason, on)


@transaction.atomic
def deadline_meet(*, deadline: Deadline, on: date | None = None) -> Deadline:
    """Mark a running deadline as met (the duty was done on `on`, default today)."""
    return _close(deadline, DeadlineState.MET, "", on)


def _close(deadline: Deadline, state: str, reason: str, on: date | None) -> Deadline:
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    _require_running(deadline)
    deadline.state = state
    deadline.closed_on = on or timezone.localdate()
    deadline.close_reason = (reason or "")[:300]
    deadline.save(update_fields=["state", "closed_on", "close_reason", "updated_at"])
    return deadline


def _recompute_around(day: date) -> list[Deadline]:
    """Recompute every running deadline whose window (start, due] contains `day`."""
    changed = []
    affected = (
        Deadline.objects.select_for_update(of=("self",))
        .select_related("rule")
        .filter(state=DeadlineState.RUNNING, start_date__lt=day, due_date__gte=day)
        .order_by("pk")
    )
    for deadline in affected:
        old = deadline.due_date
        new = compute_due_date(deadline.rule, deadline.start_date, deadline.extended_days)
        if new == old:
            continue
        deadline.due_date = new
        deadline.explanation = _cached_explanation(deadline)
        deadline.save(update_fields=["due_date", "explanation", "updated_at"])
        changed.append((deadline, old))
    for deadline, old in changed:
        deadline_changed.send(
            sender=Deadline,
            deadline=deadline,
            old_due_date=old,
            new_due_date=deadline.due_date,
            cause="calendar",
        )
    return [d for d, _old in changed]


# --- calendar days ---------------------------------------------------------------------------------


@transaction.atomic
def calendar_day_add(*, actor, day: date, kind: str, reason: str) -> CalendarDay:
    """Add an extra day off or a make-up working day; running deadlines move at once."""
    _require_manager(actor)
    if kind not in DayKind.values:
        raise UserError(_("Loại ngày không hợp lệ."))
    reason = (reason or "").strip()
    if not reason:
        raise UserError(_("Cần ghi lý do hoặc căn cứ (số quyết định)."))
    if CalendarDay.objects.filter(date=day).exists():
        raise ConflictError(
            _("Ngày %(day)s đã được điều chỉnh; hãy xoá điều chỉnh cũ trước.") % {"day": _fmt(day)}
        )
    working = arithmetic.is_working_day(day)
    if kind == DayKind.DAY_OFF and not working:
        raise UserError(_("Ngày %(day)s đã là ngày nghỉ.") % {"day": _fmt(day)})
    if kind == DayKind.WORKING_DAY and working:
        raise UserError(_("Ngày %(day)s đã là ngày làm việc.") % {"day": _fmt(day)})
    try:
        with transaction.atomic():
            calendar_day = CalendarDay.objects.create(
                date=day, kind=kind, reason=reason[:300], created_by=actor
            )
    except IntegrityError:
        raise ConflictError(
            _("Ngày %(day)s đã được điều chỉnh; hãy xoá điều chỉnh cũ trước.") % {"day": _fmt(day)}
        ) from None
    _recompute_around(day)
    return calendar_day


@transaction.atomic
def calendar_day_remove(*, actor, calendar_day: CalendarDay) -> None:
    """Remove an override; running deadlines whose window contains the date move at once."""
    _require_manager(actor)
    day = calendar_day.date
    deleted, _rows = CalendarDay.objects.filter(pk=calendar_day.pk).delete()
    if not deleted:
        raise ConflictError(_("Ngày điều chỉnh này đã được xoá."))
    _recompute_around(day)


# --- rules -------------------------------------------------------------------------------------------


@transaction.atomic
def deadline_rule_add_version(
    *,
    actor,
    key: str,
    name: str,
    length: int,
    unit: str,
    start_event: str,
    legal_basis: str,
    effective_from: date,
    effective_to: date | None = None,
    roll_to_working_day: bool = True,
    note: str = "",
) -> DeadlineRule:
    """Add a new version of a rule (or a new rule). Existing versions are never edited:
    the version in force on a date is the one with the latest effective_from ≤ that date."""
    _require_manager(actor)
    if unit not in DeadlineUnit.values:
        raise UserError(_("Đơn vị tính không hợp lệ."))
    if effective_to is not None and effective_to < effective_from:
        raise UserError(_("Ngày hết hiệu lực phải sau ngày bắt đầu áp dụng."))
    if DeadlineRule.objects.filter(key=key, effective_from=effective_from).exists():
        raise ConflictError(
            _("Quy tắc “%(key)s” đã có phiên bản áp dụng từ ngày %(day)s.")
            % {"key": key, "day": _fmt(effective_from)}
        )
    try:
        with transaction.atomic():
            return DeadlineRule.objects.create(
                key=key,
                name=name,
                length=length,
                unit=unit,
                start_event=start_event,
                legal_basis=legal_basis,
                effective_from=effective_from,
                effective_to=effective_to,
                roll_to_working_day=roll_to_working_day,
                note=note,
                created_by=actor,
            )
    except IntegrityError:
        raise ConflictError(
            _("Quy tắc “%(key)s” đã có phiên bản áp dụng từ ngày %(day)s.")
            % {"key": key, "day": _fmt(effective_from)}
        ) from None
