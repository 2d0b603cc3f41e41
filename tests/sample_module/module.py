"""A tenth application that lives only in the tests: one folder, one manifest."""

from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.registry import LEADER, STAFF, Action, Module, NavEntry, NotificationKind

module = Module(
    key="sample",
    name=_("Phân hệ mẫu"),
    urls="tests.sample_module.urls",
    url_prefix="sample/",
    nav=[NavEntry(label=_("Phân hệ mẫu"), url_name="sample:index", action="sample.view", counter="sample")],
    actions=[Action(key="sample.view", label=_("Xem phân hệ mẫu"), roles=frozenset({LEADER, STAFF}))],
    notifications=[NotificationKind(key="sample.pinged", label=_("Phân hệ mẫu gửi tin"))],
)
