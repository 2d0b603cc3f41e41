"""Demo data of the inbox: a running delegation in the secretariat (work items come from
the modules' own demo data, through their services)."""

import datetime as dt

from django.utils import timezone

from dieuhanh.platform.registry import LEADER, STAFF

from .models import Delegation
from .services import delegation_create


def load_demo(city, *, small: bool) -> None:
    leader, staff = city.users.get(LEADER), city.users.get(STAFF)
    if leader is None or staff is None or leader.pk == staff.pk:
        return
    today = timezone.localdate()
    if Delegation.objects.filter(from_user=leader, active=True, end_date__gte=today).exists():
        return  # loading the demo again changes nothing
    delegation_create(
        by=leader,
        from_user=leader,
        to_user=staff,
        start_date=today,
        end_date=today + dt.timedelta(days=4),
        reason="Đi công tác, làm việc với UBND các phường (dữ liệu mẫu)",
    )
