"""The admin decision pages of the consolidated estimate (its lines, total in words, and a
revision's difference line by line) and of the settlement (its PDF from the same origin)."""

from decimal import Decimal

from django.urls import reverse

from finance import services
from finance.models import Estimate, Settlement
from tests.kit.decision_page import assert_decision_page, assert_readable_changelist, decision_page
from units import approvals


def test_estimate_decision_page_shows_the_lines_and_a_revisions_difference(client, office, flow):
    approved = flow.approved()
    revision = services.estimate_revise(
        actor=office["tc_head"], estimate=approved, reason="Bổ sung hội nghị"
    )
    services.line_set(
        actor=office["tc_head"],
        estimate=revision,
        budget_line=flow.line("6651"),
        amount=Decimal(30_000_000),
        explanation="Hội nghị giữa năm",
        budget_unit=flow.office_unit,
    )
    flow.discuss(revision)
    approvals.approval_submit(actor=office["tc_head"], obj=revision)
    client.force_login(office["dc"])
    html = decision_page(client, revision)
    assert_decision_page(html, submitter=office["tc_head"])
    assert "Hai trăm tám mươi triệu đồng" in html
    diff = html[html.index('id="estimate-diff"') :]
    assert "409.340-342.6650.6651" in diff and "30.000.000 đ" in diff and "Thêm mới" in diff
    assert "6702" not in diff  # unchanged lines are left out
    assert_readable_changelist(client, Estimate, revision.title, submitter=office["tc_head"])


def test_settlement_decision_page_embeds_its_pdf(client, office, flow):
    estimate = flow.approved()
    settlement = services.settlement_prepare(
        actor=office["tc_head"], estimate=estimate, title="Quyết toán 2026"
    )
    for line in services.lines_to_explain(settlement):
        services.settlement_explain(actor=office["tc_head"], line=line, explanation="Chưa chi")
    flow.discuss(settlement)
    approvals.approval_submit(actor=office["tc_head"], obj=settlement)
    client.force_login(office["dc"])
    html = decision_page(client, settlement)
    assert_decision_page(html, submitter=office["tc_head"])
    pdf = reverse("finance:settlement-pdf", args=[settlement.pk])
    assert f'src="{pdf}?xem=1"' in html
    embedded = client.get(pdf, {"xem": "1"})
    assert embedded["X-Frame-Options"] == "SAMEORIGIN"
    assert embedded.content.startswith(b"%PDF")
    assert_readable_changelist(client, Settlement, settlement.title, submitter=office["tc_head"])
