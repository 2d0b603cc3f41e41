from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dieuhanh.platform.permissions.access import access
from dieuhanh.platform.ui.errors import UserError
from dieuhanh.platform.ui.tables import Column, paginate

from . import selectors, services
from .forms import ResultFilterForm

COLUMNS = [
    Column("task", gettext_lazy("Tác vụ"), sort="task"),
    Column("status", gettext_lazy("Trạng thái"), sort="status"),
    Column("attempts", gettext_lazy("Số lần chạy")),
    Column("enqueued", gettext_lazy("Đưa vào hàng đợi"), sort="enqueued"),
    Column("finished", gettext_lazy("Kết thúc"), sort="finished"),
    Column("error", gettext_lazy("Lỗi")),
]
SORT_FIELDS = {"task": "task_path", "status": "status", "enqueued": "enqueued_at", "finished": "finished_at"}


@access("jobs.manage")
def index(request):
    form = ResultFilterForm(request.GET or None)
    status, query = "", ""
    if form.is_valid():
        status, query = form.cleaned_data["status"], form.cleaned_data["q"]
    results = selectors.task_results(
        status="" if status == "retrying" else status, query=query, waiting_retry=status == "retrying"
    )
    table = paginate(request, results, sort_fields=SORT_FIELDS, default_sort="-enqueued", columns=COLUMNS)
    rows = selectors.describe(table.object_list)
    return render(request, "jobs/index.html", {"table": table, "rows": rows, "form": form})


@access("jobs.manage")
def detail(request, result_id):
    result = selectors.task_result(result_id=str(result_id))
    view = selectors.describe([result])[0]
    return render(request, "jobs/detail.html", {
        "result": result, "view": view, "manual_retry": selectors.manual_retry_of(result),
    })


@access("jobs.manage")
@require_POST
def retry(request, result_id):
    try:
        new_id = services.task_retry(result_id=str(result_id), by=request.user)
    except UserError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("jobs:detail", result_id=result_id)
    messages.success(request, _("Đã đưa tác vụ vào hàng đợi để chạy lại."))
    return redirect("jobs:detail", result_id=new_id)


@access("jobs.manage")
def schedule(request):
    return render(request, "jobs/schedule.html", {"rows": selectors.schedule_overview()})
