"""Deadlines: starting, explaining, extending, stopping, and recomputing when the calendar changes."""

from datetime import UTC, date

import pytest
from django.contrib.contenttypes.models import ContentType

from dieuhanh.platform.orgs.tests.factories import person
from dieuhanh.platform.registry import STAFF
from dieuhanh.platform.ui.errors import ConflictError, UserError
from dieuhanh.platform.workcalendar import api, services
from dieuhanh.platform.workcalendar.models import (
    CalendarDay,
    DayKind,
    Deadline,
    DeadlineExtension,
    DeadlineRule,
    DeadlineState,
    DeadlineUnit,
)

from .factories import DeadlineRuleFactory, calendar_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def changes():
    seen = []

    def receiver(sender, deadline, old_due_date, new_due_date, cause, **kwargs):
        seen.append((deadline.pk, old_due_date, new_due_date, cause))

    api.deadline_changed.connect(receiver, weak=False, dispatch_uid="test-workcalendar-changes")
    yield seen
    api.deadline_changed.disconnect(dispatch_uid="test-workcalendar-changes")


def test_seeded_rules_carry_their_legal_basis():
    rule = DeadlineRule.objects.get(key="complaint.resolve_first")
    assert (rule.length, rule.unit, rule.legal_basis) == (
        30,
        DeadlineUnit.CALENDAR_DAYS,
        "Điều 28 Luật Khiếu nại 2011",
    )
    seeded = dict(DeadlineRule.objects.values_list("key", "length"))
    assert seeded["complaint.resolve_second_remote_complex"] == 70
    assert seeded["denunciation.accept"] == 7
    assert DeadlineRule.objects.get(key="denunciation.accept").unit == DeadlineUnit.WORKING_DAYS
    assert seeded["petition.central_answer"] == 60


def test_deadline_start_computes_due_date_and_explains_it():
    owner = person(STAFF)  # any saved object can own a deadline
    deadline = api.deadline_start(
        rule_key="complaint.resolve_first", start=date(2026, 1, 20), owner=owner
    )
    # 30 days after 20/01/2026 is 19/02/2026, a Tết day off: the last day moves to Mon 23/02/2026.
    assert deadline.due_date == date(2026, 2, 23)
    assert deadline.state == DeadlineState.RUNNING
    assert deadline.explanation == (
        "Hạn giải quyết khiếu nại lần đầu: 30 ngày kể từ ngày thụ lý 20/01/2026 "
        "(Điều 28 Luật Khiếu nại 2011), đến 23/02/2026 "
        "(ngày 19/02/2026 là ngày nghỉ nên hạn chuyển sang ngày làm việc tiếp theo)"
    )
    assert api.deadline_explain(deadline) == deadline.explanation
    assert list(api.deadlines_for(owner)) == [deadline]
    assert deadline.owner == owner
    assert deadline.owner_type == ContentType.objects.get_for_model(owner)


def test_working_day_rule_without_rolling_explains_plainly():
    deadline = api.deadline_start(rule_key="denunciation.accept", start=date(2026, 3, 2))
    assert deadline.due_date == date(2026, 3, 11)
    assert deadline.explanation.endswith("(Khoản 1 Điều 24 Luật Tố cáo 2018), đến 11/03/2026")
    assert "7 ngày làm việc" in deadline.explanation


def test_the_rule_version_in_force_on_the_start_date_is_used():
    DeadlineRuleFactory(
        key="petition.local",
        length=30,
        unit=DeadlineUnit.CALENDAR_DAYS,
        effective_from=date(2020, 1, 1),
    )
    DeadlineRuleFactory(
        key="petition.local",
        length=20,
        unit=DeadlineUnit.CALENDAR_DAYS,
        effective_from=date(2026, 7, 1),
    )
    old = api.deadline_start(rule_key="petition.local", start=date(2026, 6, 30))
    new = api.deadline_start(rule_key="petition.local", start=date(2026, 7, 1))
    assert old.rule.length == 30 and new.rule.length == 20
    chosen_by_on = api.deadline_start(
        rule_key="petition.local", start=date(2026, 7, 1), on=date(2026, 6, 1)
    )
    assert chosen_by_on.rule.length == 30


def test_rule_not_in_force_is_a_clear_user_error():
    DeadlineRuleFactory(
        key="x.ended", effective_from=date(2020, 1, 1), effective_to=date(2020, 12, 31)
    )
    with pytest.raises(
        UserError, match="Không có quy tắc thời hạn “x.ended” áp dụng vào ngày 01/01/2021"
    ):
        api.deadline_start(rule_key="x.ended", start=date(2021, 1, 1))
    with pytest.raises(UserError):
        api.deadline_start(rule_key="does.not.exist", start=date(2026, 1, 1))


def test_a_make_up_working_day_moves_a_running_deadline(changes):
    """Must-show: an administrator adds a make-up working day; a running deadline moves."""
    admin = calendar_admin()
    # 7 working days from Mon 02/03/2026: 3, 4, 5, 6, 9, 10, 11 → 11/03/2026.
    running = api.deadline_start(rule_key="denunciation.accept", start=date(2026, 3, 2))
    later = api.deadline_start(
        rule_key="denunciation.accept", start=date(2026, 3, 9)
    )  # window starts after 07/03
    stopped = api.deadline_start(rule_key="denunciation.accept", start=date(2026, 3, 2))
    api.deadline_stop(deadline=stopped, reason="Rút đơn")
    assert running.due_date == date(2026, 3, 11)

    # Saturday 07/03/2026 becomes a working day: 3, 4, 5, 6, 7, 9, 10 → 10/03/2026.
    api.calendar_day_add(
        actor=admin,
        day=date(2026, 3, 7),
        kind=DayKind.WORKING_DAY,
        reason="Làm bù theo quyết định 12/QĐ",
    )

    running.refresh_from_db()
    assert running.due_date == date(2026, 3, 10)
    assert "đến 10/03/2026" in running.explanation
    assert changes == [(running.pk, date(2026, 3, 11), date(2026, 3, 10), "calendar")]
    later.refresh_from_db()
    stopped.refresh_from_db()
    assert later.due_date == date(2026, 3, 18)
    assert stopped.due_date == date(2026, 3, 11)


def test_an_extra_day_off_and_its_removal_move_running_deadlines(changes):
    admin = calendar_admin()
    working = api.deadline_start(
        rule_key="denunciation.accept", start=date(2026, 3, 2)
    )  # due 11/03
    # 10 calendar days from 01/03/2026 → Wed 11/03/2026, then rolled if that day is off.
    calendar = api.deadline_start(rule_key="complaint.accept", start=date(2026, 3, 1))
    assert calendar.due_date == date(2026, 3, 11)

    day = api.calendar_day_add(
        actor=admin, day=date(2026, 3, 11), kind=DayKind.DAY_OFF, reason="Nghỉ bổ sung"
    )
    working.refresh_from_db()
    calendar.refresh_from_db()
    assert working.due_date == date(2026, 3, 12)
    assert calendar.due_date == date(2026, 3, 12)
    assert {c[0] for c in changes} == {working.pk, calendar.pk}

    changes.clear()
    api.calendar_day_remove(actor=admin, calendar_day=day)
    working.refresh_from_db()
    calendar.refresh_from_db()
    assert (working.due_date, calendar.due_date) == (date(2026, 3, 11), date(2026, 3, 11))
    assert sorted(c[2] for c in changes) == [date(2026, 3, 11), date(2026, 3, 11)]
    assert not CalendarDay.objects.exists()


def test_calendar_day_add_refuses_bad_requests():
    admin = calendar_admin()
    with pytest.raises(UserError, match="đã là ngày nghỉ"):
        api.calendar_day_add(actor=admin, day=date(2026, 3, 7), kind=DayKind.DAY_OFF, reason="x")
    with pytest.raises(UserError, match="đã là ngày làm việc"):
        api.calendar_day_add(
            actor=admin, day=date(2026, 3, 9), kind=DayKind.WORKING_DAY, reason="x"
        )
    with pytest.raises(UserError, match="lý do"):
        api.calendar_day_add(actor=admin, day=date(2026, 3, 9), kind=DayKind.DAY_OFF, reason="  ")
    api.calendar_day_add(actor=admin, day=date(2026, 3, 9), kind=DayKind.DAY_OFF, reason="Nghỉ")
    with pytest.raises(ConflictError):
        api.calendar_day_add(
            actor=admin, day=date(2026, 3, 9), kind=DayKind.WORKING_DAY, reason="Làm"
        )
    with pytest.raises(UserError, match="không có quyền"):
        api.calendar_day_add(
            actor=person(STAFF), day=date(2026, 3, 10), kind=DayKind.DAY_OFF, reason="Nghỉ"
        )
    assert CalendarDay.objects.count() == 1


def test_lawful_extension_moves_the_due_date_and_is_kept(changes):
    admin = calendar_admin()
    deadline = api.deadline_start(rule_key="denunciation.resolve", start=date(2026, 3, 2))
    assert deadline.due_date == date(2026, 4, 1)
    deadline = api.deadline_extend(
        deadline=deadline, days=30, reason="Quyết định gia hạn 5/QĐ", decided_by=admin
    )
    assert deadline.due_date == date(2026, 5, 4)  # 01/05/2026 is a holiday, 02–03/05 a weekend
    assert deadline.extended_days == 30
    assert ", gia hạn thêm 30 ngày, đến 04/05/2026" in deadline.explanation
    extension = DeadlineExtension.objects.get(deadline=deadline)
    assert (extension.old_due_date, extension.new_due_date, extension.decided_by) == (
        date(2026, 4, 1),
        date(2026, 5, 4),
        admin,
    )
    assert changes == [(deadline.pk, date(2026, 4, 1), date(2026, 5, 4), "extension")]
    with pytest.raises(UserError):
        api.deadline_extend(deadline=deadline, days=0, reason="x")
    with pytest.raises(UserError):
        api.deadline_extend(deadline=deadline, days=5, reason="")


def test_stop_and_meet_end_a_deadline_once():
    deadline = api.deadline_start(rule_key="letter.process", start=date(2026, 3, 2))
    met = api.deadline_meet(deadline=deadline, on=date(2026, 3, 5))
    assert (met.state, met.closed_on) == (DeadlineState.MET, date(2026, 3, 5))
    with pytest.raises(ConflictError):
        api.deadline_stop(deadline=deadline, reason="x")
    with pytest.raises(ConflictError):
        api.deadline_extend(deadline=deadline, days=3, reason="x")
    assert Deadline.objects.get(pk=deadline.pk).state == DeadlineState.MET


def test_rule_versions_are_added_never_edited():
    admin = calendar_admin()
    original = DeadlineRule.objects.get(key="petition.local_answer")
    new = services.deadline_rule_add_version(
        actor=admin,
        key="petition.local_answer",
        name=original.name,
        length=20,
        unit=DeadlineUnit.CALENDAR_DAYS,
        start_event=original.start_event,
        legal_basis="Nghị quyết 1/2026/NQ-HĐND",
        effective_from=date(2026, 7, 1),
    )
    original.refresh_from_db()
    assert original.length == 30 and original.effective_to is None
    assert (
        services.rule_in_force(rule_key="petition.local_answer", on=date(2026, 6, 30)) == original
    )
    assert services.rule_in_force(rule_key="petition.local_answer", on=date(2026, 7, 1)) == new
    with pytest.raises(ConflictError):
        services.deadline_rule_add_version(
            actor=admin,
            key="petition.local_answer",
            name="x",
            length=1,
            unit=DeadlineUnit.CALENDAR_DAYS,
            start_event="x",
            legal_basis="x",
            effective_from=date(2026, 7, 1),
        )
    with pytest.raises(UserError, match="không có quyền"):
        services.deadline_rule_add_version(
            actor=person(STAFF),
            key="a.b",
            name="x",
            length=1,
            unit=DeadlineUnit.CALENDAR_DAYS,
            start_event="x",
            legal_basis="x",
            effective_from=date(2026, 7, 2),
        )


def test_datetimes_are_taken_as_their_local_date_and_overdue_is_after_the_due_date():
    from datetime import datetime

    # 18:00 UTC on 01/03/2026 is already 02/03/2026 in Hanoi.
    deadline = api.deadline_start(
        rule_key="denunciation.accept", start=datetime(2026, 3, 1, 18, 0, tzinfo=UTC)
    )
    assert deadline.start_date == date(2026, 3, 2)
    assert deadline.due_date == date(2026, 3, 11)
    assert not api.deadline_is_overdue(deadline, today=date(2026, 3, 11))
    assert api.deadline_is_overdue(deadline, today=date(2026, 3, 12))
    assert api.deadline_working_days_left(deadline, today=date(2026, 3, 9)) == 2
    assert api.deadline_working_days_left(deadline, today=date(2026, 3, 13)) == -2
    api.deadline_meet(deadline=deadline, on=date(2026, 3, 12))
    deadline.refresh_from_db()
    assert not api.deadline_is_overdue(deadline, today=date(2026, 4, 1))
