"""#9: an approved program or report takes its number from `core.numbering` when approved (per
type, issuer and Party term) and prints it; a draft keeps a blank number."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import PartyTerm
from tests.workprograms.test_workprograms_pdf import download
from units import approvals
from units.choices import ApprovalStatus, DecisionKind
from workprograms import documents, services
from workprograms.choices import PeriodKind, Scope
from workprograms.models import WorkProgram

pytestmark = pytest.mark.django_db


def test_approved_programs_take_the_next_number_of_their_units_sequence(office, flow):
    first = flow.approve(flow.program(number=1))
    second = flow.approve(flow.program(number=2))
    other_unit = flow.approve(
        flow.program(unit="tc", head="tc_head", number=1), head="tc_head", leader="dc_other"
    )
    assert (first.issued_number, second.issued_number) == (1, 2)
    assert other_unit.issued_number == 1
    draft = flow.program(number=3)
    assert draft.issued_number is None


def test_a_returned_program_takes_no_number(office, flow):
    program = flow.program()
    flow.discuss(program)
    approvals.approval_submit(actor=office["head"], obj=program)
    approvals.approval_decide(
        actor=office["dc"], obj=program, kind=DecisionKind.RETURN, comment="Bổ sung."
    )
    program.refresh_from_db()
    assert program.issued_number is None


def test_the_approved_pdf_prints_its_number(login, office, flow):
    program = flow.approve(flow.program(items=2))
    text = download(login(office["head"]), reverse("workprograms:program-pdf", args=[program.pk]))
    assert "Số 01-CTr/VPTU/TH" in text
    report = flow.approve(flow.report())
    assert documents.report_document(report, office["head"])[1]["number"] == "Số 01-BC/VPTU/TH"
    office_program = flow.approve(
        flow.program(unit="hc", head="hc_head", scope=Scope.OFFICE, kind=PeriodKind.QUARTER),
        head="hc_head",
    )
    context = documents.program_document(office_program, office["chief"])[1]
    assert context["number"] == "Số 01-CTr/VPTU"


def test_the_draft_pdf_keeps_a_blank_number(office, flow):
    program = flow.program()
    context = documents.program_document(program, office["head"])[1]
    assert context["number"].startswith("Số ") and "01" not in context["number"]


def test_the_approved_version_of_a_change_request_takes_a_new_number(office, flow):
    program = flow.approve(flow.program(items=2))
    request = services.change_request_create(
        actor=office["head"], program=program, reason="Việc đột xuất.", is_urgent=True
    )
    approvals.approval_submit(actor=office["head"], obj=request)
    approvals.approval_decide(actor=office["dc"], obj=request, kind=DecisionKind.APPROVE)
    draft = WorkProgram.objects.get(pk=request.draft_id)
    assert (program.issued_number, draft.issued_number) == (1, 2)


def test_no_term_declared_refuses_the_approval_and_changes_nothing(office, flow):
    program = flow.program()
    flow.discuss(program)
    approvals.approval_submit(actor=office["head"], obj=program)
    PartyTerm.objects.all().delete()
    with pytest.raises(ValidationError, match="Chưa khai báo nhiệm kỳ"):
        approvals.approval_decide(actor=office["dc"], obj=program, kind=DecisionKind.APPROVE)
    program.refresh_from_db()
    assert program.approval_status == ApprovalStatus.SUBMITTED
    assert program.issued_number is None


def test_the_migration_numbers_programs_approved_before_it(office, flow):
    earlier = flow.approve(flow.program(number=1))
    later = flow.approve(flow.program(number=2))
    WorkProgram.objects.filter(pk__in=[earlier.pk, later.pk]).update(issued_number=None)
    import_module("workprograms.migrations.0007_issued_numbers").number_approved(django_apps, None)
    earlier.refresh_from_db()
    later.refresh_from_db()
    assert (earlier.issued_number, later.issued_number) == (3, 4)
