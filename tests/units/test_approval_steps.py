"""Each kind of approval step: who is asked, who may decide, who may not (the beneficiary, the
same person twice, anyone else), and whose "Chờ tôi quyết định" list shows the submission.

The steps are declared on a real approvable model, the escalation (Điều 3.8, 22.4), through
its `approval_path` class attribute: a test-only model would need a migration, and the next
apps' models (cipher-room access, disposal, estimates) do not exist yet. Everything else is
real: the escalation is created and submitted through its service, the door and the Decision
rows are the database's."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from units import approvals, services
from units.approvals import Pool, Step
from units.choices import ApprovalStatus, ApprovalStep, DecisionKind, Designation, Position
from units.models import Decision, Escalation

APPROVE = DecisionKind.APPROVE


@pytest.fixture
def declare(monkeypatch):
    def declare(*steps):
        monkeypatch.setattr(Escalation, "approval_path", tuple(steps))

    return declare


def _escalate(office, actor="head", unit="th"):
    return services.escalation_create(
        actor=office[actor],
        unit=office.units[unit],
        title="Đề nghị bổ sung biên chế",
        dossier="Vượt thẩm quyền của phòng.",
    )


def _awaiting(user) -> list[int]:
    return list(
        approvals.awaiting_decision(Escalation.objects.all(), user).values_list("pk", flat=True)
    )


def _refused(office, escalation, who, message):
    with pytest.raises(PermissionDenied, match=message):
        approvals.approval_decide(actor=office[who], obj=escalation, kind=APPROVE)


NOT_YOURS = "không chờ quyết định của bạn"
OWN_MATTER = "không tự duyệt"


class TestUnitHead:
    def test_the_requesters_head_decides_but_not_for_himself(self, office, declare):
        """The head escalates; under his delegation the acting head is today's head and decides;
        the head himself is the beneficiary."""
        declare(Step.unit_head(), Step.deputy_chief())
        escalation = _escalate(office)
        assert (escalation.approval_step, escalation.approval_step_index) == (
            ApprovalStep.UNIT_HEAD,
            0,
        )
        assert approvals.current_step(escalation).approvers(escalation) == [office["acting_head"]]
        assert _awaiting(office["acting_head"]) == [escalation.pk]
        for who in ("head", "deputy", "other_head", "dc_in_charge", "chief"):
            assert _awaiting(office[who]) == [], who
        _refused(office, escalation, "head", OWN_MATTER)
        _refused(office, escalation, "deputy", NOT_YOURS)
        _refused(office, escalation, "other_head", NOT_YOURS)
        approvals.approval_decide(actor=office["acting_head"], obj=escalation, kind=APPROVE)
        assert (escalation.approval_step, escalation.approval_step_index) == (
            ApprovalStep.DEPUTY_CHIEF,
            1,
        )
        assert _awaiting(office["acting_head"]) == []
        assert _awaiting(office["dc_in_charge"]) == [escalation.pk]

    def test_a_head_who_is_the_beneficiary_and_has_no_stand_in_is_passed_over(
        self, office, declare
    ):
        declare(Step.unit_head(), Step.deputy_chief())
        escalation = _escalate(office, actor="other_head", unit="tc")
        assert escalation.approval_step == ApprovalStep.DEPUTY_CHIEF
        assert escalation.approval_step_index == 1


class TestDesignatedUnitHead:
    def test_the_head_of_the_designated_unit_decides(self, office, declare, make_person):
        cipher_head = make_person("cy_head", Position.HEAD, office.units["cy"])
        declare(Step.unit_head(of=Designation.CIPHER), Step.chief())
        escalation = _escalate(office)
        assert escalation.approval_step == ApprovalStep.DESIGNATED_HEAD
        assert approvals.current_step(escalation).approvers(escalation) == [cipher_head]
        assert _awaiting(cipher_head) == [escalation.pk]
        for who in ("acting_head", "other_head", "sysadmin", "dc_other"):
            assert _awaiting(office[who]) == [], who
        _refused(office, escalation, "acting_head", NOT_YOURS)
        _refused(office, escalation, "sysadmin", NOT_YOURS)
        approvals.approval_decide(actor=cipher_head, obj=escalation, kind=APPROVE)
        assert escalation.approval_step == ApprovalStep.CHIEF
        assert _awaiting(office["chief"]) == [escalation.pk]
        approvals.approval_decide(actor=office["chief"], obj=escalation, kind=APPROVE)
        assert escalation.approval_status == ApprovalStatus.APPROVED


class TestTwoApprovers:
    def test_two_different_people_neither_the_beneficiary(self, office, declare):
        declare(Step.two_approvers(among=Pool.members_of(Designation.GENERAL_AFFAIRS)))
        escalation = _escalate(office)
        approvers = approvals.current_step(escalation).approvers(escalation)
        assert office["head"] not in approvers
        assert {office["staff"], office["deputy"]} <= set(approvers)
        assert _awaiting(office["staff"]) == [escalation.pk]
        assert _awaiting(office["head"]) == []
        assert _awaiting(office["other_staff"]) == []
        _refused(office, escalation, "head", OWN_MATTER)
        _refused(office, escalation, "other_staff", NOT_YOURS)
        approvals.approval_decide(actor=office["staff"], obj=escalation, kind=APPROVE)
        assert escalation.approval_status == ApprovalStatus.SUBMITTED
        assert _awaiting(office["staff"]) == []
        assert _awaiting(office["deputy"]) == [escalation.pk]
        _refused(office, escalation, "staff", "cần một người duyệt thứ hai khác bạn")
        approvals.approval_decide(actor=office["deputy"], obj=escalation, kind=APPROVE)
        assert escalation.approval_status == ApprovalStatus.APPROVED
        approvers = Decision.objects.filter(object_id=escalation.pk, kind=APPROVE)
        assert sorted(approvers.values_list("actor__username", flat=True)) == [
            "th_deputy",
            "th_staff",
        ]

    def test_office_leadership_by_default_and_a_resubmission_starts_again(self, office, declare):
        declare(Step.two_approvers())
        escalation = _escalate(office)
        assert set(approvals.current_step(escalation).approvers(escalation)) == {
            office["chief"],
            office["dc_in_charge"],
            office["dc_other"],
        }
        assert _awaiting(office["dc_other"]) == [escalation.pk]
        approvals.approval_decide(actor=office["dc_other"], obj=escalation, kind=APPROVE)
        approvals.approval_decide(
            actor=office["dc_in_charge"],
            obj=escalation,
            kind=DecisionKind.RETURN,
            comment="Bổ sung",
        )
        assert escalation.approval_status == ApprovalStatus.RETURNED
        approvals.approval_submit(actor=office["head"], obj=escalation)
        assert _awaiting(office["dc_other"]) == [escalation.pk]
        approvals.approval_decide(actor=office["dc_other"], obj=escalation, kind=APPROVE)
        assert escalation.approval_status == ApprovalStatus.SUBMITTED


class TestCollectiveDecision:
    def test_the_minutes_keeper_enters_the_bodys_decision(self, office, declare):
        declare(Step.collective(body="Tập thể lãnh đạo Văn phòng"))
        escalation = _escalate(office)
        assert escalation.approval_step == ApprovalStep.COLLECTIVE
        keepers = approvals.current_step(escalation).approvers(escalation)
        assert {office["coord_staff"], office["coord_head"], office["clerk"]} <= set(keepers)
        assert _awaiting(office["coord_staff"]) == [escalation.pk]
        for who in ("acting_head", "dc_in_charge", "chief", "other_staff"):
            assert _awaiting(office[who]) == [], who
        _refused(office, escalation, "dc_in_charge", NOT_YOURS)
        with pytest.raises(ValidationError, match="Cần ghi số và ngày"):
            approvals.approval_decide(actor=office["coord_staff"], obj=escalation, kind=APPROVE)
        with pytest.raises(ValidationError, match="không được sau hôm nay"):
            approvals.approval_decide(
                actor=office["coord_staff"],
                obj=escalation,
                kind=APPROVE,
                resolution_number="12-BB/VPTU",
                resolution_date=timezone.localdate() + timedelta(days=1),
            )
        assert escalation.approval_status == ApprovalStatus.SUBMITTED
        day = timezone.localdate()
        approvals.approval_decide(
            actor=office["coord_staff"],
            obj=escalation,
            kind=APPROVE,
            resolution_number="12-BB/VPTU",
            resolution_date=day,
        )
        assert escalation.approval_status == ApprovalStatus.APPROVED
        decision = Decision.objects.get(object_id=escalation.pk, kind=APPROVE)
        assert (decision.body, decision.resolution_number, decision.resolution_date) == (
            "Tập thể lãnh đạo Văn phòng",
            "12-BB/VPTU",
            day,
        )
        assert decision.actor == office["coord_staff"]

    def test_the_admin_asks_the_number_and_date(self, client, office, declare):
        declare(Step.collective(body="Tập thể lãnh đạo Văn phòng"))
        escalation = _escalate(office)
        from django.contrib.auth.models import Permission

        keeper = office["coord_head"]
        keeper.is_staff = True
        keeper.save()
        # The admin's model right comes with the keeper's role (the role table); the door and
        # the step decide the rest.
        keeper.user_permissions.add(Permission.objects.get(codename="view_escalation"))
        client.force_login(keeper)
        page = client.get(reverse("admin:units_escalation_change", args=[escalation.pk]))
        assert page.status_code == 200
        assert 'name="resolution_number"' in page.content.decode()
        url = reverse("admin:units_escalation_decide", args=[escalation.pk])
        response = client.post(url, {"kind": APPROVE, "comment": ""})
        assert response.status_code == 400
        assert "Cần ghi số và ngày" in response.content.decode()
        response = client.post(
            url,
            {
                "kind": APPROVE,
                "resolution_number": "3-BB/VPTU",
                "resolution_date": timezone.localdate().strftime("%d/%m/%Y"),
            },
        )
        assert response.status_code == 302
        escalation.refresh_from_db()
        assert escalation.approval_status == ApprovalStatus.APPROVED


def test_a_path_that_is_not_a_selection_of_the_declared_steps_is_refused(office, monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setattr(Escalation, "get_approval_path", lambda self: (Step.chief(),))
    with pytest.raises(ImproperlyConfigured, match="approval_path"):
        _escalate(office)


class TestCollectiveDiscussion:
    """Điều 2 is a declaration: any approvable model with `requires_discussion` is refused at
    submission until its unit's discussion is recorded (programs declare it; here, an
    escalation sent back and resubmitted)."""

    def test_required_before_submitting_when_declared(self, office, monkeypatch):
        from units.selectors import discussions_of

        escalation = _escalate(office)
        approvals.approval_decide(
            actor=office["dc_in_charge"],
            obj=escalation,
            kind=DecisionKind.RETURN,
            comment="Họp phòng trước đã",
        )
        monkeypatch.setattr(Escalation, "requires_discussion", True)
        with pytest.raises(ValidationError, match=r"thảo luận tập thể của đơn vị \(Điều 2\)"):
            approvals.approval_submit(actor=office["head"], obj=escalation)
        assert Escalation.objects.get().approval_status == ApprovalStatus.RETURNED
        with pytest.raises(PermissionDenied):
            services.discussion_record(
                actor=office["other_head"],
                obj=escalation,
                held_on=timezone.localdate(),
                participants=[office["other_head"]],
                opinions="-",
                conclusion="-",
            )
        discussion = services.discussion_record(
            actor=office["head"],
            obj=escalation,
            held_on=timezone.localdate(),
            participants=[office["head"], office["staff"]],
            opinions="Thống nhất bổ sung hồ sơ.",
            conclusion="Trình lại lãnh đạo.",
        )
        assert discussion.history.first().history_user == office["head"]
        assert discussions_of(escalation) == [discussion]
        approvals.approval_submit(actor=office["head"], obj=escalation)
        assert escalation.approval_status == ApprovalStatus.SUBMITTED
