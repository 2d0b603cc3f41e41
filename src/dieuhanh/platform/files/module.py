"""The files part declares its maintenance job like a module (it has no pages)."""

from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.registry import Module, Periodic

module = Module(
    key="files",
    name=_("Tệp"),
    platform=True,
    order=960,
    periodic=[
        Periodic(key="files.sweep", task="dieuhanh.platform.files.tasks.sweep", at="03:40",
                 label=_("Dọn tệp mồ côi và trích xuất văn bản còn treo")),
    ],
)
