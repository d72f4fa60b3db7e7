from django.urls import path

from regime import views

app_name = "regime"

urlpatterns = [
    path("cong-khai/", views.disclosure_board, name="board"),
    path("cong-khai/don-vi/<slug:code>/", views.disclosure_board, name="board-of"),
    path("cong-khai/<int:pk>/", views.disclosure_detail, name="disclosure"),
    path("kien-nghi/", views.complaint_list, name="complaints"),
    path("kien-nghi/gui/", views.complaint_create, name="complaint-create"),
    path("kien-nghi/<int:pk>/", views.ComplaintDetailView.as_view(), name="complaint"),
    path("quy-che/", views.regulation_list, name="regulations"),
    path("quy-che/soan/", views.regulation_create, name="regulation-create"),
    path("quy-che/ban/<int:pk>/", views.RegulationDetailView.as_view(), name="regulation"),
    path("quy-che/dang-ap-dung/", views.unit_regulation, name="my-regulation"),
    path("quy-che/don-vi/<slug:code>/", views.unit_regulation, name="unit-regulation"),
]
