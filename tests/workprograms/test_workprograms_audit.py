"""Audit that cannot be forgotten: every model tracked by simple-history in units, dispatch,
workprograms and core is driven through its services, and every history row those services
write names its user and its reason. A tracked model missing from the table below fails the
test: a new model must say which services write it. Lives in this folder for the `flow`
fixtures; it lays the dispatch catalogues itself."""

import importlib
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from core.audit import audited_save
from core.models import Notification
from dispatch import services as dispatch_services
from dispatch.models import DocumentType, Issuer
from tests.dispatch.conftest import PDF_BYTES
from units import approvals, ownership
from units import services as unit_services
from units.choices import DecisionKind, Position, PrivilegedChangeKind, RoleCode, Secrecy
from units.models import OwnershipChange, RoleAssignment, Task
from workprograms import services
from workprograms.choices import MeetingKind, PeriodKind, Scope

pytestmark = pytest.mark.django_db

AUDITED_APPS = ("units", "dispatch", "workprograms", "core")


class _TodaysModels:
    MOVED = {("dispatch", "PartyTerm"): ("core", "PartyTerm")}

    def get_model(self, app_label, model_name):
        return apps.get_model(*self.MOVED.get((app_label, model_name), (app_label, model_name)))


@pytest.fixture
def office(office, media_root):
    for module in (
        "dispatch.migrations.0002_catalogue_defaults",
        "dispatch.migrations.0005_letter_defaults",
    ):
        importlib.import_module(module).seed(_TodaysModels(), None)
    office.people["clerk"] = unit_services.staff_create(
        actor=office["chief"],
        username="clerk1",
        full_name="Văn thư Một",
        position=Position.CIVIL_SERVANT,
        unit=office.units["hc"],
        roles=(RoleCode.RECORDS_CLERK,),
    ).user
    return office


def _pdf(name="ban-quet.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def tracked_models():
    return sorted(
        (
            model
            for model in apps.get_models()
            if hasattr(model._meta, "simple_history_manager_attribute")
            and (model._meta.app_label in AUDITED_APPS or model._meta.label == "auth.User")
        ),
        key=lambda model: model._meta.label,
    )


# Scenarios: each drives the services that write one model ---------------------------------


def staff_accounts(office, flow):
    unit_services.staff_create(
        actor=office["chief"],
        username="moi",
        full_name="Cán bộ Mới",
        position=Position.SPECIALIST,
        unit=office.units["th"],
    )


def rights(office, flow):
    """A role asked for by one head and applied by the chief (a privileged change)."""
    change = unit_services.privileged_change_request(
        actor=office["hc_head"],
        target=office["hc_staff"],
        kind=PrivilegedChangeKind.ROLE,
        payload={
            "role": RoleCode.RECORDS_CLERK,
            "starts_on": timezone.localdate().isoformat(),
            "ends_on": (timezone.localdate() + timedelta(days=90)).isoformat(),
        },
        reason="Bổ sung văn thư cho bộ phận một cửa của phòng",
        scope="Bộ phận một cửa",
    )
    unit_services.privileged_change_approve(actor=office["chief"], change=change)


def secret_rights(office, flow):
    """A right to one secret item and a secrecy clearance, asked by the head and approved by
    the chief; the item's right revoked at recertification, then the expiry sweep."""
    from units import rights as unit_rights

    item = unit_services.task_create(
        actor=office["hc_head"],
        unit=office.units["hc"],
        owner=office["hc_head"],
        title="Hồ sơ mật của phòng",
        due_working_days=5,
        secrecy=Secrecy.CONFIDENTIAL,
    )
    period = {
        "starts_on": timezone.localdate().isoformat(),
        "ends_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
    }
    for kind, payload in (
        (PrivilegedChangeKind.SECRET_ITEM, {"item": "units.task", "item_id": item.pk}),
        (PrivilegedChangeKind.CLEARANCE, {"level": Secrecy.CONFIDENTIAL}),
    ):
        change = unit_services.privileged_change_request(
            actor=office["hc_head"],
            target=office["hc_staff"],
            kind=kind,
            payload={**payload, **period},
            reason="Cán bộ cần đọc tài liệu mật để tổng hợp báo cáo của phòng",
            scope="Báo cáo của phòng",
        )
        unit_services.privileged_change_approve(actor=office["chief"], change=change)
    held = RoleAssignment.objects.get(user=office["hc_staff"], role__code=RoleCode.SECRET_ITEM)
    unit_rights.recertify(
        actor=office["hc_head"],
        assignment=held,
        keep=False,
        reason="Báo cáo đã xong, không cần xem tài liệu mật nữa",
    )
    unit_rights.rights_ended_sweep(today=timezone.localdate() + timedelta(days=31))


def timed_grant(office, flow):
    """Sight of a task for a period (units.grants), then revoked early."""
    from units import grants

    task = unit_services.task_create(
        actor=office["hc_head"],
        unit=office.units["hc"],
        owner=office["hc_staff"],
        title="Rà soát hồ sơ",
        due_working_days=5,
    )
    grant = grants.grant_for_period(
        task,
        office["tc_staff"],
        ends_on=timezone.localdate() + timedelta(days=3),
        reason="Đọc tài liệu",
        granted_by=office["hc_head"],
        source=grants.source_of(task),
    )
    grants.grant_revoke(grant, actor=office["hc_head"], reason="Đã đọc xong")


def recertification(office, flow):
    """The head recertifies the right he asked for: kept, then (another period) revoked."""
    from units import rights as unit_rights

    rights(office, flow)
    assignment = RoleAssignment.objects.get(user=office["hc_staff"])
    unit_rights.recertify(
        actor=office["hc_head"],
        assignment=assignment,
        keep=False,
        reason="Bộ phận một cửa đã có văn thư chuyên trách",
    )


def delegation(office, flow):
    today = timezone.localdate()
    made = unit_services.delegation_create(
        actor=office["head"],
        unit=office.units["th"],
        delegate=office["deputy"],
        starts_on=today,
        ends_on=today + timedelta(days=3),
        reason="Đi công tác",
    )
    unit_services.delegation_cancel(actor=office["head"], delegation=made)


def task(office, flow):
    made = unit_services.task_create(
        actor=office["head"],
        unit=office.units["th"],
        owner=office["staff"],
        title="Tổng hợp số liệu",
        due_working_days=5,
        coordinating_units=[office.units["tc"]],
    )
    unit_services.task_update(
        actor=office["staff"], task=made, title="Tổng hợp số liệu quý", description=""
    )
    unit_services.task_start(actor=office["staff"], task=made)
    unit_services.task_complete(actor=office["staff"], task=made, result_note="Xong")
    unit_services.task_return(actor=office["head"], task=made, reason="Bổ sung số liệu")
    ownership.work_reassign(
        actor=office["head"], obj=made, new_owner=office["deputy"], reason="Đổi người"
    )
    ownership.work_move(
        actor=office["dc"], obj=made, new_unit=office.units["tc"], reason="Thuộc Ban Tổ chức"
    )


def escalation(office, flow):
    unit_services.escalation_create(
        actor=office["head"], unit=office.units["th"], title="Kiến nghị", dossier="Hồ sơ"
    )


def consultation(office, flow):
    made = unit_services.consultation_create(
        actor=office["head"],
        asked_unit=office.units["tc"],
        subject="Xin ý kiến",
        question="Ý kiến về dự thảo?",
        due_working_days=3,
    )
    unit_services.consultation_designate(
        actor=office["tc_head"], consultation=made, answerer=office["tc_staff"]
    )
    unit_services.consultation_answer(
        actor=office["tc_staff"], consultation=made, answer="Nhất trí"
    )


def program_and_items(office, flow):
    program = flow.program(items=2)
    services.program_update(actor=office["head"], program=program, title="Chương trình sửa")
    first, second = program.items.order_by("order")
    services.item_update(
        actor=office["head"],
        item=first,
        title=first.title,
        due_date=first.due_date,
        owner=office["staff"],
        reason="Chuyên viên theo dõi lĩnh vực này",
    )
    services.item_remove(actor=office["head"], item=second)
    flow.approve(program)
    request = services.change_request_create(
        actor=office["head"], program=program, reason="Việc đột xuất."
    )
    approvals.approval_submit(actor=office["head"], obj=request)
    approvals.approval_decide(actor=office["dc"], obj=request, kind=DecisionKind.APPROVE)
    services.program_create(
        actor=office["head"],
        unit=office.units["th"],
        period_kind=PeriodKind.MONTH,
        year=flow.year(),
        number=2,
        scope=Scope.UNIT,
        title="Chương trình kỳ hai",
    )


def reports(office, flow):
    report = flow.report()
    services.report_update(actor=office["head"], report=report, title="Báo cáo", content="Nội dung")
    flow.approve(report)


def meetings(office, flow):
    meeting = flow.meeting()
    services.meeting_update(
        actor=office["head"],
        meeting=meeting,
        title="Giao ban",
        starts_at=meeting.starts_at,
        place="Phòng họp",
        participants=[office["head"], office["staff"]],
        chair=office["head"],
    )
    services.meeting_record_minutes(
        actor=office["staff"], meeting=meeting, minutes="Nội dung", self_criticism="x"
    )
    conclusion = services.conclusion_add(actor=office["staff"], meeting=meeting, text="Kết luận")
    services.conclusion_to_task(
        actor=office["head"], conclusion=conclusion, owner=office["staff"], due_working_days=3
    )
    leadership = flow.meeting(
        kind=MeetingKind.LEADERSHIP,
        unit="hc",
        head="hc_head",
        owner="hc_staff",
        participants=("chief", "dc"),
        chair="chief",
    )
    services.meeting_draft_notice(
        actor=office["hc_staff"], meeting=leadership, conclusion_notice="Thống nhất:"
    )


def calendar(office, flow):
    entry = flow.calendar_entry()
    services.calendar_entry_update(
        actor=office["hc_staff"],
        entry=entry,
        leader=office["dc"],
        starts_at=entry.starts_at,
        content="Dự hội nghị",
    )
    services.calendar_entry_delete(actor=office["hc_staff"], entry=entry)


def incoming(office, flow):
    document = dispatch_services.incoming_register(
        actor=office["clerk"],
        received_at=timezone.now(),
        sender="Ban Tổ chức Tỉnh ủy",
        number_and_symbol="01-CV/BTCTU",
        document_date=date(2026, 11, 20),
        doc_type=DocumentType.objects.get(name="Công văn"),
        summary="Về việc chuẩn bị hội nghị",
        attachments=[_pdf()],
    )
    dispatch_services.attachments_add(actor=office["clerk"], document=document, files=[_pdf()])
    dispatch_services.incoming_present(actor=office["clerk"], document=document)
    dispatch_services.incoming_distribute(
        actor=office["chief"],
        document=document,
        lead_unit=office.units["th"],
        handling_days=5,
        coordinating_units=[office.units["tc"]],
        instruction="Giao Phòng Tổng hợp chủ trì.",
    )
    dispatch_services.incoming_assign(
        actor=office["head"], document=document, owner=office["staff"], reason=""
    )
    dispatch_services.incoming_progress_add(
        actor=office["staff"], document=document, note="Đang làm"
    )
    dispatch_services.incoming_close(actor=office["staff"], document=document, result_note="Xong")


def outgoing(office, flow):
    def draft():
        return dispatch_services.outgoing_create(
            actor=office["staff"],
            doc_type=DocumentType.objects.get(name="Hướng dẫn"),
            issuer=Issuer.objects.get(code="VPTU"),
            summary="Hướng dẫn thể thức văn bản",
            signer=office["dc"],
            signer_title="Phó Chánh Văn phòng",
            signer_authority="K/T",
            content_file=_pdf("du-thao.pdf"),
            recipient_units=[office.units["tc"]],
            outside_recipients=["Huyện ủy Đông Sơn"],
        )

    def to_signature(document):
        dispatch_services.outgoing_review(actor=office["head"], document=document)
        dispatch_services.outgoing_confirm_check(actor=office["clerk"], document=document)
        dispatch_services.outgoing_submit(actor=office["staff"], document=document)

    returned = draft()
    to_signature(returned)
    approvals.approval_decide(
        actor=office["dc"], obj=returned, kind=DecisionKind.RETURN, comment="Sửa lại"
    )
    document = draft()
    dispatch_services.outgoing_revise(
        actor=office["staff"],
        document=document,
        summary="Hướng dẫn thể thức (sửa)",
        signer_title="Phó Chánh Văn phòng",
        signer_authority="K/T",
    )
    to_signature(document)
    approvals.approval_decide(actor=office["dc"], obj=document, kind=DecisionKind.APPROVE)
    document.refresh_from_db()
    dispatch_services.outgoing_issue(actor=office["clerk"], document=document)
    dispatch_services.seal_use_record(actor=office["clerk"], document=document, seal="Dấu VP")
    dispatch_services.outgoing_dispatch(actor=office["clerk"], document=document)
    delivery = document.deliveries.filter(unit__isnull=False).get()
    dispatch_services.delivery_receive(actor=office["clerk"], delivery=delivery, received_by="A")


def letters(office, flow):
    letter = dispatch_services.letter_receive(
        actor=office["clerk"],
        received_on=timezone.localdate(),
        sender_name="Nguyễn Văn Dân",
        sender_address="Xã Quảng Phú",
        summary="Khiếu nại",
    )
    dispatch_services.letter_classify(
        actor=office["clerk"],
        letter=letter,
        category="complaint",
        is_anonymous=False,
        out_of_competence=False,
        proposal="Chuyển UBND huyện",
    )
    dispatch_services.letter_route(
        actor=office["hc_head"], letter=letter, routed_to="UBND huyện", to_standing_board=False
    )
    dispatch_services.letter_record_result(actor=office["clerk"], letter=letter, result="Xong")


def reception(office, flow):
    dispatch_services.reception_record(
        actor=office["clerk"],
        held_on=timezone.localdate(),
        leader="Bí thư Tỉnh ủy",
        citizens="Ông A",
        matters="Đất đai",
    )


def travel_paper(office, flow):
    dispatch_services.travel_paper_sign(
        actor=office["hc_head"],
        traveller="Trần Văn Khách",
        agency="Huyện ủy Đông Sơn",
        purpose="Làm việc",
        arrived_on=timezone.localdate(),
        left_on=timezone.localdate() + timedelta(days=1),
    )


#: Written only by data migrations and the admin's catalogue pages, never by a service.
CATALOGUES = {
    "units.Unit",
    "units.UnitDesignation",
    "dispatch.DocumentType",
    "dispatch.Issuer",
    "dispatch.Urgency",
    "dispatch.Register",
    "dispatch.LetterDeadline",
    "workprograms.ReportDeadline",
    "core.DayOff",
    "core.PartyTerm",
    "units.RightsPolicy",
}

SERVICES = {
    "auth.User": [staff_accounts],
    "units.StaffMember": [staff_accounts],
    "units.Delegation": [delegation],
    "units.RoleAssignment": [rights, secret_rights],
    "units.PrivilegedChange": [rights, secret_rights],
    "units.RoleRecertification": [recertification],
    "units.TimedGrant": [timed_grant],
    "units.Task": [task, meetings],
    "units.Escalation": [escalation],
    "units.Consultation": [consultation],
    "units.CollectiveDiscussion": [program_and_items, reports],
    "workprograms.WorkProgram": [program_and_items],
    "workprograms.ProgramItem": [program_and_items],
    "workprograms.ChangeRequest": [program_and_items],
    "workprograms.Report": [reports],
    "workprograms.Meeting": [meetings],
    "workprograms.MeetingConclusion": [meetings],
    "workprograms.CalendarEntry": [calendar],
    "dispatch.IncomingDocument": [incoming],
    "dispatch.IncomingAttachment": [incoming],
    "dispatch.IncomingProgress": [incoming],
    "dispatch.OutgoingDocument": [outgoing],
    "dispatch.Delivery": [outgoing],
    "dispatch.SealUse": [outgoing],
    "dispatch.Letter": [letters],
    "dispatch.ReceptionSession": [reception],
    "dispatch.TravelPaper": [travel_paper],
}


def test_every_tracked_model_says_which_services_write_it():
    labels = {model._meta.label for model in tracked_models()}
    assert labels - set(SERVICES) - CATALOGUES == set()
    assert set(SERVICES) | CATALOGUES <= labels


def _history_models():
    return [model.history.model for model in tracked_models()]


@pytest.mark.parametrize("label", sorted(SERVICES))
def test_every_history_row_of_a_service_write_has_its_user_and_reason(label, office, flow):
    model = apps.get_model(label)
    history = model.history.model
    before = {row: set(row.objects.values_list("pk", flat=True)) for row in _history_models()}
    with translation.override("en"):
        for scenario in SERVICES[label]:
            scenario(office, flow)
    written = {row: row.objects.exclude(pk__in=before[row]) for row in _history_models()}
    assert written[history].exists(), f"no history row of {label}"
    incomplete = [
        (row._meta.label, entry.history_type, entry.history_user_id, entry.history_change_reason)
        for row, entries in written.items()
        for entry in entries
        if entry.history_user_id is None or not (entry.history_change_reason or "").strip()
    ]
    assert incomplete == []


def test_an_english_browsing_actor_stores_vietnamese_reasons_and_notifications(office, flow):
    with translation.override("en"):
        made = unit_services.task_create(
            actor=office["head"],
            unit=office.units["th"],
            owner=office["staff"],
            title="Tổng hợp",
            due_working_days=5,
        )
    assert made.history.first().history_change_reason == "Giao việc"
    assert OwnershipChange.objects.filter(object_id=made.pk).get().reason == "Giao việc"
    notice = Notification.objects.filter(recipient=office["staff"]).latest("pk")
    assert notice.title.startswith("Việc mới: Tổng hợp")


def test_a_reused_instance_never_records_the_previous_reason(office):
    made = unit_services.task_create(
        actor=office["head"],
        unit=office.units["th"],
        owner=office["staff"],
        title="Tổng hợp",
        due_working_days=5,
    )
    assert not hasattr(made, "_change_reason") and not hasattr(made, "_history_user")
    made.title = "Sửa ngoài dịch vụ"
    made.save(update_fields=["title"])
    assert made.history.first().history_change_reason is None
    with pytest.raises(ValueError, match="reason"):
        audited_save(made, actor=office["head"], reason="  ")


def test_program_item_reassignments_are_recorded(office, flow):
    program = flow.program(items=1)
    item = program.items.get()
    services.item_update(
        actor=office["head"],
        item=item,
        title=item.title,
        due_date=item.due_date,
        owner=office["staff"],
        reason="Chuyên viên theo dõi lĩnh vực này",
    )
    changes = ownership.ownership_changes(item)
    assert [(c.from_owner, c.to_owner) for c in changes] == [
        (None, office["head"]),
        (office["head"], office["staff"]),
    ]
    assert Task.objects.count() == 0
