from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dieuhanh.platform.permissions.access import access
from dieuhanh.platform.ui.charts import Series, bar_chart
from dieuhanh.platform.ui.errors import UserError

from . import selectors, services

MANAGE = "classifier.manage"


@access(MANAGE)
def index(request):
    return render(request, "classifier/index.html", {"rows": selectors.keys_overview()})


@access(MANAGE)
def detail(request, key):
    context = selectors.key_detail(key)
    labels = selectors.per_label_rows(context["active"])
    context["labels"] = labels
    if labels:
        context["chart"] = bar_chart(
            [row["label"] for row in labels],
            [Series(_("Độ chính xác (%)"), [round((row["precision"] or 0) * 100, 1) for row in labels]),
             Series(_("Độ bao phủ (%)"), [round((row["recall"] or 0) * 100, 1) for row in labels])],
            title=_("Kết quả theo nhãn trên dữ liệu giữ lại"),
            description=_("Độ chính xác và độ bao phủ của gợi ý đầu tiên cho từng nhãn."),
            label_header=_("Nhãn"), height=280,
        )
    return render(request, "classifier/detail.html", context)


@access(MANAGE)
@require_POST
def retrain(request, key):
    selectors.key_detail(key)  # 404 for an unknown key
    try:
        services.training_request(key=key, by=request.user)
    except UserError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã đưa việc huấn luyện lại vào hàng đợi."))
    return redirect("classifier:detail", key=key)


@access(MANAGE)
@require_POST
def activate(request, key, version):
    try:
        services.model_activate(key=key, version=version, by=request.user)
    except UserError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã chuyển sang dùng phiên bản %(v)s.") % {"v": version})
    return redirect("classifier:detail", key=key)


@access(MANAGE)
def run_status(request, key, pk):
    run = selectors.training_run(key=key, pk=pk)
    return render(request, "classifier/_run.html", {"run": run, "key": key})
