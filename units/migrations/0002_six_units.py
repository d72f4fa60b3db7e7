"""The six units of Điều 1.1 (21-HD/VPTW). More units are data, added in the admin."""

from django.db import migrations

UNITS = [
    ("th", "Phòng Tổng hợp", "General Affairs", "Điều 6",
     "Nghiên cứu, theo dõi các ngành, lĩnh vực, địa bàn được phân công; tham mưu, thẩm định "
     "đề án, dự thảo văn bản; dự thảo bài phát biểu của Thường trực Tỉnh ủy."),
    ("hc", "Phòng Hành chính – Tiếp dân", "Administration – Citizen Reception", "Điều 7",
     "Xây dựng chương trình công tác của Văn phòng và lịch làm việc của lãnh đạo; tiếp nhận, "
     "xử lý đơn thư, tổ chức tiếp công dân; văn thư: đăng ký văn bản đến, văn bản đi, quản lý "
     "con dấu; tổ chức cán bộ, thi đua khen thưởng."),
    ("lt", "Phòng Lưu trữ", "Archives", "Điều 8",
     "Hướng dẫn công tác văn thư, lưu trữ; quản lý kho lưu trữ cơ quan và Lưu trữ lịch sử của "
     "Đảng bộ tỉnh; thu thập, chỉnh lý, xác định giá trị, bảo quản và phục vụ khai thác tài liệu."),
    ("qt", "Phòng Quản trị", "Management", "Điều 9",
     "Quản lý cơ sở vật chất, trang thiết bị, xe ô tô; phục vụ hội nghị, đón tiếp khách; bảo "
     "vệ, phòng cháy chữa cháy; đơn vị dự toán cấp II của Văn phòng."),
    ("tc", "Phòng Tài chính đảng", "Party Finance", "Điều 10",
     "Đơn vị dự toán cấp I; lập dự toán, quyết toán ngân sách đảng; quản lý tài sản của Đảng; "
     "thẩm định, kiểm tra tài chính; thu, nộp và hướng dẫn quản lý đảng phí."),
    ("cy", "Phòng (Trung tâm) Cơ yếu – Công nghệ thông tin", "Cipher – IT", "Điều 11",
     "Thực hiện Luật Cơ yếu; chuyển, nhận, mã dịch điện mật; ứng dụng công nghệ thông tin, "
     "quản trị mạng, phân cấp, phân quyền người dùng; quản lý trang thông tin điện tử."),
]


def create_units(apps, schema_editor):
    Unit = apps.get_model("units", "Unit")
    for order, (code, name_vi, name_en, article, functions) in enumerate(UNITS, start=1):
        Unit.objects.update_or_create(
            code=code,
            defaults={"name_vi": name_vi, "name_en": name_en, "article": article,
                      "functions": functions, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]

    operations = [migrations.RunPython(create_units, migrations.RunPython.noop)]
