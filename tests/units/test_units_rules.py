"""Rules of the foundation that a change to the code could break while every other test stays
green: each test here was seen failing on the mutation named in its docstring."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from units import approvals, ownership, permissions, services
from units.choices import ApprovalStatus, DecisionKind, Secrecy
from units.models import Delegation, Escalation, Task

pytestmark = pytest.mark.django_db


def _active_delegation():
    return Delegation.objects.get(cancelled_at__isnull=True)


def test_head_of_is_the_acting_head_under_an_active_delegation(office):
    """Mutation: `head_of` skips the delegation and returns the head."""
    assert ownership.head_of(office.units["th"]) == office["acting_head"]
    assert ownership.head_of(office.units["tc"]) == office["other_head"]


def test_work_moved_to_a_delegated_unit_goes_to_its_acting_head(office):
    """Mutation: `head_of` skips the delegation, so the absent head is put in charge."""
    task = services.task_create(
        actor=office["other_head"],
        unit=office.units["tc"],
        owner=office["other_staff"],
        title="Tổng hợp dự toán",
        due_working_days=3,
    )
    ownership.work_move(
        actor=office["chief"],
        obj=task,
        new_unit=office.units["th"],
        reason="Đúng chức năng của Phòng Tổng hợp",
    )
    assert Task.objects.get(pk=task.pk).owner == office["acting_head"]


def test_only_the_delegator_cancels_a_delegation(office):
    """Mutation: `delegation_cancel` drops its delegator check."""
    delegation = _active_delegation()
    for intruder in ("acting_head", "chief", "dc_in_charge", "other_head"):
        with pytest.raises(PermissionDenied, match="Chỉ người ủy quyền mới hủy được ủy quyền."):
            services.delegation_cancel(actor=office[intruder], delegation=delegation)
        assert Delegation.objects.get(pk=delegation.pk).cancelled_at is None
    services.delegation_cancel(actor=office["head"], delegation=delegation)
    assert Delegation.objects.get(pk=delegation.pk).cancelled_at is not None


def test_cancelling_someone_elses_delegation_over_http_is_404(client, office):
    delegation = _active_delegation()
    url = reverse("units:delegation-cancel", args=[delegation.pk])
    client.force_login(office["acting_head"])
    assert client.post(url).status_code == 404
    assert Delegation.objects.get(pk=delegation.pk).cancelled_at is None
    client.force_login(office["head"])
    assert client.post(url).status_code == 302
    assert Delegation.objects.get(pk=delegation.pk).cancelled_at is not None


def test_a_delegation_for_a_period_already_past_is_refused(office):
    """Mutation: `delegation_create` drops its "period already past" check."""
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="Không ủy quyền cho khoảng thời gian đã qua."):
        services.delegation_create(
            actor=office["head"],
            unit=office.units["th"],
            delegate=office["acting_head"],
            starts_on=today - timedelta(days=20),
            ends_on=today - timedelta(days=10),
            reason="Đi học",
        )
    assert Delegation.objects.count() == 1
    services.delegation_create(
        actor=office["head"],
        unit=office.units["th"],
        delegate=office["acting_head"],
        starts_on=today + timedelta(days=10),
        ends_on=today + timedelta(days=20),
        reason="Đi học",
    )
    assert Delegation.objects.count() == 2


def test_task_update_checks_the_edit_right(office, work):
    """Mutation: `task_update` drops its `can_edit` check (the page's action checks it too, so
    only the service shows it). Those who see the task but may not edit it are refused."""
    task = work["task"]
    for role in ("deputy", "coord_head", "dc_in_charge", "chief"):
        assert permissions.can_see(office[role], task)
        with pytest.raises(PermissionDenied, match="Bạn không có quyền sửa công việc này."):
            services.task_update(actor=office[role], task=task, title="Tên mới", description="")
        assert Task.objects.get(pk=task.pk).title == "Báo cáo tình hình quý"
    services.task_update(actor=office["owner"], task=task, title="Tên mới", description="")
    assert Task.objects.get(pk=task.pk).title == "Tên mới"


def test_approval_submission_checks_the_edit_right(office, work):
    """Mutation: `approval_submit` drops its `can_edit` check. A returned escalation may be
    submitted again by its unit's head, not by a deputy who only sees it."""
    escalation = work["escalation"]
    approvals.approval_decide(
        actor=office["dc_in_charge"],
        obj=escalation,
        kind=DecisionKind.RETURN,
        comment="Bổ sung dự toán chi tiết.",
    )
    escalation = Escalation.objects.get(pk=escalation.pk)
    assert escalation.approval_status == ApprovalStatus.RETURNED
    for role in ("deputy", "dc_in_charge", "chief"):
        assert permissions.can_see(office[role], escalation)
        with pytest.raises(PermissionDenied, match="Bạn không có quyền trình nội dung này."):
            approvals.approval_submit(actor=office[role], obj=escalation)
        assert Escalation.objects.get(pk=escalation.pk).approval_status == ApprovalStatus.RETURNED
    approvals.approval_submit(actor=office["head"], obj=escalation)
    assert Escalation.objects.get(pk=escalation.pk).approval_status == ApprovalStatus.SUBMITTED


def test_a_replaced_answerer_loses_his_sight(client, office, work):
    """Mutation: `consultation_designate` no longer revokes the former answerer's grant."""
    consultation = work["consultation"]
    services.consultation_designate(
        actor=office["coord_head"], consultation=consultation, answerer=office["coord_staff"]
    )
    client.force_login(office["coord_staff"])
    assert client.get(consultation.get_absolute_url()).status_code == 200
    services.consultation_designate(
        actor=office["coord_head"], consultation=consultation, answerer=office["clerk"]
    )
    assert client.get(consultation.get_absolute_url()).status_code == 404
    listing = client.get(reverse("units:consultations")).content.decode()
    assert consultation.get_absolute_url() not in listing
    client.force_login(office["clerk"])
    assert client.get(consultation.get_absolute_url()).status_code == 200


def test_a_moved_work_drops_its_new_lead_unit_from_its_coordinating_units(office, work):
    """Mutation: `work_move` keeps the new lead unit among the coordinating units."""
    task = work["task"]
    assert list(task.coordinating_units.all()) == [office.units["hc"]]
    ownership.work_move(
        actor=office["dc_in_charge"],
        obj=task,
        new_unit=office.units["hc"],
        reason="Đúng chức năng của Phòng Hành chính",
    )
    task = Task.objects.get(pk=task.pk)
    assert task.lead_unit == office.units["hc"]
    assert list(task.coordinating_units.all()) == []


def test_awaiting_me_shows_a_deputy_chief_only_his_units_first_steps(client, office):
    """Mutation: `awaiting_decision` drops the "units he oversees" condition. A secret
    escalation granted to TH's deputy chief when submitted, then moved by the chief to TC, stays
    visible to him (his grant) but waits for TC's deputy chief, not for him."""
    escalation = services.escalation_create(
        actor=office["head"],
        unit=office.units["th"],
        title="Kiến nghị về nhân sự mật",
        dossier="Hồ sơ kèm theo.",
        secrecy=Secrecy.SECRET,
    )
    changelist = reverse("admin:units_escalation_changelist")
    client.force_login(office["dc_in_charge"])
    assert "Kiến nghị về nhân sự mật" in client.get(changelist + "?cho=toi").content.decode()
    ownership.work_move(
        actor=office["chief"],
        obj=escalation,
        new_unit=office.units["tc"],
        reason="Thuộc chức năng Phòng Tài chính",
    )
    assert permissions.can_see(office["dc_in_charge"], Escalation.objects.get(pk=escalation.pk))
    assert "Kiến nghị về nhân sự mật" in client.get(changelist + "?cho=tat-ca").content.decode()
    assert "Kiến nghị về nhân sự mật" not in client.get(changelist + "?cho=toi").content.decode()
    awaiting = approvals.awaiting_decision(Escalation.objects.all(), office["dc_in_charge"])
    assert list(awaiting) == []
