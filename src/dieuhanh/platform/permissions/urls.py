from django.urls import path

from . import views

app_name = "permissions"

urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("grant/", views.grant_set, name="grant_set"),
]
