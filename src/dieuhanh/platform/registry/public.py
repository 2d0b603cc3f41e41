"""What a module offers the public side and other modules' intake, declared in its manifest.

Modules may not import each other (DESIGN.md), yet the portal sends a citizen's petition to the
petitions module and the mailbox files an email as a letter. They meet here, through the
manifest's `extras`:

    module = Module(
        key="petitions", ...,
        extras={
            "intake:petition": Intake(label=_("Kiến nghị cử tri"), action="petitions.intake",
                                      receive="dieuhanh.modules.petitions.intake.receive"),
            "public_link:petitions.lookup": PublicLink(label=_("Tra cứu kiến nghị"),
                                                       url_name="petitions:lookup", order=30),
            "public_dataset:petitions.answers": PublicDataset(
                label=_("Trả lời kiến nghị cử tri"), columns=[("code", _("Mã")), ...],
                rows="dieuhanh.modules.petitions.public.answer_rows",
                charts="dieuhanh.modules.petitions.public.answer_charts"),
        },
    )

and the caller asks `registry.intakes()["petition"].submit(submission=Submission(...))`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    content_type: str = ""


@dataclass(frozen=True)
class Submission:
    """Something a citizen or an outside sender sent in, whatever the channel.

    `external_id` makes intake idempotent: the same value twice (an email's Message-ID, a form's
    one-time token) returns the first receipt with `created=False` instead of a second record.
    `filed_by` is the official who files it (an email turned into a letter), None for the public.
    """

    channel: str  # "online" | "email" | "post" | "in_person" | "forwarded"
    text: str
    title: str = ""
    sender_name: str = ""
    sender_address: str = ""
    sender_email: str = ""
    sender_phone: str = ""
    sender_id_number: str = ""
    anonymous: bool = False
    commune_code: str = ""  # OrgUnit.code of the commune or ward the matter concerns, if known
    attachments: tuple[Attachment, ...] = ()
    external_id: str = ""
    received_at: datetime | None = None
    filed_by: Any = None
    source_ref: str = ""  # e.g. "Email: <subject> (<Message-ID>)"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class IntakeReceipt:
    obj: Any
    created: bool
    lookup_code: str = ""  # given to the sender, for the module's public lookup page
    staff_url: str = ""
    lookup_url: str = ""  # public page where the sender follows it (with the code), if any


@dataclass(frozen=True)
class Intake:
    """A way in: `receive(*, submission) -> IntakeReceipt`, raising UserError on bad input.

    `action` is the permission an official needs to file something this way (None: public).
    """

    label: Any
    receive: str
    action: str | None = None

    def submit(self, *, submission: Submission) -> IntakeReceipt:
        return _resolve(self.receive)(submission=submission)


@dataclass(frozen=True)
class PublicLink:
    """A public page a module owns (no login), listed in the public website's navigation."""

    label: Any
    url_name: str
    order: int = 100
    description: Any = ""


@dataclass(frozen=True)
class PublicChart:
    title: Any
    data: list[tuple[str, int]]
    description: Any = ""


@dataclass(frozen=True)
class PublicDataset:
    """Open data: `rows()` yields dicts keyed by the first item of each column (only public
    data, no personal details); `charts()` gives the statistics shown on the public website."""

    label: Any
    columns: list[tuple[str, Any]]
    rows: str
    charts: str | None = None
    description: Any = ""

    def iter_rows(self) -> Iterable[dict[str, Any]]:
        return _resolve(self.rows)()

    def build_charts(self) -> list[PublicChart]:
        return list(_resolve(self.charts)()) if self.charts else []


@cache
def _resolve(dotted: str) -> Callable[..., Any]:
    return import_string(dotted)


def _declared(prefix: str, kind: type) -> dict[str, Any]:
    from .registry import modules

    found: dict[str, Any] = {}
    for manifest in modules():
        for name, value in (manifest.extras or {}).items():
            if name.startswith(prefix) and isinstance(value, kind):
                found[name.removeprefix(prefix)] = value
    return found


def intakes() -> dict[str, Intake]:
    """{"petition": Intake, "letter": Intake, "incoming_document": Intake, …}"""
    return _declared("intake:", Intake)


def public_links() -> list[PublicLink]:
    return sorted(_declared("public_link:", PublicLink).values(), key=lambda link: link.order)


def public_datasets() -> dict[str, PublicDataset]:
    return _declared("public_dataset:", PublicDataset)
