from django.urls import path

from advisory import views

app_name = "advisory"

urlpatterns = [
    path("theo-doi/", views.follow_ups, name="follow-ups"),
    path("theo-doi/<int:pk>/thoi/", views.follow_up_end, name="follow-up-end"),
    path("viec/", views.work_list, name="works"),
    path("viec/giao/", views.work_assign, name="work-assign"),
    path("viec/thuong-truc-giao/", views.work_record_direct, name="work-direct"),
    path("viec/<int:pk>/", views.WorkDetailView.as_view(), name="work"),
]
