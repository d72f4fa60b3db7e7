"""The catalogues' defaults: the kinds of service request and their paths, the fixed-asset
classes with their useful lives and yearly depreciation rates (after Thông tư 23/2023/TT-BTC,
editable when the next text comes), the funding sources."""

from decimal import Decimal

from django.db import migrations

REQUEST_KINDS = [
    # code, name, resource kind, needs a driver, deputy chief of QT
    ("xe", "Xe ô tô có lái xe", "vehicle", True, "outside_province"),
    ("phong-hop", "Phòng họp và trang thiết bị", "room", False, "never"),
    ("phong-nghi", "Phòng nghỉ cho khách", "lodging", False, "always"),
    ("suat-an", "Suất ăn, tiếp khách", "", False, "always"),
    ("van-phong-pham", "Văn phòng phẩm", "", False, "never"),
]

CATEGORIES = [
    ("1.1", "Nhà làm việc (cấp II)", 50, "2.00"),
    ("4.1", "Xe ô tô phục vụ công tác chung", 15, "6.67"),
    ("5.1", "Máy vi tính để bàn, máy tính xách tay", 5, "20.00"),
    ("5.2", "Máy photocopy, máy in", 8, "12.50"),
    ("5.3", "Máy điều hòa không khí", 8, "12.50"),
    ("5.4", "Thiết bị âm thanh, trình chiếu phòng họp", 8, "12.50"),
    ("6.1", "Bàn ghế, tủ làm việc", 8, "12.50"),
    ("7.1", "Thiết bị phòng cháy, chữa cháy", 5, "20.00"),
]

FUNDING = [
    ("ngan-sach-dang", "Ngân sách đảng"),
    ("ngan-sach-nha-nuoc", "Ngân sách nhà nước hỗ trợ"),
    ("tai-tro", "Tài trợ, biếu tặng"),
]


def seed(apps, schema_editor):
    RequestKind = apps.get_model("facilities", "RequestKind")
    AssetCategory = apps.get_model("facilities", "AssetCategory")
    FundingSource = apps.get_model("facilities", "FundingSource")
    for order, (code, name, resource_kind, needs_server, deputy) in enumerate(REQUEST_KINDS):
        RequestKind.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "resource_kind": resource_kind,
                "needs_server": needs_server,
                "deputy_approval": deputy,
                "order": order,
            },
        )
    for code, name, years, rate in CATEGORIES:
        AssetCategory.objects.get_or_create(
            code=code,
            defaults={"name": name, "useful_life_years": years, "depreciation_rate": Decimal(rate)},
        )
    for code, name in FUNDING:
        FundingSource.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("facilities", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
