"""Plain data passed to and returned by the search API."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass
class EntryData:
    """What a module's indexer returns for one object.

    Visibility: `is_public`, or members of `units`, or the `users` named (ids or objects).
    An entry with none of these is seen by nobody.
    """

    module: str
    type: str
    obj: Any  # the model instance the hit opens
    url: str
    title: str
    body: str = ""
    date: date | datetime | None = None
    is_public: bool = False
    units: Iterable[Any] = ()
    users: Iterable[Any] = ()


@dataclass(frozen=True)
class Hit:
    id: int
    module: str
    module_label: Any
    type: str
    type_label: Any
    url: str
    title: str
    title_html: str
    snippet_html: str
    date: datetime
    score: float


@dataclass(frozen=True)
class Facet:
    key: str
    label: Any
    count: int


@dataclass
class Results:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    capped: bool = False  # True: more than `total` entries match; only the newest are ranked
    modules: list[Facet] = field(default_factory=list)
    months: list[Facet] = field(default_factory=list)  # key "YYYY-MM", newest first
    years: list[Facet] = field(default_factory=list)
    page: int = 1
    pages: int = 0
    terms: list[str] = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages
