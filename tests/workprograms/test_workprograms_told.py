"""#9: a report that passes a step of its path and goes on to the next tells its unit's head
(who made it and is in charge of it) where it stands; a secret one by its safe label only. A
report's path has no head's step (the head drafts it): its first step is the deputy chief's."""

import pytest

from core.models import Notification
from core.services import safe_label
from units import approvals
from units.choices import ApprovalStep, DecisionKind, Secrecy
from workprograms.choices import ReportKind
from workprograms.models import Report

pytestmark = pytest.mark.django_db


def passed_notices(user, report):
    return Notification.objects.filter(
        recipient=user, object_id=report.pk, title__contains="đã qua bước"
    )


def submitted(flow, office, **fields):
    report = flow.report(kind=ReportKind.HALF_YEAR, **fields)
    flow.discuss(report)
    return approvals.approval_submit(actor=office["head"], obj=report)


def test_the_reports_path_has_no_heads_step():
    assert ApprovalStep.UNIT_HEAD not in {step.kind for step in Report.approval_path}


def test_the_head_is_told_when_the_deputy_chief_passed_his_report_on(office, flow):
    report = submitted(flow, office)
    assert not passed_notices(office["head"], report).exists()
    approvals.approval_decide(actor=office["dc"], obj=report, kind=DecisionKind.APPROVE)
    told = passed_notices(office["head"], report).get()
    assert "Phó Chánh Văn phòng phụ trách" in told.title
    assert "đang trình Chánh Văn phòng" in told.title
    assert report.title in told.title
    assert told.url == report.get_absolute_url()
    assert not passed_notices(office["dc"], report).exists()


def test_a_secret_report_passing_a_step_is_named_by_its_label(office, flow):
    report = submitted(flow, office, secrecy=Secrecy.SECRET)
    approvals.approval_decide(actor=office["dc"], obj=report, kind=DecisionKind.APPROVE)
    told = passed_notices(office["head"], report).get()
    assert told.title.startswith(safe_label(report))
    assert report.title not in told.title


def test_a_one_step_report_is_only_told_its_decision(office, flow):
    report = flow.approve(flow.report())
    assert not passed_notices(office["head"], report).exists()
    assert Notification.objects.filter(recipient=office["head"], object_id=report.pk).exists()
