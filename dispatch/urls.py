from django.urls import path

from dispatch import views

app_name = "dispatch"

urlpatterns = [
    path("tim-kiem/", views.search, name="search"),
    path("in-so/", views.register_export, name="register-export"),
    path("den/", views.incoming_list, name="incoming-list"),
    path("den/vao-so/", views.incoming_create, name="incoming-create"),
    path("den/theo-doi/", views.follow_up, name="follow-up"),
    path("den/qua-han/", views.overdue, name="overdue"),
    path("den/<int:pk>/", views.IncomingDetailView.as_view(), name="incoming"),
    path(
        "den/<int:pk>/tep/<int:attachment_pk>/",
        views.incoming_attachment,
        name="incoming-attachment",
    ),
    path("di/", views.outgoing_list, name="outgoing-list"),
    path("di/soan-thao/", views.outgoing_create, name="outgoing-create"),
    path("di/<int:pk>/", views.OutgoingDetailView.as_view(), name="outgoing"),
    path("di/<int:pk>/noi-dung/", views.outgoing_content, name="outgoing-content"),
    path("don-thu/", views.letter_list, name="letter-list"),
    path("don-thu/tiep-nhan/", views.letter_create, name="letter-create"),
    path("don-thu/bao-cao/", views.letter_report, name="letter-report"),
    path("don-thu/<int:pk>/", views.LetterDetailView.as_view(), name="letter"),
    path("tiep-cong-dan/", views.reception_list, name="receptions"),
    path("giay-di-duong/", views.travel_paper_list, name="travel-papers"),
    path("giay-di-duong/<int:pk>/pdf/", views.travel_paper_pdf, name="travel-paper-pdf"),
]
