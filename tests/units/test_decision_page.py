"""The admin decision page for an escalation: its dossier to read, its attachment through the
door (never the storage path), "Trình Chánh Văn phòng" offered to the deputy chief."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.dispatch.conftest import PDF_BYTES
from tests.kit.decision_page import (
    assert_decision_page,
    assert_readable_changelist,
    decision_page,
)
from units import services
from units.models import Escalation


def test_escalation_decision_page(client, office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    escalation = services.escalation_create(
        actor=office["head"],
        unit=office.units["th"],
        title="Kinh phí hội nghị chuyên đề",
        dossier="Đề nghị bổ sung kinh phí tổ chức hội nghị.",
        attachment=SimpleUploadedFile("ho-so.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    client.force_login(office["dc_in_charge"])
    html = decision_page(client, escalation)
    assert_decision_page(html, submitter=office["head"], storage_paths=[escalation.attachment.name])
    assert ">Trình Chánh Văn phòng</button>" in html
    assert "Đề nghị bổ sung kinh phí tổ chức hội nghị." in html
    url = reverse("units:escalation-attachment", args=[escalation.pk])
    assert f'src="{url}?xem=1"' in html
    embedded = client.get(url, {"xem": "1"})
    assert embedded["X-Frame-Options"] == "SAMEORIGIN"
    assert embedded["Content-Disposition"].startswith("inline;")
    assert_readable_changelist(client, Escalation, escalation.title, submitter=office["head"])


def test_the_awaiting_list_costs_the_same_queries_for_few_and_many(client, office):
    def add(n):
        for index in range(n):
            services.escalation_create(
                actor=office["head"],
                unit=office.units["th"],
                title=f"Kiến nghị số {index}",
                dossier="Hồ sơ kèm theo.",
            )

    client.force_login(office["dc_in_charge"])
    url = reverse("admin:units_escalation_changelist")
    add(1)
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"cho": "toi"})
    add(5)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {"cho": "toi"})
    assert response.content.decode().count("Cán bộ th_head (Trưởng phòng)") == 6
    assert len(many) == len(few)
