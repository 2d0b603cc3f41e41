"""Demo data: a few dozen tasks of the demo city in every reported status, some of them from
the supervision of a resolution, and a history over the last months for the charts.

Seed data goes through the services (so work items, timelines and notifications exist like in
real use); only the dates of the past are then moved back. Idempotent: a second run finds the
first task by its submission key and does nothing.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from dieuhanh.platform.orgs.models import Membership
from dieuhanh.platform.registry import CLERK, LEADER, STAFF, SYSTEM_ADMIN

from . import services
from .models import Task, TaskEvent, TaskParty, TaskState

MARK = "demo-tasks"


def _move_back(task: Task, *, assigned_on: dt.date) -> Task:
    Task.objects.filter(pk=task.pk).update(assigned_on=assigned_on)
    task.refresh_from_db()
    return task


def _demo_file(title: str, *, by):
    from dieuhanh.platform import files
    from dieuhanh.platform.files.exports import docx_bytes

    document = files.word.new_document(title)
    files.word.heading(document, title)
    document.add_paragraph("Tài liệu mẫu đính kèm báo cáo tiến độ.")
    return files.store_bytes(docx_bytes(document), name="bao-cao-tien-do.docx", by=by, kinds=("docx",))


def load_demo(city, *, small: bool) -> None:
    leader = city.user(LEADER)
    staff = city.user(STAFF)
    if Task.objects.filter(assigner=leader, submission_key=f"{MARK}-1").exists():
        return
    today = timezone.localdate()
    day = dt.timedelta(days=1)
    divisions = city.secretariat_divisions
    hdnd_division = divisions["vp-phong-cong-tac-hdnd"]
    petitions_division = divisions["vp-phong-dan-nguyen"]
    depts = city.departments
    counter = iter(range(1, 10_000))

    def create(title, *, due=None, assigned_back=0, by=leader, **kwargs):
        task = services.task_create(
            by=by, title=title, due_date=due, submission_key=f"{MARK}-{next(counter)}", **kwargs
        )
        if assigned_back:
            task = _move_back(task, assigned_on=today - assigned_back * day)
        return task

    admin = city.user(SYSTEM_ADMIN)

    def finish(task, *, on, by):
        services.completion_report(by=admin, task=task, text="Đã hoàn thành, gửi kèm báo cáo kết quả.", completed_on=on)
        task.refresh_from_db()
        if task.state != "done":
            services.task_confirm(by=leader, task=task, note="")

    # --- scripted tasks, one per status --------------------------------------------------------
    t1 = create("Tổng hợp ý kiến cử tri trước kỳ họp thứ nhất", lead_unit=hdnd_division,
                cooperating_units=[petitions_division], due=today + 10 * day,
                description="Tổng hợp, phân loại ý kiến, kiến nghị cử tri theo lĩnh vực.")
    services.progress_report(by=staff, task=t1, percent=40, text="Đã tổng hợp 4/10 tổ đại biểu.")
    create("Rà soát danh mục văn bản quy phạm cần sửa đổi", lead_unit=depts["so-tu-phap"] if "so-tu-phap" in depts else depts["so-tnmt"],
           due=today - 5 * day, assigned_back=30)
    overdue = create("Báo cáo tình hình xử lý ô nhiễm môi trường làng nghề", lead_unit=depts["so-tnmt"],
                     due=today - 3 * day, assigned_back=25, priority="urgent")
    services.progress_report(by=city.user("responder"), task=overdue, percent=60, text="Đang khảo sát 3 làng nghề.")
    done = create("Chuẩn bị tài liệu phiên giải trình", lead_unit=petitions_division, due=today - 10 * day,
                  assigned_back=20)
    finish(done, on=today - 12 * day, by=leader)
    late = create("Báo cáo tiến độ dự án cải tạo chung cư cũ", lead_unit=depts["so-xay-dung"],
                  due=today - 20 * day, assigned_back=45)
    finish(late, on=today - 15 * day, by=leader)
    create("Cập nhật cơ sở dữ liệu đại biểu nhiệm kỳ mới", lead_user=staff, by=staff)
    awaiting = create("Xây dựng kế hoạch giám sát chuyên đề năm", lead_unit=city.secretariat,
                      due=today + 5 * day, assigned_back=10)
    services.completion_report(by=city.user(CLERK), task=awaiting, text="Đã trình dự thảo kế hoạch.")
    returned = create("Dự thảo báo cáo công tác quý", lead_unit=hdnd_division, lead_user=staff,
                      due=today + 7 * day, assigned_back=5)
    services.completion_report(by=staff, task=returned, text="Gửi dự thảo lần 1.")
    services.task_return(by=leader, task=returned, reason="Bổ sung số liệu kiến nghị cử tri đã giải quyết.")
    suspended = create("Khảo sát hệ thống thoát nước đô thị", lead_unit=depts["so-gtvt"],
                       due=today + 20 * day)
    services.task_suspend(by=leader, task=suspended, reason="Chờ kết quả thanh tra.")
    cancelled = create("Tổ chức hội nghị sơ kết (đã hoãn)", lead_unit=petitions_division, due=today + 15 * day)
    services.task_cancel(by=leader, task=cancelled, reason="Hội nghị được ghép vào kỳ họp.")
    delegates_task = create("Chuẩn bị nội dung tiếp xúc cử tri", lead_unit=city.delegate_groups[0],
           cooperating_units=[city.city_council], due=today + 12 * day)
    asking = create("Đánh giá tác động chính sách hỗ trợ học phí", lead_unit=depts["so-gddt"],
                    due=today + 2 * day, assigned_back=20)
    services.extension_request(by=admin, task=asking, requested_date=today + 15 * day,
                               reason="Chờ số liệu của các trường.")
    services.task_create(by=staff, title="Lập danh sách tổ đại biểu cần gửi tài liệu", lead_user=staff,
                         parent=t1, due_date=today + 6 * day, submission_key=f"{MARK}-sub")

    # --- the supervision of a resolution ---------------------------------------------------------
    chair_membership = Membership.objects.filter(unit=city.standing_committee, role=LEADER).select_related("user").first()
    supervisor = chair_membership.user if chair_membership else leader
    specs = [
        services.TaskSpec(title=f"Thực hiện Nghị quyết 15/NQ-HĐND: {name}", lead_unit=unit, due_date=due)
        for name, unit, due in [
            ("giải phóng mặt bằng dự án vành đai", city.peoples_committee, today - 8 * day),
            ("chỉnh trang vỉa hè các tuyến phố", depts["so-xay-dung"], today + 25 * day),
            ("xử lý rác thải sinh hoạt", depts["so-tnmt"], today - 2 * day),
            ("nâng cấp trường học xuống cấp", depts["so-gddt"], today + 40 * day),
            *[(f"báo cáo kết quả tại {c.name}", c, today - 15 * day) for c in city.local_committees[:2]],
        ]
    ]
    supervision = services.supervision_create(
        by=supervisor, source=None, unit=city.standing_committee,
        title="Giám sát việc thực hiện Nghị quyết số 15/NQ-HĐND về các công trình trọng điểm",
        items=specs,
    )
    for i, task in enumerate(supervision.tasks.order_by("pk")):
        _move_back(task, assigned_on=today - 60 * day)
        if i in (0, 4):  # one late, one on time
            services.completion_report(by=admin, task=task, text="Hoàn thành theo kế hoạch.",
                                       completed_on=task.due_date + (5 if i == 0 else -3) * day)
            services.task_confirm(by=supervisor, task=task)

    # The office's own follow-up of a conclusion, supervised by its leader.
    services.supervision_create(
        by=leader, source=None, unit=city.secretariat,
        title="Theo dõi thực hiện Kết luận phiên giải trình về cấp nước sạch",
        items=[services.TaskSpec(title="Báo cáo tiến độ cấp nước sạch khu vực ngoại thành",
                                 lead_unit=city.peoples_committee, due_date=today + 30 * day),
               services.TaskSpec(title="Tổng hợp ý kiến cử tri về chất lượng nước", lead_unit=petitions_division,
                                 due_date=today + 14 * day)],
    )

    # --- files attached to progress reports (one per kind of reader) ------------------------------
    for task, author in ((t1, staff), (overdue, city.user("responder")), (delegates_task, admin)):
        report = services.progress_report(by=author, task=task, percent=20 if task != overdue else 60,
                                          text="Gửi kèm tài liệu tổng hợp.")
        report.files.add(_demo_file(task.title, by=author))

    # --- history for the charts: finished tasks of the last months, written in bulk --------------
    rng = random.Random(20260515)
    units = [hdnd_division, petitions_division, *list(depts.values())[:4]]
    history = []
    for i in range(12 if small else 60):
        due = today - rng.randint(5, 330) * day
        completed = min(due + rng.randint(-10, 12) * day, today)
        history.append(Task(
            title=f"Nhiệm vụ theo dõi định kỳ số {i + 1:02d}", lead_unit=units[i % len(units)], assigner=leader,
            assigner_unit=city.secretariat, state=TaskState.DONE, assigned_on=due - 30 * day, due_date=due,
            original_due_date=due, completed_on=completed, progress=100, submission_key=f"{MARK}-h{i}",
            confirmed_at=timezone.make_aware(dt.datetime.combine(completed, dt.time(16))),
        ))
    Task.objects.bulk_create(history)
    history = list(Task.objects.filter(assigner=leader, submission_key__startswith=f"{MARK}-h"))
    TaskParty.objects.bulk_create([
        TaskParty(task=t, key=key, role=role) for t in history for key, role in (
            (f"o:{t.lead_unit_id}", TaskParty.Role.LEAD), (f"u:{leader.pk}", TaskParty.Role.ASSIGNER),
            (f"o:{city.secretariat.pk}", TaskParty.Role.ASSIGNER))
    ])
    TaskEvent.objects.bulk_create([
        TaskEvent(task=t, kind=kind, actor=leader, to_state=state, at=timezone.make_aware(dt.datetime.combine(on, dt.time(9))))
        for t in history for kind, state, on in (
            (TaskEvent.Kind.CREATED, TaskState.ASSIGNED, t.assigned_on),
            (TaskEvent.Kind.CONFIRMED, TaskState.DONE, t.completed_on))
    ])
