"""End to end in Chromium: the archivist proposes three expired files; the council is formed;
the expert keeps one file, the other members say destroy; the secretary records the decision;
the chief approves the destruction in the admin; the archivist destroys the list, and the
destruction minutes list two files while the kept one stays in the archive."""

import io
import re

import pytest
from pypdf import PdfReader

from archive.choices import FileState
from archive.models import Appraisal, RecordFile
from tests.archive.appraisal_kit import COUNCIL, expired_files, give_opinions
from tests.archive.test_archive_browser import sign_in
from units import approvals
from units.choices import DecisionKind


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_proposal_council_chief_and_destruction(
    live_server, page, office, flow, password, media_root
):
    files = expired_files(office, flow, count=3)
    kept = files[0]
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())

    sign_in(page, base, "lt_cv", password)
    page.goto(f"{base}/luu-tru/tham-dinh/")
    page.click("#appraisal-create")
    page.fill("#id_title", "Thẩm định tài liệu hết hạn của Phòng Tổng hợp")
    page.fill("#id_note", "Ba hồ sơ đã hết thời hạn bảo quản 10 năm.")
    for n in range(3):
        page.eval_on_selector(f"#id_files_{n}", "el => { el.checked = true; }")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url(re.compile(r".*/luu-tru/tham-dinh/\d+/$"))
    appraisal_url = page.url
    for record_file in files:
        assert record_file.code in page.inner_text("#appraisal-lines")
    appraisal = Appraisal.objects.get()

    # The council proposed on the page, then formed by the deputy chief in charge.
    for key, role, unit in COUNCIL:
        page.select_option("#id_member-user", str(office[key].pk))
        page.select_option("#id_member-role", role)
        if unit:
            page.select_option("#id_member-unit", str(office.units[unit].pk))
        page.click("button[name=submit-member]")
    assert len(page.locator("#council-members li").all()) == 4
    page.click("button[name=submit-submit]")
    appraisal.refresh_from_db()
    approvals.approval_decide(actor=office["dc"], obj=appraisal, kind=DecisionKind.APPROVE)
    appraisal.refresh_from_db()

    # Three members say destroy (through the services); the expert keeps one file on the page.
    give_opinions(office, appraisal, who=("lt_head", "archivist", "head"))
    sign_in(page, base, "th_staff2", password)
    page.goto(appraisal_url)
    for line in appraisal.lines.select_related("record_file"):
        choice = 1 if line.record_file_id == kept.pk else 0
        page.check(f"#id_opinion-verdict_{line.pk}_{choice}")
        page.fill(
            f"#id_opinion-reason_{line.pk}",
            "Còn giá trị tra cứu" if choice else "Hết giá trị",
        )
    page.click("button[name=submit-opinion]")
    assert "Còn giá trị tra cứu" in page.inner_text(f"#line-{kept.code}")

    sign_in(page, base, "lt_cv", password)
    page.goto(appraisal_url)
    page.click("button[name=submit-council]")
    assert "Đa số hủy, có ý kiến giữ lại" in page.inner_text(f"#line-{kept.code}")

    sign_in(page, base, "chief", password)
    page.goto(f"{base}/admin/archive/appraisal/{appraisal.pk}/change/")
    page.click("#decision-buttons button[value=approve]")
    page.wait_for_url(re.compile(r".*/admin/archive/appraisal/\?cho=toi$"))
    appraisal.refresh_from_db()
    assert appraisal.decision_number == 1

    sign_in(page, base, "lt_cv", password)
    page.goto(appraisal_url)
    page.click("button[name=submit-destroy]")
    page.wait_for_selector("#destruction-minutes-pdf")
    pdf = page.request.get(f"{appraisal_url}bien-ban-huy.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages).split()
    )
    assert "Đã hủy 2 hồ sơ" in text
    destroyed_part, kept_part = text.split("Hồ sơ được giữ lại")
    for record_file in files[1:]:
        assert record_file.code in destroyed_part
    assert kept.code not in destroyed_part and kept.code in kept_part
    states = dict(RecordFile.objects.values_list("pk", "state"))
    assert states[kept.pk] == FileState.AGENCY
    assert {states[f.pk] for f in files[1:]} == {FileState.DESTROYED}
