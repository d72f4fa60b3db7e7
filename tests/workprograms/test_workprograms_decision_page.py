"""The admin decision page for programs, change requests and reports: decision first, the
submitter by name and position, the PDF embedded from the same origin, the diff of items."""

from django.urls import reverse

from tests.kit.decision_page import (
    assert_decision_page,
    assert_readable_changelist,
    decision_page,
)
from units import approvals
from workprograms import services
from workprograms.choices import ReportKind
from workprograms.models import ChangeRequest, Report, WorkProgram


def submitted_program(office, flow, items=2):
    program = flow.program(items=items)
    flow.discuss(program)
    approvals.approval_submit(actor=office["head"], obj=program)
    return program


def test_program_decision_page(client, office, flow):
    program = submitted_program(office, flow)
    client.force_login(office["dc"])
    html = decision_page(client, program)
    assert_decision_page(html, submitter=office["head"])
    pdf = reverse("workprograms:program-pdf", args=[program.pk])
    assert f'<iframe class="decision-pdf" src="{pdf}?xem=1"' in html
    assert "Việc số 2 – tổng hợp" in html and "diff-added" in html
    assert ">Loại kỳ<" in html
    assert_readable_changelist(client, WorkProgram, program.title, submitter=office["head"])


def test_program_pdf_may_be_embedded_by_the_same_origin_only(client, office, flow):
    program = submitted_program(office, flow)
    client.force_login(office["dc"])
    url = reverse("workprograms:program-pdf", args=[program.pk])
    embedded = client.get(url, {"xem": "1"})
    assert embedded["X-Frame-Options"] == "SAMEORIGIN"
    assert embedded["Content-Disposition"].startswith("inline;")
    assert client.get(url)["Content-Disposition"].startswith("attachment;")
    client.force_login(office["tc_head"])
    assert client.get(url, {"xem": "1"}).status_code == 404


def test_report_decision_page(client, office, flow):
    report = flow.report(kind=ReportKind.MONTHLY)
    flow.discuss(report)
    approvals.approval_submit(actor=office["head"], obj=report)
    client.force_login(office["dc"])
    html = decision_page(client, report)
    assert_decision_page(html, submitter=office["head"])
    pdf = reverse("workprograms:report-pdf", args=[report.pk])
    assert f'src="{pdf}?xem=1"' in html
    assert client.get(pdf, {"xem": "1"})["X-Frame-Options"] == "SAMEORIGIN"
    assert_readable_changelist(client, Report, report.title, submitter=office["head"])


def test_change_request_decision_page(client, office, flow):
    program = flow.approve(flow.program(items=1))
    request = services.change_request_create(
        actor=office["head"], program=program, reason="Việc đột xuất", is_urgent=True
    )
    services.item_add(
        actor=office["head"],
        program=request.draft,
        title="Hội nghị chuyên đề mới",
        due_date=request.draft.period[0],
        owner=office["staff"],
    )
    approvals.approval_submit(actor=office["head"], obj=request)
    client.force_login(office["dc"])
    html = decision_page(client, request)
    assert_decision_page(html, submitter=office["head"])
    assert "Việc đột xuất" in html and "Hội nghị chuyên đề mới" in html
    assert reverse("workprograms:program-compare", args=[request.draft.pk]) in html
    assert_readable_changelist(client, ChangeRequest, str(request), submitter=office["head"])
