"""The permission matrix of record files (open and in the archive), transfer lists, file lists
and sources, plain and secret, through HTTP, site and admin, run by the kit
(tests/kit/permission_matrix.py); plus the transfer and accept columns.

In this module the archives are kept by TC (a designation is data), so that the kit's
`other_staff` is the archivist (the role, given through an approved privileged change) and
`other_head` the archives unit's head."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from archive import permissions as archive_permissions
from archive import selectors, services
from archive.choices import SourceKind, TransferKind
from archive.models import (
    Appraisal,
    FileList,
    ReadingRequest,
    RecordFile,
    SourceBody,
    Transfer,
)
from tests.archive.conftest import seed_archive
from tests.kit.permission_matrix import ROLES, Case, Made, matrix
from units import permissions
from units import services as unit_services
from units.choices import Designation, PrivilegedChangeKind, RoleCode, Secrecy
from units.designations import forget_designations
from units.models import UnitDesignation

ARCHIVIST = "other_staff"


def _archives(office) -> None:
    """TC keeps the archives here and its specialist is the archivist (idempotent); the
    retention table is laid again if a transactional test flushed it."""
    seed_archive()
    UnitDesignation.objects.filter(key=Designation.ARCHIVES).update(unit=office.units["tc"])
    forget_designations()
    user = office[ARCHIVIST]
    if permissions.holders_of(RoleCode.ARCHIVIST).filter(pk=user.pk).exists():
        return
    today = timezone.localdate()
    change = unit_services.privileged_change_request(
        actor=office["other_head"],
        target=user,
        kind=PrivilegedChangeKind.ROLE,
        payload={
            "role": RoleCode.ARCHIVIST,
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=365)).isoformat(),
        },
        scope="Hồ sơ nộp vào Lưu trữ cơ quan",
        reason="Giao nhiệm vụ lưu trữ viên cho cán bộ",
    )
    unit_services.privileged_change_approve(actor=office["chief"], change=change)
    permissions.forget_viewer(user)


def _secrecy(secret: bool) -> str:
    return Secrecy.SECRET if secret else Secrecy.NONE


def _rule(code: str):
    return selectors.current_rules().get(code=code)


def _closed(office, secret, code):
    _archives(office)
    owner = office["owner"]
    record_file = services.file_open(
        actor=owner,
        year=2026,
        code=code,
        title=f"Hồ sơ {code}",
        retention=_rule("10-01"),
        secrecy=_secrecy(secret),
    )
    services.item_add_paper(actor=owner, record_file=record_file, title="Tờ trình", sheets=2)
    return services.file_close(actor=owner, record_file=record_file)


def _submitted(office, secret, code):
    record_file = _closed(office, secret, code)
    # The head today is the acting head (the kit's delegation): the secret file went to him.
    head = office["acting_head"]
    transfer = services.transfer_create(
        actor=head, kind=TransferKind.AGENCY, unit=office.units["th"], secrecy=_secrecy(secret)
    )
    services.transfer_add_files(actor=head, transfer=transfer, files=[record_file])
    return services.transfer_submit(actor=head, transfer=transfer), record_file


def make_open_file(office, secret):
    _archives(office)
    return Made(
        services.file_open(
            actor=office["owner"],
            year=2026,
            code="TH-M1",
            title="Hồ sơ đang lập",
            retention=_rule("10-01"),
            secrecy=_secrecy(secret),
        )
    )


def make_archived_file(office, secret):
    """Closed by its owner (a secret one goes to the head), handed in by the head, accepted by
    the archivist (a secret one was granted to him at the handing in)."""
    transfer, record_file = _submitted(office, secret, "TH-M2")
    services.transfer_accept(actor=office[ARCHIVIST], transfer=transfer)
    record_file.refresh_from_db()
    return Made(
        record_file, grantees=frozenset({"acting_head", ARCHIVIST}) if secret else frozenset()
    )


def make_transfer(office, secret):
    transfer, _file = _submitted(office, secret, "TH-M3")
    return Made(transfer, grantees=frozenset({ARCHIVIST}) if secret else frozenset())


def make_file_list(office, secret):
    _archives(office)
    return Made(
        services.file_list_create(
            actor=office["head"], unit=office.units["th"], year=2026, title="Danh mục hồ sơ 2026"
        )
    )


def make_source(office, secret):
    _archives(office)
    return Made(
        services.source_create(
            actor=office[ARCHIVIST],
            name="Huyện ủy Đông Sơn",
            kind=SourceKind.PARTY_COMMITTEE,
            valid_from=date(2015, 1, 1),
        )
    )


def make_reading_request(office, secret):
    """A TH specialist asks to read an archived file (secret: Tối mật, so LT's head and then
    the chief decide). The request is the archives unit's work with its archivist in charge;
    the reader sees it by a personal grant, and a secret one was handed to LT's head, the
    first approver."""
    code = "TH-RS" if secret else "TH-RP"
    transfer, record_file = _submitted(office, secret, code)
    services.transfer_accept(actor=office[ARCHIVIST], transfer=transfer)
    today = timezone.localdate()
    request = services.reading_request_create(
        actor=office["staff"],
        file_codes=code,
        purpose="Nghiên cứu phục vụ tổng kết",
        period_start=today,
        period_end=today + timedelta(days=5),
    )
    return Made(
        request, grantees=frozenset({"staff", "other_head"}) if secret else frozenset({"staff"})
    )


def _expired_archived(office, code):
    """A file in the agency archive whose ten years ended long ago."""
    from archive.models import RecordFile

    made = make_archived_file(office, False)
    record_file = made.obj
    long_ago = date(2010, 1, 4)
    RecordFile.objects.filter(pk=record_file.pk).update(
        code=code, starts_on=long_ago, ends_on=long_ago
    )
    return RecordFile.objects.get(pk=record_file.pk)


def make_appraisal(office, secret):
    """The archivist's proposal of an expired file, before the council (a council decision's
    and destruction list's sight: the archives unit, its archivist, the leadership)."""
    record_file = _expired_archived(office, "TH-A1")
    appraisal = services.appraisal_create(
        actor=office[ARCHIVIST],
        title="Thẩm định tài liệu hết hạn",
        note="Hết thời hạn bảo quản 10 năm.",
        files=[record_file],
    )
    return Made(appraisal)


CASES = [
    Case(
        name="record_file_open",
        model=RecordFile,
        make=make_open_file,
        lead_unit="th",
        owner="owner",
        list_url=reverse("archive:files"),
    ),
    Case(
        name="record_file_archived",
        model=RecordFile,
        make=make_archived_file,
        lead_unit="th",
        owner="owner",
        list_url=reverse("archive:files"),
        role_sight=(ARCHIVIST,),
    ),
    Case(
        name="transfer",
        model=Transfer,
        make=make_transfer,
        lead_unit="th",
        owner="acting_head",
        list_url=reverse("archive:transfers"),
        role_sight=(ARCHIVIST,),
    ),
    Case(
        name="file_list",
        model=FileList,
        make=make_file_list,
        lead_unit="th",
        owner="head",
        list_url=reverse("archive:file-lists"),
        role_sight=(ARCHIVIST,),
        variants=("plain",),
    ),
    Case(
        name="reading_request",
        model=ReadingRequest,
        make=make_reading_request,
        lead_unit="tc",
        owner=ARCHIVIST,
        list_url=reverse("archive:reading-requests"),
        role_sight=(ARCHIVIST,),
    ),
    Case(
        name="source",
        model=SourceBody,
        make=make_source,
        lead_unit="tc",
        owner=ARCHIVIST,
        list_url=reverse("archive:sources"),
        role_sight=(ARCHIVIST,),
        variants=("plain",),
    ),
]
CASES.append(
    Case(
        name="appraisal",
        model=Appraisal,
        make=make_appraisal,
        lead_unit="tc",
        owner=ARCHIVIST,
        list_url=reverse("archive:appraisals"),
        role_sight=(ARCHIVIST,),
        variants=("plain",),
    )
)
matrix_data, test_matrix = matrix(CASES)

#: who may hand TH's closed file in (the unit's head, acting head included) and who may accept
#: a handed-in transfer (the archivist who sees it): the two columns the kit does not run
TRANSFER = {"head", "acting_head"}
ACCEPT = {ARCHIVIST}


@pytest.mark.django_db
@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
@pytest.mark.parametrize("secret", [False, True], ids=["plain", "secret"])
def test_transfer_and_accept(matrix_data, db, role, secret):
    office = matrix_data.office
    user = office[role]
    permissions.forget_viewer(user)
    with transaction.atomic():
        record_file = _closed(office, secret, "TH-T")
        if secret:
            permissions.hand_secret(record_file, [user], actor=office["owner"], reason="Thử")
        try:
            transfer = services.transfer_create(
                actor=user,
                kind=TransferKind.AGENCY,
                unit=office.units["th"],
                secrecy=_secrecy(secret),
            )
            services.transfer_add_files(actor=user, transfer=transfer, files=[record_file])
            transferred = True
        except (PermissionDenied, ValidationError):
            transferred = False
        transaction.set_rollback(True)
    assert transferred == (role in TRANSFER)
    made = matrix_data.made[("transfer", "secret" if secret else "plain")]
    transfer = Transfer.objects.get(pk=made.obj.pk)
    assert archive_permissions.can_check(user, transfer) == (role in ACCEPT)
