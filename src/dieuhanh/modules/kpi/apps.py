from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpiConfig(AppConfig):
    name = "dieuhanh.modules.kpi"
    label = "kpi"
    verbose_name = _("KPI và đánh giá")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        for name in ("Scheme", "Criterion", "Band", "Evaluation", "Score"):
            auditlog.register(self.get_model(name))
