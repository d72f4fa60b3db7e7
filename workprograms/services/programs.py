"""Work programs (Điều 3.3, 7.1, 12): drafting, their items, submission and the change requests
that make a new version of an approved program."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import (
    audited_bulk_create,
    audited_delete,
    audited_save,
    in_office_language,
)
from units import approvals, ownership, permissions
from units.choices import ApprovalStatus, Secrecy
from units.models import Task, Unit
from workprograms.choices import (
    PeriodKind,
    ProgramKind,
    Scope,
)
from workprograms.models import (
    SECRECY_ORDER,
    ChangeRequest,
    ProgramItem,
    WorkProgram,
)
from workprograms.permissions import program_is_editable
from workprograms.services.common import (
    _copyable_sources,
    _require_head,
    _scope_unit,
    issue_number,
)


def _require_editable(actor, program: WorkProgram) -> None:
    if not permissions.can_edit(actor, program):
        raise PermissionDenied(_("Bạn không có quyền sửa chương trình này."))
    if program.approval_status == ApprovalStatus.APPROVED:
        raise ValidationError(
            _(
                "Chương trình đã được duyệt, không sửa được; "
                "muốn thay đổi hãy lập đề nghị điều chỉnh."
            )
        )
    if not program_is_editable(program):
        raise ValidationError(_("Chương trình đang chờ lãnh đạo quyết định, không sửa được."))


@transaction.atomic
@in_office_language
def program_create(
    *,
    actor,
    unit: Unit,
    period_kind: str,
    year: int,
    number: int = 1,
    title: str,
    scope: str = Scope.UNIT,
    introduction: str = "",
    secrecy: str = Secrecy.NONE,
    program_kind: str = ProgramKind.WORK,
) -> WorkProgram:
    """The head drafts the unit's program (HC's head the office's). A quarterly or monthly unit
    program starts pre-filled from the unit's approved yearly program and the office's programs
    (Điều 12); the head edits from there."""
    _require_head(actor, unit)
    _scope_unit(scope, unit)
    program = WorkProgram(
        lead_unit=unit,
        owner=actor,
        scope=scope,
        program_kind=program_kind or ProgramKind.WORK,
        period_kind=period_kind,
        year=year,
        number=number if period_kind != PeriodKind.YEAR else 1,
        title=title,
        introduction=introduction,
        secrecy=secrecy,
    )
    program.full_clean()
    try:
        with transaction.atomic():
            audited_save(program, actor=actor, reason=_("Lập chương trình"))
    except IntegrityError as error:
        raise ValidationError(_("Đơn vị đã có chương trình công tác cho kỳ này.")) from error
    ownership.record_assignment(program, actor=actor, reason=_("Lập chương trình công tác"))
    if (
        scope == Scope.UNIT
        and program.program_kind == ProgramKind.WORK
        and period_kind in (PeriodKind.QUARTER, PeriodKind.MONTH)
    ):
        _prefill(program, actor=actor)
    return program


def _prefill(program: WorkProgram, *, actor) -> None:
    """Copy the items due in the program's period from the unit's approved yearly program and
    from the office's approved programs of that year that name this unit: the lines the head
    sees through the door, and no secret line into a program that is not secret."""
    start, end = program.period
    sources = (
        _copyable_sources(permissions.visible(ProgramItem.objects.all(), actor), program)
        .filter(
            program__in=_copyable_sources(WorkProgram.objects.all(), program),
            program__approval_status=ApprovalStatus.APPROVED,
            program__is_current=True,
            program__year=program.year,
            due_date__range=(start, end),
        )
        .filter(
            Q(
                program__scope=Scope.UNIT,
                program__program_kind=ProgramKind.WORK,
                program__period_kind=PeriodKind.YEAR,
                program__lead_unit=program.lead_unit,
            )
            | Q(program__scope=Scope.OFFICE, lead_unit=program.lead_unit)
        )
        .order_by("due_date", "pk")
    )
    members = set(permissions.members_of(program.lead_unit_id).values_list("pk", flat=True))
    seen: set[tuple[str, date]] = set()
    copies = []
    for order, item in enumerate(sources, start=1):
        key = (item.title.strip().lower(), item.due_date)
        if key in seen:
            continue
        seen.add(key)
        copies.append(
            ProgramItem(
                program=program,
                order=order,
                title=item.title,
                expected_output=item.expected_output,
                due_date=item.due_date,
                lead_unit=program.lead_unit,
                owner_id=item.owner_id if item.owner_id in members else program.owner_id,
                secrecy=_at_least(item.secrecy, program.secrecy),
                source_item=item,
            )
        )
    reason = _("Lấy từ chương trình đã duyệt")
    copies = audited_bulk_create(ProgramItem, copies, actor=actor, reason=reason)
    ownership.record_assignments(copies, actor=actor, reason=reason)
    for copy in copies:
        permissions.hand_secret(copy, [actor], actor=actor, reason=reason)


def _at_least(secrecy: str, floor: str) -> str:
    """The higher of two secrecy levels: a program's line is never less secret than it."""
    return max(secrecy, floor, key=SECRECY_ORDER.index)


@transaction.atomic
@in_office_language
def program_update(
    *, actor, program: WorkProgram, title: str, introduction: str = ""
) -> WorkProgram:
    _require_editable(actor, program)
    program.title = title
    program.introduction = introduction
    program.full_clean()
    audited_save(
        program,
        actor=actor,
        reason=_("Sửa chương trình"),
        update_fields=["title", "introduction", "updated_at"],
    )
    return program


def _check_item(program: WorkProgram, unit: Unit, owner, due_date: date) -> None:
    """One owner who is a member of the item's lead unit; an office program may give items to
    any unit, a unit program only to itself (Điều 22.2, `ProgramItem.clean`)."""
    if program.scope == Scope.UNIT and unit.pk != program.lead_unit_id:
        raise ValidationError(
            {"lead_unit": _("Chương trình của đơn vị chỉ giao việc cho chính đơn vị.")}
        )
    ownership.validate_owner(unit, owner)
    start, end = program.period
    if not start <= due_date <= end:
        raise ValidationError(
            {
                "due_date": _("Thời hạn phải nằm trong kỳ của chương trình (%(start)s – %(end)s).")
                % {"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")}
            }
        )


def _require_item_visible(actor, item: ProgramItem) -> None:
    """A line is edited by whoever edits its program and sees the line: a secret line hidden
    from him is not his to change (the door answers 404 on its pages)."""
    if not permissions.can_see(actor, item):
        raise PermissionDenied(_("Bạn không có quyền sửa nội dung này."))


def _linked_tasks(actor, tasks: Iterable[Task], item: ProgramItem | None = None) -> list[Task]:
    """The tasks an item carries: only tasks the actor may see can be linked (whoever sees the
    program reads their titles); links to tasks hidden from him, made by someone who saw them,
    are kept as they are."""
    chosen = permissions.require_visible(
        tasks,
        actor,
        field="tasks",
        message=_("Chỉ liên kết được những công việc mà bạn được xem."),
    )
    if item is None:
        return chosen
    seen = permissions.visible(Task.objects.all(), actor).values("pk")
    return chosen + list(item.tasks.exclude(pk__in=seen))


@transaction.atomic
@in_office_language
def item_add(
    *,
    actor,
    program: WorkProgram,
    title: str,
    due_date: date,
    owner,
    lead_unit: Unit | None = None,
    expected_output: str = "",
    tasks: Iterable[Task] = (),
    secrecy: str | None = None,
) -> ProgramItem:
    """A new line of a draft program, owned work from its first save: its person in charge
    gets his rights and the assignment is recorded; a secret line is handed to the editor who
    wrote it (he keeps seeing it), nobody else who reads the program."""
    _require_editable(actor, program)
    unit = lead_unit or program.lead_unit
    _check_item(program, unit, owner, due_date)
    tasks = _linked_tasks(actor, tasks)
    last = program.items.order_by("-order").values_list("order", flat=True).first() or 0
    item = ProgramItem(
        program=program,
        order=last + 1,
        title=title,
        due_date=due_date,
        lead_unit=unit,
        owner=owner,
        expected_output=expected_output,
        secrecy=program.secrecy if secrecy is None else secrecy,
    )
    item.full_clean()
    reason = _("Thêm nội dung công việc")
    audited_save(item, actor=actor, reason=reason)
    item.tasks.set(tasks)
    ownership.record_assignment(item, actor=actor, reason=reason)
    permissions.hand_secret(item, [actor], actor=actor, reason=reason)
    return item


@transaction.atomic
@in_office_language
def item_update(
    *,
    actor,
    item: ProgramItem,
    title: str,
    due_date: date,
    owner,
    lead_unit: Unit | None = None,
    expected_output: str = "",
    tasks: Iterable[Task] | None = None,
    secrecy: str | None = None,
    reason: str = "",
) -> ProgramItem:
    """Edit a line of a draft program. Another person in charge or lead unit is a reassignment
    through the shared ownership service (`units.ownership.change_owner`): it needs a reason,
    and writes the history row, the assignment record, the rights and the notice."""
    _require_editable(actor, item.program)
    _require_item_visible(actor, item)
    unit = lead_unit or item.lead_unit
    _check_item(item.program, unit, owner, due_date)
    reassigned = (unit.pk, owner.pk) != (item.lead_unit_id, item.owner_id)
    if reassigned and not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do giao lại.")})
    if tasks is not None:
        tasks = _linked_tasks(actor, tasks, item)
    item.title, item.due_date = title, due_date
    item.expected_output = expected_output
    if secrecy is not None:
        item.secrecy = secrecy
    item.full_clean()
    audited_save(item, actor=actor, reason=_("Sửa nội dung công việc"))
    permissions.hand_secret(item, [actor], actor=actor, reason=_("Sửa nội dung công việc"))
    if reassigned:
        ownership.change_owner(actor=actor, obj=item, unit=unit, owner=owner, reason=reason)
    if tasks is not None:
        item.tasks.set(tasks)
    return item


@transaction.atomic
@in_office_language
def item_remove(*, actor, item: ProgramItem) -> None:
    _require_editable(actor, item.program)
    _require_item_visible(actor, item)
    audited_delete(item, actor=actor, reason=_("Bỏ nội dung công việc"))


def program_before_submit(program: WorkProgram) -> None:
    """Approval effect: a change-request copy is decided through its request, never alone; an
    empty program is not sent (the unit's discussion is asked by `units.approvals`)."""
    if program.previous_version_id:
        raise ValidationError(_("Bản điều chỉnh được trình qua đề nghị điều chỉnh chương trình."))
    if not program.items.exists():
        raise ValidationError(_("Chương trình chưa có nội dung công việc nào."))


@transaction.atomic
@in_office_language
def program_approved(program: WorkProgram, actor) -> None:
    """Approval effect: the approved program takes its number."""
    issue_number(program, actor=actor)


@transaction.atomic
@in_office_language
def program_submit(*, actor, program: WorkProgram) -> WorkProgram:
    """Submit (or resubmit after a return) to the deputy chief in charge."""
    return approvals.approval_submit(actor=actor, obj=program)


def _copy_program(program: WorkProgram, *, owner) -> WorkProgram:
    copy = WorkProgram(
        lead_unit=program.lead_unit,
        owner=owner,
        scope=program.scope,
        period_kind=program.period_kind,
        year=program.year,
        number=program.number,
        title=program.title,
        introduction=program.introduction,
        secrecy=program.secrecy,
        version=program.version + 1,
        previous_version=program,
        is_current=False,
    )
    copy.full_clean()
    audited_save(
        copy,
        actor=owner,
        reason=_("Bản điều chỉnh của phiên bản %(version)s") % {"version": program.version},
    )
    # A version copy takes every line, secret ones too, with the people who see each: the
    # approved copy replaces the program, so a line left out would be lost.
    items = list(program.items.prefetch_related("tasks", "coordinating_units", "user_grants"))
    reason = _("Bản điều chỉnh của phiên bản %(version)s") % {"version": program.version}
    copies = audited_bulk_create(
        ProgramItem,
        [
            ProgramItem(
                program=copy,
                order=item.order,
                title=item.title,
                expected_output=item.expected_output,
                due_date=item.due_date,
                lead_unit_id=item.lead_unit_id,
                owner_id=item.owner_id,
                secrecy=item.secrecy,
                source_item=item,
            )
            for item in items
        ],
        actor=owner,
        reason=reason,
    )
    ownership.record_assignments(copies, actor=owner, reason=reason)
    pairs = list(zip(items, copies, strict=True))
    ProgramItem.tasks.through.objects.bulk_create(
        ProgramItem.tasks.through(programitem_id=new.pk, task_id=task.pk)
        for old, new in pairs
        for task in old.tasks.all()
    )
    ProgramItem.coordinating_units.through.objects.bulk_create(
        ProgramItem.coordinating_units.through(programitem_id=new.pk, unit_id=unit.pk)
        for old, new in pairs
        for unit in old.coordinating_units.all()
    )
    grants = permissions.grant_model(ProgramItem)
    grants.objects.bulk_create(
        [
            grants(content_object=new, user_id=grant.user_id, permission_id=grant.permission_id)
            for old, new in pairs
            for grant in old.user_grants.all()
        ],
        ignore_conflicts=True,
    )
    for new in copies:
        permissions.hand_secret(new, [owner], actor=owner, reason=reason)
    return copy


@transaction.atomic
@in_office_language
def change_request_create(
    *, actor, program: WorkProgram, reason: str, is_urgent: bool = False
) -> ChangeRequest:
    """Open a change of an approved program in force: the requester then edits the copy."""
    if not permissions.can_edit(actor, program):
        raise PermissionDenied(_("Bạn không có quyền đề nghị điều chỉnh chương trình này."))
    program = WorkProgram.objects.select_for_update().get(pk=program.pk)
    if not (program.is_approved and program.is_current):
        raise ValidationError(_("Chỉ điều chỉnh chương trình đã được duyệt và đang có hiệu lực."))
    if program.change_requests.exclude(approval_status=ApprovalStatus.APPROVED).exists():
        raise ValidationError(
            _("Chương trình đang có một đề nghị điều chỉnh chưa được quyết định.")
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do điều chỉnh.")})
    draft = _copy_program(program, owner=actor)
    ownership.record_assignment(draft, actor=actor, reason=_("Bản điều chỉnh chương trình"))
    request = ChangeRequest(
        lead_unit=program.lead_unit,
        owner=actor,
        program=program,
        draft=draft,
        reason=reason,
        is_urgent=is_urgent,
        secrecy=program.secrecy,
    )
    request.full_clean()
    audited_save(request, actor=actor, reason=_("Đề nghị điều chỉnh chương trình"))
    ownership.record_assignment(request, actor=actor, reason=_("Đề nghị điều chỉnh chương trình"))
    return request


def change_request_before_submit(request: ChangeRequest) -> None:
    if not request.draft.items.exists():
        raise ValidationError(_("Bản điều chỉnh chưa có nội dung công việc nào."))


def change_request_approved(request: ChangeRequest, actor) -> None:
    """Approval effect: the edited copy becomes the version in force; the old one is kept."""
    now = timezone.now()
    replaced = request.program
    replaced.is_current, replaced.updated_at = False, now
    audited_save(
        replaced,
        actor=actor,
        reason=_("Thay bằng bản điều chỉnh"),
        update_fields=["is_current", "updated_at"],
    )
    draft = request.draft
    draft.approval_status = ApprovalStatus.APPROVED
    draft.approval_step = ""
    draft.decided_at = now
    draft.decision_comment = request.decision_comment
    draft.is_current = True
    audited_save(
        draft,
        actor=actor,
        reason=_("Duyệt đề nghị điều chỉnh"),
        update_fields=[
            "approval_status",
            "approval_step",
            "decided_at",
            "decision_comment",
            "is_current",
            "updated_at",
        ],
    )
    issue_number(draft, actor=actor)
