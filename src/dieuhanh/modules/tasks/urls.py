from django.urls import path

from . import views

app_name = "tasks"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("assigned/", views.assigned, name="assigned"),
    path("unit/", views.unit_list, name="unit"),
    path("new/", views.create, name="create"),
    path("calendar/", views.calendar, name="calendar"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("report.docx", views.report_docx, name="report_docx"),
    path("supervisions/", views.supervisions, name="supervisions"),
    path("supervisions/<int:pk>/", views.supervision_detail, name="supervision_detail"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/files/<int:file_pk>/", views.attachment, name="attachment"),
    path("<int:pk>/progress/", views.progress, name="progress"),
    path("<int:pk>/extension/", views.extension, name="extension"),
    path("<int:pk>/extension/<int:extension_pk>/decide/", views.extension_decide, name="extension_decide"),
    path("<int:pk>/complete/", views.complete, name="complete"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/return/", views.return_, name="return"),
    path("<int:pk>/suspend/", views.suspend, name="suspend"),
    path("<int:pk>/resume/", views.resume, name="resume"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/lead-person/", views.lead_person, name="lead_person"),
]
