"""Who may do what with record files, transfers and sources. Sight itself is the door's
(`units.permissions.visible`): archivists see by the role sight each model declares."""

from __future__ import annotations

from archive.choices import FileState, TransferKind, TransferState
from units import permissions
from units.choices import ApprovalStatus, Designation, RoleCode

EDITABLE_LIST_STATUSES = (ApprovalStatus.DRAFT, ApprovalStatus.RETURNED)


def is_archivist(user) -> bool:
    return permissions.viewer_for(user).has_role(RoleCode.ARCHIVIST)


def can_compile(user, record_file) -> bool:
    """The person in charge and his head add items to an open file and close it."""
    return record_file.state == FileState.OPEN and permissions.can_edit(user, record_file)


def can_set_retention(user, record_file) -> bool:
    return record_file.state in (FileState.OPEN, FileState.CLOSED) and permissions.can_edit(
        user, record_file
    )


def can_set_custody(user, record_file) -> bool:
    """Once in the archives, the archivists keep the file's place."""
    return (
        record_file.state in (FileState.AGENCY, FileState.HISTORICAL)
        and is_archivist(user)
        and permissions.can_see(user, record_file)
    )


def can_edit_file_list(user, file_list) -> bool:
    return file_list.approval_status in EDITABLE_LIST_STATUSES and permissions.can_edit(
        user, file_list
    )


def can_open_from(user, entry) -> bool:
    """The person the approved list names for the file, or his head, opens it."""
    file_list = entry.file_list
    if file_list.approval_status != ApprovalStatus.APPROVED:
        return False
    viewer = permissions.viewer_for(user)
    return entry.person_id == viewer.user_id or viewer.is_head_of(file_list.lead_unit_id)


def can_prepare_transfer(user, transfer) -> bool:
    return transfer.state in (
        TransferState.DRAFT,
        TransferState.RETURNED,
    ) and permissions.can_edit(user, transfer)


def can_check(user, transfer) -> bool:
    """Archivists receive and check a handed-in transfer."""
    return (
        transfer.state == TransferState.SUBMITTED
        and is_archivist(user)
        and permissions.can_see(user, transfer)
    )


def may_start_transfer(user, kind: str) -> bool:
    viewer = permissions.viewer_for(user)
    if kind == TransferKind.HISTORICAL:
        return viewer.has_role(RoleCode.ARCHIVIST)
    return bool(viewer.head_unit_ids)


def can_manage_source(user, body) -> bool:
    return is_archivist(user) and permissions.can_see(user, body)


# Description and open formats (archive/services/description.py, exchange.py) ---------------


def can_describe(user) -> bool:
    """The Archives unit describes what it keeps: its archivists and its head (the unit is
    data, `units.designations`)."""
    from units.designations import designated_unit

    viewer = permissions.viewer_for(user)
    if viewer.has_role(RoleCode.ARCHIVIST):
        return True
    unit = designated_unit(Designation.ARCHIVES)
    return unit is not None and viewer.is_head_of(unit.pk)


def can_describe_file(user, record_file) -> bool:
    """A file (or its items) is described once it is in the archives, by who may see it."""
    return (
        record_file.state in (FileState.AGENCY, FileState.HISTORICAL)
        and can_describe(user)
        and permissions.can_see(user, record_file)
    )


# The reading room ------------------------------------------------------------------------------


def may_register_researchers(user) -> bool:
    """Archivists register outside readers."""
    return is_archivist(user)


def may_request_reading(user, researcher) -> bool:
    """Office staff (a unit's member or leadership) and registered outside readers."""
    viewer = permissions.viewer_for(user)
    return researcher is not None or viewer.unit_id is not None or viewer.is_leadership


def can_serve(user, request) -> bool:
    """The archivists who see the request serve it (copies, extracts); never its reader."""
    return (
        request.requester_id != user.pk
        and is_archivist(user)
        and permissions.can_see(user, request)
    )


def can_read(user, request) -> bool:
    """The reader of an approved request, within its period."""
    return (
        request.requester_id == user.pk
        and request.approval_status == ApprovalStatus.APPROVED
        and request.is_current()
    )


# Appraisal and disposal ----------------------------------------------------------------------


def _at(appraisal, step_kind: str) -> bool:
    return (
        appraisal.approval_status == ApprovalStatus.SUBMITTED
        and appraisal.approval_step == step_kind
    )


def may_propose_appraisal(user) -> bool:
    return is_archivist(user)


def can_prepare_appraisal(user, appraisal) -> bool:
    """The archivist who proposes it sets its files and council until it is submitted."""
    return (
        appraisal.approval_status in EDITABLE_LIST_STATUSES
        and is_archivist(user)
        and permissions.can_edit(user, appraisal)
    )


def council_member(user, appraisal):
    """The user's seat on the council, or None (read from the prefetched members if any)."""
    if not user.is_authenticated:
        return None
    return next((m for m in appraisal.members.all() if m.user_id == user.pk), None)


def can_give_opinion(user, appraisal) -> bool:
    from units.choices import ApprovalStep

    return _at(appraisal, ApprovalStep.COLLECTIVE) and council_member(user, appraisal) is not None


def can_record_council(user, appraisal) -> bool:
    """The council's secretary records its decision."""
    from archive.choices import CouncilRole
    from units.choices import ApprovalStep

    member = council_member(user, appraisal)
    return (
        _at(appraisal, ApprovalStep.COLLECTIVE)
        and member is not None
        and member.role == CouncilRole.SECRETARY
    )


def can_confirm_destruction(user, appraisal) -> bool:
    """The chief, while the destruction decision waits for him, confirms a contested file."""
    from units.choices import ApprovalStep

    return _at(appraisal, ApprovalStep.CHIEF) and permissions.viewer_for(user).is_chief


def can_destroy(user, appraisal) -> bool:
    """Archivists destroy the files of an approved destruction list, once."""
    return (
        appraisal.approval_status == ApprovalStatus.APPROVED
        and appraisal.destroyed_at is None
        and is_archivist(user)
        and permissions.can_see(user, appraisal)
    )
