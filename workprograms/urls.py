from django.urls import path

from workprograms import views

app_name = "workprograms"

urlpatterns = [
    path("", views.program_list, name="programs"),
    path("moi/", views.program_create, name="program-create"),
    path("<int:pk>/", views.ProgramDetailView.as_view(), name="program"),
    path("<int:pk>/so-sanh/", views.program_compare, name="program-compare"),
    path("noi-dung/<int:pk>/sua/", views.item_edit, name="item-edit"),
    path("noi-dung/<int:pk>/bo/", views.item_delete, name="item-delete"),
    path("dieu-chinh/<int:pk>/", views.ChangeRequestDetailView.as_view(), name="change-request"),
    path("bao-cao/", views.report_list, name="reports"),
    path("bao-cao/moi/", views.report_create, name="report-create"),
    path("bao-cao/<int:pk>/", views.ReportDetailView.as_view(), name="report"),
]
