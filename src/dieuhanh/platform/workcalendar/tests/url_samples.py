"""Parameters for the work calendar URLs, for the authorization walk."""


def _a_calendar_day(user):
    from dieuhanh.platform.workcalendar.models import CalendarDay

    return {"pk": CalendarDay.objects.values_list("pk", flat=True).first() or 1}


SAMPLES = {
    "workcalendar:year": lambda user: {"year": 2026},
    "workcalendar:day_remove": _a_calendar_day,
}
