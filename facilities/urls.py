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

from facilities import views_fire  # noqa: E402

urlpatterns += [
    path("an-toan/", views_fire.equipment_list, name="fire-equipment-list"),
    path("an-toan/phuong-tien/moi/", views_fire.equipment_create, name="fire-equipment-create"),
    path(
        "an-toan/phuong-tien/<int:pk>/",
        views_fire.EquipmentDetailView.as_view(),
        name="fire-equipment",
    ),
    path("an-toan/thuc-tap/", views_fire.drill_list, name="fire-drills"),
    path("an-toan/thuc-tap/moi/", views_fire.drill_create, name="fire-drill-create"),
    path("an-toan/thuc-tap/<int:pk>/", views_fire.DrillDetailView.as_view(), name="fire-drill"),
    path("an-toan/kiem-tra/", views_fire.inspection_list, name="fire-inspections"),
    path("an-toan/kiem-tra/moi/", views_fire.inspection_create, name="fire-inspection-create"),
    path(
        "an-toan/kiem-tra/<int:pk>/",
        views_fire.InspectionDetailView.as_view(),
        name="fire-inspection",
    ),
    path("an-toan/truc-bao-ve/", views_fire.shift_list, name="guard-shifts"),
    path("an-toan/truc-bao-ve/moi/", views_fire.shift_create, name="guard-shift-create"),
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
