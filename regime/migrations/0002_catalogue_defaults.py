"""The disclosure categories of Điều 16 and the complaint terms, as data."""

from django.db import migrations

CATEGORIES = [
    ("chu-truong", "Chủ trương, chính sách liên quan đến đơn vị"),
    ("chuong-trinh", "Chương trình, kế hoạch công tác"),
    ("ket-qua", "Kết quả thực hiện chương trình, kế hoạch"),
    ("kinh-phi", "Kinh phí hoạt động và quyết toán hằng năm"),
    ("tuyen-dung", "Tuyển dụng"),
    ("khen-thuong", "Khen thưởng"),
    ("ky-luat", "Kỷ luật"),
    ("nang-ngach", "Nâng ngạch, nâng bậc lương"),
    ("de-bat", "Đề bạt"),
    ("dao-tao", "Cử đi đào tạo, bồi dưỡng"),
    ("che-do", "Chính sách khác đối với công chức, người lao động"),
    ("quy-che", "Quy chế, quy định, nội quy của đơn vị"),
]

TERMS = [
    ("complaint", 10, "Điều 21 Hướng dẫn 21-HD/VPTW; mặc định của Văn phòng"),
    ("proposal", 10, "Điều 21 Hướng dẫn 21-HD/VPTW; mặc định của Văn phòng"),
]


def seed(apps, schema_editor):
    DisclosureCategory = apps.get_model("regime", "DisclosureCategory")
    for order, (code, name) in enumerate(CATEGORIES, start=1):
        DisclosureCategory.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    ComplaintTerm = apps.get_model("regime", "ComplaintTerm")
    for kind, days, basis in TERMS:
        ComplaintTerm.objects.get_or_create(
            kind=kind, defaults={"working_days": days, "basis": basis}
        )


class Migration(migrations.Migration):
    dependencies = [("regime", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
