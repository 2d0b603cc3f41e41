from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("den/", views.incoming_list, name="incoming_list"),
    path("den/excel/", views.incoming_xlsx, name="incoming_xlsx"),
    path("den/in/", views.incoming_pdf, name="incoming_pdf"),
    path("den/vao-so/", views.incoming_create, name="incoming_create"),
    path("den/<int:pk>/", views.incoming_detail, name="incoming_detail"),
    path("den/<int:pk>/tep/", views.incoming_file, name="incoming_file"),
    path("den/<int:pk>/trinh/", views.incoming_present, name="incoming_present"),
    path("den/<int:pk>/chi-dao/", views.incoming_direct, name="incoming_direct"),
    path("den/<int:pk>/chuyen/", views.incoming_forward, name="incoming_forward"),
    path("phan-cong/<int:pk>/ky-nhan/", views.assignment_confirm, name="assignment_confirm"),
    path("phan-cong/<int:pk>/hoan-thanh/", views.assignment_complete, name="assignment_complete"),
    path("di/", views.outgoing_list, name="outgoing_list"),
    path("di/excel/", views.outgoing_xlsx, name="outgoing_xlsx"),
    path("di/in/", views.outgoing_pdf, name="outgoing_pdf"),
    path("di/du-thao/", views.outgoing_create, name="outgoing_create"),
    path("di/<int:pk>/", views.outgoing_detail, name="outgoing_detail"),
    path("di/<int:pk>/tep/<str:which>/", views.outgoing_file, name="outgoing_file"),
    path("di/<int:pk>/phien-ban/", views.outgoing_version, name="outgoing_version"),
    path("di/<int:pk>/gop-y/", views.outgoing_comment, name="outgoing_comment"),
    path("di/<int:pk>/trinh/", views.outgoing_submit, name="outgoing_submit"),
    path("di/<int:pk>/tham-dinh/", views.outgoing_review, name="outgoing_review"),
    path("di/<int:pk>/duyet/", views.outgoing_approve, name="outgoing_approve"),
    path("di/<int:pk>/ky/", views.outgoing_sign, name="outgoing_sign"),
    path("di/<int:pk>/phat-hanh/", views.outgoing_issue, name="outgoing_issue"),
    path("di/<int:pk>/thu-hoi/", views.outgoing_recall, name="outgoing_recall"),
    path("kiem-tra-chu-ky/", views.validate, name="validate"),
    path("co-so-du-lieu/", views.record_list, name="record_list"),
    path("co-so-du-lieu/them/", views.record_create, name="record_create"),
    path("co-so-du-lieu/<int:pk>/", views.record_detail, name="record_detail"),
    path("co-so-du-lieu/<int:pk>/tep/", views.record_file, name="record_file"),
    path("co-so-du-lieu/<int:pk>/cap-nhat/", views.record_update, name="record_update"),
    path("co-so-du-lieu/<int:pk>/lien-ket/", views.record_relate, name="record_relate"),
]
