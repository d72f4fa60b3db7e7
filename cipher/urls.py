from django.urls import path

from cipher import views_security

app_name = "cipher"

urlpatterns: list = [
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
