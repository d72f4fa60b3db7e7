"""Dispatch's work on the home page's "Việc của tôi": incoming documents being handled, letters
not yet closed and outgoing drafts not yet signed, for the person in charge of each."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text import clip
from dispatch.choices import IN_HANDLING, LetterStatus, OutgoingStage
from dispatch.models import IncomingDocument, Letter, OutgoingDocument
from units.panels import MyWork, register_my_work

#: How much of a summary a line of the panel shows.
TITLE_LENGTH = 90
OPEN_LETTERS = (LetterStatus.RECEIVED, LetterStatus.PROPOSED, LetterStatus.ROUTED)
UNSIGNED_STAGES = (OutgoingStage.DRAFT, OutgoingStage.REVIEWED, OutgoingStage.CHECKED)


def _incoming_title(document: IncomingDocument) -> str:
    return _("Văn bản đến số %(number)s: %(summary)s") % {
        "number": document.number,
        "summary": clip(document.summary, TITLE_LENGTH),
    }


def _letter_title(letter: Letter) -> str:
    return _("Đơn số %(number)s: %(summary)s") % {
        "number": letter.number,
        "summary": clip(letter.summary, TITLE_LENGTH),
    }


def _letter_due(letter: Letter):
    return (
        letter.result_deadline if letter.status == LetterStatus.ROUTED else letter.classify_deadline
    )


def register() -> None:
    register_my_work(
        MyWork(
            model=IncomingDocument,
            label=gettext_lazy("Văn bản đến đang xử lý"),
            open_rows=Q(status__in=IN_HANDLING),
            title=_incoming_title,
            due=lambda document: document.handling_deadline,
            order_by=("handling_deadline", "-pk"),
        )
    )
    register_my_work(
        MyWork(
            model=Letter,
            label=gettext_lazy("Đơn thư đang giải quyết"),
            open_rows=Q(status__in=OPEN_LETTERS),
            title=_letter_title,
            due=_letter_due,
        )
    )
    register_my_work(
        MyWork(
            model=OutgoingDocument,
            label=gettext_lazy("Dự thảo văn bản đi chưa ký"),
            open_rows=Q(stage__in=UNSIGNED_STAGES),
            title=lambda document: clip(document.summary, TITLE_LENGTH),
        )
    )
