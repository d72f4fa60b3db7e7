"""The `units.approvals.approved` signal: sent once, when a submission's last step approves it,
never at an intermediate step, a forward or a return. Listeners of other apps (the disclosure
board) hang their effects on it without the model's app importing them."""

import pytest

from units import approvals, services
from units.approvals import Step
from units.choices import ApprovalStatus, DecisionKind
from units.models import Escalation


@pytest.fixture
def heard():
    calls = []

    def listener(sender, obj, actor, **kwargs):
        calls.append((sender, obj.pk, obj.approval_status, actor.pk))

    approvals.approved.connect(listener, dispatch_uid="test-approved-listener")
    yield calls
    approvals.approved.disconnect(dispatch_uid="test-approved-listener")


def _escalate(office):
    return services.escalation_create(
        actor=office["head"],
        unit=office.units["th"],
        title="Đề nghị bổ sung biên chế",
        dossier="Vượt thẩm quyền của phòng.",
    )


def test_sent_once_on_the_final_approval_only(office, heard, monkeypatch):
    monkeypatch.setattr(Escalation, "approval_path", (Step.deputy_chief(), Step.chief()))
    escalation = _escalate(office)
    approvals.approval_decide(
        actor=office["dc_in_charge"], obj=escalation, kind=DecisionKind.APPROVE
    )
    assert escalation.approval_status == ApprovalStatus.SUBMITTED
    assert heard == []
    approvals.approval_decide(actor=office["chief"], obj=escalation, kind=DecisionKind.APPROVE)
    assert heard == [(Escalation, escalation.pk, ApprovalStatus.APPROVED, office["chief"].pk)]


def test_not_sent_on_return_or_forward(office, heard):
    escalation = _escalate(office)
    approvals.approval_decide(
        actor=office["dc_in_charge"], obj=escalation, kind=DecisionKind.FORWARD
    )
    approvals.approval_decide(
        actor=office["chief"], obj=escalation, kind=DecisionKind.RETURN, comment="Bổ sung hồ sơ."
    )
    assert escalation.approval_status == ApprovalStatus.RETURNED
    assert heard == []


def test_a_listener_that_refuses_rolls_the_decision_back(office):
    """The signal runs inside the decision's transaction: a listener's error undoes it."""
    from django.db import transaction

    def refuse(sender, obj, actor, **kwargs):
        raise RuntimeError("listener failed")

    escalation = _escalate(office)
    approvals.approved.connect(refuse, dispatch_uid="test-refusing-listener")
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            approvals.approval_decide(
                actor=office["dc_in_charge"], obj=escalation, kind=DecisionKind.APPROVE
            )
    finally:
        approvals.approved.disconnect(dispatch_uid="test-refusing-listener")
    escalation.refresh_from_db()
    assert escalation.approval_status == ApprovalStatus.SUBMITTED
