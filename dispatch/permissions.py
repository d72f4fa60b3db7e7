"""Who may do what with dispatch's work: the predicates the services enforce and the views ask
before they offer an action (the door itself, who sees what, is `units.permissions`)."""

from __future__ import annotations

from dispatch import selectors
from dispatch.choices import AWAITING_DISTRIBUTION, IN_HANDLING, OutgoingStage
from dispatch.models import IncomingDocument, Letter, OutgoingDocument
from units import permissions
from units.choices import ApprovalStatus

#: An outgoing draft is edited, reviewed and submitted only in these approval states.
EDITABLE_APPROVAL = (ApprovalStatus.DRAFT, ApprovalStatus.RETURNED)
#: The stages in which the person in charge may still correct a draft.
DRAFT_STAGES = (OutgoingStage.DRAFT, OutgoingStage.REVIEWED, OutgoingStage.CHECKED)


def is_records_clerk(user) -> bool:
    return permissions.viewer_for(user).is_records_clerk


def can_distribute(user, document: IncomingDocument) -> bool:
    """The chief, or the deputy chief in charge of the unit now holding it (`can_move`)."""
    return document.status in AWAITING_DISTRIBUTION and permissions.can_move(user, document)


def can_attach(user, document: IncomingDocument) -> bool:
    """Scans are added by a records clerk or the person in charge."""
    return is_records_clerk(user) or document.owner_id == user.pk


def can_handle(user, document: IncomingDocument) -> bool:
    """Progress notes and closing: the person in charge, while the document is being handled."""
    return document.status in IN_HANDLING and document.owner_id == user.pk


def can_edit_draft(user, document: OutgoingDocument) -> bool:
    return (
        document.stage in DRAFT_STAGES
        and document.approval_status in EDITABLE_APPROVAL
        and permissions.can_edit(user, document)
    )


def can_review_draft(user, document: OutgoingDocument) -> bool:
    """The drafting unit's head reviews a draft not yet reviewed."""
    return (
        document.stage == OutgoingStage.DRAFT
        and document.approval_status in EDITABLE_APPROVAL
        and permissions.viewer_for(user).is_head_of(document.lead_unit_id)
    )


def can_submit_draft(user, document: OutgoingDocument) -> bool:
    return (
        document.stage == OutgoingStage.CHECKED
        and document.approval_status in EDITABLE_APPROVAL
        and permissions.can_edit(user, document)
    )


def can_handle_letter(user, letter: Letter) -> bool:
    """The person in charge of the letter or a head above him."""
    return permissions.can_edit(user, letter)


def can_route_letter(user, letter: Letter) -> bool:
    """HC's head routes the letters his unit leads."""
    return permissions.viewer_for(user).is_head_of(letter.lead_unit_id)


def can_record_reception(user) -> bool:
    """HC's clerks and its head keep the citizen reception book."""
    viewer = permissions.viewer_for(user)
    return viewer.is_records_clerk or selectors.includes_clerks_unit(viewer.head_unit_ids)


def can_sign_travel_papers(user) -> bool:
    """HC's head signs travel papers (Điều 7.7): the head of the records clerks' unit."""
    return selectors.includes_clerks_unit(permissions.viewer_for(user).head_unit_ids)
