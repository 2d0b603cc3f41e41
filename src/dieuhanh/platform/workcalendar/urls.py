from django.urls import path

from . import views

app_name = "workcalendar"

# Management screens live under manage/ so that the navigation highlights "Lịch làm việc"
# on them and "Tính hạn" on the calculator, never both.
urlpatterns = [
    path("manage/", views.index, name="index"),
    path("manage/<int:year>/", views.year_view, name="year"),
    path("manage/days/add/", views.day_add, name="day_add"),
    path("manage/days/<int:pk>/remove/", views.day_remove, name="day_remove"),
    path("manage/rules/", views.rule_list, name="rules"),
    path("manage/rules/new/", views.rule_add, name="rule_add"),
    path("calculator/", views.calculator, name="calculator"),
]
