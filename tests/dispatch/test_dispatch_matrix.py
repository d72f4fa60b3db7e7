"""The permission matrix of the registers' owned work (incoming and outgoing documents, letters)
through HTTP, site and admin, plain and secret, run by the kit (tests/kit/permission_matrix.py).
Records clerks see what the registers hold, never a secret item unless the flow granted it."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from dispatch import services
from dispatch.models import DocumentType, IncomingDocument, Issuer, Letter, OutgoingDocument
from tests.dispatch.conftest import PDF_BYTES
from tests.kit.permission_matrix import Case, Made, matrix
from units.choices import Secrecy


def _secrecy(secret: bool) -> str:
    return Secrecy.SECRET if secret else Secrecy.NONE


def make_incoming(office, secret):
    """Registered by HC's clerk, presented, distributed by the chief to TH with HC coordinating,
    assigned by TH's acting head to the person in charge."""
    document = services.incoming_register(
        actor=office["clerk"],
        received_at=timezone.now(),
        sender="Ban Tổ chức Tỉnh ủy",
        number_and_symbol=f"{2 if secret else 1:02d}-CV/BTCTU",
        document_date=date(2026, 11, 20),
        doc_type=DocumentType.objects.get(name="Công văn"),
        summary="Về việc chuẩn bị hội nghị cán bộ",
        secrecy=_secrecy(secret),
    )
    services.incoming_present(actor=office["clerk"], document=document)
    services.incoming_distribute(
        actor=office["chief"],
        document=document,
        lead_unit=office.units["th"],
        handling_days=5,
        coordinating_units=[office.units["hc"]],
        instruction="Giao Phòng Tổng hợp chủ trì tham mưu.",
    )
    services.incoming_assign(actor=office["acting_head"], document=document, owner=office["owner"])
    # A secret document is granted to the leaders it is presented to.
    return Made(document, grantees=frozenset({"dc_in_charge"} if secret else ()))


def make_outgoing(office, secret):
    """Drafted in TH and reviewed by its head: handed to the office for the format check."""
    document = services.outgoing_create(
        actor=office["owner"],
        doc_type=DocumentType.objects.get(name="Hướng dẫn"),
        issuer=Issuer.objects.get(code="VPTU"),
        summary="Hướng dẫn thể thức văn bản của Đảng",
        signer=office["dc_in_charge"],
        signer_title="Phó Chánh Văn phòng",
        signer_authority="K/T",
        content_file=SimpleUploadedFile("du-thao.pdf", PDF_BYTES, "application/pdf"),
        recipient_units=[office.units["tc"]],
        secrecy=_secrecy(secret),
    )
    services.outgoing_review(actor=office["head"], document=document)
    # A secret draft is handed to the unit's head today (the acting head under the delegation)
    # for review, and to the clerks who check its format.
    return Made(document, grantees=frozenset({"acting_head", "clerk"} if secret else ()))


def make_letter(office, secret):
    letter = services.letter_receive(
        actor=office["clerk"],
        received_on=timezone.localdate(),
        sender_name="Nguyễn Văn Dân",
        sender_address="Xã Quảng Phú",
        summary="Khiếu nại việc thu hồi đất",
        secrecy=_secrecy(secret),
    )
    return Made(letter)


CASES = [
    Case(
        name="incoming",
        model=IncomingDocument,
        make=make_incoming,
        lead_unit="th",
        owner="owner",
        coordinating=("hc",),
        clerk_sight=True,
        list_url=reverse("dispatch:incoming-list"),
    ),
    Case(
        name="outgoing",
        model=OutgoingDocument,
        make=make_outgoing,
        lead_unit="th",
        owner="owner",
        clerk_sight=True,
        list_url=reverse("dispatch:outgoing-list"),
    ),
    Case(
        name="letter",
        model=Letter,
        make=make_letter,
        lead_unit="hc",
        owner="clerk",
        clerk_sight=True,
        list_url=reverse("dispatch:letter-list"),
    ),
]
matrix_data, test_matrix = matrix(CASES)
