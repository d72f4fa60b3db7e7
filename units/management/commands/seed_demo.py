"""Demo data: the office's leadership, every unit's people, sample tasks, an escalation and a
consultation. Idempotent: run it again and nothing is duplicated."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.demo import seed_all
from units import services
from units.choices import Position, RoleCode, Secrecy
from units.designations import forget_designations
from units.models import Consultation, Escalation, Task, Unit
from units.roles import ensure_groups

DEMO_PASSWORD = "vanphong2026"

#: username, full name, unit code (None for leadership), position, extra flags
PEOPLE = [
    ("chanhvp", "Nguyễn Văn Chánh", None, Position.CHIEF, {}),
    ("phochanh1", "Trần Thị Phó", None, Position.DEPUTY_CHIEF, {}),
    ("phochanh2", "Lê Văn Phụ", None, Position.DEPUTY_CHIEF, {}),
    ("th.truong", "Phạm Minh Tổng", "th", Position.HEAD, {}),
    ("th.pho", "Hoàng Thị Hợp", "th", Position.DEPUTY, {}),
    ("th.cv1", "Vũ Văn Nghiên", "th", Position.SPECIALIST, {}),
    ("th.cv2", "Đặng Thị Cứu", "th", Position.SPECIALIST, {}),
    ("hc.truong", "Bùi Văn Hành", "hc", Position.HEAD, {}),
    ("hc.pho", "Đỗ Thị Chính", "hc", Position.DEPUTY, {}),
    (
        "hc.vanthu1",
        "Ngô Thị Thư",
        "hc",
        Position.CIVIL_SERVANT,
        {"roles": [RoleCode.RECORDS_CLERK]},
    ),
    (
        "hc.vanthu2",
        "Dương Văn Ký",
        "hc",
        Position.CIVIL_SERVANT,
        {"roles": [RoleCode.RECORDS_CLERK]},
    ),
    ("hc.cv", "Lý Thị Dân", "hc", Position.SPECIALIST, {}),
    ("lt.truong", "Mai Văn Lưu", "lt", Position.HEAD, {}),
    ("lt.pho", "Trịnh Thị Trữ", "lt", Position.DEPUTY, {}),
    ("lt.cv", "Cao Văn Hồ", "lt", Position.SPECIALIST, {}),
    ("lt.cv2", "Phan Thị Sơ", "lt", Position.CIVIL_SERVANT, {}),
    ("qt.truong", "Tô Văn Quản", "qt", Position.HEAD, {}),
    ("qt.pho", "Hà Thị Trị", "qt", Position.DEPUTY, {}),
    ("qt.cv", "Lương Văn Xe", "qt", Position.CIVIL_SERVANT, {}),
    ("qt.laixe", "Kiều Văn Lái", "qt", Position.EMPLOYEE, {}),
    ("tc.truong", "Đinh Thị Tài", "tc", Position.HEAD, {}),
    ("tc.pho", "Quách Văn Chính", "tc", Position.DEPUTY, {}),
    ("tc.cv", "Mạc Thị Phí", "tc", Position.SPECIALIST, {"roles": [RoleCode.FINANCE_OFFICER]}),
    ("cy.truong", "Lâm Văn Mã", "cy", Position.HEAD, {"roles": [RoleCode.SYSTEM_ADMIN]}),
    ("cy.pho", "Châu Thị Tin", "cy", Position.DEPUTY, {}),
    ("cy.cv", "Triệu Văn Mạng", "cy", Position.SPECIALIST, {"roles": [RoleCode.SYSTEM_ADMIN]}),
]

#: which deputy chief is in charge of which units
IN_CHARGE = {"phochanh1": ["th", "hc", "lt"], "phochanh2": ["qt", "tc", "cy"]}


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (đơn vị, cán bộ, công việc) — chạy lại không tạo trùng."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Cho phép chạy khi DEBUG tắt (môi trường thật)."
        )
        parser.add_argument(
            "--print-logins", action="store_true", help="Chỉ in danh sách tài khoản mẫu."
        )

    def handle(self, *args, force=False, print_logins=False, **options):
        if print_logins:
            self._print_logins()
            return
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG đang tắt: dữ liệu mẫu chỉ dành cho máy thử. Dùng --force nếu chắc chắn."
            )
        with transaction.atomic():
            users = self._people()
            self._work(users)
            seed_all(users)
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
        self._print_logins()

    def _people(self) -> dict:
        User = get_user_model()
        ensure_groups()
        # Units may have changed without a save signal (a restore, a queryset update).
        forget_designations()
        units = {unit.code: unit for unit in Unit.objects.all()}
        users = {}
        for username, full_name, unit_code, position, flags in PEOPLE:
            user = User.objects.filter(username=username).first()
            if user is None:
                staff = services.staff_create(
                    actor=None,
                    username=username,
                    full_name=full_name,
                    position=position,
                    unit=units[unit_code] if unit_code else None,
                    password=DEMO_PASSWORD,
                    email=f"{username}@vanphong.local",
                    **flags,
                )
                user = staff.user
            users[username] = user
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser("admin", "admin@vanphong.local", DEMO_PASSWORD)
        for deputy, codes in IN_CHARGE.items():
            Unit.objects.filter(code__in=codes).update(deputy_chief=users[deputy])
        # A queryset update sends no save signal: the cached designated units must be read again.
        forget_designations()
        return users

    def _work(self, users: dict) -> None:
        units = {unit.code: unit for unit in Unit.objects.all()}
        if not Task.objects.exists():
            services.task_create(
                actor=users["th.truong"],
                unit=units["th"],
                owner=users["th.cv1"],
                title="Nghiên cứu, đề xuất đề cương báo cáo chính trị Đại hội",
                description="Tổng hợp ý kiến các ban đảng, dự thảo đề cương trình Thường trực.",
                due_working_days=10,
                coordinating_units=[units["hc"]],
            )
            services.task_create(
                actor=users["th.truong"],
                unit=units["th"],
                owner=users["th.cv2"],
                title="Theo dõi tình hình huyện Đông Sơn quý IV",
                due_working_days=5,
            )
            services.task_create(
                actor=users["th.truong"],
                unit=units["th"],
                owner=users["th.cv2"],
                title="Thẩm định dự thảo đề án chuyển đổi số của Ban Tuyên giáo",
                due_working_days=7,
                secrecy=Secrecy.CONFIDENTIAL,
            )
            services.task_create(
                actor=users["hc.truong"],
                unit=units["hc"],
                owner=users["hc.vanthu1"],
                title="Rà soát sổ đăng ký văn bản đến tháng 11",
                due_working_days=3,
            )
            services.task_create(
                actor=users["qt.truong"],
                unit=units["qt"],
                owner=users["qt.cv"],
                title="Kiểm tra hệ thống phòng cháy chữa cháy trụ sở",
                due_working_days=4,
            )
        if not Escalation.objects.exists():
            services.escalation_create(
                actor=users["qt.truong"],
                unit=units["qt"],
                title="Đề nghị bổ sung kinh phí sửa chữa xe phục vụ",
                dossier="Hai xe phục vụ hội nghị hư hỏng nặng; dự toán sửa chữa vượt định mức "
                "đơn vị được quyết định. Kính đề nghị lãnh đạo Văn phòng xem xét.",
            )
        if not Consultation.objects.exists():
            services.consultation_create(
                actor=users["th.cv1"],
                asked_unit=units["tc"],
                subject="Góp ý số liệu kinh phí trong dự thảo báo cáo năm",
                question="Đề nghị Phòng Tài chính đảng cho ý kiến về số liệu chi ngân sách "
                "tại mục III của dự thảo.",
                due_working_days=3,
            )

    def _print_logins(self) -> None:
        self.stdout.write(f"Mật khẩu chung của tài khoản mẫu: {DEMO_PASSWORD}")
        rows = [("admin", "Quản trị viên (superuser)")]
        rows += [
            (
                username,
                f"{name} — {position.label}{' — ' + code.upper() if code else ''}"
                f"{' (văn thư)' if RoleCode.RECORDS_CLERK in flags.get('roles', ()) else ''}",
            )
            for username, name, code, position, flags in PEOPLE
        ]
        for username, description in rows:
            self.stdout.write(f"  {username:<12} {description}")
