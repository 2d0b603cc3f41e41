from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("", views.index, name="index"),
    path("schedule/", views.schedule, name="schedule"),
    path("<uuid:result_id>/", views.detail, name="detail"),
    path("<uuid:result_id>/retry/", views.retry, name="retry"),
]
