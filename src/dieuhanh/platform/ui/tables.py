"""Sorting and pagination for list pages, safe against any query string.

    table = paginate(request, selectors.petitions_for(user),
                     sort_fields={"received": "received_at", "title": "title"},
                     default_sort="-received", columns=[Column("title", _("Tiêu đề"), sort="title"), ...])

`?sort=` accepts only the public keys of `sort_fields` (a leading "-" means descending);
anything else falls back to `default_sort`. `?page=` that is not a number gives the first page,
a number past the end gives the last. `?per_page=` must be one of `per_page_choices`.
Render with `{% include "ui/components/table.html" with table=table caption=... row_template=... %}`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator

PER_PAGE_CHOICES = (10, 25, 50, 100)


@dataclass(frozen=True)
class Column:
    key: str
    label: Any
    sort: str | None = None  # public sort key (a key of sort_fields); None = not sortable
    css: str = ""


@dataclass(frozen=True)
class Sort:
    key: str  # public key, without "-"
    descending: bool

    @property
    def param(self) -> str:
        return f"-{self.key}" if self.descending else self.key


@dataclass
class Header:
    column: Column
    url: str | None
    aria_sort: str | None  # "ascending" / "descending" / None

    @property
    def label(self):
        return self.column.label


@dataclass
class Table:
    page: Page
    sort: Sort
    per_page: int
    per_page_choices: Sequence[int]
    columns: Sequence[Column]
    query: Any  # the request's QueryDict
    sort_fields: Mapping[str, str] = field(default_factory=dict)

    @property
    def object_list(self):
        return self.page.object_list

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def start(self) -> int:
        return self.page.start_index()

    @property
    def end(self) -> int:
        return self.page.end_index()

    def url(self, **changes) -> str:
        """This page's query string with some parameters changed (None removes one)."""
        query = self.query.copy()
        for key, value in changes.items():
            if value is None:
                query.pop(key, None)
            else:
                query[key] = str(value)
        encoded = query.urlencode()
        return f"?{encoded}" if encoded else "?"

    def page_url(self, number: int) -> str:
        return self.url(page=number)

    @property
    def headers(self) -> list[Header]:
        headers = []
        for column in self.columns:
            if not column.sort or column.sort not in self.sort_fields:
                headers.append(Header(column, None, None))
                continue
            current = column.sort == self.sort.key
            descending_next = current and not self.sort.descending
            aria = ("descending" if self.sort.descending else "ascending") if current else None
            headers.append(
                Header(column, self.url(sort=("-" if descending_next else "") + column.sort, page=None), aria)
            )
        return headers

    @property
    def page_numbers(self) -> list[int | None]:
        """Page numbers to show, None where a gap is elided: 1 … 4 5 [6] 7 8 … 20."""
        current, last = self.page.number, self.page.paginator.num_pages
        shown = {1, last, *range(current - 2, current + 3)}
        numbers: list[int | None] = []
        for number in sorted(n for n in shown if 1 <= n <= last):
            if numbers and numbers[-1] is not None and number - numbers[-1] > 1:
                numbers.append(None)
            numbers.append(number)
        return numbers

    @property
    def hidden_state(self) -> list[tuple[str, str]]:
        """Sort and page size, for a filters form to keep them."""
        return [(k, self.query[k]) for k in ("sort", "per_page") if self.query.get(k)]


def parse_sort(value: str | None, sort_fields: Mapping[str, str], default_sort: str) -> Sort:
    value = (value or "").strip()
    descending = value.startswith("-")
    key = value[1:] if descending else value
    if key not in sort_fields:
        descending = default_sort.startswith("-")
        key = default_sort.lstrip("-")
    return Sort(key, descending)


def parse_per_page(value: str | None, default: int, choices: Sequence[int]) -> int:
    try:
        number = int(value or default)
    except (TypeError, ValueError):
        return default
    return number if number in choices else default


def paginate(
    request,
    queryset,
    *,
    sort_fields: Mapping[str, str] | Sequence[str],
    default_sort: str,
    per_page: int = 25,
    per_page_choices: Sequence[int] = PER_PAGE_CHOICES,
    columns: Sequence[Column] = (),
) -> Table:
    """Sort (whitelisted) and paginate `queryset` from the request's query string. Never raises
    on bad input."""
    if not isinstance(sort_fields, Mapping):
        sort_fields = {name: name for name in sort_fields}
    if default_sort.lstrip("-") not in sort_fields:
        raise ValueError(f"default_sort {default_sort!r} is not one of the sort fields")
    choices = tuple(sorted({*per_page_choices, per_page}))
    sort = parse_sort(request.GET.get("sort"), sort_fields, default_sort)
    size = parse_per_page(request.GET.get("per_page"), per_page, choices)
    expression = sort_fields[sort.key]
    ordering = [f"-{expression}" if sort.descending else expression]
    if expression not in {"pk", "id"}:
        ordering.append("-pk" if sort.descending else "pk")  # stable order across pages
    if hasattr(queryset, "order_by"):
        queryset = queryset.order_by(*ordering)
    page = Paginator(queryset, size).get_page(request.GET.get("page"))
    return Table(page=page, sort=sort, per_page=size, per_page_choices=choices,
                 columns=list(columns), query=request.GET, sort_fields=dict(sort_fields))
