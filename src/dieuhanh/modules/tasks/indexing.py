"""The search indexer of tasks (SearchType "task" in module.py).

Text: title, description, source and the progress reports. Visibility: the assigning unit,
the lead and cooperating units, and the people named (assigner, lead, cooperators).
"""

from __future__ import annotations

from collections import defaultdict

from dieuhanh.platform.search import EntryData

from .models import ProgressReport, Task


def task_entries(pks: list | None = None):
    tasks = Task.objects.select_related("lead_unit", "assigner_unit").prefetch_related(
        "cooperating_units", "cooperating_users"
    )
    if pks is not None:
        tasks = tasks.filter(pk__in=[int(p) for p in pks if str(p).isdigit()])
    reports = defaultdict(list)
    rows = ProgressReport.objects.order_by("created_at", "pk").values_list("task_id", "text")
    if pks is not None:
        rows = rows.filter(task_id__in=[int(p) for p in pks if str(p).isdigit()])
    for task_id, text in rows.iterator(chunk_size=2000):
        reports[task_id].append(text)
    for task in tasks.iterator(chunk_size=500):
        units = [task.assigner_unit, *task.cooperating_units.all()]
        if task.lead_unit_id:
            units.append(task.lead_unit)
        users = [task.assigner_id, *(u.pk for u in task.cooperating_users.all())]
        if task.lead_user_id:
            users.append(task.lead_user_id)
        body = "\n".join(filter(None, [task.description, task.source_title, *reports[task.pk]]))
        yield EntryData(
            module="tasks", type="task", obj=task, url=task.get_absolute_url(), title=task.title,
            body=body, date=task.created_at, units=units, users=users,
        )
