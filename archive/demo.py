"""Demo data of the archive: lt.cv is an archivist, a repository with a shelf and a box, two
files of TH (one in the agency archive through an accepted transfer, one open), one source."""

import importlib
from datetime import date, timedelta

from django.utils import timezone

from archive import selectors, services
from archive.choices import SourceKind, TransferKind
from archive.models import Box, RecordFile, Repository, Shelf, SourceBody
from core.audit import audited_create
from units import permissions
from units import services as unit_services
from units.choices import PrivilegedChangeKind, RoleCode
from units.models import RightsPolicy

REASON = "Dữ liệu mẫu"


def _archivist(users: dict) -> None:
    """lt.cv is given the archivist role the way every role is given: asked by the account
    administrator, approved by the chief."""
    target = users["lt.cv"]
    if permissions.holders_of(RoleCode.ARCHIVIST).filter(pk=target.pk).exists():
        return
    change = unit_services.privileged_change_request(
        actor=users["cy.truong"],
        target=target,
        kind=PrivilegedChangeKind.ROLE,
        payload={
            "role": RoleCode.ARCHIVIST,
            "starts_on": timezone.localdate().isoformat(),
            "ends_on": (
                timezone.localdate() + timedelta(days=RightsPolicy.current().max_period_days - 1)
            ).isoformat(),
        },
        reason="Giao nhiệm vụ lưu trữ viên của Phòng Lưu trữ (dữ liệu mẫu)",
        scope="Lưu trữ cơ quan",
    )
    while change.is_pending:  # the unit's head, then the chief or Cipher–IT's head
        approver = permissions.privileged_change_approvers(change)[0]
        change = unit_services.privileged_change_approve(actor=approver, change=change)
    permissions.forget_viewer(target)


def _box(actor) -> Box:
    repository = Repository.objects.filter(code="K1").first() or audited_create(
        Repository, actor=actor, reason=REASON, code="K1", name="Kho lưu trữ số 1"
    )
    shelf = Shelf.objects.filter(repository=repository, code="01").first() or audited_create(
        Shelf, actor=actor, reason=REASON, repository=repository, code="01"
    )
    return Box.objects.filter(shelf=shelf, code="001").first() or audited_create(
        Box, actor=actor, reason=REASON, shelf=shelf, code="001"
    )


def _catalogues() -> None:
    """The retention table and the periods the data migration lays (again, when a test run
    flushed them): idempotent."""
    from django.apps import apps

    importlib.import_module("archive.migrations.0002_defaults").seed(apps, None)


def seed(users: dict) -> None:
    _catalogues()
    _archivist(users)
    archivist, head, specialist = users["lt.cv"], users["th.truong"], users["th.cv1"]
    box = _box(archivist)
    year = timezone.localdate().year
    rules = {rule.code: rule for rule in selectors.current_rules()}
    if not RecordFile.objects.filter(code="TH-01").exists():
        kept = services.file_open(
            actor=specialist,
            year=year,
            code="TH-01",
            title="Hồ sơ xây dựng chương trình công tác năm của Tỉnh ủy",
            retention=rules["20-01"],
        )
        services.item_add_paper(
            actor=specialist,
            record_file=kept,
            title="Tờ trình về dự thảo chương trình công tác năm",
            sheets=3,
            date=date(year, 1, 5),
            retention=rules["VV-01"],
        )
        services.item_add_paper(
            actor=specialist,
            record_file=kept,
            title="Biên bản hội nghị góp ý dự thảo",
            sheets=2,
            date=date(year, 1, 12),
        )
        services.file_close(actor=specialist, record_file=kept)
        transfer = services.transfer_create(
            actor=head, kind=TransferKind.AGENCY, unit=kept.lead_unit
        )
        services.transfer_add_files(actor=head, transfer=transfer, files=[kept])
        services.transfer_submit(actor=head, transfer=transfer)
        services.transfer_accept(actor=archivist, transfer=transfer, notes="Đủ hồ sơ.")
        kept.refresh_from_db()
        services.file_set_custody(actor=archivist, record_file=kept, box=box)
    if not RecordFile.objects.filter(code="TH-02").exists():
        services.file_open(
            actor=specialist,
            year=year,
            code="TH-02",
            title="Hồ sơ theo dõi tình hình huyện Đông Sơn",
            retention=rules["10-01"],
        )
    if not SourceBody.objects.exists():
        body = services.source_create(
            actor=archivist,
            name="Ban Thường vụ Thành ủy Thanh Hóa",
            kind=SourceKind.PARTY_COMMITTEE,
            valid_from=date(2020, 10, 1),
        )
        services.source_list_add(
            actor=archivist,
            body=body,
            title="Danh mục tài liệu nộp lưu nhiệm kỳ 2015–2020",
            approved_on=date(2021, 3, 1),
            due_on=date(2025, 12, 31),
        )
