from django.urls import path

from finance import views

app_name = "finance"

urlpatterns = [
    path("", views.home, name="home"),
    path("du-toan/", views.estimate_list, name="estimates"),
    path("du-toan/moi/", views.estimate_create, name="estimate-create"),
    path("du-toan/tong-hop/", views.consolidate, name="consolidate"),
    path("du-toan/<int:pk>/", views.EstimateDetailView.as_view(), name="estimate"),
    path("du-toan/<int:pk>/so-sanh/", views.estimate_compare, name="estimate-compare"),
    path("theo-doi/", views.follow, name="follow"),
    path(
        "theo-doi/<int:year>/<int:unit_pk>/<int:line_pk>/",
        views.follow_line,
        name="follow-line",
    ),
    path("cam-ket/moi/", views.commitment_create, name="commitment-create"),
    path("nhap-chi/", views.import_list, name="imports"),
    path("nhap-chi/mau/", views.mapping_edit, name="mapping"),
    path("nhap-chi/moi/", views.import_create, name="import-create"),
    path("nhap-chi/<int:pk>/", views.import_detail, name="import"),
    path("quyet-toan/", views.settlement_list, name="settlements"),
    path("quyet-toan/<int:pk>/", views.SettlementDetailView.as_view(), name="settlement"),
    path("quyet-toan/<int:pk>/pdf/", views.settlement_pdf, name="settlement-pdf"),
    path("quyet-toan/<int:pk>/xlsx/", views.settlement_xlsx, name="settlement-xlsx"),
    path("cong-khai/", views.published, name="published"),
    path("cong-khai/du-toan/<int:pk>/", views.published_estimate, name="published-estimate"),
    path("cong-khai/quyet-toan/<int:pk>/", views.published_settlement, name="published-settlement"),
    path("kiem-tra/", views.inspection_list, name="inspections"),
    path("kiem-tra/moi/", views.inspection_create, name="inspection-create"),
    path("kiem-tra/<int:pk>/", views.InspectionDetailView.as_view(), name="inspection"),
    path("kiem-tra/<int:pk>/pdf/", views.inspection_pdf, name="inspection-pdf"),
    path("dang-phi/", views.dues_month, name="dues"),
    path("dang-phi/tinh/", views.dues_compute, name="dues-compute"),
    path("dang-phi/nhap-can-cu/", views.payroll_import, name="payroll-import"),
    path("dang-phi/canh-bao/", views.dues_flags, name="dues-flags"),
    path("dang-phi/cua-toi/", views.my_dues, name="my-dues"),
    path("dang-phi/dang-vien/", views.member_list, name="members"),
    path("dang-phi/dang-vien/moi/", views.member_create, name="member-create"),
    path("dang-phi/dang-vien/<int:pk>/", views.member_detail, name="member"),
    path("dang-phi/to-chuc/", views.organisations, name="organisations"),
    path("dang-phi/to-chuc/pdf/", views.organisations_pdf, name="organisations-pdf"),
]
