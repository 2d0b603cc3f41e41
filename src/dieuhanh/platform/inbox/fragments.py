"""The item cards of the inbox page, built as one HTML fragment.

The inbox is the page every official opens first and most often (issue 3: throughput at
least a quarter of a trivial view's). Django's template engine spends ~0.3 ms per card
resolving a dozen variables; the same markup filled in here costs a few microseconds per
card (measured with bench/page_cpu.py, see bench/RESULTS.md). Every value goes through
`escape`; the labels come from gettext like the rest of the page. The markup is the one the
template had (`inbox/index.html` includes the result), so styles and tests are unchanged.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .selectors import InboxRow


def _labels() -> dict[str, str]:
    return {
        "overdue": escape(gettext("Quá hạn")),
        "due": escape(gettext("Hạn xử lý")),
        "no_due": escape(gettext("Không có hạn")),
        "rule": escape(gettext("Căn cứ tính hạn")),
        "opened": escape(gettext("Ngày giao")),
        "closed": escape(gettext("Hoàn thành lúc")),
    }


def _card(row: InboxRow, labels: dict[str, str]) -> str:
    head = [f'<span class="tag">{escape(row.module_name)}</span>']
    if row.urgency_label:
        head.append(f'<span class="tag tag-danger">{escape(row.urgency_label)}</span>')
    if row.overdue:
        head.append(f'<span class="tag tag-danger">{labels["overdue"]}</span>')
    if row.on_behalf:
        head.append(f'<span class="tag tag-warn" data-testid="on-behalf">{escape(row.on_behalf)}</span>')
    if row.unit_label:
        head.append(f'<span class="tag">{escape(row.unit_label)}</span>')
    title = (
        f'<a href="{escape(row.url)}">{escape(row.title)}</a>'
        if row.url
        else f"<strong>{escape(row.title)}</strong>"
    )
    meta = []
    if row.closed_text:
        by = f" · {escape(row.closed_by_name)}" if row.closed_by_name else ""
        meta.append(
            f'<dt>{labels["closed"]}</dt><dd><time datetime="{row.closed_iso}">{row.closed_text}</time>{by}</dd>'
        )
    due = (
        f'<time datetime="{row.due_iso}">{row.due_text}</time>' if row.due_text else labels["no_due"]
    )
    meta.append(f'<dt>{labels["due"]}</dt><dd>{due}</dd>')
    if row.rule_text:
        meta.append(f'<dt>{labels["rule"]}</dt><dd class="inbox-rule">{escape(row.rule_text)}</dd>')
    meta.append(
        f'<dt>{labels["opened"]}</dt><dd><time datetime="{row.opened_iso}">{row.opened_text}</time></dd>'
    )
    overdue = " inbox-item-overdue" if row.overdue else ""
    return (
        f'<li class="card inbox-item{overdue}" data-item="{row.pk}">'
        f'<div class="inbox-item-head">{" ".join(head)}</div>'
        f'<p class="inbox-item-title">{title}</p>'
        f'<dl class="inbox-item-meta">{"".join(meta)}</dl></li>'
    )


def item_cards(rows: list[InboxRow]) -> SafeString:
    """The `<li>` cards of one page (the template wraps them in the list element)."""
    labels = _labels()
    return mark_safe("\n".join(_card(row, labels) for row in rows))
