from django.urls import path

from workprograms import views

app_name = "workprograms"

urlpatterns = [
    path("", views.program_list, name="programs"),
    path("moi/", views.program_create, name="program-create"),
    path("<int:pk>/", views.ProgramDetailView.as_view(), name="program"),
    path("<int:pk>/so-sanh/", views.program_compare, name="program-compare"),
    path("noi-dung/<int:pk>/", views.ItemDetailView.as_view(), name="item"),
    path("noi-dung/<int:pk>/sua/", views.item_edit, name="item-edit"),
    path("noi-dung/<int:pk>/bo/", views.item_delete, name="item-delete"),
    path("dieu-chinh/<int:pk>/", views.ChangeRequestDetailView.as_view(), name="change-request"),
    path("bao-cao/", views.report_list, name="reports"),
    path("bao-cao/moi/", views.report_create, name="report-create"),
    path("bao-cao/<int:pk>/", views.ReportDetailView.as_view(), name="report"),
    path("<int:pk>/pdf/", views.program_pdf, name="program-pdf"),
    path("bao-cao/<int:pk>/pdf/", views.report_pdf, name="report-pdf"),
    path("hop/", views.meeting_list, name="meetings"),
    path("hop/moi/", views.meeting_create, name="meeting-create"),
    path("hop/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting"),
    path("hop/<int:pk>/bien-ban.pdf", views.meeting_minutes_pdf, name="meeting-minutes-pdf"),
    path("hop/<int:pk>/thong-bao.pdf", views.meeting_notice_pdf, name="meeting-notice-pdf"),
    path("lich/", views.calendar_week, name="calendar"),
    path("lich/pdf/", views.calendar_pdf, name="calendar-pdf"),
    path("lich/moi/", views.calendar_entry_create, name="calendar-entry-create"),
    path("lich/<int:pk>/sua/", views.calendar_entry_edit, name="calendar-entry-edit"),
    path("lich/<int:pk>/bo/", views.calendar_entry_delete, name="calendar-entry-delete"),
]
