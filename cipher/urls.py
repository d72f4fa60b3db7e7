from django.urls import path

from cipher import views

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
]
