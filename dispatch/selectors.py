"""Reads of registers and documents, already narrowed to what the user may see through the
permission door (records clerks' sight of the registers is declared on the models)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from advisory.selectors import follow_suggestions
from core.text import fold
from dispatch.choices import (
    AWAITING_DISTRIBUTION,
    IN_HANDLING,
    IncomingStatus,
    LetterCategory,
    LetterStatus,
    OutgoingStage,
)
from dispatch.models import (
    IncomingDocument,
    Letter,
    OutgoingDocument,
    ReceptionSession,
    Register,
    TravelPaper,
)
from units import permissions
from units.choices import RoleCode

LIST_COLUMNS = ("register", "doc_type", "urgency", "lead_unit", "owner")
OUTGOING_COLUMNS = ("doc_type", "issuer", "urgency", "lead_unit", "owner", "signer")


def default_register(kind: str) -> Register | None:
    return Register.objects.filter(kind=kind, is_active=True).order_by("pk").first()


def visible_incoming(user) -> QuerySet[IncomingDocument]:
    return permissions.visible(IncomingDocument.objects.all(), user)


def visible_outgoing(user) -> QuerySet[OutgoingDocument]:
    return permissions.visible(OutgoingDocument.objects.all(), user)


def search(rows: QuerySet, text: str) -> QuerySet:
    """Diacritic- and case-insensitive search over number and symbol, sender and summary."""
    text = text.strip()
    if not text:
        return rows
    return rows.filter(
        Q(number_and_symbol__ucontains=text)
        | Q(sender__ucontains=text)
        | Q(summary__ucontains=text)
    )


def incoming_list(user, *, q: str = "", status: str = "") -> QuerySet[IncomingDocument]:
    rows = visible_incoming(user).select_related(*LIST_COLUMNS)
    if status == "awaiting":
        rows = rows.filter(status__in=AWAITING_DISTRIBUTION)
    elif status == "open":
        rows = rows.filter(status__in=IN_HANDLING)
    elif status in IncomingStatus.values:
        rows = rows.filter(status=status)
    return search(rows, q).order_by("-pk")


def incoming_duplicates(
    user, *, sender: str, number_and_symbol: str, document_date: date
) -> QuerySet[IncomingDocument]:
    """Registered documents the clerk may see with the same sender, number and date, compared
    without case or diacritics (a clerk may type "Ủy ban" one day and "uỷ ban" the next)."""
    candidates = (
        visible_incoming(user)
        .filter(document_date=document_date, number_and_symbol__uexact=number_and_symbol.strip())
        .exclude(status=IncomingStatus.CANCELLED)
        .values_list("pk", "sender", "number_and_symbol")
    )
    wanted = (fold(sender.strip()), fold(number_and_symbol.strip()))
    same = [
        pk
        for pk, their_sender, their_number in candidates
        if (fold(their_sender), fold(their_number)) == wanted
    ]
    return IncomingDocument.objects.filter(pk__in=same)


def follow_up(user, *, unit_id: int | None = None) -> QuerySet[IncomingDocument]:
    """The follow-up book: every distributed document with its deadline and progress."""
    rows = (
        visible_incoming(user)
        .filter(distributed_at__isnull=False)
        .exclude(status=IncomingStatus.CANCELLED)
        .select_related(*LIST_COLUMNS)
    )
    if unit_id:
        rows = rows.filter(lead_unit_id=unit_id)
    return rows.order_by("-pk")


def overdue(user, *, unit_id: int | None = None, today: date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    rows = (
        visible_incoming(user)
        .filter(status__in=IN_HANDLING, handling_deadline__lt=today)
        .select_related(*LIST_COLUMNS)
    )
    if unit_id:
        rows = rows.filter(lead_unit_id=unit_id)
    return rows.order_by("lead_unit__order", "handling_deadline", "pk")


def outgoing_list(user, *, q: str = "", stage: str = "") -> QuerySet[OutgoingDocument]:
    rows = visible_outgoing(user).select_related(*OUTGOING_COLUMNS)
    if stage in OutgoingStage.values:
        rows = rows.filter(stage=stage)
    q = q.strip()
    if q:
        rows = rows.filter(Q(number_and_symbol__ucontains=q) | Q(summary__ucontains=q))
    return rows.order_by("-pk")


def records_clerks() -> list:
    return list(permissions.holders_of(RoleCode.RECORDS_CLERK))


SEARCH_LIMIT = 50


def search_everything(user, text: str) -> dict[str, list]:
    """Every document the user may see whose number and symbol, sender or summary contains the
    text, ignoring case and diacritics: the newest SEARCH_LIMIT of each kind."""
    if not text.strip():
        return {"incoming": [], "outgoing": []}
    return {
        "incoming": list(incoming_list(user, q=text)[:SEARCH_LIMIT]),
        "outgoing": list(outgoing_list(user, q=text)[:SEARCH_LIMIT]),
    }


def visible_letters(user) -> QuerySet[Letter]:
    return permissions.visible(Letter.objects.all(), user)


def letter_list(user, *, q: str = "", status: str = "") -> QuerySet[Letter]:
    rows = visible_letters(user).select_related("lead_unit", "owner")
    if status in LetterStatus.values:
        rows = rows.filter(status=status)
    q = q.strip()
    if q:
        rows = rows.filter(Q(sender_name__ucontains=q) | Q(summary__ucontains=q))
    return rows.order_by("-pk")


def includes_clerks_unit(unit_ids) -> bool:
    """Whether one of these units is HC, recognised as the unit where the records clerks work
    (units are data: no unit code is written into the rules)."""
    return (
        bool(unit_ids)
        and permissions.holders_of(RoleCode.RECORDS_CLERK)
        .filter(staff__unit_id__in=unit_ids)
        .exists()
    )


def sees_hc_books(user) -> bool:
    """Reception sessions and travel papers are HC's books: its clerks, its head and deputies
    and office leadership see them."""
    viewer = permissions.viewer_for(user)
    if viewer.is_leadership or viewer.is_records_clerk:
        return True
    return includes_clerks_unit(viewer.managed_unit_ids)


def reception_sessions(user) -> QuerySet[ReceptionSession]:
    rows = ReceptionSession.objects.select_related("recorded_by")
    return rows if sees_hc_books(user) else rows.none()


def travel_papers(user) -> QuerySet[TravelPaper]:
    rows = TravelPaper.objects.select_related("signed_by")
    return rows if sees_hc_books(user) else rows.none()


def letter_report(user, date_from: date, date_to: date) -> dict:
    """The periodic letter and reception report: letters by category and status, sessions and
    citizens received, in the period."""
    from django.db.models import Count, Sum

    letters = visible_letters(user).filter(received_on__range=(date_from, date_to))
    by_category = dict(
        letters.order_by()
        .values_list("category")
        .annotate(n=Count("pk"))
        .values_list("category", "n")
    )
    by_status = dict(
        letters.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    sessions = reception_sessions(user).filter(held_on__range=(date_from, date_to))
    totals = sessions.aggregate(sessions=Count("pk"), citizens=Sum("citizen_count"))
    return {
        "categories": [
            (label, by_category.get(value, 0)) for value, label in LetterCategory.choices
        ],
        "unclassified": by_category.get("", 0),
        "statuses": [(label, by_status.get(value, 0)) for value, label in LetterStatus.choices],
        "total": sum(by_status.values()),
        "sessions": totals["sessions"] or 0,
        "citizens": totals["citizens"] or 0,
    }


def follower_suggestions(item: IncomingDocument | Letter) -> list:
    """Who follows the area a document or letter concerns (Điều 6.1), suggested to whoever
    distributes or routes it: found in what the page already shows (a document's sender and
    summary, a letter's sender unless anonymous and its content). A secret item gets none: its
    summary is never matched against the areas nor its followers shown beside it."""
    if item.is_secret:
        return []
    if isinstance(item, IncomingDocument):
        topic = f"{item.sender} {item.summary}"
    elif item.is_anonymous:
        topic = item.summary
    else:
        topic = f"{item.sender_name} {item.sender_address} {item.summary}"
    return follow_suggestions(topic)
