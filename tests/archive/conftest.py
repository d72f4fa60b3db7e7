"""An office built through the real services, with an archivist in LT, and a flow that walks
record files and transfers through the real services too."""

import importlib
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from archive import selectors, services
from archive.choices import TransferKind
from archive.models import Box, RecordFile, Repository, Shelf
from core.audit import audited_create
from tests.dispatch.conftest import PDF_BYTES
from tests.kit.seed import TodaysModels
from units import services as unit_services
from units.choices import Position, RoleCode
from units.models import Unit

PASSWORD = "matkhau-thu-2026"


@dataclass
class Office:
    units: dict
    people: dict

    def __getitem__(self, key):
        return self.people[key]


def _person(username, position, unit=None, *, roles=()):
    return unit_services.staff_create(
        actor=None,
        username=username,
        full_name=f"Cán bộ {username}",
        position=position,
        unit=unit,
        password=PASSWORD,
        email=f"{username}@vanphong.local",
        roles=roles,
    ).user


def seed_archive() -> None:
    """The rows the data migrations create; a transactional test may have flushed them."""
    for module, function in [
        ("units.migrations.0002_six_units", "create_units"),
        ("units.migrations.0003_unit_designations", "seed"),
        ("dispatch.migrations.0002_catalogue_defaults", "seed"),
        ("dispatch.migrations.0005_letter_defaults", "seed"),
        ("archive.migrations.0002_defaults", "seed"),
        ("archive.migrations.0006_appraisal", "seed"),
    ]:
        getattr(importlib.import_module(module), function)(TodaysModels(), None)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def build_office() -> Office:
    seed_archive()
    units = {unit.code: unit for unit in Unit.objects.all()}
    people = {
        "chief": _person("chief", Position.CHIEF),
        "dc": _person("dc1", Position.DEPUTY_CHIEF),
        "head": _person("th_head", Position.HEAD, units["th"]),
        "staff": _person("th_staff", Position.SPECIALIST, units["th"]),
        "staff2": _person("th_staff2", Position.SPECIALIST, units["th"]),
        "lt_head": _person("lt_head", Position.HEAD, units["lt"]),
        "archivist": _person(
            "lt_cv", Position.SPECIALIST, units["lt"], roles=(RoleCode.ARCHIVIST,)
        ),
        "clerk": _person(
            "hc_clerk", Position.CIVIL_SERVANT, units["hc"], roles=(RoleCode.RECORDS_CLERK,)
        ),
        "tc_staff": _person("tc_staff", Position.SPECIALIST, units["tc"]),
        "sysadmin": _person(
            "cy_admin", Position.SPECIALIST, units["cy"], roles=(RoleCode.SYSTEM_ADMIN,)
        ),
    }
    Unit.objects.filter(code__in=["th", "hc", "lt", "qt", "tc", "cy"]).update(
        deputy_chief=people["dc"]
    )
    units = {unit.code: unit for unit in Unit.objects.all()}
    return Office(units=units, people=people)


@pytest.fixture
def office(db):
    return build_office()


def scan(name="ban-quet.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


class Flow:
    def __init__(self, office):
        self.office = office
        self.rules = {rule.code: rule for rule in selectors.current_rules()}

    def task(self, title="Tổng hợp tình hình quý", owner="staff"):
        return unit_services.task_create(
            actor=self.office["head"],
            unit=self.office.units["th"],
            owner=self.office[owner],
            title=title,
            due_working_days=5,
        )

    def open(self, code="TH-01", retention="10-01", owner="staff", **extra) -> RecordFile:
        return services.file_open(
            actor=self.office[owner],
            year=timezone.localdate().year,
            code=code,
            title=f"Hồ sơ {code} về công tác tổng hợp",
            retention=self.rules[retention],
            **extra,
        )

    def paper(self, record_file, sheets=3, retention=None, owner="staff", **extra):
        return services.item_add_paper(
            actor=self.office[owner],
            record_file=record_file,
            title="Tờ trình",
            sheets=sheets,
            date=date(2026, 3, 2),
            retention=self.rules[retention] if retention else None,
            **extra,
        )

    def closed(self, code="TH-01", retention="10-01", owner="staff", **extra) -> RecordFile:
        record_file = self.open(code=code, retention=retention, owner=owner, **extra)
        self.paper(record_file, owner=owner)
        return services.file_close(actor=self.office[owner], record_file=record_file)

    def age(self, record_file, years=2):
        """The work ended long ago: the transfer clock has run."""
        RecordFile.objects.filter(pk=record_file.pk).update(
            closed_on=timezone.localdate() - timedelta(days=365 * years)
        )
        record_file.refresh_from_db()
        return record_file

    def transfer(self, files, *, secrecy=""):
        head = self.office["head"]
        transfer = services.transfer_create(
            actor=head, kind=TransferKind.AGENCY, unit=self.office.units["th"], secrecy=secrecy
        )
        services.transfer_add_files(actor=head, transfer=transfer, files=files)
        return transfer

    def submitted(self, files, **kwargs):
        transfer = self.transfer(files, **kwargs)
        return services.transfer_submit(actor=self.office["head"], transfer=transfer)

    def accepted(self, files, **kwargs):
        transfer = self.submitted(files, **kwargs)
        return services.transfer_accept(actor=self.office["archivist"], transfer=transfer)

    def box(self) -> Box:
        """The catalogue rows an administrator adds in the admin."""
        actor, reason = self.office["sysadmin"], "Khai báo kho"
        repository = audited_create(
            Repository, actor=actor, reason=reason, code="K1", name="Kho số 1"
        )
        shelf = audited_create(Shelf, actor=actor, reason=reason, repository=repository, code="01")
        return audited_create(Box, actor=actor, reason=reason, shelf=shelf, code="001")


@pytest.fixture
def flow(office):
    return Flow(office)


@pytest.fixture
def password():
    return PASSWORD
