"""Test material for signatures: PDFs (WeasyPrint), demo-CA PKCS#12 files, credentials."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from dieuhanh.platform.orgs.tests.factories import OrgUnitFactory, person
from dieuhanh.platform.registry import CLERK, LEADER

from ..demo_ca import DEMO_PASSPHRASE, issue_demo_pkcs12

PASSPHRASE = DEMO_PASSPHRASE


@lru_cache(maxsize=8)
def make_pdf(pages: int = 3, title: str = "Nghị quyết về kế hoạch giám sát năm 2027") -> bytes:
    """A real multi-page A4 PDF with Vietnamese text (WeasyPrint)."""
    from weasyprint import HTML

    body = "".join(
        f"<section style='page-break-after: always'><h1>{title}</h1>"
        f"<p>Trang {n} trên {pages}. Hội đồng nhân dân thành phố Hà Nội quyết nghị.</p></section>"
        for n in range(1, pages + 1)
    )
    html = f"<!doctype html><html lang='vi'><meta charset='utf-8'><style>@page {{ size: A4 }}</style><body>{body}</body></html>"
    return HTML(string=html).write_pdf()


def signer_pkcs12(name: str = "Nguyễn Văn Thành", organisation: str = "HĐND thành phố Hà Nội", **kwargs) -> bytes:
    return issue_demo_pkcs12(common_name=name, organisation=organisation, passphrase=PASSPHRASE, kind="personal", **kwargs)


def seal_pkcs12(name: str = "HĐND thành phố Hà Nội", **kwargs) -> bytes:
    return issue_demo_pkcs12(common_name=name, organisation=name, passphrase=PASSPHRASE, kind="organisation", **kwargs)


def leader_with_credential(name: str = "Nguyễn Văn Thành", unit=None):
    """A leader and their personal credential (imported through the service)."""
    from ..services import credential_import_pkcs12

    user = person(LEADER, unit, full_name=name)
    credential = credential_import_pkcs12(
        by=user, owner_user=user, kind="personal", data=signer_pkcs12(name), passphrase=PASSPHRASE
    )
    return user, credential


def unit_seal(unit=None, *, admin=None):
    """A unit, its clerk and its seal credential."""
    from dieuhanh.platform.registry import SYSTEM_ADMIN

    from ..services import credential_import_pkcs12

    unit = unit or OrgUnitFactory(name="HĐND thành phố Hà Nội")
    clerk = person(CLERK, unit)
    admin = admin or person(SYSTEM_ADMIN, unit)
    credential = credential_import_pkcs12(
        by=admin, owner_unit=unit, kind="organisation", data=seal_pkcs12(unit.name), passphrase=PASSPHRASE
    )
    return unit, clerk, credential


def expired_window() -> dict:
    now = dt.datetime.now(dt.UTC)
    return {"not_before": now - dt.timedelta(days=400), "not_after": now - dt.timedelta(days=30)}
