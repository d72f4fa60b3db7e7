"""The rules Party finance starts with, as data an administrator edits: the dues regulations
(342-QĐ/TW of 2010 as the earlier version, 01-QĐ/TW in force from 01/02/2026) with their rates,
relief grounds, the share kept by organisations directly under the provincial committee, the
thresholds, the office's budget unit and the usual lines of the budget classification."""

from datetime import date
from decimal import Decimal

from django.db import migrations

REGIMES = [
    {
        "code": "342-QĐ/TW",
        "title": "Quy định 342-QĐ/TW ngày 28/12/2010 của Bộ Chính trị về chế độ đảng phí",
        "valid_from": date(2011, 1, 1),
        "valid_to": date(2026, 1, 31),
        "exempt_after_years": None,
        "rates": [
            ("salaried", "percent", "1", 0, 0, "1% tiền lương, các khoản phụ cấp hằng tháng"),
            ("leave_benefit", "percent", "1", 0, 0, "1% trợ cấp bảo hiểm xã hội hằng tháng"),
            ("pensioner", "percent", "0.5", 0, 0, "0,5% lương hưu hằng tháng"),
            ("student", "fixed", "0", 2000, 0, "2.000 đồng/tháng"),
        ],
    },
    {
        "code": "01-QĐ/TW",
        "title": "Quy định 01-QĐ/TW của Bộ Chính trị về chế độ đảng phí (hiệu lực 01/02/2026)",
        "valid_from": date(2026, 2, 1),
        "valid_to": None,
        "exempt_after_years": 50,
        "rates": [
            (
                "salaried",
                "percent",
                "1",
                0,
                -1,
                "1% tiền lương làm căn cứ đóng bảo hiểm xã hội của tháng trước",
            ),
            ("leave_benefit", "percent", "1", 0, 0, "1% trợ cấp ốm đau, thai sản"),
            ("pensioner", "percent", "0.5", 0, 0, "0,5% lương hưu"),
            ("student", "fixed", "0", 5000, 0, "5.000 đồng/tháng"),
        ],
    },
]

GROUNDS = [
    ("tro-cap-xa-hoi", "Hưởng trợ cấp xã hội hằng tháng", False),
    ("ho-ngheo", "Thuộc hộ nghèo, hộ cận nghèo", False),
    ("benh-hiem-ngheo", "Mắc bệnh hiểm nghèo (có đơn đề nghị)", False),
    ("kho-khan-khac", "Hoàn cảnh khó khăn khác (miễn hoặc giảm 30, 50, 70%, tối đa 12 tháng)", True),
]

THRESHOLDS = [
    ("commitment_warning", "80"),
    ("commitment_refusal", "100"),
    ("settlement_variance", "10"),
]

#: chapter 409 (provincial Party bodies), type–item 340-342 (activities of the Party)
LINES = [
    ("6000", "6001", "Lương theo ngạch, bậc"),
    ("6100", "6101", "Phụ cấp chức vụ"),
    ("6100", "6113", "Phụ cấp trách nhiệm theo nghề, theo công việc"),
    ("6300", "6301", "Bảo hiểm xã hội"),
    ("6500", "6501", "Thanh toán tiền điện"),
    ("6500", "6502", "Thanh toán tiền nước"),
    ("6550", "6551", "Văn phòng phẩm"),
    ("6600", "6601", "Cước phí điện thoại, thuê bao đường điện thoại"),
    ("6650", "6651", "In, mua tài liệu hội nghị"),
    ("6650", "6699", "Chi phí khác của hội nghị"),
    ("6700", "6701", "Công tác phí: tiền vé máy bay, tàu, xe"),
    ("6700", "6702", "Công tác phí: phụ cấp công tác phí"),
    ("6700", "6703", "Công tác phí: tiền thuê phòng ngủ"),
    ("6900", "6912", "Sửa chữa thiết bị tin học"),
    ("7000", "7049", "Chi nghiệp vụ chuyên môn khác"),
]


def seed(apps, schema_editor):
    Regime = apps.get_model("finance", "DuesRegime")
    Rate = apps.get_model("finance", "DuesRate")
    Ground = apps.get_model("finance", "ReliefGround")
    Share = apps.get_model("finance", "DuesShare")
    Threshold = apps.get_model("finance", "FinanceThreshold")
    BudgetUnit = apps.get_model("finance", "BudgetUnit")
    BudgetLine = apps.get_model("finance", "BudgetLine")
    Unit = apps.get_model("units", "Unit")
    for data in REGIMES:
        data = dict(data)
        rates = data.pop("rates")
        regime, _created = Regime.objects.get_or_create(code=data["code"], defaults=data)
        for category, kind, percent, fixed, offset, label in rates:
            Rate.objects.get_or_create(
                regime=regime,
                category=category,
                defaults={
                    "kind": kind,
                    "percent": Decimal(percent),
                    "fixed_amount": Decimal(fixed),
                    "basis_month_offset": offset,
                    "basis_label": label,
                },
            )
    for code, name, capped in GROUNDS:
        Ground.objects.get_or_create(code=code, defaults={"name": name, "capped": capped})
    if not Share.objects.exists():
        Share.objects.create(
            level="Tổ chức đảng trực thuộc Tỉnh ủy", kept_percent=Decimal(50), valid_from=date(2011, 1, 1)
        )
    for key, percent in THRESHOLDS:
        if not Threshold.objects.filter(key=key).exists():
            Threshold.objects.create(key=key, percent=Decimal(percent), valid_from=date(2020, 1, 1))
    BudgetUnit.objects.get_or_create(
        code="vptu",
        defaults={
            "name": "Văn phòng Tỉnh ủy",
            "level": "cap_2",
            "prepared_by": Unit.objects.filter(code="qt").first(),
            "valid_from": date(2020, 1, 1),
        },
    )
    for order, (section, subsection, name) in enumerate(LINES, start=1):
        BudgetLine.objects.get_or_create(
            chapter="409",
            type_item="340-342",
            section=section,
            subsection=subsection,
            defaults={"name": name, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_initial"), ("units", "0002_six_units")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
