from django.urls import path

from . import views

app_name = "kpi"

urlpatterns = [
    path("", views.index, name="index"),
    path("cua-toi/", views.my, name="my"),
    path("phieu/<int:pk>/", views.evaluation_detail, name="evaluation_detail"),
    path("phieu/<int:pk>/tu-danh-gia/", views.evaluation_self_assess, name="evaluation_self_assess"),
    path("phieu/<int:pk>/nhan-xet/", views.evaluation_review, name="evaluation_review"),
    path("phieu/<int:pk>/phe-duyet/", views.evaluation_approve, name="evaluation_approve"),
    path("phieu/<int:pk>/mo-lai/", views.evaluation_reopen, name="evaluation_reopen"),
    path("so-lieu/<int:pk>/", views.figure_detail, name="figure_detail"),
    path("don-vi/", views.unit_evaluations, name="unit_evaluations"),
    path("don-vi/mo-ky/", views.round_open, name="round_open"),
    path("tinh-lai/", views.compute_start, name="compute_start"),
    path("tinh-lai/<int:pk>/", views.run_detail, name="run_detail"),
    path("tinh-lai/<int:pk>/tien-do/", views.run_progress, name="run_progress"),
    path("xep-hang/", views.rankings, name="rankings"),
    path("xep-hang/excel/", views.rankings_export, name="rankings_export"),
    path("lich-su/ca-nhan/<int:pk>/", views.person_history, name="person_history"),
    path("lich-su/don-vi/<int:pk>/", views.unit_history, name="unit_history"),
    path("bo-tieu-chi/", views.scheme_list, name="scheme_list"),
    path("bo-tieu-chi/<int:pk>/", views.scheme_detail, name="scheme_detail"),
    path("bo-tieu-chi/<int:pk>/sua/", views.scheme_update, name="scheme_update"),
    path("bo-tieu-chi/<int:pk>/sao-chep/", views.scheme_copy, name="scheme_copy"),
    path("bo-tieu-chi/<int:pk>/tieu-chi/them/", views.criterion_create, name="criterion_create"),
    path("bo-tieu-chi/<int:pk>/tieu-chi/<int:criterion_pk>/", views.criterion_update, name="criterion_update"),
    path("bo-tieu-chi/<int:pk>/xep-loai/them/", views.band_create, name="band_create"),
    path("bo-tieu-chi/<int:pk>/xep-loai/<int:band_pk>/", views.band_update, name="band_update"),
]
