"""Work calendar and deadline rules. The public API is `dieuhanh.platform.workcalendar.api`."""
