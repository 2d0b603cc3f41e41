"""The only writers of work items and delegations.

Modules call `work_item_open` / `work_item_close` in the same transaction as the state change
that creates or ends a duty. After the transaction commits, the people concerned get a live
event with their new counts (see tasks.push_inbox_counts).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dieuhanh.platform import registry
from dieuhanh.platform.audit.context import audit_context
from dieuhanh.platform.orgs.models import Membership
from dieuhanh.platform.permissions.checks import user_can
from dieuhanh.platform.permissions.roles import active_memberships_q, is_system_admin
from dieuhanh.platform.ui.errors import ConflictError, UserError

from . import counts
from .deadlines import deadline_due_at, deadline_rule_text
from .models import Delegation, Urgency, WorkItem, WorkItemEvent, WorkItemState, unit_key, user_key
from .selectors import acting_for, forget_delegators, running_delegations_q

logger = logging.getLogger(__name__)

MANAGE_OTHERS_ACTION = "inbox.delegation_manage"


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


# --- helpers -----------------------------------------------------------------------------------
def _object_ref(obj) -> tuple[ContentType, str]:
    if obj is None or getattr(obj, "pk", None) is None:
        raise ValueError("work items point to a saved object")
    return ContentType.objects.get_for_model(obj), str(obj.pk)


def _check_module(module: str) -> None:
    try:
        registry.get(module)
    except KeyError:
        raise ValueError(f"no module declares the key {module!r}") from None


def _check_urgency(urgency: str) -> None:
    if urgency not in Urgency.values:
        raise UserError(_("Độ khẩn không hợp lệ."))


def _clean_title(title: str) -> str:
    title = " ".join(str(title or "").split())
    if not title:
        raise UserError(_("Công việc cần có nội dung."))
    return title[:500]


def _assignee_key(assignee_user, assignee_unit) -> str:
    if (assignee_user is None) == (assignee_unit is None):
        raise UserError(_("Công việc phải giao cho đúng một người hoặc một đơn vị."))
    return user_key(assignee_user.pk) if assignee_user is not None else unit_key(assignee_unit.pk)


def _default_url(obj) -> str:
    get_url = getattr(obj, "get_absolute_url", None)
    if callable(get_url):
        try:
            return get_url()
        except Exception:  # an object without a page still gets its work item
            logger.debug("inbox: %r has no usable get_absolute_url", obj)
    return ""


def _log(item: WorkItem, kind: str, *, actor=None, on_behalf_of=None, note: str = "") -> None:
    WorkItemEvent.objects.create(
        item=item, kind=kind, actor=actor, on_behalf_of=on_behalf_of, note=str(note)[:500]
    )


def _affected_user_ids(keys: set[str]) -> set[int]:
    """Everyone whose counters a change to these assignee keys moves."""
    user_ids = {int(k[2:]) for k in keys if k.startswith("u:")}
    unit_ids = {int(k[2:]) for k in keys if k.startswith("o:")}
    ids = set(user_ids)
    if unit_ids:
        ids |= set(
            Membership.objects.filter(active_memberships_q(), unit_id__in=unit_ids).values_list(
                "user_id", flat=True
            )
        )
    if user_ids:
        ids |= set(
            Delegation.objects.filter(
                running_delegations_q(timezone.localdate()), from_user_id__in=user_ids
            ).values_list("to_user_id", flat=True)
        )
    return ids


def _refresh_counts_after_commit(keys: set[str], extra_user_ids: tuple[int, ...] = ()) -> None:
    if not keys and not extra_user_ids:
        return
    counts.keys_changed(keys)

    def send():
        from .tasks import push_inbox_counts

        user_ids = sorted(_affected_user_ids(keys) | set(extra_user_ids))
        if not user_ids:
            return
        try:
            push_inbox_counts.enqueue(user_ids)
        except Exception:  # counters are a convenience; never fail the committed write
            logger.exception("inbox: could not enqueue the counter refresh")

    transaction.on_commit(send)


def _open_items(obj, *, purpose: str | None, module: str | None = None):
    content_type, object_id = _object_ref(obj)
    qs = WorkItem.objects.filter(
        content_type=content_type, object_id=object_id, state=WorkItemState.OPEN
    )
    if purpose is not None:
        qs = qs.filter(purpose=purpose)
    if module is not None:
        qs = qs.filter(module=module)
    return qs


# --- work items -----------------------------------------------------------------------------------
@transaction.atomic
def work_item_open(
    *,
    module: str,
    obj,
    title: str,
    assignee_user=None,
    assignee_unit=None,
    due_at: dt.datetime | None = None,
    urgency: str = Urgency.NORMAL,
    deadline=None,
    purpose: str = "",
    url: str | None = None,
    rule_text: str | None = None,
    by=None,
) -> WorkItem:
    """Open the duty, or return the one already open for the same module, object, purpose and
    assignee (a retried service never opens a duplicate; changed details are applied).

    With a calendar `deadline`, `due_at` and `rule_text` default to the deadline's.
    """
    _check_module(module)
    _check_urgency(urgency)
    title = _clean_title(title)
    key = _assignee_key(assignee_user, assignee_unit)
    content_type, object_id = _object_ref(obj)
    if deadline is not None:
        due_at = due_at if due_at is not None else deadline_due_at(deadline)
        rule_text = rule_text if rule_text is not None else deadline_rule_text(deadline)
    if due_at is not None and timezone.is_naive(due_at):
        raise ValueError("due_at must be an aware datetime")
    fields = {
        "title": title,
        "due_at": due_at,
        "urgency": urgency,
        "deadline": deadline,
        "rule_text": rule_text or "",
        "url": url if url is not None else _default_url(obj),
    }
    lookup = {
        "module": module,
        "content_type": content_type,
        "object_id": object_id,
        "purpose": purpose,
        "assignee_key": key,
        "state": WorkItemState.OPEN,
    }
    existing = WorkItem.objects.select_for_update().filter(**lookup).first()
    if existing is None:
        item = WorkItem(
            module=module,
            content_type=content_type,
            object_id=object_id,
            purpose=purpose,
            assignee_user=assignee_user,
            assignee_unit=assignee_unit,
            **fields,
        )
        try:
            with transaction.atomic():
                item.save()
        except IntegrityError:
            # A concurrent retry opened it between our read and our insert.
            existing = WorkItem.objects.select_for_update().filter(**lookup).first()
            if existing is None:
                raise
        else:
            _log(item, WorkItemEvent.Kind.OPENED, actor=by)
            _refresh_counts_after_commit({key})
            return item
    changed = [name for name, value in fields.items() if getattr(existing, name) != value]
    if changed:
        for name in changed:
            setattr(existing, name, fields[name])
        existing.save(update_fields=changed)
        _log(existing, WorkItemEvent.Kind.UPDATED, actor=by, note=", ".join(changed))
        if "due_at" in changed:
            _refresh_counts_after_commit({existing.assignee_key})
    return existing


@transaction.atomic
def work_item_update(
    *,
    obj,
    purpose: str | None = None,
    module: str | None = None,
    title: str = UNSET,
    due_at: dt.datetime | None = UNSET,
    urgency: str = UNSET,
    deadline=UNSET,
    rule_text: str = UNSET,
    url: str = UNSET,
    by=None,
) -> list[WorkItem]:
    """Change the details of the object's open items (all purposes unless one is given)."""
    changes: dict[str, Any] = {}
    if title is not UNSET:
        changes["title"] = _clean_title(title)
    if urgency is not UNSET:
        _check_urgency(urgency)
        changes["urgency"] = urgency
    if deadline is not UNSET:
        changes["deadline"] = deadline
        if deadline is not None:
            changes.setdefault("due_at", deadline_due_at(deadline))
            changes.setdefault("rule_text", deadline_rule_text(deadline))
    if due_at is not UNSET:
        if due_at is not None and timezone.is_naive(due_at):
            raise ValueError("due_at must be an aware datetime")
        changes["due_at"] = due_at
    if rule_text is not UNSET:
        changes["rule_text"] = rule_text or ""
    if url is not UNSET:
        changes["url"] = url
    items = list(_open_items(obj, purpose=purpose, module=module).select_for_update())
    for item in items:
        changed = [name for name, value in changes.items() if getattr(item, name) != value]
        if not changed:
            continue
        for name in changed:
            setattr(item, name, changes[name])
        item.save(update_fields=changed)
        kind = (
            WorkItemEvent.Kind.DUE_CHANGED if changed == ["due_at"] else WorkItemEvent.Kind.UPDATED
        )
        _log(item, kind, actor=by, note=", ".join(changed))
    if "due_at" in changes:
        _refresh_counts_after_commit({i.assignee_key for i in items})
    return items


def _finish(items: list[WorkItem], *, state: str, by, note: str = "") -> list[WorkItem]:
    now = timezone.now()
    kind = (
        WorkItemEvent.Kind.CLOSED if state == WorkItemState.DONE else WorkItemEvent.Kind.CANCELLED
    )
    for item in items:
        on_behalf_of = acting_for(by, item) if by is not None else None
        with audit_context(by, on_behalf_of):
            item.state = state
            item.closed_at = now
            item.closed_by = by
            item.save(update_fields=["state", "closed_at", "closed_by"])
        _log(item, kind, actor=by, on_behalf_of=on_behalf_of, note=note)
    _refresh_counts_after_commit({i.assignee_key for i in items})
    return items


@transaction.atomic
def work_item_close(
    *, obj, purpose: str | None = None, module: str | None = None, by
) -> list[WorkItem]:
    """The duty is done: close the object's open items (all purposes unless one is given).

    When `by` acts for an absent colleague (a running delegation), the item's history
    and the audit trail say so. Closing nothing is not an error (a retried service).
    """
    items = list(_open_items(obj, purpose=purpose, module=module).select_for_update())
    return _finish(items, state=WorkItemState.DONE, by=by)


@transaction.atomic
def work_item_cancel(
    *, obj, purpose: str | None = None, module: str | None = None, by=None, note: str = ""
) -> list[WorkItem]:
    """The duty disappeared (object withdrawn, merged…): the items leave the inbox unfinished."""
    items = list(_open_items(obj, purpose=purpose, module=module).select_for_update())
    return _finish(items, state=WorkItemState.CANCELLED, by=by, note=note)


@transaction.atomic
def work_item_reassign(
    *,
    obj,
    purpose: str | None = None,
    module: str | None = None,
    assignee_user=None,
    assignee_unit=None,
    by,
    note: str = "",
) -> list[WorkItem]:
    """Give the object's open items to another person or unit.

    If the new assignee already holds the same duty, the moved item is cancelled and the
    existing one is kept (so the uniqueness of open duties holds).
    """
    new_key = _assignee_key(assignee_user, assignee_unit)
    items = list(_open_items(obj, purpose=purpose, module=module).select_for_update())
    keys: set[str] = {new_key}
    result: dict[int, WorkItem] = {}
    for item in items:
        if item.assignee_key == new_key:
            result[item.pk] = item
            continue
        keys.add(item.assignee_key)
        on_behalf_of = acting_for(by, item) if by is not None else None
        duplicate = WorkItem.objects.filter(
            module=item.module,
            content_type_id=item.content_type_id,
            object_id=item.object_id,
            purpose=item.purpose,
            assignee_key=new_key,
            state=WorkItemState.OPEN,
        ).first()
        if duplicate is not None:
            _finish(
                [item],
                state=WorkItemState.CANCELLED,
                by=by,
                note=_("Đã có việc trùng của người nhận"),
            )
            result[duplicate.pk] = duplicate
            continue
        previous = str(item.assignee_user or item.assignee_unit)
        with audit_context(by, on_behalf_of):
            item.assignee_user = assignee_user
            item.assignee_unit = assignee_unit
            item.save(update_fields=["assignee_user", "assignee_unit", "assignee_key"])
        _log(
            item,
            WorkItemEvent.Kind.REASSIGNED,
            actor=by,
            on_behalf_of=on_behalf_of,
            note=note or _("Từ %(previous)s") % {"previous": previous},
        )
        result[item.pk] = item
    _refresh_counts_after_commit(keys)
    return list(result.values())


def deadline_moved(deadline) -> int:
    """Re-date the open items linked to a calendar deadline (holiday added, extension…)."""
    due_at = deadline_due_at(deadline)
    count = 0
    with transaction.atomic():
        items = list(
            WorkItem.objects.select_for_update().filter(deadline=deadline, state=WorkItemState.OPEN)
        )
        rule_text = deadline_rule_text(deadline)
        for item in items:
            if item.due_at == due_at and item.rule_text == rule_text:
                continue
            item.due_at = due_at
            item.rule_text = rule_text
            item.save(update_fields=["due_at", "rule_text"])
            note = f"{timezone.localtime(due_at):%d/%m/%Y %H:%M}" if due_at else ""
            _log(item, WorkItemEvent.Kind.DUE_CHANGED, note=note)
            count += 1
        if count:
            _refresh_counts_after_commit({i.assignee_key for i in items})
    return count


# --- delegations -----------------------------------------------------------------------------------
def _may_manage_delegation(by, from_user) -> bool:
    if by.pk == from_user.pk or is_system_admin(by):
        return True
    # A unit administrator or leader may record the absence of a member of their unit.
    units = Membership.objects.filter(active_memberships_q(), user=from_user).select_related("unit")
    return any(user_can(by, MANAGE_OTHERS_ACTION, m.unit) for m in units)


@transaction.atomic
def delegation_create(
    *, by, from_user, to_user, start_date: dt.date, end_date: dt.date, reason: str
) -> Delegation:
    """Ủy quyền: while absent, `from_user`'s own items are shown to `to_user`, who may act on them."""
    if not _may_manage_delegation(by, from_user):
        raise UserError(_("Bạn không có quyền ủy quyền thay cho người này."))
    if to_user is None or from_user.pk == to_user.pk:
        raise UserError(_("Không thể ủy quyền cho chính mình."))
    if not to_user.is_active:
        raise UserError(_("Người được ủy quyền không còn hoạt động."))
    if start_date is None or end_date is None:
        raise UserError(_("Cần nhập đủ ngày bắt đầu và ngày kết thúc."))
    if end_date < start_date:
        raise UserError(_("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."))
    if end_date < timezone.localdate():
        raise UserError(_("Thời gian ủy quyền đã qua."))
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise UserError(_("Cần nêu lý do ủy quyền."))
    # One running delegation per absent person at any time: who acts for them is never ambiguous.
    overlapping = (
        Delegation.objects.select_for_update()
        .filter(
            from_user=from_user, active=True, start_date__lte=end_date, end_date__gte=start_date
        )
        .exists()
    )
    if overlapping:
        raise ConflictError(_("Đã có ủy quyền khác trong khoảng thời gian này."))
    delegation = Delegation.objects.create(
        from_user=from_user,
        to_user=to_user,
        start_date=start_date,
        end_date=end_date,
        reason=reason[:300],
        created_by=by,
    )
    forget_delegators(to_user)
    _refresh_counts_after_commit(set(), (to_user.pk,))
    return delegation


@transaction.atomic
def delegation_end(*, delegation: Delegation, by) -> Delegation:
    """End a delegation now (the person is back). Ending an ended one changes nothing."""
    delegation = (
        Delegation.objects.select_for_update()
        .select_related("from_user", "to_user")
        .get(pk=delegation.pk)
    )
    if by.pk not in (delegation.from_user_id, delegation.to_user_id) and not _may_manage_delegation(
        by, delegation.from_user
    ):
        raise UserError(_("Bạn không có quyền chấm dứt ủy quyền này."))
    if not delegation.active:
        return delegation
    delegation.active = False
    delegation.ended_at = timezone.now()
    delegation.ended_by = by
    delegation.save(update_fields=["active", "ended_at", "ended_by"])
    forget_delegators(delegation.to_user)
    _refresh_counts_after_commit(set(), (delegation.to_user_id,))
    return delegation


__all__ = [
    "UNSET",
    "deadline_moved",
    "delegation_create",
    "delegation_end",
    "work_item_cancel",
    "work_item_close",
    "work_item_open",
    "work_item_reassign",
    "work_item_update",
]
