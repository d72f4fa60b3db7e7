from django.urls import path

from core import views

app_name = "core"

# The home page is registered without namespace in office/urls.py as "home".
urlpatterns = [
    path("doi-mat-khau/", views.password_change, name="password_change"),
    path("thong-bao/", views.notification_list, name="notifications"),
    path("thong-bao/doc-het/", views.notifications_read_all, name="notifications_read_all"),
    path("thong-bao/<int:notification_id>/doc/", views.notification_read, name="notification_read"),
    path("ngay-lam-viec/", views.working_day_after, name="working_day_after"),
    path("tep/<int:generated_file_id>/", views.generated_file_detail, name="generated_file_detail"),
    path(
        "tep/<int:generated_file_id>/tai-ve/",
        views.generated_file_download,
        name="generated_file_download",
    ),
]
