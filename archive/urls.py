from django.urls import path

from archive import views, views_description, views_reading

app_name = "archive"

urlpatterns = [
    path("", views.file_list, name="files"),
    path("ho-so/moi/", views.file_create, name="file-create"),
    path("ho-so/<int:pk>/", views.FileDetailView.as_view(), name="file"),
    path("ho-so/<int:pk>/chon/", views.file_pick, name="file-pick"),
    path("ho-so/<int:pk>/muc-luc-van-ban.pdf", views.document_list_pdf, name="document-list-pdf"),
    path("tai-lieu/<int:pk>/rut/", views.item_remove, name="item-remove"),
    path("tai-lieu/<int:pk>/ban-quet/", views.item_scan, name="item-scan"),
    path("danh-muc/", views.file_list_index, name="file-lists"),
    path("danh-muc/moi/", views.file_list_create, name="file-list-create"),
    path("danh-muc/<int:pk>/", views.FileListDetailView.as_view(), name="file-list"),
    path("nop-luu/", views.transfer_list, name="transfers"),
    path("nop-luu/moi/", views.transfer_create, name="transfer-create"),
    path("nop-luu/<int:pk>/", views.TransferDetailView.as_view(), name="transfer"),
    path("nop-luu/<int:pk>/muc-luc.pdf", views.transfer_list_pdf, name="transfer-list-pdf"),
    path("nop-luu/<int:pk>/bien-ban.pdf", views.transfer_minutes_pdf, name="transfer-minutes-pdf"),
    path("nguon/", views.source_list, name="sources"),
    path("nguon/moi/", views.source_create, name="source-create"),
    path("nguon/<int:pk>/", views.SourceDetailView.as_view(), name="source"),
    path("thong-ke/", views.statistics, name="statistics"),
    path("mo-ta/<slug:level>/<int:pk>/", views_description.describe, name="describe"),
    path(
        "mo-ta/<slug:level>/<int:pk>/muc-luc.pdf",
        views_description.finding_aid_pdf,
        name="finding-aid",
    ),
    path(
        "mo-ta/<slug:level>/<int:pk>/xuat/<slug:fmt>/",
        views_description.export,
        name="export",
    ),
    path("phong-doc/", views_reading.request_list, name="reading-requests"),
    path("phong-doc/moi/", views_reading.request_create, name="reading-request-create"),
    path("phong-doc/<int:pk>/", views_reading.RequestDetailView.as_view(), name="reading-request"),
    path("phong-doc/<int:pk>/ho-so/<int:file_pk>/", views_reading.read_file, name="reading-file"),
    path("phong-doc/ban-sao/<int:pk>.pdf", views_reading.copy_pdf, name="reading-copy-pdf"),
    path("phong-doc/nguoi-doc/", views_reading.researcher_list, name="researchers"),
    path("phong-doc/nguoi-doc/moi/", views_reading.researcher_create, name="researcher-create"),
    path("phong-doc/thong-ke/", views_reading.reading_statistics, name="reading-statistics"),
]

from archive import views_appraisal  # noqa: E402

urlpatterns += [
    path("tham-dinh/", views_appraisal.appraisal_list, name="appraisals"),
    path("tham-dinh/moi/", views_appraisal.appraisal_create, name="appraisal-create"),
    path("tham-dinh/<int:pk>/", views_appraisal.AppraisalDetailView.as_view(), name="appraisal"),
    path(
        "tham-dinh/<int:pk>/bien-ban-hoi-dong.pdf",
        views_appraisal.council_minutes_pdf,
        name="appraisal-minutes-pdf",
    ),
    path(
        "tham-dinh/<int:pk>/danh-muc-huy.pdf",
        views_appraisal.destruction_list_pdf,
        name="appraisal-list-pdf",
    ),
    path(
        "tham-dinh/<int:pk>/bien-ban-huy.pdf",
        views_appraisal.destruction_minutes_pdf,
        name="appraisal-destruction-pdf",
    ),
]
