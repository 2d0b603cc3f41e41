"""The complaints module: what it contributes to the platform (scaffold, to be filled in)."""

from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.registry import Module

module = Module(key="complaints", name=_("Khiếu nại, tố cáo"))
