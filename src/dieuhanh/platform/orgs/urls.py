from django.urls import path

from . import views

app_name = "orgs"

urlpatterns = [
    path("", views.index, name="index"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", views.unit_update, name="unit_update"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/import/", views.people_import, name="people_import"),
    path("people/import/mau-nhap-can-bo.xlsx", views.people_import_template, name="people_import_template"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_update, name="person_update"),
    path("people/<int:pk>/roles/new/", views.membership_grant, name="membership_grant"),
    path("roles/<int:pk>/revoke/", views.membership_revoke, name="membership_revoke"),
    path("terms/", views.term_list, name="term_list"),
    path("terms/<int:pk>/", views.term_detail, name="term_detail"),
    path("constituencies/", views.constituency_list, name="constituency_list"),
    path("delegates/", views.delegate_list, name="delegate_list"),
]
