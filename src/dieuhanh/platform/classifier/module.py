from django.utils.translation import gettext_lazy as _

from dieuhanh.platform.registry import SYSTEM_ADMIN, Action, Module, NavEntry, Periodic

module = Module(
    key="classifier",
    name=_("Phân loại tự động"),
    platform=True,
    order=960,
    urls="dieuhanh.platform.classifier.urls",
    url_prefix="admin-ai/",
    nav=[NavEntry(label=_("Phân loại tự động"), url_name="classifier:index", icon="gear",
                  action="classifier.manage", order=960)],
    actions=[
        Action(
            key="classifier.manage",
            label=_("Quản lý mô hình phân loại tự động"),
            roles=frozenset({SYSTEM_ADMIN}),
            description=_("Xem độ chính xác của mô hình, huấn luyện lại và chọn phiên bản đang dùng."),
        )
    ],
    periodic=[
        Periodic(key="classifier.retrain_changed", task="dieuhanh.platform.classifier.tasks.retrain_changed",
                 at="02:30", label=_("Huấn luyện lại các mô hình phân loại có dữ liệu mới")),
    ],
)
