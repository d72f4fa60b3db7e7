"""Default catalogues from DOMAIN §6: document types and issuers with their codes, urgency marks,
Party terms and the three registers. Administrators edit them afterwards in the admin."""

from datetime import date

from django.db import migrations

DOCUMENT_TYPES = [
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Chỉ thị", "CT"),
    ("Kết luận", "KL"),
    ("Quy chế", "QC"),
    ("Quy định", "QĐ"),
    ("Thông tri", "TT"),
    ("Hướng dẫn", "HD"),
    ("Thông báo", "TB"),
    ("Thông cáo", "TC"),
    ("Báo cáo", "BC"),
    ("Kế hoạch", "KH"),
    ("Chương trình", "CTr"),
    ("Đề án", "ĐA"),
    ("Phương án", "PA"),
    ("Tờ trình", "TTr"),
    ("Công văn", "CV"),
    ("Biên bản", "BB"),
    ("Bản sao", "BS"),
    ("Giấy giới thiệu", ""),
    ("Giấy mời", ""),
    ("Giấy đi đường", ""),
    ("Giấy nghỉ phép", ""),
    ("Phiếu chuyển", ""),
    ("Phiếu gửi", ""),
]

ISSUERS = [
    ("TW", "Ban Chấp hành Trung ương Đảng"),
    ("VPTW", "Văn phòng Trung ương Đảng"),
    ("TU", "Tỉnh ủy"),
    ("VPTU", "Văn phòng Tỉnh ủy"),
    ("BTCTU", "Ban Tổ chức Tỉnh ủy"),
    ("UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy"),
    ("ĐU", "Đảng ủy"),
    ("CB", "Chi bộ"),
]

URGENCIES = ["Khẩn", "Thượng khẩn", "Hỏa tốc", "Hỏa tốc hẹn giờ"]

TERMS = [
    ("Nhiệm kỳ 2020–2025", date(2020, 10, 1), date(2025, 9, 30)),
    ("Nhiệm kỳ 2025–2030", date(2025, 10, 1), date(2030, 9, 30)),
]

REGISTERS = [
    ("incoming", "Sổ đăng ký văn bản đến", "year", "shared"),
    ("outgoing", "Sổ đăng ký văn bản đi", "term", "per_type"),
    ("letters", "Sổ đăng ký đơn thư", "year", "shared"),
]


def seed(apps, schema_editor):
    DocumentType = apps.get_model("dispatch", "DocumentType")
    Issuer = apps.get_model("dispatch", "Issuer")
    Urgency = apps.get_model("dispatch", "Urgency")
    PartyTerm = apps.get_model("dispatch", "PartyTerm")
    Register = apps.get_model("dispatch", "Register")
    for order, (name, code) in enumerate(DOCUMENT_TYPES, start=1):
        DocumentType.objects.get_or_create(name=name, defaults={"code": code, "order": order})
    for code, name in ISSUERS:
        Issuer.objects.get_or_create(
            code=code, defaults={"name": name, "is_own_office": code == "VPTU"}
        )
    for order, name in enumerate(URGENCIES, start=1):
        Urgency.objects.get_or_create(name=name, defaults={"order": order})
    for name, starts_on, ends_on in TERMS:
        PartyTerm.objects.get_or_create(
            name=name, defaults={"starts_on": starts_on, "ends_on": ends_on}
        )
    for kind, name, period, scope in REGISTERS:
        Register.objects.get_or_create(
            name=name, defaults={"kind": kind, "period_scheme": period, "sequence_scope": scope}
        )


class Migration(migrations.Migration):
    dependencies = [("dispatch", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
