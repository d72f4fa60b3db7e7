"""Description pages, finding aids printed to PDF/A, exports queued through core.generated; a
file the user may not see is a 404 and nothing is queued."""

import io

from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from archive.models import Description, RecordFile
from core.models import GeneratedFile
from core.pdf import PDF_A, render_pdf
from tests.archive.test_description_services import archived, fonds_and_series
from units.choices import Secrecy


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _declares_pdfa(content: bytes) -> bool:
    reader = PdfReader(io.BytesIO(content))
    metadata = reader.xmp_metadata
    xml = metadata.stream.get_data() if metadata is not None else b""
    return b"pdfaid:part" in xml or b'pdfaid:part="3"' in content


def test_core_pdf_declares_pdfa_when_asked():
    plain = render_pdf("archive/description/series_finding_aid.html", {"values": {}, "rows": []})
    archival = render_pdf(
        "archive/description/series_finding_aid.html", {"values": {}, "rows": []}, variant=PDF_A
    )
    assert _declares_pdfa(archival)
    assert not _declares_pdfa(plain)


def test_the_archivist_describes_through_the_form_with_clear_errors(office, flow):
    record_file = archived(flow, office)
    client = _client(office["archivist"])
    url = reverse("archive:describe", args=["ho-so", record_file.pk])
    page = client.get(url)
    assert page.status_code == 200 and record_file.code in page.content.decode()
    bad = client.post(
        url,
        {
            "reference_code": "VN-1",
            "title": "Hồ sơ",
            "date_from": "02/03/2026",
            "date_to": "01/03/2026",
            "language": "vie",
            "reason": "Mô tả",
        },
    )
    assert "Ngày kết thúc phải từ ngày bắt đầu trở đi." in bad.content.decode()
    assert not Description.objects.exists()
    good = client.post(
        url,
        {"reference_code": "VN-1", "title": "Hồ sơ", "language": "vie", "reason": "Mô tả"},
    )
    assert good.status_code == 302
    assert Description.objects.get().record_file == record_file


def test_others_get_404(office, flow):
    record_file = archived(flow, office)
    fonds, _series = fonds_and_series(office)
    client = _client(office["head"])
    assert (
        client.get(reverse("archive:describe", args=["ho-so", record_file.pk])).status_code == 404
    )
    assert client.get(reverse("archive:describe", args=["phong", fonds.pk])).status_code == 404


def test_the_series_finding_aid_is_pdfa(office, flow):
    _fonds, series = fonds_and_series(office)
    record_file = archived(flow, office)
    RecordFile.objects.filter(pk=record_file.pk).update(series=series)
    response = _client(office["archivist"]).get(
        reverse("archive:finding-aid", args=["muc-luc", series.pk])
    )
    assert response.status_code == 200
    assert _declares_pdfa(response.content)
    assert record_file.code in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()


def test_an_export_of_a_file_the_user_may_not_see_is_refused_and_nothing_is_queued(office, flow):
    record_file = archived(flow, office, secrecy=Secrecy.CONFIDENTIAL)
    tc = _client(office["tc_staff"])
    for fmt in ("ead", "bagit"):
        url = reverse("archive:export", args=["ho-so", record_file.pk, fmt])
        assert tc.post(url).status_code == 404
    assert not GeneratedFile.objects.exists()


def test_the_archivist_exports_a_file_as_ead3(office, flow, media_root):
    record_file = archived(flow, office)
    response = _client(office["archivist"]).post(
        reverse("archive:export", args=["ho-so", record_file.pk, "ead"])
    )
    assert response.status_code == 302
    generated = GeneratedFile.objects.get()
    assert generated.kind == "archive.ead"


#: who opens the description page, the finding aid and the export of an archived TH file (plain
#: and secret): the archivist (role sight; a secret file was granted to him at the handing in);
#: everyone else gets 404, its owner and the Archives' head (no sight of TH's file) included;
#: the series is described by the archivist and the Archives' head
DESCRIBE_MATRIX = {
    "archivist": (200, 200),
    "lt_head": (404, 404),
    "head": (404, 404),
    "staff": (404, 404),
    "tc_staff": (404, 404),
    "chief": (404, 404),
    "clerk": (404, 404),
}


def test_description_pages_matrix(office, flow):
    plain = archived(flow, office, code="TH-P")
    secret = archived(flow, office, code="TH-S", secrecy=Secrecy.CONFIDENTIAL)
    _fonds, series = fonds_and_series(office)
    for role, (plain_status, secret_status) in DESCRIBE_MATRIX.items():
        client = _client(office[role])
        for record_file, expected in ((plain, plain_status), (secret, secret_status)):
            got = client.get(reverse("archive:describe", args=["ho-so", record_file.pk]))
            assert got.status_code == expected, (role, record_file.code)
            item = record_file.items.first()
            got = client.get(reverse("archive:describe", args=["tai-lieu", item.pk]))
            assert got.status_code == expected, (role, "item", record_file.code)
        series_status = 200 if role in ("archivist", "lt_head") else 404
        got = client.get(reverse("archive:describe", args=["muc-luc", series.pk]))
        assert got.status_code == series_status, (role, "series")
    assert not GeneratedFile.objects.exists()
