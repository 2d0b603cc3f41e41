from django.urls import path

from . import views

app_name = "signing"

urlpatterns = [
    path("", views.credentials, name="credentials"),
    path("dang-ky/", views.credential_import, name="credential_import"),
    path("<int:pk>/", views.credential_detail, name="credential_detail"),
    path("<int:pk>/hinh.png", views.credential_image, name="credential_image"),
    path("<int:pk>/doi-hinh/", views.credential_image_upload, name="credential_image_upload"),
    path("<int:pk>/ngung-dung/", views.credential_deactivate, name="credential_deactivate"),
    path("<int:pk>/thu-hoi/", views.credential_revoke, name="credential_revoke"),
    path("kiem-tra/", views.validate, name="validate"),
]
