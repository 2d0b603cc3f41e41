from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.registry import Module, NavEntry

module = Module(
    key="dashboard",
    name=_("Tổng quan"),
    platform=True,
    order=0,
    nav=[NavEntry(label=_("Tổng quan"), url_name="dashboard:index", icon="home", order=0)],
)
