"""Load many incoming documents for benchmarks: realistic Vietnamese registers spread over the
last years, most already distributed to a unit. Rows go in with COPY on PostgreSQL (a million in
a few minutes) and large bulk inserts on SQLite; history rows are not written for them."""

from __future__ import annotations

import random
import time
from datetime import timedelta
from functools import cached_property

from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from core.models import Counter
from core.numbering import sequence_key
from dispatch.choices import IncomingStatus, RegisterKind
from dispatch.models import (
    DocumentType,
    IncomingDocument,
    IncomingDocumentUserObjectPermission,
    Urgency,
)
from dispatch.numbering import SEQUENCE_PREFIX, sequence
from dispatch.selectors import default_register
from units import permissions
from units.choices import Position, RoleCode, Secrecy
from units.models import StaffMember, Unit
from units.selectors import chiefs

SENDERS = [
    "Ban Chấp hành Trung ương",
    "Văn phòng Trung ương Đảng",
    "Ban Tổ chức Trung ương",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ban Tổ chức Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Ban Dân vận Tỉnh ủy",
    "Ban Nội chính Tỉnh ủy",
    "Huyện ủy Đông Sơn",
    "Huyện ủy Quảng Xương",
    "Thành ủy Sầm Sơn",
    "Đảng ủy Khối các cơ quan tỉnh",
    "Ủy ban nhân dân tỉnh",
    "Sở Nội vụ",
    "Mặt trận Tổ quốc tỉnh",
]
SENDER_CODES = [
    "TW",
    "VPTW",
    "BTCTW",
    "BTGTU",
    "BTCTU",
    "UBKTTU",
    "BDVTU",
    "BNCTU",
    "HU",
    "HU",
    "TU",
    "ĐU",
    "UBND",
    "SNV",
    "MTTQ",
]
ACTIONS = [
    "Về việc triển khai",
    "Về việc tổ chức",
    "Về việc hướng dẫn",
    "Về việc báo cáo kết quả",
    "Về việc góp ý dự thảo",
    "Về việc kiểm tra, giám sát",
    "Về việc chuẩn bị",
    "Về việc tổng kết",
    "Về việc thực hiện",
    "Về việc đề nghị bổ sung",
]
SUBJECTS = [
    "Nghị quyết Đại hội Đảng bộ tỉnh",
    "công tác xây dựng Đảng",
    "công tác cán bộ",
    "hội nghị Ban Chấp hành Đảng bộ tỉnh",
    "công tác dân vận",
    "chuyển đổi số trong cơ quan đảng",
    "công tác văn thư, lưu trữ",
    "kỷ niệm ngày thành lập Đảng",
    "phát triển đảng viên mới",
    "công tác phòng, chống tham nhũng, lãng phí",
    "quy hoạch cán bộ nhiệm kỳ 2025–2030",
    "đánh giá, xếp loại tổ chức đảng và đảng viên",
    "công tác tiếp công dân",
    "thu, nộp đảng phí",
    "tổng kết công tác năm",
    "học tập và làm theo tư tưởng Hồ Chí Minh",
]
TAILS = [
    "",
    " năm 2026",
    " quý IV",
    " 6 tháng đầu năm",
    " trên địa bàn tỉnh",
    " tại các chi bộ trực thuộc",
    " của các cơ quan tham mưu",
]


class Command(BaseCommand):
    help = "Nạp nhiều văn bản đến để đo hiệu năng (cần dữ liệu mẫu seed_demo)."

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, required=True)
        parser.add_argument("--batch", type=int, default=50_000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, documents: int, batch: int, seed: int, **options):
        random.seed(seed)
        register = default_register(RegisterKind.INCOMING)
        clerk = StaffMember.objects.filter(
            user__in=permissions.holders_of(RoleCode.RECORDS_CLERK)
        ).first()
        if register is None or clerk is None:
            raise CommandError("Cần sổ văn bản đến và một văn thư: chạy seed_demo trước.")
        people = self._people()
        started = time.monotonic()
        # The register's shared sequences, one per year: "dispatch.register:<id>:<year>:".
        prefix = sequence_key(SEQUENCE_PREFIX, register.pk, "")
        next_numbers = {
            key[len(prefix) : -1]: last
            for key, last in Counter.objects.filter(
                sequence__startswith=prefix, sequence__endswith=":"
            ).values_list("sequence", "last_number")
        }
        for offset in range(0, documents, batch):
            rows = self._rows(min(batch, documents - offset), register, clerk, people, next_numbers)
            with transaction.atomic():
                self._insert(rows)
            self.stdout.write(
                f"{offset + len(rows):>10} văn bản ({time.monotonic() - started:.0f} s)"
            )
        for period, last in next_numbers.items():
            Counter.objects.update_or_create(
                sequence=sequence(register.pk, period, ""), defaults={"last_number": last}
            )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE dispatch_incomingdocument")
                cursor.execute("ANALYZE dispatch_incomingdocumentuserobjectpermission")
        self.stdout.write(self.style.SUCCESS(f"Xong: {time.monotonic() - started:.0f} s"))

    def _people(self) -> dict:
        units = list(Unit.objects.filter(is_active=True))
        members: dict[int, list[int]] = {}
        heads: dict[int, int] = {}
        for staff in StaffMember.objects.filter(is_active=True, unit__isnull=False):
            members.setdefault(staff.unit_id, []).append(staff.user_id)
            if staff.position == Position.HEAD:
                heads[staff.unit_id] = staff.user_id
        chief = chiefs().first()
        return {
            "units": [unit.pk for unit in units if unit.pk in members],
            "members": members,
            "heads": heads,
            "chief": chief.pk if chief else None,
            "types": list(DocumentType.objects.values_list("pk", flat=True)),
            "urgencies": list(Urgency.objects.values_list("pk", flat=True)),
        }

    def _rows(self, count, register, clerk, people, next_numbers) -> list[dict]:
        now = timezone.now()
        stamps = sorted(
            now - timedelta(seconds=random.randint(0, 3 * 365 * 86400)) for _ in range(count)
        )
        rows = []
        for received_at in stamps:
            year = str(timezone.localtime(received_at).year)
            next_numbers[year] = next_numbers.get(year, 0) + 1
            sender = random.randrange(len(SENDERS))
            distributed = received_at < now - timedelta(days=2) or random.random() < 0.5
            if distributed:
                unit = random.choice(people["units"])
                owner = random.choice(people["members"][unit])
                status = random.choices(
                    [IncomingStatus.CLOSED, IncomingStatus.ASSIGNED, IncomingStatus.DISTRIBUTED],
                    [85, 10, 5],
                )[0]
            else:
                unit, owner, status = clerk.unit_id, clerk.user_id, IncomingStatus.REGISTERED
            received_on = timezone.localtime(received_at).date()
            rows.append(
                {
                    "register_id": register.pk,
                    "period_key": year,
                    "type_key": "",
                    "number": next_numbers[year],
                    "received_at": received_at,
                    "sender": SENDERS[sender],
                    "number_and_symbol": f"{random.randint(1, 999):02d}-"
                    f"{random.choice(['CV', 'HD', 'KH', 'BC', 'TB', 'QĐ'])}/{SENDER_CODES[sender]}",
                    "document_date": received_on - timedelta(days=random.randint(0, 5)),
                    "doc_type_id": random.choice(people["types"]),
                    "summary": f"{random.choice(ACTIONS)} {random.choice(SUBJECTS)}"
                    f"{random.choice(TAILS)}",
                    "urgency_id": random.choice(people["urgencies"])
                    if random.random() < 0.1
                    else None,
                    "secrecy": Secrecy.CONFIDENTIAL if random.random() < 0.02 else Secrecy.NONE,
                    "pages": random.randint(1, 30),
                    "copies": 1,
                    "registered_by_id": clerk.user_id,
                    "status": status,
                    "present_by": received_on,
                    "lead_unit_id": unit,
                    "owner_id": owner,
                    "distributed_at": received_at + timedelta(hours=4) if distributed else None,
                    "distributed_by_id": people["chief"] if distributed else None,
                    "handling_days": 10 if distributed else None,
                    "handling_deadline": received_on + timedelta(days=14) if distributed else None,
                    "created_at": received_at,
                    "updated_at": received_at,
                }
            )
        return rows

    def _insert(self, rows: list[dict]) -> None:
        defaults = {
            "instruction": "",
            "result_note": "",
            "reply_number": "",
            "cancel_reason": "",
            "document_deadline": None,
            "presented_at": None,
            "handed_over_at": None,
            "closed_at": None,
        }
        documents = [IncomingDocument(**defaults, **row) for row in rows]
        if connection.vendor == "postgresql":
            ids = self._copy(documents)
        else:
            created = IncomingDocument.objects.bulk_create(documents, batch_size=5_000)
            ids = [document.pk for document in created]
        grants = [
            IncomingDocumentUserObjectPermission(
                content_object_id=pk, user_id=row["owner_id"], permission_id=self.change_id
            )
            for pk, row in zip(ids, rows, strict=True)
        ]
        IncomingDocumentUserObjectPermission.objects.bulk_create(grants, batch_size=10_000)

    def _copy(self, documents: list[IncomingDocument]) -> list[int]:
        """COPY the rows with ids taken from the table's sequence, so grants can point at them."""
        fields = [f for f in IncomingDocument._meta.concrete_fields if not f.primary_key]
        columns = ", ".join(f'"{f.column}"' for f in fields)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('dispatch_incomingdocument', 'id')) "
                "FROM generate_series(1, %s)",
                [len(documents)],
            )
            ids = [row[0] for row in cursor.fetchall()]
            with cursor.cursor.copy(
                f"COPY dispatch_incomingdocument (id, {columns}) FROM STDIN"
            ) as copy:
                for pk, document in zip(ids, documents, strict=True):
                    copy.write_row(
                        [
                            pk,
                            *(
                                f.get_db_prep_save(getattr(document, f.attname), connection)
                                for f in fields
                            ),
                        ]
                    )
        return ids

    @cached_property
    def change_id(self) -> int:
        """The owner's `change` right, as `units.ownership.record_assignment` grants it."""
        return Permission.objects.get(
            content_type__app_label="dispatch", codename="change_incomingdocument"
        ).pk
