"""In Chromium: TH's head amends the unit's working regulation (a date before the version in
force is refused first), records the unit's discussion and submits it; the deputy chief in charge
approves it on the admin's decision page, reading the difference; a specialist reads the new
version in force and acknowledges it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from regime.models import RegulationAcknowledgment, RegulationVersion
from tests.regime.helpers import TEXT_V1, approve, draft
from tests.workprograms.test_workprograms_browser import sign_in
from units.choices import ApprovalStatus


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_unit_regulation_amended_approved_and_acknowledged(live_server, page, office, password):
    base = live_server.url
    today = timezone.localdate()
    first = approve(office, draft(office, effective_from=today - timedelta(days=30)))

    sign_in(page, base, "th_head", password)
    page.goto(f"{base}/che-do/quy-che/soan/")
    assert page.input_value("#id_text") == TEXT_V1
    page.fill("#id_text", TEXT_V1.replace("Điều 3. Trực cơ quan.", "Điều 3. Trực luân phiên."))
    page.fill("#id_change_note", "Sửa Điều 3: trực luân phiên.")
    page.fill("#id_effective_from", (first.effective_from - timedelta(days=1)).strftime("%d/%m/%Y"))
    page.click("button[type=submit].btn-primary")
    page.wait_for_selector(".invalid-feedback")
    assert "phải sau ngày có hiệu lực" in page.inner_text("form.col-lg-10")
    assert RegulationVersion.objects.count() == 1

    page.fill("#id_effective_from", today.strftime("%d/%m/%Y"))
    page.click("button[type=submit].btn-primary")
    page.wait_for_selector("#regulation-diff")
    assert "Trực luân phiên" in page.inner_text("#regulation-diff ins")
    assert "Trực cơ quan" in page.inner_text("#regulation-diff del")
    amended = RegulationVersion.objects.get(number=2)

    page.fill("#id_discussion-opinions", "Thống nhất trực luân phiên.")
    page.fill("#id_discussion-conclusion", "Trình lãnh đạo Văn phòng.")
    page.select_option(
        "#id_discussion-participants", [str(office["head"].pk), str(office["deputy"].pk)]
    )
    page.click("button[name=submit-discussion]")
    page.wait_for_selector(".discussion")
    page.click("button[name=submit-submit]")
    page.wait_for_selector(".alert-success")
    amended.refresh_from_db()
    assert amended.approval_status == ApprovalStatus.SUBMITTED

    sign_in(page, base, "dc1", password)
    page.goto(f"{base}/admin/regime/regulationversion/{amended.pk}/change/")
    assert "Trực luân phiên" in page.inner_text("#items-diff ins")
    page.click("#decision-buttons button[value=approve]")
    page.wait_for_url("**/admin/regime/regulationversion/**")
    amended.refresh_from_db()
    assert amended.approval_status == ApprovalStatus.APPROVED

    sign_in(page, base, "th_staff", password)
    page.goto(f"{base}/")
    page.click("#regulation-to-acknowledge a")
    page.wait_for_selector("#regulation-current")
    assert "lần 2" in page.inner_text("#regulation-current")
    assert "Trực luân phiên" in page.inner_text("#regulation-diff ins")
    page.click("#acknowledge")
    page.wait_for_selector("#ack-mark")
    assert RegulationAcknowledgment.objects.filter(version=amended, user=office["staff"]).exists()
    assert not RegulationAcknowledgment.objects.filter(version=first).exists()
