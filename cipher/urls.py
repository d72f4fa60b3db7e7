from django.urls import path

from cipher import views, views_security

app_name = "cipher"

urlpatterns = [
    path("", views.index, name="index"),
    path("phong-may-ma/", views.entry_list, name="entries"),
    path("phong-may-ma/de-nghi/", views.entry_create, name="entry-create"),
    path("phong-may-ma/<int:pk>/", views.EntryDetailView.as_view(), name="entry"),
    path("so-dien/", views.message_list, name="messages"),
    path("so-dien/vao-so/", views.message_create, name="message-create"),
    path("so-dien/<int:pk>/", views.message_detail, name="message"),
    path("thiet-bi/", views.equipment_list, name="equipment-list"),
    path("thiet-bi/<int:pk>/", views.equipment_detail, name="equipment"),
    path("kiem-tra-mang/", views.inspection_list, name="inspections"),
    path("kiem-tra-mang/<int:pk>/", views.InspectionDetailView.as_view(), name="inspection"),
    path("ho-tro/", views.ticket_list, name="tickets"),
    path("ho-tro/gui/", views.ticket_create, name="ticket-create"),
    path("ho-tro/<int:pk>/", views.TicketDetailView.as_view(), name="ticket"),
    path("quyen/", views.rights_register, name="rights"),
    path("quyen/don-vi/", views.unit_rights, name="unit-rights"),
    path("quyen/<int:pk>/", views.rights_detail, name="right"),
    path("xac-thuc/", views_security.second_factor, name="second_factor"),
    path("xac-thuc/dang-ky/", views_security.second_factor_enrol, name="second_factor_enrol"),
    path("xac-thuc/ma-du-phong/", views_security.recovery_codes, name="recovery_codes"),
    path("xac-thuc/dat-lai/", views_security.device_reset, name="device_reset"),
    path("phien/", views_security.session_list, name="sessions"),
    path("phien/ket-thuc/", views_security.session_end, name="session_end"),
    path(
        "phien/ket-thuc-cac-phien-khac/",
        views_security.sessions_end_others,
        name="sessions_end_others",
    ),
    path("chu-ky-so/<int:signature_id>/tep/", views_security.signed_file, name="signed_file"),
]
