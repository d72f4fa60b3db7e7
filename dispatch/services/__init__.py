"""Every write of dispatch's work, one module per area: incoming documents, outgoing documents,
letters and citizen reception, travel papers and the registers themselves. Views, tasks and the
admin call these and nothing else; `from dispatch import services` reaches every one of them.
Who may do what is asked in `dispatch.permissions`."""

from dispatch.services.common import AWAIT_DISTRIBUTION, AWAIT_REVIEW, AWAIT_ROUTING
from dispatch.services.incoming import (
    DUE_SOON_WORKING_DAYS,
    attachments_add,
    incoming_assign,
    incoming_cancel,
    incoming_close,
    incoming_distribute,
    incoming_present,
    incoming_progress_add,
    incoming_register,
    incoming_send_reminders,
)
from dispatch.services.letters import (
    letter_classify,
    letter_deadline,
    letter_receive,
    letter_record_result,
    letter_route,
    reception_record,
)
from dispatch.services.outgoing import (
    format_check,
    outgoing_confirm_check,
    outgoing_consult,
    outgoing_create,
    outgoing_dispatch,
    outgoing_issue,
    outgoing_review,
    outgoing_revise,
    outgoing_submit,
    register_approval_effects,
)
from dispatch.services.registers import delivery_receive, register_of, seal_use_record
from dispatch.services.travel import travel_paper_sign

__all__ = [
    "AWAIT_DISTRIBUTION",
    "AWAIT_REVIEW",
    "AWAIT_ROUTING",
    "DUE_SOON_WORKING_DAYS",
    "attachments_add",
    "delivery_receive",
    "format_check",
    "incoming_assign",
    "incoming_cancel",
    "incoming_close",
    "incoming_distribute",
    "incoming_present",
    "incoming_progress_add",
    "incoming_register",
    "incoming_send_reminders",
    "letter_classify",
    "letter_deadline",
    "letter_receive",
    "letter_record_result",
    "letter_route",
    "outgoing_confirm_check",
    "outgoing_consult",
    "outgoing_create",
    "outgoing_dispatch",
    "outgoing_issue",
    "outgoing_review",
    "outgoing_revise",
    "outgoing_submit",
    "reception_record",
    "register_approval_effects",
    "register_of",
    "seal_use_record",
    "travel_paper_sign",
]
