"""A deputy chief step for the unit designated for a function (`Step.deputy_chief(of=…)`)
and the door's designation sight (`designation_sight()`), on the real escalation model as
tests/units/test_approval_steps.py declares its steps."""

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Q

from units import approvals, permissions, services
from units.approvals import Step
from units.choices import ApprovalStatus, ApprovalStep, DecisionKind, Designation, Position
from units.designations import forget_designations
from units.models import ALL_ROWS, Escalation, Unit

APPROVE = DecisionKind.APPROVE


@pytest.fixture
def declare(monkeypatch):
    def declare(*steps):
        monkeypatch.setattr(Escalation, "approval_path", tuple(steps))

    return declare


@pytest.fixture(autouse=True)
def _fresh_designations(office):
    """The office fixture names the deputy chiefs by a queryset update: forget the cached
    units."""
    forget_designations()


def _escalate(office):
    return services.escalation_create(
        actor=office["head"],
        unit=office.units["th"],
        title="Đề nghị xe đi công tác ngoài tỉnh",
        dossier="Xe của Phòng Quản trị.",
    )


def _awaiting(user):
    return list(
        approvals.awaiting_decision(Escalation.objects.all(), user).values_list("pk", flat=True)
    )


class TestDesignatedDeputyChief:
    def test_the_deputy_chief_in_charge_of_the_designated_unit_decides(self, office, declare):
        """TH's matter, QT's deputy chief (dc_other) decides; TH's own (dc_in_charge) does not."""
        declare(Step.deputy_chief(of=Designation.FACILITIES))
        escalation = _escalate(office)
        assert escalation.approval_step == ApprovalStep.DEPUTY_CHIEF
        step = approvals.current_step(escalation)
        assert step.approvers(escalation) == [office["dc_other"]]
        assert "Phó Chánh Văn phòng phụ trách" in step.label
        assert _awaiting(office["dc_other"]) == [escalation.pk]
        assert _awaiting(office["dc_in_charge"]) == []
        assert _awaiting(office["chief"]) == [escalation.pk]
        # Not his unit's: he is let in to read it.
        assert permissions.can_see(office["dc_other"], escalation)
        with pytest.raises(PermissionDenied):
            approvals.approval_decide(actor=office["dc_in_charge"], obj=escalation, kind=APPROVE)
        approvals.approval_decide(actor=office["dc_other"], obj=escalation, kind=APPROVE)
        assert escalation.approval_status == ApprovalStatus.APPROVED

    def test_after_the_head_and_passed_over_when_the_unit_has_no_deputy_chief(
        self, office, declare
    ):
        declare(Step.unit_head(), Step.deputy_chief(of=Designation.FACILITIES), Step.chief())
        Unit.objects.filter(code="qt").update(deputy_chief=None)
        forget_designations()
        escalation = _escalate(office)
        # The head is the beneficiary; his acting head decides the first step.
        approvals.approval_decide(actor=office["acting_head"], obj=escalation, kind=APPROVE)
        assert escalation.approval_step == ApprovalStep.CHIEF


class TestDesignationSight:
    def test_members_of_the_designated_unit_see_the_declared_rows(
        self, office, monkeypatch, make_person
    ):
        qt_member = make_person("qt_cv", Position.CIVIL_SERVANT, office.units["qt"])
        escalation = _escalate(office)
        assert not permissions.can_see(qt_member, escalation)
        monkeypatch.setattr(
            Escalation,
            "designation_sight",
            classmethod(lambda cls: {Designation.FACILITIES: ALL_ROWS}),
            raising=False,
        )
        permissions.forget_viewer(qt_member)
        assert permissions.can_see(qt_member, escalation)
        assert not permissions.can_see(office["other_staff"], escalation)
        monkeypatch.setattr(
            Escalation,
            "designation_sight",
            classmethod(lambda cls: {Designation.FACILITIES: Q(pk__in=[])}),
            raising=False,
        )
        assert not permissions.can_see(qt_member, escalation)

    def test_a_bad_declaration_is_refused(self, monkeypatch):
        for sight in ({"nowhere": ALL_ROWS}, {Designation.FACILITIES: Q()}, []):
            monkeypatch.setattr(
                Escalation, "designation_sight", classmethod(lambda cls, s=sight: s), raising=False
            )
            with pytest.raises(ImproperlyConfigured):
                permissions.designation_sight(Escalation)
