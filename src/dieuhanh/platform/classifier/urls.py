from django.urls import path

from . import views

app_name = "classifier"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:key>/", views.detail, name="detail"),
    path("<str:key>/retrain/", views.retrain, name="retrain"),
    path("<str:key>/versions/<int:version>/activate/", views.activate, name="activate"),
    path("<str:key>/runs/<int:pk>/", views.run_status, name="run_status"),
]
