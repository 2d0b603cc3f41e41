"""A test indexer: org units as searchable objects (the platform has no module of its own)."""

from dieuhanh.platform.orgs.models import OrgUnit
from dieuhanh.platform.search import EntryData


def unit_entries(pks):
    qs = OrgUnit.objects.filter(active=True)
    if pks is not None:
        qs = qs.filter(pk__in=pks)
    for unit in qs.order_by("pk"):
        yield EntryData(
            module="orgs", type="unit", obj=unit, url=f"/orgs/{unit.pk}/",
            title=unit.name, body=unit.formed_from, units=[unit],
        )
