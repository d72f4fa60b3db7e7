"""Appraisal and disposal (Điều 8.2). The archivist proposes the expired files and the
council; the leadership forms it (step 1 of the appraisal's path); each member gives an
opinion on each file; the secretary records the council's decision (step 2, a collective
body's recorded decision, refused without quorum); the chief approves the destruction (step 3)
and only then are the files of the destruction list destroyed, by `appraisal_destroy` alone.

A file a member kept is kept: when the majority still said destroy, it is CONTESTED, flagged to
the chief, and goes on the destruction list only if he confirms it, with a reason, before he
approves. A tie keeps the file."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from archive import permissions as archive_permissions
from archive import selectors
from archive.choices import CouncilRole, FileState, LineOutcome, Verdict
from archive.models import (
    Appraisal,
    AppraisalLine,
    CouncilMember,
    CouncilOpinion,
    RecordFile,
    RecordItem,
)
from core.audit import audited_bulk_update, audited_save, in_office_language
from core.numbering import number_next, sequence_key
from core.services import notify
from units import ownership, permissions
from units.choices import ApprovalStep, DecisionKind, Designation
from units.designations import designated_unit
from units.models import Decision, Unit
from units.selectors import chiefs

#: one chair, one secretary, one expert at least; a representative of each owning unit
SINGLE_ROLES = (CouncilRole.CHAIR, CouncilRole.SECRETARY)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _files_label(files: Iterable[RecordFile]) -> str:
    return "; ".join(f"{f.code} – {f.title}"[:120] for f in files)


# The proposal ---------------------------------------------------------------------------------


@transaction.atomic
@in_office_language
def appraisal_create(
    *,
    actor,
    title: str,
    note: str,
    files: Iterable[RecordFile],
    kept_files: Iterable[RecordFile] = (),
    kept_note: str = "",
) -> Appraisal:
    """The archivist proposes the files whose retention has expired for destruction, with an
    explanatory note, and lists those he keeps; the list is numbered."""
    _require(
        archive_permissions.may_propose_appraisal(actor),
        _("Chỉ cán bộ Lưu trữ đề nghị thẩm định tài liệu hết giá trị."),
    )
    files, kept_files = list(files), list(kept_files)
    if not files:
        raise ValidationError({"files": _("Chọn ít nhất một hồ sơ đề nghị hủy.")})
    if not (note or "").strip():
        raise ValidationError({"note": _("Ghi bản thuyết minh đề nghị hủy tài liệu.")})
    if kept_files and not (kept_note or "").strip():
        raise ValidationError({"kept_note": _("Ghi lý do giữ lại các hồ sơ đã hết hạn.")})
    both = {f.pk for f in files} & {f.pk for f in kept_files}
    if both:
        raise ValidationError({"kept_files": _("Một hồ sơ không vừa đề nghị hủy vừa giữ lại.")})
    expired = set(
        selectors.expired_files(actor)
        .filter(pk__in=[f.pk for f in files + kept_files])
        .values_list("pk", flat=True)
    )
    not_expired = [f for f in files + kept_files if f.pk not in expired]
    if not_expired:
        raise ValidationError(
            {
                "files": _(
                    "Hồ sơ chưa hết thời hạn bảo quản, không ở Lưu trữ cơ quan hoặc đang được "
                    "thẩm định: %(files)s."
                )
                % {"files": _files_label(not_expired)}
            }
        )
    unit = designated_unit(Designation.ARCHIVES)
    today = timezone.localdate()
    appraisal = Appraisal(
        lead_unit=unit,
        owner=actor,
        year=today.year,
        title=title.strip(),
        note=note.strip(),
        kept_note=(kept_note or "").strip(),
    )
    appraisal.full_clean(exclude=["number"])
    appraisal.number = number_next(sequence_key("archive.appraisal-list", today.year))
    audited_save(appraisal, actor=actor, reason=_("Đề nghị thẩm định tài liệu hết giá trị"))
    ownership.record_assignment(appraisal, actor=actor, reason=_("Đề nghị thẩm định"))
    position = 0
    for verdict, chosen in ((Verdict.DESTROY, files), (Verdict.KEEP, kept_files)):
        for record_file in chosen:
            position += 1
            line = AppraisalLine(
                appraisal=appraisal, record_file=record_file, position=position, proposal=verdict
            )
            audited_save(line, actor=actor, reason=_("Đưa hồ sơ vào danh mục thẩm định"))
    return appraisal


@transaction.atomic
@in_office_language
def council_member_add(
    *, actor, appraisal: Appraisal, user, role: str, unit: Unit | None = None
) -> CouncilMember:
    """The archivist proposes the council's members; the leadership's decision forms it."""
    _require(
        archive_permissions.can_prepare_appraisal(actor, appraisal),
        _("Đợt thẩm định đã trình: không sửa Hội đồng được."),
    )
    if role not in CouncilRole.values:
        raise ValidationError({"role": _("Vai trò không hợp lệ.")})
    members = list(appraisal.members.all())
    if any(m.user_id == user.pk for m in members):
        raise ValidationError({"user": _("Người này đã là thành viên Hội đồng.")})
    if role in SINGLE_ROLES and any(m.role == role for m in members):
        raise ValidationError(
            {"role": _("Hội đồng đã có %(role)s.") % {"role": CouncilRole(role).label}}
        )
    viewer = permissions.viewer_for(user)
    if role == CouncilRole.SECRETARY and viewer.unit_id != appraisal.lead_unit_id:
        raise ValidationError({"user": _("Thư ký Hội đồng là cán bộ Lưu trữ.")})
    if role == CouncilRole.UNIT:
        if unit is None:
            raise ValidationError({"unit": _("Chọn đơn vị mà thành viên đại diện.")})
        if viewer.unit_id != unit.pk:
            raise ValidationError({"user": _("Người đại diện phải là cán bộ của đơn vị đó.")})
    else:
        unit = None
    member = CouncilMember(
        appraisal=appraisal, user=user, role=role, unit=unit, position=len(members) + 1
    )
    audited_save(member, actor=actor, reason=_("Đề nghị thành viên Hội đồng"))
    return member


def appraisal_before_submit(appraisal: Appraisal) -> None:
    """The council is complete: a chair, the secretary, an expert, and a representative of
    every unit whose files are proposed."""
    if not appraisal.lead_unit.deputy_chief_id:
        raise ValidationError(
            _("Lưu trữ chưa có Phó Chánh Văn phòng phụ trách để quyết định thành lập Hội đồng.")
        )
    members = list(appraisal.members.all())
    roles = {m.role for m in members}
    missing = [
        CouncilRole(role).label
        for role in (CouncilRole.CHAIR, CouncilRole.SECRETARY, CouncilRole.EXPERT)
        if role not in roles
    ]
    represented = {m.unit_id for m in members if m.role == CouncilRole.UNIT}
    owners = Unit.objects.filter(
        pk__in=appraisal.lines.values("record_file__lead_unit_id")
    ).exclude(pk__in=represented)
    missing += [_("đại diện %(unit)s") % {"unit": unit} for unit in owners]
    if missing:
        raise ValidationError(
            _("Hội đồng còn thiếu: %(missing)s.") % {"missing": ", ".join(map(str, missing))}
        )


# The council ----------------------------------------------------------------------------------


@transaction.atomic
@in_office_language
def opinion_record(
    *, actor, appraisal: Appraisal, line: AppraisalLine, verdict: str, reason: str
) -> CouncilOpinion:
    """A member's opinion on one file (destroy or keep, with a reason), changed until the
    council's decision is recorded."""
    _require(
        archive_permissions.can_give_opinion(actor, appraisal),
        _("Chỉ thành viên Hội đồng cho ý kiến, khi Hội đồng đang xem xét."),
    )
    if line.appraisal_id != appraisal.pk or line.proposal != Verdict.DESTROY:
        raise ValidationError({"line": _("Hồ sơ không thuộc danh mục đề nghị hủy của đợt này.")})
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": _("Chọn Hủy hoặc Giữ lại.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Ghi lý do của ý kiến.")})
    member = archive_permissions.council_member(actor, appraisal)
    opinion = CouncilOpinion.objects.filter(line=line, member=member).first()
    if opinion is None:
        opinion = CouncilOpinion(line=line, member=member)
    opinion.verdict, opinion.reason = verdict, reason.strip()[:1000]
    audited_save(opinion, actor=actor, reason=_("Ý kiến thành viên Hội đồng"))
    return opinion


def quorum_missing(appraisal: Appraisal) -> list[AppraisalLine]:
    """The files proposed for destruction on which no more than the quorum's share of the
    members gave an opinion."""
    share = selectors.quorum_share()
    total = appraisal.members.count()
    return [
        line
        for line in selectors.appraisal_lines(appraisal)
        if line.proposal == Verdict.DESTROY and len(line.opinions.all()) * 100 <= total * share
    ]


def appraisal_before_decide(appraisal: Appraisal, actor, *, step, kind: str) -> None:
    """The council's decision is recorded by its secretary, and only with its quorum on every
    file: otherwise refused, nothing written."""
    if step.kind != ApprovalStep.COLLECTIVE or kind != DecisionKind.APPROVE:
        return
    _require(
        archive_permissions.can_record_council(actor, appraisal),
        _("Chỉ Thư ký Hội đồng ghi quyết định của Hội đồng."),
    )
    missing = quorum_missing(appraisal)
    if missing:
        raise ValidationError(
            _(
                "Hội đồng chưa đủ số thành viên cho ý kiến (quá %(share)d%% số thành viên) về "
                "các hồ sơ: %(files)s. Chưa ghi được quyết định của Hội đồng."
            )
            % {
                "share": selectors.quorum_share(),
                "files": _files_label(line.record_file for line in missing),
            }
        )


@transaction.atomic
@in_office_language
def council_decision_record(*, actor, appraisal: Appraisal, held_on: date) -> Appraisal:
    """The secretary records the council's decision: the minutes take the next number, the
    decision passes to the chief (`units.approvals`, the collective step)."""
    from units.approvals import approval_decide

    _require(
        archive_permissions.can_record_council(actor, appraisal),
        _("Chỉ Thư ký Hội đồng ghi quyết định của Hội đồng."),
    )
    number = number_next(sequence_key("archive.council-minutes", appraisal.year))
    return approval_decide(
        actor=actor,
        obj=appraisal,
        kind=DecisionKind.APPROVE,
        resolution_number=f"{number:02d}",
        resolution_date=held_on,
    )


def _council_formed(appraisal: Appraisal, actor) -> None:
    appraisal.council_number = number_next(sequence_key("archive.council-decision", appraisal.year))
    audited_save(
        appraisal,
        actor=actor,
        reason=_("Quyết định thành lập Hội đồng xác định giá trị tài liệu"),
        update_fields=["council_number", "updated_at"],
    )
    members = [m.user for m in selectors.council_members(appraisal)]
    for user in members:
        permissions.grant_view(appraisal, user)
    notify(
        about=appraisal,
        recipients=members,
        title=_("Hội đồng xác định giá trị tài liệu: cho ý kiến về %(item)s") % {"item": appraisal},
        url=appraisal.get_absolute_url(),
    )


def _outcome(line: AppraisalLine) -> str:
    if line.proposal == Verdict.KEEP:
        return LineOutcome.KEEP
    if line.destroy_votes > line.keep_votes:
        return LineOutcome.CONTESTED if line.keep_votes else LineOutcome.DESTROY
    return LineOutcome.KEEP


def _council_decided(appraisal: Appraisal, actor) -> None:
    """The majority of each file, the minutes' number and date from the recorded decision; the
    files a member kept flagged to the chief."""
    record = (
        Decision.objects.filter(
            content_type__app_label="archive",
            content_type__model="appraisal",
            object_id=appraisal.pk,
            kind=DecisionKind.APPROVE,
            step=ApprovalStep.COLLECTIVE,
        )
        .order_by("-at", "-pk")
        .first()
    )
    lines = selectors.appraisal_lines(appraisal)
    for line in lines:
        verdicts = [opinion.verdict for opinion in line.opinions.all()]
        line.destroy_votes = verdicts.count(Verdict.DESTROY)
        line.keep_votes = verdicts.count(Verdict.KEEP)
        line.outcome = _outcome(line)
    audited_bulk_update(
        AppraisalLine,
        lines,
        ["destroy_votes", "keep_votes", "outcome"],
        actor=actor,
        reason=_("Quyết định của Hội đồng (theo đa số)"),
    )
    appraisal.minutes_number = record.resolution_number
    appraisal.minutes_date = record.resolution_date
    audited_save(
        appraisal,
        actor=actor,
        reason=_("Biên bản họp Hội đồng"),
        update_fields=["minutes_number", "minutes_date", "updated_at"],
    )
    contested = [line for line in lines if line.keep_votes]
    if contested:
        notify(
            about=appraisal,
            recipients=list(chiefs()),
            title=_("Có thành viên Hội đồng đề nghị giữ lại %(count)d hồ sơ: %(item)s")
            % {"count": len(contested), "item": appraisal},
            body=_files_label(line.record_file for line in contested),
            url=appraisal.get_absolute_url(),
        )


def appraisal_step_passed(appraisal: Appraisal, actor, *, step, following) -> None:
    if step.kind == ApprovalStep.DEPUTY_CHIEF or (
        step.kind == ApprovalStep.CHIEF and following.kind == ApprovalStep.COLLECTIVE
    ):
        _council_formed(appraisal, actor)
    elif following.kind == ApprovalStep.CHIEF:
        _council_decided(appraisal, actor)


# The chief ------------------------------------------------------------------------------------


@transaction.atomic
@in_office_language
def destruction_confirm(*, actor, appraisal: Appraisal, line: AppraisalLine, reason: str):
    """The chief confirms the destruction of a file the majority said destroy though a member
    kept it; without his confirmation it is kept."""
    _require(
        archive_permissions.can_confirm_destruction(actor, appraisal),
        _("Chỉ Chánh Văn phòng xác nhận, khi quyết định hủy đang chờ Chánh Văn phòng."),
    )
    line = AppraisalLine.objects.select_for_update().get(pk=line.pk)
    if line.appraisal_id != appraisal.pk or line.outcome != LineOutcome.CONTESTED:
        raise ValidationError(
            {"line": _("Chỉ xác nhận hủy hồ sơ đa số đề nghị hủy mà có ý kiến giữ lại.")}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Ghi lý do xác nhận hủy.")})
    line.chief_confirmed, line.chief_reason = True, reason.strip()[:500]
    audited_save(
        line,
        actor=actor,
        reason=_("Chánh Văn phòng xác nhận hủy"),
        update_fields=["chief_confirmed", "chief_reason"],
    )
    return line


def appraisal_approved(appraisal: Appraisal, actor) -> None:
    """The chief's approved decision makes the destruction list: the files the council said
    destroy, and the contested ones he confirmed; decision and list numbered."""
    lines = list(appraisal.lines.all())
    for line in lines:
        line.on_list = line.outcome == LineOutcome.DESTROY or (
            line.outcome == LineOutcome.CONTESTED and line.chief_confirmed
        )
    audited_bulk_update(
        AppraisalLine, lines, ["on_list"], actor=actor, reason=_("Danh mục tài liệu hủy")
    )
    appraisal.decision_number = number_next(
        sequence_key("archive.destruction-decision", appraisal.year)
    )
    appraisal.list_number = number_next(sequence_key("archive.destruction-list", appraisal.year))
    audited_save(
        appraisal,
        actor=actor,
        reason=_("Quyết định hủy tài liệu hết giá trị"),
        update_fields=["decision_number", "list_number", "updated_at"],
    )


# Destruction: the one path ----------------------------------------------------------------------


@transaction.atomic
@in_office_language
def appraisal_destroy(
    *, actor, appraisal: Appraisal, files: Iterable[RecordFile] | None = None
) -> list[RecordFile]:
    """Destroy the files of the approved destruction list (all of them by default): their
    stored scans are removed from storage once the transaction commits, their catalogue entry
    kept with the decision's reference and date, every step in history. A file not on the
    approved list is refused, nothing written."""
    appraisal = Appraisal.objects.select_for_update().get(pk=appraisal.pk)
    _require(
        archive_permissions.can_destroy(actor, appraisal),
        _("Chỉ cán bộ Lưu trữ hủy tài liệu, theo quyết định hủy đã được Chánh Văn phòng duyệt."),
    )
    listed = {
        line.record_file_id: line
        for line in appraisal.lines.filter(on_list=True, destroyed_at__isnull=True)
    }
    chosen = list(files) if files is not None else []
    if files is None:
        chosen = list(RecordFile.objects.filter(pk__in=listed))
    if not chosen:
        raise ValidationError({"files": _("Không có hồ sơ nào trong danh mục tài liệu hủy.")})
    outside = [f for f in chosen if f.pk not in listed]
    if outside:
        raise ValidationError(
            {
                "files": _(
                    "Hồ sơ không có trong danh mục tài liệu hủy đã duyệt của %(item)s: "
                    "%(files)s. Không hủy được."
                )
                % {"item": appraisal, "files": _files_label(outside)}
            }
        )
    now = timezone.now()
    today = timezone.localdate()
    reference = appraisal.decision_reference
    record_files = list(
        RecordFile.objects.select_for_update().filter(pk__in=[f.pk for f in chosen])
    )
    items = list(RecordItem.objects.filter(record_file__in=record_files).exclude(upload=""))
    stored = [(item.upload.storage, item.upload.name) for item in items]
    for item in items:
        item.upload = ""
    audited_bulk_update(
        RecordItem, items, ["upload"], actor=actor, reason=_("Hủy bản quét: %s") % reference
    )
    for record_file in record_files:
        record_file.state = FileState.DESTROYED
        record_file.destroyed_on = today
        record_file.destruction_reference = reference[:200]
        record_file.updated_at = now
    audited_bulk_update(
        RecordFile,
        record_files,
        ["state", "destroyed_on", "destruction_reference", "updated_at"],
        actor=actor,
        reason=_("Hủy hồ sơ: %s") % reference,
    )
    lines = [listed[f.pk] for f in record_files]
    for line in lines:
        line.destroyed_at = now
    audited_bulk_update(AppraisalLine, lines, ["destroyed_at"], actor=actor, reason=_("Đã hủy"))
    if appraisal.destruction_minutes_number is None:
        appraisal.destruction_minutes_number = number_next(
            sequence_key("archive.destruction-minutes", appraisal.year)
        )
    fields = ["destruction_minutes_number", "updated_at"]
    if len(listed) == len(record_files):
        appraisal.destroyed_at, appraisal.destroyed_by = now, actor
        fields += ["destroyed_at", "destroyed_by"]
    audited_save(appraisal, actor=actor, reason=_("Biên bản hủy tài liệu"), update_fields=fields)

    def remove_scans() -> None:
        for storage, name in stored:
            storage.delete(name)

    transaction.on_commit(remove_scans)
    notify(
        about=appraisal,
        recipients=[appraisal.owner, *chiefs()],
        title=_("Đã hủy %(count)d hồ sơ theo %(reference)s")
        % {"count": len(record_files), "reference": reference},
        url=appraisal.get_absolute_url(),
    )
    return record_files


__all__ = [
    "appraisal_approved",
    "appraisal_before_decide",
    "appraisal_before_submit",
    "appraisal_create",
    "appraisal_destroy",
    "appraisal_step_passed",
    "council_decision_record",
    "council_member_add",
    "destruction_confirm",
    "opinion_record",
    "quorum_missing",
]
