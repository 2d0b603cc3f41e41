from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/setlang/", views.change_language, name="set_language"),
    path("healthz", views.healthz, name="healthz"),
]
