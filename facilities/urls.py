from django.urls import path

from facilities import views

app_name = "facilities"

urlpatterns = [
    path("", views.request_list, name="requests"),
    path("yeu-cau/moi/", views.request_create, name="request-create"),
    path("yeu-cau/<int:pk>/", views.RequestDetailView.as_view(), name="request"),
    path("lich/", views.week, name="week"),
    path("lich/pdf/", views.week_pdf, name="week-pdf"),
    path("phuong-tien/<int:pk>/", views.ResourceDetailView.as_view(), name="resource"),
    path("tai-san/", views.asset_list, name="assets"),
    path("tai-san/moi/", views.asset_create, name="asset-create"),
    path("tai-san/nhan.pdf", views.asset_labels, name="asset-labels"),
    path("tai-san/<int:pk>/", views.AssetDetailView.as_view(), name="asset"),
    path("doan-khach/", views.visit_list, name="visits"),
    path("doan-khach/moi/", views.visit_create, name="visit-create"),
    path("doan-khach/<int:pk>/", views.VisitDetailView.as_view(), name="visit"),
    path("kiem-ke/", views.inventory_list, name="inventories"),
    path("kiem-ke/moi/", views.inventory_create, name="inventory-create"),
    path("kiem-ke/<int:pk>/", views.InventoryDetailView.as_view(), name="inventory"),
]

from facilities import views_procurement  # noqa: E402

urlpatterns += [
    path("mua-sam/", views_procurement.procurement_list, name="procurements"),
    path("mua-sam/moi/", views_procurement.procurement_create, name="procurement-create"),
    path(
        "mua-sam/<int:pk>/",
        views_procurement.ProcurementDetailView.as_view(),
        name="procurement",
    ),
    path("mua-sam/bao-gia/<int:pk>/", views_procurement.quote_file, name="quote-file"),
    path("mua-sam/kho/", views_procurement.stock_list, name="stock"),
    path("mua-sam/kho/<int:pk>/", views_procurement.stock_item, name="stock-item"),
]
