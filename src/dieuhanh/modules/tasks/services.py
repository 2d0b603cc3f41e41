"""Every write of the tasks module: one keyword-only function per user action.

Each one is transactional, checks the actor's right on the object, writes the task's timeline
(TaskEvent; django-auditlog records the field changes), opens and closes the inbox items in the
same transaction, and re-indexes the task for search after the commit. Notifications are
written in the transaction and delivered after it (platform.notifications).

Work items (inbox, module "tasks"):
  purpose "carry_out" — the lead person (or the lead unit, whose members share it) must carry
                        the task out; due at the end of the due date; urgency = priority.
  purpose "confirm"   — the assigner must confirm a reported completion or return it.
  purpose "extension" — the assigner must decide an extension request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dieuhanh.platform import files, notifications, search
from dieuhanh.platform.inbox.models import Urgency
from dieuhanh.platform.inbox.services import (
    work_item_cancel,
    work_item_close,
    work_item_open,
    work_item_reassign,
    work_item_update,
)
from dieuhanh.platform.orgs.models import Membership, OrgUnit
from dieuhanh.platform.permissions.checks import user_can
from dieuhanh.platform.permissions.roles import active_memberships_q, held_roles
from dieuhanh.platform.ui.errors import ConflictError, UserError

from . import selectors
from .models import (
    OPEN_STATES,
    WORKING_STATES,
    Extension,
    ProgressReport,
    Supervision,
    Task,
    TaskEvent,
    TaskParty,
    TaskState,
)
from .module import ASSIGN, CREATE_OWN, SUPERVISE

MODULE = "tasks"
CARRY_OUT = "carry_out"
CONFIRM = "confirm"
EXTENSION = "extension"
REMINDER_WORKING_DAYS = 3
MAX_TITLE = 500
ATTACHMENT_KINDS = ("pdf", "docx", "xlsx", "image")


# --- helpers -----------------------------------------------------------------------------------
def _due_at(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def _clean(text: str, *, required: str | None = None, limit: int | None = None) -> str:
    text = str(text or "").strip()
    if required and not text:
        raise UserError(required)
    if limit and len(text) > limit:
        raise UserError(_("Nội dung quá dài (tối đa %(limit)s ký tự).") % {"limit": limit})
    return text


def _event(task: Task, kind: str, *, by=None, from_state: str = "", note: str = "", day=None) -> TaskEvent:
    return TaskEvent.objects.create(
        task=task, kind=kind, actor=by, from_state=from_state, to_state=task.state,
        note=str(note or "")[:4000], day=day,
    )


def _reindex(task: Task) -> None:
    ids = [task.pk]
    if task.parent_id:
        ids.append(task.parent_id)
    search.index_after_commit(module=MODULE, type="task", object_ids=ids)


def _lock(task: Task) -> Task:
    """Re-read the task under a row lock: a concurrent action waits, then sees the new state."""
    return Task.objects.select_for_update(of=("self",)).select_related(
        "lead_unit", "lead_user", "assigner", "assigner_unit"
    ).get(pk=task.pk)


def _unit_people(unit_ids: Iterable[int], *, exclude=None) -> list[int]:
    ids = set(
        Membership.objects.filter(active_memberships_q(), unit_id__in=list(unit_ids), user__is_active=True)
        .values_list("user_id", flat=True)
    )
    if exclude is not None:
        ids.discard(exclude.pk)
    return sorted(ids)


def _lead_people(task: Task, *, exclude=None) -> list[int]:
    if task.lead_user_id:
        ids = [task.lead_user_id]
    else:
        ids = _unit_people([task.lead_unit_id])
    return [i for i in ids if exclude is None or i != exclude.pk]


def _notify(task: Task, *, recipients, kind: str, title: str, body: str = "", by=None) -> None:
    recipients = [r for r in recipients if r]
    if recipients:
        notifications.notify(recipients=recipients, kind=kind, title=title, body=body,
                             url=task.get_absolute_url(), actor=by, obj=task)


def _open_carry_out(task: Task, *, by) -> None:
    work_item_open(
        module=MODULE, obj=task, purpose=CARRY_OUT,
        title=_("Thực hiện nhiệm vụ: %(title)s") % {"title": task.title},
        assignee_user=task.lead_user if task.lead_user_id else None,
        assignee_unit=None if task.lead_user_id else task.lead_unit,
        due_at=_due_at(task.due_date), urgency=task.priority, url=task.get_absolute_url(),
        rule_text=task.due_rule, by=by,
    )


def _check_decider(by, task: Task) -> None:
    if not selectors.may_decide(by, task):
        raise UserError(_("Chỉ người giao nhiệm vụ (hoặc lãnh đạo đơn vị giao) được làm việc này."))


def _check_carrier(by, task: Task) -> None:
    if not selectors.may_carry_out(by, task):
        raise UserError(_("Chỉ người, đơn vị chủ trì nhiệm vụ được làm việc này."))


def _check_state(task: Task, allowed, message: str) -> None:
    if task.state not in allowed:
        raise ConflictError(message)


def assigner_unit_for(user, *, action: str = ASSIGN) -> OrgUnit | None:
    """The unit in whose name the person assigns: their primary unit where they may."""
    held = sorted(held_roles(user), key=lambda h: (not h.is_primary, len(h.unit_path)))
    for h in held:
        unit = OrgUnit.objects.filter(pk=h.unit_id).first()
        if unit is not None and user_can(user, action, unit):
            return unit
    if held:
        return OrgUnit.objects.filter(pk=held[0].unit_id).first()
    return None


def _source_ref(source) -> tuple[ContentType | None, str, str, str]:
    if source is None:
        return None, "", "", ""
    if getattr(source, "pk", None) is None:
        raise ValueError("a task's source must be a saved object")
    url = ""
    get_url = getattr(source, "get_absolute_url", None)
    if callable(get_url):
        url = get_url() or ""
    return ContentType.objects.get_for_model(source), str(source.pk), str(source)[:500], url[:500]


def _write_parties(task: Task, cooperating_units=(), cooperating_users=()) -> None:
    rows = {(selectors.user_key(task.assigner_id), TaskParty.Role.ASSIGNER),
            (selectors.unit_key(task.assigner_unit_id), TaskParty.Role.ASSIGNER)}
    if task.lead_user_id:
        rows.add((selectors.user_key(task.lead_user_id), TaskParty.Role.LEAD))
    if task.lead_unit_id:
        rows.add((selectors.unit_key(task.lead_unit_id), TaskParty.Role.LEAD))
    rows |= {(selectors.unit_key(u.pk), TaskParty.Role.COOPERATE) for u in cooperating_units}
    rows |= {(selectors.user_key(u.pk), TaskParty.Role.COOPERATE) for u in cooperating_users}
    existing = set(task.parties.values_list("key", "role"))
    task.parties.exclude(
        pk__in=[p.pk for p in task.parties.all() if (p.key, p.role) in rows]
    ).delete()
    TaskParty.objects.bulk_create(
        [TaskParty(task=task, key=k, role=r) for k, r in sorted(rows - existing)]
    )


# --- creating tasks -------------------------------------------------------------------------------
def _check_may_create(by, *, lead_unit, lead_user, parent, assigner_unit) -> None:
    if parent is not None:
        if not selectors.may_split(by, parent):
            raise UserError(_("Bạn không được chia nhiệm vụ này thành nhiệm vụ con."))
        if (lead_unit is not None or (lead_user is not None and lead_user.pk != by.pk)) and not user_can(by, ASSIGN):
            raise UserError(_("Chuyên viên chỉ tạo nhiệm vụ con cho chính mình."))
        return
    personal = lead_unit is None and lead_user is not None and lead_user.pk == by.pk
    if personal and (user_can(by, CREATE_OWN) or user_can(by, ASSIGN)):
        return
    if user_can(by, ASSIGN, assigner_unit):
        return
    raise UserError(_("Bạn không có quyền giao nhiệm vụ này."))


@transaction.atomic
def task_create(
    *,
    by,
    title: str,
    description: str = "",
    lead_unit: OrgUnit | None = None,
    lead_user=None,
    cooperating_units: Iterable[OrgUnit] = (),
    cooperating_users: Iterable = (),
    due_date: dt.date | None = None,
    source=None,
    parent: Task | None = None,
    supervision: Supervision | None = None,
    priority: str = Urgency.NORMAL,
    assigner_unit: OrgUnit | None = None,
    due_rule: str = "",
    submission_key: str = "",
    _checked: bool = False,
) -> Task:
    """Assign a task (or create a personal task, or a subtask of one the person carries out).

    `source` is any saved model instance (a document, a meeting's conclusion…): the task keeps
    a link back and a snapshot of its title and URL. With a `submission_key` (sent once by the
    form), a repeated call returns the task already created.
    """
    title = _clean(title, required=_("Nhiệm vụ cần có tên."), limit=MAX_TITLE)
    description = _clean(description, limit=20000)
    if lead_unit is None and lead_user is None:
        raise UserError(_("Chọn đơn vị hoặc người chủ trì nhiệm vụ."))
    if priority not in Urgency.values:
        raise UserError(_("Độ khẩn không hợp lệ."))
    if submission_key:
        existing = Task.objects.filter(assigner=by, submission_key=submission_key).first()
        if existing is not None:
            return existing
    if parent is not None:
        parent = _lock(parent)
        if not parent.is_open:
            raise ConflictError(_("Nhiệm vụ cha đã kết thúc, không thể thêm nhiệm vụ con."))
    if assigner_unit is None:
        if parent is not None and parent.lead_unit_id:
            assigner_unit = parent.lead_unit
        else:
            assigner_unit = assigner_unit_for(by, action=ASSIGN if lead_unit else CREATE_OWN)
    if assigner_unit is None:
        raise UserError(_("Bạn chưa thuộc đơn vị nào nên chưa thể giao nhiệm vụ."))
    if not _checked:
        _check_may_create(by, lead_unit=lead_unit, lead_user=lead_user, parent=parent,
                          assigner_unit=assigner_unit)
    cooperating_units = [u for u in cooperating_units if u is not None and u.pk != getattr(lead_unit, "pk", None)]
    cooperating_users = [u for u in cooperating_users if u is not None and u.pk != getattr(lead_user, "pk", None)]
    source_type, source_id, source_title, source_url = _source_ref(source)
    if source is None and supervision is not None:
        source_title, source_url = supervision.title[:500], supervision.get_absolute_url()
    task = Task(
        title=title, description=description, priority=priority, assigner=by,
        assigner_unit=assigner_unit, lead_unit=lead_unit, lead_user=lead_user, parent=parent,
        supervision=supervision, source_type=source_type, source_id=source_id,
        source_title=source_title, source_url=source_url, due_date=due_date,
        original_due_date=due_date, due_rule=_clean(due_rule, limit=255),
        assigned_on=timezone.localdate(), submission_key=submission_key[:64],
    )
    try:
        with transaction.atomic():
            task.save()
    except IntegrityError:
        existing = Task.objects.filter(assigner=by, submission_key=submission_key).first()
        if submission_key and existing is not None:
            return existing
        raise
    task.cooperating_units.set(cooperating_units)
    task.cooperating_users.set(cooperating_users)
    _write_parties(task, cooperating_units, cooperating_users)
    _event(task, TaskEvent.Kind.CREATED, by=by,
           note=_("Hạn hoàn thành: %(due)s") % {"due": task.due_date.strftime("%d/%m/%Y")}
           if task.due_date else _("Không thời hạn"))
    _open_carry_out(task, by=by)
    _notify(task, recipients=_lead_people(task, exclude=by), kind="tasks.assigned",
            title=_("Nhiệm vụ mới: %(title)s") % {"title": task.title}, by=by,
            body=_("Giao bởi %(who)s") % {"who": by.get_full_name() or by})
    coop_people = [u.pk for u in cooperating_users] + _unit_people([u.pk for u in cooperating_units], exclude=by)
    _notify(task, recipients=sorted(set(coop_people)), kind="tasks.assigned",
            title=_("Phối hợp thực hiện nhiệm vụ: %(title)s") % {"title": task.title}, by=by)
    _reindex(task)
    return task


@dataclass(frozen=True)
class TaskSpec:
    """One task of a supervision (a resolution or a conclusion becomes a set of these)."""

    title: str
    description: str = ""
    lead_unit: OrgUnit | None = None
    lead_user: object = None
    cooperating_units: tuple = field(default_factory=tuple)
    due_date: dt.date | None = None


@transaction.atomic
def supervision_create(
    *, by, source, title: str, items: list[TaskSpec], unit: OrgUnit | None = None
) -> Supervision:
    """A resolution or a supervision conclusion becomes a tracked set of tasks.

    `source` is the resolution, the meeting's Conclusion or the document (any saved model
    instance with `get_absolute_url()` and `__str__`): the supervision and each task link back
    to it. `unit` is the supervising unit (by default the person's own unit where they may
    supervise, e.g. the council's standing committee). Calling it again for the same source
    returns the existing supervision unchanged (a retried call creates nothing).
    """
    title = _clean(title, required=_("Nội dung giám sát cần có tên."), limit=500)
    if not items:
        raise UserError(_("Cần ít nhất một nhiệm vụ để theo dõi."))
    source_type, source_id, source_title, source_url = _source_ref(source)
    if source_type is not None:
        existing = Supervision.objects.filter(source_type=source_type, source_id=source_id).first()
        if existing is not None:
            return existing
    if unit is None:
        unit = assigner_unit_for(by, action=SUPERVISE)
    if unit is None or not (user_can(by, SUPERVISE, unit) or user_can(by, ASSIGN, unit)):
        raise UserError(_("Bạn không có quyền giao nhiệm vụ giám sát."))
    supervision = Supervision.objects.create(
        title=title, unit=unit, created_by=by, source_type=source_type, source_id=source_id,
        source_title=source_title, source_url=source_url,
    )
    for spec in items:
        task_create(
            by=by, title=spec.title, description=spec.description, lead_unit=spec.lead_unit,
            lead_user=spec.lead_user, cooperating_units=spec.cooperating_units,
            due_date=spec.due_date, source=source, supervision=supervision, assigner_unit=unit,
            _checked=True,
        )
    return supervision


@transaction.atomic
def task_lead_person_assign(*, by, task: Task, person) -> Task:
    """The lead unit names the person in charge (the task moves to that person's inbox)."""
    task = _lock(task)
    if task.lead_unit_id is None:
        raise UserError(_("Nhiệm vụ giao trực tiếp cho cá nhân, không cần phân công."))
    if not (user_can(by, ASSIGN, task.lead_unit) or selectors.may_decide(by, task)):
        raise UserError(_("Chỉ lãnh đạo đơn vị chủ trì được phân công người thực hiện."))
    _check_state(task, WORKING_STATES, _("Nhiệm vụ không còn đang thực hiện."))
    if not Membership.objects.filter(active_memberships_q(), user=person, unit=task.lead_unit).exists():
        raise UserError(_("Người được phân công phải là thành viên của đơn vị chủ trì."))
    if task.lead_user_id == person.pk:
        return task
    task.lead_user = person
    task.save(update_fields=["lead_user", "updated_at"])
    _write_parties(task, task.cooperating_units.all(), task.cooperating_users.all())
    work_item_reassign(obj=task, purpose=CARRY_OUT, module=MODULE, assignee_user=person, by=by)
    _event(task, TaskEvent.Kind.PERSON_ASSIGNED, by=by, note=person.get_full_name() or str(person))
    _notify(task, recipients=[person.pk] if person.pk != by.pk else [], kind="tasks.assigned",
            title=_("Bạn được phân công chủ trì: %(title)s") % {"title": task.title}, by=by)
    _reindex(task)
    return task


# --- carrying out -------------------------------------------------------------------------------
@transaction.atomic
def progress_report(
    *, by, task: Task, percent: int, text: str, submission_key: str = "", attachments: Iterable = ()
) -> ProgressReport:
    """Báo cáo tiến độ: a percentage, a text and files (uploads, checked by content and stored
    under generated names by platform.files). A repeated submit records one report."""
    text = _clean(text, required=_("Nhập nội dung báo cáo tiến độ."), limit=20000)
    try:
        percent = int(percent)
    except (TypeError, ValueError):
        raise UserError(_("Tiến độ phải là một số từ 0 đến 100.")) from None
    if not 0 <= percent <= 100:
        raise UserError(_("Tiến độ phải là một số từ 0 đến 100."))
    task = _lock(task)
    if submission_key:
        existing = ProgressReport.objects.filter(task=task, author=by, submission_key=submission_key).first()
        if existing is not None:
            return existing
    if not selectors.may_report_progress(by, task):
        raise UserError(_("Chỉ người, đơn vị chủ trì hoặc phối hợp được báo cáo tiến độ."))
    _check_state(task, WORKING_STATES, _("Nhiệm vụ không ở trạng thái đang thực hiện."))
    report = ProgressReport.objects.create(
        task=task, author=by, percent=percent, text=text, submission_key=submission_key[:64]
    )
    stored = [files.store_upload(upload, kinds=ATTACHMENT_KINDS, by=by) for upload in attachments if upload]
    if stored:
        report.files.add(*stored)
    previous = task.state
    task.progress = percent
    if task.state in (TaskState.ASSIGNED, TaskState.RETURNED):
        task.state = TaskState.IN_PROGRESS
    task.save(update_fields=["progress", "state", "updated_at"])
    _event(task, TaskEvent.Kind.PROGRESS, by=by, from_state=previous, note=f"{percent}% – {text}")
    _reindex(task)
    return report


@transaction.atomic
def extension_request(*, by, task: Task, requested_date: dt.date, reason: str) -> Extension:
    """Đề nghị gia hạn: a later due date and why; the assigner decides."""
    reason = _clean(reason, required=_("Nêu lý do đề nghị gia hạn."), limit=4000)
    task = _lock(task)
    _check_carrier(by, task)
    _check_state(task, WORKING_STATES, _("Chỉ nhiệm vụ đang thực hiện mới đề nghị gia hạn được."))
    if task.due_date is None:
        raise UserError(_("Nhiệm vụ không thời hạn, không cần gia hạn."))
    if requested_date is None or requested_date <= task.due_date:
        raise UserError(_("Hạn đề nghị phải sau hạn hiện tại (%(due)s).")
                        % {"due": task.due_date.strftime("%d/%m/%Y")})
    pending = selectors.pending_extension(task)
    if pending is not None:
        if pending.requested_date == requested_date and pending.requested_by_id == by.pk:
            return pending  # the same request sent twice
        raise ConflictError(_("Nhiệm vụ đang có một đề nghị gia hạn chờ quyết định."))
    extension = Extension.objects.create(
        task=task, requested_by=by, old_due_date=task.due_date, requested_date=requested_date,
        reason=reason,
    )
    _event(task, TaskEvent.Kind.EXTENSION_REQUESTED, by=by,
           note=_("Đề nghị gia hạn đến %(date)s: %(reason)s")
           % {"date": requested_date.strftime("%d/%m/%Y"), "reason": reason})
    work_item_open(
        module=MODULE, obj=task, purpose=EXTENSION, assignee_user=task.assigner,
        title=_("Quyết định gia hạn nhiệm vụ: %(title)s") % {"title": task.title},
        due_at=_due_at(task.due_date), urgency=task.priority, url=task.get_absolute_url(), by=by,
    )
    return extension


@transaction.atomic
def extension_decide(*, by, extension: Extension, approve: bool, note: str = "") -> Extension:
    """The assigner approves (the due date moves; the task is judged by the new date) or refuses."""
    task = _lock(extension.task)
    extension = Extension.objects.select_for_update().get(pk=extension.pk)
    _check_decider(by, task)
    if extension.state != Extension.State.PENDING:
        raise ConflictError(_("Đề nghị gia hạn này đã được quyết định."))
    note = _clean(note, limit=4000)
    if not approve and not note:
        raise UserError(_("Nêu lý do không đồng ý gia hạn."))
    extension.state = Extension.State.APPROVED if approve else Extension.State.REFUSED
    extension.decided_by, extension.decided_at, extension.decision_note = by, timezone.now(), note
    extension.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    if approve:
        task.due_date = extension.requested_date
        if task.original_due_date is None:
            task.original_due_date = extension.old_due_date
        task.save(update_fields=["due_date", "original_due_date", "updated_at"])
        work_item_update(obj=task, purpose=CARRY_OUT, module=MODULE, due_at=_due_at(task.due_date), by=by)
        kind = TaskEvent.Kind.EXTENSION_APPROVED
        text = _("Đồng ý gia hạn đến %(date)s") % {"date": task.due_date.strftime("%d/%m/%Y")}
    else:
        kind = TaskEvent.Kind.EXTENSION_REFUSED
        text = _("Không đồng ý gia hạn")
    _event(task, kind, by=by, note=f"{text}. {note}".strip() if note else text)
    work_item_close(obj=task, purpose=EXTENSION, module=MODULE, by=by)
    recipients = sorted({extension.requested_by_id, *_lead_people(task)} - {by.pk})
    _notify(task, recipients=recipients, kind="tasks.extension_decided",
            title=f"{text}: {task.title}", body=note, by=by)
    _reindex(task)
    return extension


@transaction.atomic
def completion_report(
    *, by, task: Task, text: str, completed_on: dt.date | None = None
) -> Task:
    """Báo cáo hoàn thành: the task waits for the assigner's confirmation. The completion date
    (today unless given, never in the future) decides on time or late. A personal task (the
    person assigned it to themselves) is done at once."""
    text = _clean(text, required=_("Nhập kết quả thực hiện."), limit=20000)
    task = _lock(task)
    _check_carrier(by, task)
    if task.state == TaskState.AWAITING_CONFIRMATION:
        return task  # the same report sent twice
    _check_state(task, WORKING_STATES, _("Nhiệm vụ không ở trạng thái đang thực hiện."))
    today = timezone.localdate()
    completed_on = completed_on or today
    if completed_on > today:
        raise UserError(_("Ngày hoàn thành không được sau hôm nay."))
    if completed_on < task.assigned_on:
        raise UserError(_("Ngày hoàn thành không được trước ngày giao."))
    previous = task.state
    task.state, task.completed_on, task.progress = TaskState.AWAITING_CONFIRMATION, completed_on, 100
    task.save(update_fields=["state", "completed_on", "progress", "updated_at"])
    _event(task, TaskEvent.Kind.COMPLETION_REPORTED, by=by, from_state=previous, note=text)
    work_item_close(obj=task, purpose=CARRY_OUT, module=MODULE, by=by)
    pending = selectors.pending_extension(task)
    if pending is not None:  # finished anyway: the request is moot
        pending.state, pending.decided_at = Extension.State.REFUSED, timezone.now()
        pending.decision_note = _("Nhiệm vụ đã báo cáo hoàn thành.")
        pending.save(update_fields=["state", "decided_at", "decision_note"])
        work_item_cancel(obj=task, purpose=EXTENSION, module=MODULE, by=by)
    if task.assigner_id == by.pk:
        return _confirm(by=by, task=task, note="")
    work_item_open(
        module=MODULE, obj=task, purpose=CONFIRM, assignee_user=task.assigner,
        title=_("Xác nhận hoàn thành nhiệm vụ: %(title)s") % {"title": task.title},
        urgency=task.priority, url=task.get_absolute_url(), by=by,
    )
    _reindex(task)
    return task


def _confirm(*, by, task: Task, note: str) -> Task:
    previous = task.state
    task.state, task.confirmed_at = TaskState.DONE, timezone.now()
    task.save(update_fields=["state", "confirmed_at", "updated_at"])
    _event(task, TaskEvent.Kind.CONFIRMED, by=by, from_state=previous,
           note=f"{task.status_label()}. {note}".strip())
    work_item_close(obj=task, purpose=CONFIRM, module=MODULE, by=by)
    _notify(task, recipients=_lead_people(task, exclude=by), kind="tasks.confirmed",
            title=_("Nhiệm vụ được xác nhận hoàn thành: %(title)s") % {"title": task.title},
            body=note, by=by)
    _reindex(task)
    return task


@transaction.atomic
def task_confirm(*, by, task: Task, note: str = "") -> Task:
    """The assigner confirms the reported completion: done on time or late by its date."""
    task = _lock(task)
    _check_decider(by, task)
    if task.state == TaskState.DONE:
        return task
    _check_state(task, [TaskState.AWAITING_CONFIRMATION], _("Nhiệm vụ chưa được báo cáo hoàn thành."))
    return _confirm(by=by, task=task, note=_clean(note, limit=4000))


@transaction.atomic
def task_return(*, by, task: Task, reason: str) -> Task:
    """The assigner returns the reported completion with a reason: the work goes on."""
    reason = _clean(reason, required=_("Nêu lý do trả lại."), limit=4000)
    task = _lock(task)
    _check_decider(by, task)
    _check_state(task, [TaskState.AWAITING_CONFIRMATION], _("Nhiệm vụ chưa được báo cáo hoàn thành."))
    previous = task.state
    task.state, task.completed_on = TaskState.RETURNED, None
    task.save(update_fields=["state", "completed_on", "updated_at"])
    _event(task, TaskEvent.Kind.RETURNED, by=by, from_state=previous, note=reason)
    work_item_close(obj=task, purpose=CONFIRM, module=MODULE, by=by)
    _open_carry_out(task, by=by)
    _notify(task, recipients=_lead_people(task, exclude=by), kind="tasks.returned",
            title=_("Nhiệm vụ bị trả lại: %(title)s") % {"title": task.title}, body=reason, by=by)
    _reindex(task)
    return task


@transaction.atomic
def task_suspend(*, by, task: Task, reason: str) -> Task:
    reason = _clean(reason, required=_("Nêu lý do tạm dừng."), limit=4000)
    task = _lock(task)
    _check_decider(by, task)
    _check_state(task, OPEN_STATES, _("Chỉ nhiệm vụ đang mở mới tạm dừng được."))
    previous = task.state
    task.state = TaskState.SUSPENDED
    task.save(update_fields=["state", "updated_at"])
    _event(task, TaskEvent.Kind.SUSPENDED, by=by, from_state=previous, note=reason)
    work_item_cancel(obj=task, module=MODULE, by=by, note=reason)
    _reindex(task)
    return task


@transaction.atomic
def task_resume(*, by, task: Task, due_date: dt.date | None = None) -> Task:
    """Back to work after a suspension, optionally with a new due date."""
    task = _lock(task)
    _check_decider(by, task)
    _check_state(task, [TaskState.SUSPENDED], _("Nhiệm vụ không bị tạm dừng."))
    previous = task.state
    task.state = TaskState.IN_PROGRESS if task.progress else TaskState.ASSIGNED
    task.completed_on = None
    if due_date is not None:
        task.due_date = due_date
    task.save(update_fields=["state", "due_date", "completed_on", "updated_at"])
    _event(task, TaskEvent.Kind.RESUMED, by=by, from_state=previous,
           note=_("Hạn hoàn thành: %(due)s") % {"due": task.due_date.strftime("%d/%m/%Y")} if task.due_date else "")
    _open_carry_out(task, by=by)
    _reindex(task)
    return task


@transaction.atomic
def task_cancel(*, by, task: Task, reason: str) -> Task:
    reason = _clean(reason, required=_("Nêu lý do hủy nhiệm vụ."), limit=4000)
    task = _lock(task)
    _check_decider(by, task)
    if task.state == TaskState.CANCELLED:
        return task
    _check_state(task, [*OPEN_STATES, TaskState.SUSPENDED], _("Nhiệm vụ đã kết thúc."))
    previous = task.state
    task.state = TaskState.CANCELLED
    task.save(update_fields=["state", "updated_at"])
    task.extensions.filter(state=Extension.State.PENDING).update(
        state=Extension.State.REFUSED, decided_at=timezone.now(), decision_note=reason
    )
    _event(task, TaskEvent.Kind.CANCELLED, by=by, from_state=previous, note=reason)
    work_item_cancel(obj=task, module=MODULE, by=by, note=reason)
    _reindex(task)
    return task


# --- reminders (the daily job) --------------------------------------------------------------------
def reminders_send(*, today: dt.date | None = None) -> dict[str, int]:
    """Notify the lead people of tasks due within REMINDER_WORKING_DAYS working days and of
    tasks that became overdue. Once per task, kind and day: a second run the same day sends
    nothing (the unique TaskEvent per task, kind and day decides)."""
    from dieuhanh.platform.workcalendar.api import add_working_days

    today = today or timezone.localdate()
    soon_end = add_working_days(today, REMINDER_WORKING_DAYS)
    working = Task.objects.filter(state__in=WORKING_STATES, due_date__isnull=False).select_related(
        "lead_unit", "lead_user"
    )
    sent = {"reminded": 0, "overdue": 0}
    jobs = [
        (working.filter(due_date__gte=today, due_date__lte=soon_end), TaskEvent.Kind.REMINDED,
         "tasks.reminder", _("Sắp đến hạn (%(due)s): %(title)s")),
        # Overdue once: the first day after the due date (or the first run after it).
        (working.filter(due_date__lt=today).exclude(events__kind=TaskEvent.Kind.OVERDUE),
         TaskEvent.Kind.OVERDUE, "tasks.overdue", _("Quá hạn từ %(due)s: %(title)s")),
    ]
    for qs, kind, notification_kind, template in jobs:
        for task in qs.iterator(chunk_size=500):
            try:
                with transaction.atomic():
                    _event(task, kind, note=task.due_date.strftime("%d/%m/%Y"), day=today)
                    _notify(task, recipients=_lead_people(task), kind=notification_kind,
                            title=template % {"due": task.due_date.strftime("%d/%m/%Y"), "title": task.title})
            except IntegrityError:
                continue  # already sent today
            sent[kind] += 1
    return sent

