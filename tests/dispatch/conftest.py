"""Fixtures of the dispatch tests: an office built through the real services, and documents
registered the way a clerk does. Test files carry a `test_dispatch_` prefix: `tests/` is not a
package, so basenames must be unique across app folders."""

import io
from dataclasses import dataclass
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dispatch import services
from dispatch.models import DocumentType, Issuer, Urgency
from tests.kit.seed import TodaysModels
from units import services as unit_services
from units.choices import Position, RoleCode
from units.models import Unit

PASSWORD = "matkhau-thu-2026"
#: Roles a fixture person holds from today: `_person(..., roles=CLERK)`.
CLERK = (RoleCode.RECORDS_CLERK,)
SYSADMIN = (RoleCode.SYSTEM_ADMIN,)


def _blank_pdf() -> bytes:
    """A real one-page PDF: uploads are parsed, so a PDF-looking header alone is refused."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF_BYTES = _blank_pdf()


@dataclass
class Office:
    units: dict
    people: dict

    def __getitem__(self, key):
        return self.people[key]


def _person(username, position, unit=None, *, roles=()):
    """A staff member built by the real service, holding `roles` (role codes) from today."""
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


def build_office() -> Office:
    units = {unit.code: unit for unit in Unit.objects.all()}
    people = {
        "chief": _person("chief", Position.CHIEF),
        "dc": _person("dc1", Position.DEPUTY_CHIEF),
        "dc_other": _person("dc2", Position.DEPUTY_CHIEF),
        "hc_head": _person("hc_head", Position.HEAD, units["hc"]),
        "clerk": _person("clerk1", Position.CIVIL_SERVANT, units["hc"], roles=CLERK),
        "clerk2": _person("clerk2", Position.CIVIL_SERVANT, units["hc"], roles=CLERK),
        "hc_staff": _person("hc_staff", Position.SPECIALIST, units["hc"]),
        "th_head": _person("th_head", Position.HEAD, units["th"]),
        "th_staff": _person("th_staff", Position.SPECIALIST, units["th"]),
        "th_staff2": _person("th_staff2", Position.SPECIALIST, units["th"]),
        "tc_head": _person("tc_head", Position.HEAD, units["tc"]),
        "tc_staff": _person("tc_staff", Position.SPECIALIST, units["tc"]),
    }
    Unit.objects.filter(code__in=["th", "hc", "lt"]).update(deputy_chief=people["dc"])
    Unit.objects.filter(code__in=["qt", "tc", "cy"]).update(deputy_chief=people["dc_other"])
    units = {unit.code: unit for unit in Unit.objects.all()}
    return Office(units=units, people=people)


def doc_type(name: str = "Công văn") -> DocumentType:
    return DocumentType.objects.get(name=name)


def pdf_upload(name: str = "van-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def register_incoming(office, *, n: int = 1, urgent: bool = False, **overrides):
    """Register a document as the clerk does; `n` makes number and symbol unique."""
    fields = {
        "actor": office["clerk"],
        "received_at": timezone.now(),
        "sender": "Ban Tổ chức Tỉnh ủy",
        "number_and_symbol": f"{n:02d}-CV/BTCTU",
        "document_date": date(2026, 11, 20),
        "doc_type": doc_type(),
        "summary": f"Về việc chuẩn bị Văn bản hội nghị cán bộ đảng viên lần {n}",
        "urgency": Urgency.objects.get(name="Khẩn") if urgent else None,
    }
    fields.update(overrides)
    return services.incoming_register(**fields)


def distributed(office, document, *, unit: str = "th", days: int = 5):
    return services.incoming_distribute(
        actor=office["chief"],
        document=document,
        lead_unit=office.units[unit],
        handling_days=days,
        coordinating_units=[office.units["tc"]],
        instruction="Giao Phòng Tổng hợp chủ trì tham mưu.",
    )


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Twelve accounts per test: hashing their passwords properly would dominate the run."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def seed_data(request):
    """The rows data migrations create (units, catalogues, registers). A transactional test
    flushes the tables when it ends (and --reuse-db keeps the flushed database), so every test
    lays them again: idempotent, a few dozen queries."""
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        marker = request.node.get_closest_marker("django_db")
        if marker is None:
            return
        request.getfixturevalue("transactional_db" if marker.kwargs.get("transaction") else "db")
    from importlib import import_module

    for module, function in [
        ("units.migrations.0002_six_units", "create_units"),
        ("units.migrations.0003_unit_designations", "seed"),
        ("dispatch.migrations.0002_catalogue_defaults", "seed"),
        ("dispatch.migrations.0005_letter_defaults", "seed"),
    ]:
        getattr(import_module(module), function)(TodaysModels(), None)


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def pdf_bytes():
    return PDF_BYTES


@pytest.fixture
def pdf():
    """`pdf("name.pdf")`: an uploaded scan with real PDF content."""
    return pdf_upload


@pytest.fixture
def register(office):
    """`register(n=1, urgent=False, **fields)`: a document registered by the clerk."""
    return lambda **kwargs: register_incoming(office, **kwargs)


@pytest.fixture
def distribute(office):
    """`distribute(document, unit="th", days=5)`: the chief distributes it."""
    return lambda document, **kwargs: distributed(office, document, **kwargs)


def draft_outgoing(office, *, actor=None, **overrides):
    """A draft of TH for the deputy chief in charge to sign, to a unit and an outside body."""
    fields = {
        "actor": actor or office["th_staff"],
        "doc_type": doc_type("Hướng dẫn"),
        "issuer": Issuer.objects.get(code="VPTU"),
        "summary": "Hướng dẫn thể thức văn bản của Đảng",
        "signer": office["dc"],
        "signer_title": "Phó Chánh Văn phòng",
        "signer_authority": "K/T",
        "content_file": pdf_upload("du-thao.pdf"),
        "recipient_units": [office.units["tc"]],
        "outside_recipients": ["Huyện ủy Đông Sơn"],
    }
    fields.update(overrides)
    return services.outgoing_create(**fields)


@pytest.fixture
def draft(office, media_root):
    """`draft(**fields)`: an outgoing draft made by a TH specialist."""
    return lambda **kwargs: draft_outgoing(office, **kwargs)
