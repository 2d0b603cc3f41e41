"""Parameters for the tasks URLs, for the authorization walk: an object the person may see."""


def _task(user):
    from dieuhanh.modules.tasks import selectors
    from dieuhanh.modules.tasks.models import Task

    pk = selectors.visible_tasks(user).order_by("pk").values_list("pk", flat=True).first()
    return pk or Task.objects.order_by("pk").values_list("pk", flat=True).first() or 1


def _pending_extension(user):
    from dieuhanh.modules.tasks import selectors
    from dieuhanh.modules.tasks.models import Extension

    ext = (
        Extension.objects.filter(task__in=selectors.visible_tasks(user)).order_by("pk").first()
        or Extension.objects.order_by("pk").first()
    )
    return {"pk": ext.task_id if ext else 1, "extension_pk": ext.pk if ext else 1}


def _attachment(user):
    from dieuhanh.modules.tasks import selectors
    from dieuhanh.modules.tasks.models import ProgressReport

    with_files = ProgressReport.objects.filter(files__isnull=False).order_by("pk")
    report = with_files.filter(task__in=selectors.visible_tasks(user)).first() or with_files.first()
    if report is None:
        return {"pk": _task(user), "file_pk": 1}
    return {"pk": report.task_id, "file_pk": report.files.order_by("pk").first().pk}


def _supervision(user):
    from dieuhanh.modules.tasks import selectors
    from dieuhanh.modules.tasks.models import Supervision

    found = selectors.supervisions_for(user).order_by("pk").values_list("pk", flat=True).first()
    if found is None:
        task = selectors.visible_tasks(user).filter(supervision__isnull=False).order_by("pk").first()
        found = task.supervision_id if task else None
    return {"pk": found or Supervision.objects.order_by("pk").values_list("pk", flat=True).first() or 1}


def _pk(user):
    return {"pk": _task(user)}


SAMPLES = {
    "tasks:detail": _pk,
    "tasks:progress": _pk,
    "tasks:extension": _pk,
    "tasks:extension_decide": _pending_extension,
    "tasks:complete": _pk,
    "tasks:confirm": _pk,
    "tasks:return": _pk,
    "tasks:suspend": _pk,
    "tasks:resume": _pk,
    "tasks:cancel": _pk,
    "tasks:lead_person": _pk,
    "tasks:attachment": _attachment,
    "tasks:supervision_detail": _supervision,
}
