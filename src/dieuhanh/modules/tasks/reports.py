"""What the dashboard, the supervision page and the exports show. Reads only; every figure of
the overdue rate comes from `selectors.overdue_counts` / `overdue_trend`."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from dieuhanh.platform import files
from dieuhanh.platform.orgs.models import OrgUnit
from dieuhanh.platform.ui.charts import Series, bar_chart, line_chart

from . import selectors
from .models import ProgressReport, Status, Supervision, Task

UNITS_SHOWN = 12
MAX_EXPORT_ROWS = 50_000


# --- attachments of progress reports --------------------------------------------------------------
def attachment_of(task: Task, file_pk: int):
    from dieuhanh.platform.files.models import StoredFile

    return StoredFile.objects.filter(
        pk=file_pk, pk__in=ProgressReport.files.through.objects.filter(progressreport__task=task).values(
            "storedfile_id")
    ).first()


# --- dashboard -----------------------------------------------------------------------------------
def _pct(value) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",") + " %"


def dashboard_context(unit: OrgUnit, *, today: dt.date) -> dict:
    tasks = selectors.unit_tasks(unit)
    figures = selectors.dashboard_figures(tasks, today=today)
    counts, overdue, total = figures.counts, figures.overdue, figures.total
    by_unit = selectors.overdue_counts(tasks, on=today, group_by="lead_unit")
    top = sorted(((k, v) for k, v in by_unit.items() if k is not None), key=lambda kv: (-kv[1][1], kv[0]))[:UNITS_SHOWN]
    names = dict(OrgUnit.objects.filter(pk__in=[k for k, _v in top]).values_list("pk", "name"))
    unit_rows = [
        {"unit": names.get(k, ""), "overdue": o, "total": t, "rate": selectors.rate(o, t)} for k, (o, t) in top
    ]
    trend = figures.trend
    labels = [end.strftime("%m/%Y") for end, _o, _t in trend]
    trend_rates = [selectors.rate(o, t) for _end, o, t in trend]
    status_rows = [{"key": s.value, "label": s.label, "count": counts[s.value]} for s in selectors.REPORT_STATUSES]
    return {
        "unit": unit,
        "today": today,
        "counts": counts,
        "status_rows": status_rows,
        "overdue": overdue,
        "total_due": total,
        "overdue_rate": selectors.rate(overdue, total),
        "overdue_rate_text": _pct(selectors.rate(overdue, total)),
        "unit_rows": unit_rows,
        "overdue_list": tasks.filter(selectors.status_q(Status.OVERDUE, today))
        .select_related(*selectors.LIST_RELATED).order_by("due_date", "pk")[:10],
        "status_chart": bar_chart(
            [r["label"] for r in status_rows], [Series(_("Số nhiệm vụ"), [r["count"] for r in status_rows])],
            title=_("Nhiệm vụ theo tình trạng"), label_header=_("Tình trạng"), chart_id="tasks-status-chart",
        ),
        "unit_chart": bar_chart(
            [r["unit"] for r in unit_rows], [Series(_("Tỷ lệ quá hạn (%)"), [r["rate"] for r in unit_rows])],
            title=_("Tỷ lệ nhiệm vụ quá hạn theo đơn vị chủ trì (%)"), label_header=_("Đơn vị"),
            description=_("Nhiệm vụ quá hạn trên nhiệm vụ có hạn đến hôm nay."), chart_id="tasks-unit-chart",
        ) if unit_rows else "",
        "trend_chart": line_chart(
            labels, [Series(_("Tỷ lệ quá hạn (%)"), trend_rates)],
            title=_("Tỷ lệ nhiệm vụ quá hạn theo tháng (%)"), label_header=_("Tháng"),
            description=_("Tỷ lệ tại ngày cuối mỗi tháng (tháng này: hôm nay)."), chart_id="tasks-trend-chart",
        ),
    }


# --- supervision -----------------------------------------------------------------------------------
SUPERVISION_GROUPS = (
    (Status.DONE_ON_TIME, ),
    (Status.DONE_LATE, ),
    (Status.ON_TIME, Status.NO_DEADLINE, Status.AWAITING_CONFIRMATION, Status.RETURNED),
    (Status.OVERDUE, ),
)


def supervision_context(supervision: Supervision, tasks, *, today: dt.date) -> dict:
    rows = list(tasks)
    for task in rows:
        task.reported = Status(task.status(today))
    labels = [_("Hoàn thành đúng hạn"), _("Hoàn thành quá hạn"), _("Đang thực hiện trong hạn"), _("Quá hạn")]
    values = [sum(1 for t in rows if t.reported in group) for group in SUPERVISION_GROUPS]
    overdue, total = selectors.overdue_counts(Task.objects.filter(pk__in=[t.pk for t in rows]), on=today)[None]
    return {
        "supervision": supervision,
        "tasks": rows,
        "groups": list(zip(labels, values, strict=True)),
        "overdue_rate_text": _pct(selectors.rate(overdue, total)),
        "chart": bar_chart(labels, [Series(_("Số nhiệm vụ"), values)], title=_("Tình hình thực hiện"),
                           label_header=_("Tình trạng"), chart_id="tasks-supervision-chart"),
    }


# --- exports ----------------------------------------------------------------------------------------
def _row(task: Task, today: dt.date) -> list:
    return [
        task.title, task.lead_label, task.assigner.get_full_name() or str(task.assigner), task.assigned_on,
        task.due_date, task.original_due_date if task.original_due_date != task.due_date else None,
        str(Status(task.status(today)).label), task.progress, task.completed_on, task.source_title,
    ]


def xlsx(tasks, *, title: str):
    from django.utils import timezone

    today = timezone.localdate()
    columns = [_("Nhiệm vụ"), _("Chủ trì"), _("Người giao"), _("Ngày giao"), _("Hạn hoàn thành"), _("Hạn ban đầu"),
               _("Tình trạng"), _("Tiến độ (%)"), _("Ngày hoàn thành"), _("Nguồn giao")]
    rows = (_row(t, today) for t in tasks.select_related(*selectors.LIST_RELATED)[:MAX_EXPORT_ROWS].iterator(chunk_size=2000))
    return files.xlsx_response(filename=f"nhiem-vu-{today:%Y%m%d}.xlsx", title=title, columns=columns, rows=rows)


def unit_report_docx(unit: OrgUnit, *, today: dt.date):
    """Báo cáo tình hình thực hiện nhiệm vụ of a unit, as a Word document."""
    word = files.word
    context = dashboard_context(unit, today=today)
    document = word.new_document(_("Báo cáo tình hình thực hiện nhiệm vụ"))
    word.heading(document, unit.name.upper())
    word.heading(document, _("BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"), size=14)
    document.add_paragraph(_("Số liệu tính đến ngày %(date)s.") % {"date": today.strftime("%d/%m/%Y")})
    document.add_paragraph(
        _("Tỷ lệ nhiệm vụ quá hạn: %(rate)s (%(overdue)s trên %(total)s nhiệm vụ có hạn đến ngày báo cáo).")
        % {"rate": context["overdue_rate_text"], "overdue": context["overdue"], "total": context["total_due"]}
    )
    document.add_heading(_("1. Số nhiệm vụ theo tình trạng"), level=2)
    word.table(document, [_("Tình trạng"), _("Số nhiệm vụ")],
               [[str(r["label"]), r["count"]] for r in context["status_rows"]])
    document.add_heading(_("2. Tỷ lệ quá hạn theo đơn vị chủ trì"), level=2)
    word.table(document, [_("Đơn vị"), _("Quá hạn"), _("Có hạn đến nay"), _("Tỷ lệ")],
               [[r["unit"], r["overdue"], r["total"], _pct(r["rate"])] for r in context["unit_rows"]])
    document.add_heading(_("3. Nhiệm vụ đang quá hạn"), level=2)
    overdue = selectors.unit_tasks(unit).filter(selectors.status_q(Status.OVERDUE, today)).select_related(
        *selectors.LIST_RELATED).order_by("due_date", "pk")[:500]
    word.table(document, [_("Nhiệm vụ"), _("Chủ trì"), _("Hạn"), _("Tiến độ (%)")],
               [[t.title, t.lead_label, t.due_date, t.progress] for t in overdue])
    return files.docx_response(filename=f"bao-cao-nhiem-vu-{unit.code}-{today:%Y%m%d}.docx", document=document)
