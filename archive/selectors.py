"""Reads of the archive, already filtered to what the user may see."""

from __future__ import annotations

from datetime import date

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.choices import ArchiveTermKey, FileState, TransferState
from archive.models import (
    PERMANENT_RANK,
    ArchiveTerm,
    FileList,
    RecordFile,
    RecordItem,
    RetentionRule,
    RetentionSchedule,
    SourceBody,
    SourceList,
    SourceReceipt,
    Transfer,
    TransferLine,
)
from core.records import record_sources
from units import permissions
from units.choices import RoleCode


def current_schedule(day: date | None = None) -> RetentionSchedule | None:
    """The version of the retention table in force on `day`."""
    day = day or timezone.localdate()
    return RetentionSchedule.objects.filter(valid_from__lte=day).first()


def current_rules(day: date | None = None) -> QuerySet:
    schedule = current_schedule(day)
    if schedule is None:
        return RetentionRule.objects.none()
    return schedule.rules.all()


def rule_for_kind(kind: str, day: date | None = None) -> RetentionRule | None:
    """The current table's row a registered kind of record falls under."""
    if not kind:
        return None
    return current_rules(day).filter(record_kind=kind).order_by("years").first()


def term_years(key: str, day: date | None = None) -> int:
    """A period or threshold of the archival rules in force on `day` (data)."""
    day = day or timezone.localdate()
    term = ArchiveTerm.objects.filter(key=key, valid_from__lte=day).first()
    if term is None:
        raise ArchiveTerm.DoesNotExist(ArchiveTermKey(key).label)
    return term.years


def _rank_filter(min_years: int) -> Q:
    return Q(retention__years__isnull=True) | Q(retention__years__gte=min_years)


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def due_cutoff(today: date | None = None) -> date:
    """Files closed on or before this day are due for transfer to the agency archive."""
    today = today or timezone.localdate()
    return add_years(today, -term_years(ArchiveTermKey.AGENCY_TRANSFER_YEARS, today))


def due_for_transfer(queryset: QuerySet, today: date | None = None) -> QuerySet:
    """Closed files kept long enough to transfer whose year after the work ended has passed."""
    today = today or timezone.localdate()
    minimum = term_years(ArchiveTermKey.MIN_TRANSFER_RETENTION, today)
    return queryset.filter(
        _rank_filter(minimum),
        state=FileState.CLOSED,
        is_reference_copy=False,
        closed_on__lte=due_cutoff(today),
    )


def due_for_historical(queryset: QuerySet, today: date | None = None) -> QuerySet:
    """Files of the agency archive whose period there has passed: due for the historical
    archive (the period is data)."""
    today = today or timezone.localdate()
    years = term_years(ArchiveTermKey.HISTORICAL_TRANSFER_YEARS, today)
    return queryset.filter(state=FileState.AGENCY, accepted_on__lte=add_years(today, -years))


# Record files ---------------------------------------------------------------------------------

LIST_FIELDS = (
    "id",
    "code",
    "title",
    "year",
    "state",
    "secrecy",
    "sheet_total",
    "starts_on",
    "ends_on",
    "lead_unit__code",
    "owner__first_name",
    "owner__last_name",
    "retention__years",
)


def files_for(user, *, scope: str = "", text: str = "") -> QuerySet:
    """Files the user may see, as `values()` rows for the list (one query a page). `scope`:
    "mine" (his own), "archive" (in the archives), "" (all he sees)."""
    rows = permissions.visible(RecordFile.objects.all(), user)
    viewer = permissions.viewer_for(user)
    if scope == "mine":
        rows = rows.filter(owner_id=viewer.user_id)
    elif scope == "archive":
        rows = rows.filter(state__in=[FileState.AGENCY, FileState.HISTORICAL])
    if text:
        rows = rows.filter(Q(title__ucontains=text) | Q(code__ucontains=text))
    return rows.order_by("-pk").values(*LIST_FIELDS)


def file_items(record_file: RecordFile) -> list[RecordItem]:
    return list(record_file.items.select_related("retention", "content_type"))


def file_page_queryset() -> QuerySet:
    return RecordFile.objects.select_related(
        "lead_unit", "owner", "retention", "entry", "box__shelf__repository", "series__fonds"
    )


def highest_item_rule(record_file: RecordFile) -> RetentionRule | None:
    rules = [
        item.retention
        for item in record_file.items.select_related("retention")
        if item.retention_id is not None
    ]
    return max(rules, key=lambda rule: rule.rank, default=None)


def held_files(user) -> QuerySet:
    """Files the person still holds: compiled and not handed to the archives."""
    return RecordFile.objects.filter(owner_id=user.pk, state__in=[FileState.OPEN, FileState.CLOSED])


def candidates(user, source_key: str, *, text: str = "", limit: int = 50) -> list:
    """What the user may file from a registered source: through the door's `choosable`."""
    from core.records import record_source

    source = record_source(source_key)
    rows = permissions.choosable(source.model._default_manager.all(), user)
    if source.select_related:
        rows = rows.select_related(*source.select_related)
    if text and source.search_fields:
        condition = Q()
        for name in source.search_fields:
            condition |= Q(**{f"{name}__ucontains": text})
        rows = rows.filter(condition)
    return list(rows.order_by("-pk")[:limit])


def sources() -> list:
    return record_sources()


# File lists -----------------------------------------------------------------------------------


def file_lists_for(user) -> QuerySet:
    return permissions.visible(FileList.objects.select_related("lead_unit", "owner"), user)


def open_entries_for(user) -> QuerySet:
    """Entries of approved lists the user may open a file from (his, or his unit's as head)."""
    from archive.models import FileListEntry
    from units.choices import ApprovalStatus

    viewer = permissions.viewer_for(user)
    return (
        FileListEntry.objects.filter(file_list__approval_status=ApprovalStatus.APPROVED)
        .filter(Q(person_id=viewer.user_id) | Q(file_list__lead_unit_id__in=viewer.head_unit_ids))
        .filter(files__isnull=True)
        .select_related("file_list", "retention")
    )


# Transfers ------------------------------------------------------------------------------------


def transfers_for(user) -> QuerySet:
    return permissions.visible(
        Transfer.objects.select_related("lead_unit", "owner").annotate(
            file_count=Count("lines"), sheet_count=Sum("lines__record_file__sheet_total")
        ),
        user,
    )


def transfer_lines(transfer: Transfer) -> list[TransferLine]:
    return list(
        transfer.lines.select_related("record_file__retention", "record_file__lead_unit").order_by(
            "position", "pk"
        )
    )


def transferable_files(transfer: Transfer) -> QuerySet:
    """What may go on the transfer's list; a form narrows it to what its user sees."""
    from archive.choices import TransferKind

    rows = RecordFile.objects.select_related("retention").exclude(transfer_lines__transfer=transfer)
    if transfer.kind == TransferKind.HISTORICAL:
        return rows.filter(state=FileState.AGENCY)
    return rows.filter(lead_unit_id=transfer.lead_unit_id, state=FileState.CLOSED)


# Sources --------------------------------------------------------------------------------------


def sources_for(user) -> QuerySet:
    today = timezone.localdate()
    overdue = SourceList.objects.filter(
        body_id=OuterRef("pk"), due_on__lt=today, receipts__isnull=True
    )
    return permissions.visible(
        SourceBody.objects.select_related("owner").annotate(
            list_count=Count("lists", distinct=True),
            receipt_count=Count("receipts", distinct=True),
            overdue_count=_subquery_count(overdue),
        ),
        user,
    )


def _subquery_count(queryset: QuerySet):
    counted = queryset.order_by().values("body_id").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def source_lists(body: SourceBody) -> list:
    today = timezone.localdate()
    lists = list(body.lists.prefetch_related(Prefetch("receipts", SourceReceipt.objects.all())))
    for item in lists:
        item.received = bool(item.receipts.all())
        item.overdue = not item.received and item.due_on < today
    return lists


def source_receipts(body: SourceBody) -> list:
    return list(body.receipts.select_related("source_list"))


# Statistics -----------------------------------------------------------------------------------


def statistics(user) -> dict:
    """Files and sheets by unit (fonds), year, retention and state; transfers due, received and
    overdue per body: what LT reports. Counted over what the user may see."""
    files = permissions.visible(RecordFile.objects.all(), user).order_by()

    def grouped(*fields):
        return list(
            files.values(*fields)
            .annotate(files=Count("pk"), sheets=Sum("sheet_total"))
            .order_by(*fields)
        )

    by_retention = list(
        files.values("retention__years")
        .annotate(files=Count("pk"), sheets=Sum("sheet_total"))
        .order_by(F("retention__years").desc(nulls_first=True))
    )
    today = timezone.localdate()
    bodies = sources_for(user).annotate(
        due_count=Count("lists", filter=Q(lists__due_on__gte=today), distinct=True)
    )
    return {
        "by_unit": grouped("lead_unit__code", "lead_unit__name_vi"),
        "by_year": grouped("year"),
        "by_retention": by_retention,
        "by_state": [{**row, "label": FileState(row["state"]).label} for row in grouped("state")],
        "bodies": list(bodies),
        "transfers_pending": transfers_for(user).filter(state=TransferState.SUBMITTED).count(),
        "agency_due": due_for_transfer(files).count(),
        "historical_due": due_for_historical(files).count(),
        "permanent_rank": PERMANENT_RANK,
        "is_archivist": permissions.viewer_for(user).has_role(RoleCode.ARCHIVIST),
    }


# The reading room ------------------------------------------------------------------------------


#: states of a file kept by the archives: what a reader may ask for
ARCHIVED_STATES = (FileState.AGENCY, FileState.HISTORICAL)


def opening_terms(day: date | None = None) -> dict[str, int]:
    """Years from a file's end date to its opening for public use, by secrecy level, as in
    force on `day` (data: `OpeningTerm`), in one query."""
    from archive.models import OpeningTerm

    day = day or timezone.localdate()
    terms: dict[str, int] = {}
    for secrecy, years in OpeningTerm.objects.filter(valid_from__lte=day).values_list(
        "secrecy", "years"
    ):
        terms.setdefault(secrecy, years)
    return terms


def file_end_date(record_file: RecordFile) -> date:
    """The date the file's records end: its last document, else the day it was closed, else
    the end of its year."""
    return record_file.ends_on or record_file.closed_on or date(record_file.year, 12, 31)


def opening_date(record_file: RecordFile, terms: dict[str, int] | None = None) -> date | None:
    """When the file opens for public use: an ordinary file the ordinary term after its end
    date; a secret one when its protection term ends (Luật BVBMNN 2018 Điều 19) or on the day
    it was declassified, whichever comes first. None when no term is set for its level."""
    terms = opening_terms() if terms is None else terms
    years = terms.get(record_file.secrecy)
    opens = add_years(file_end_date(record_file), years) if years is not None else None
    if record_file.is_secret:
        declassification = getattr(record_file, "declassification", None)
        if declassification is not None:
            day = declassification.declassified_on
            opens = day if opens is None else min(opens, day)
    return opens


def requests_for(user) -> QuerySet:
    from archive.models import ReadingRequest

    return permissions.visible(ReadingRequest.objects.all(), user).select_related(
        "requester", "researcher", "owner", "lead_unit"
    )


def reading_lines(request, user) -> list:
    """The request's files, each with `visible` (the viewer sees the file: its title is shown)
    and `opens_on`: three queries whatever the number of lines."""
    from archive.models import ReadingLine

    lines = list(
        ReadingLine.objects.filter(request=request).select_related(
            "record_file__declassification", "record_file__series__fonds", "box"
        )
    )
    ids = [line.record_file_id for line in lines]
    seen = set(
        permissions.visible(RecordFile.objects.filter(pk__in=ids), user).values_list(
            "pk", flat=True
        )
    )
    terms = opening_terms()
    for line in lines:
        line.visible = line.record_file_id in seen
        line.opens_on = opening_date(line.record_file, terms)
    return lines


def reading_events(request) -> QuerySet:
    return request.events.select_related("actor", "reader", "record_file").order_by("at", "pk")


def reading_copies(request) -> QuerySet:
    return request.copies.select_related("record_file", "issued_by")


def researchers() -> QuerySet:
    from archive.models import Researcher

    return Researcher.objects.select_related("user", "registered_by")


def reading_statistics(user, year: int) -> list[dict]:
    """The reading room by month of `year`: requests filed, files served (distinct files read),
    copies and extracts issued. Three grouped queries, over the requests the user may see."""
    from django.db.models.functions import ExtractMonth

    from archive.choices import ReadingEventKind
    from archive.models import CertifiedCopy, ReadingEvent

    requests = requests_for(user).order_by()
    filed = dict(
        requests.filter(created_at__year=year)
        .annotate(month=ExtractMonth("created_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    visible_ids = requests.values("pk")
    served = dict(
        ReadingEvent.objects.filter(
            request_id__in=visible_ids, kind=ReadingEventKind.READ, at__year=year
        )
        .annotate(month=ExtractMonth("at"))
        .values("month")
        .annotate(n=Count("record_file_id", distinct=True))
        .values_list("month", "n")
    )
    copies = dict(
        CertifiedCopy.objects.filter(request_id__in=visible_ids, issued_at__year=year)
        .annotate(month=ExtractMonth("issued_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    return [
        {
            "month": month,
            "requests": filed.get(month, 0),
            "files": served.get(month, 0),
            "copies": copies.get(month, 0),
        }
        for month in range(1, 13)
    ]


# Appraisal and disposal ----------------------------------------------------------------------


def expires_on(record_file: RecordFile) -> date | None:
    """The day a file's retention ends: its end date plus its term; permanent never ends."""
    if record_file.retention.years is None or record_file.ends_on is None:
        return None
    return add_years(record_file.ends_on, record_file.retention.years)


def expired_files(user, today: date | None = None) -> QuerySet:
    """Files in the agency archive whose retention has expired, on no appraisal still under
    way: one condition per term in years of the retention table (a handful of rows)."""
    from archive.models import AppraisalLine
    from units.choices import ApprovalStatus

    today = today or timezone.localdate()
    terms = set(RetentionRule.objects.filter(years__isnull=False).values_list("years", flat=True))
    expired = Q(pk__in=[])
    for years in terms:
        expired |= Q(retention__years=years, ends_on__lte=add_years(today, -years))
    under_way = AppraisalLine.objects.exclude(
        appraisal__approval_status=ApprovalStatus.RETURNED
    ).filter(record_file=OuterRef("pk"), destroyed_at__isnull=True)
    return (
        permissions.visible(RecordFile.objects.all(), user)
        .filter(expired, state=FileState.AGENCY, ends_on__isnull=False)
        .exclude(Exists(under_way))
        .select_related("retention", "lead_unit")
        .order_by("ends_on", "code", "pk")
    )


def appraisals_for(user) -> QuerySet:
    from archive.models import Appraisal

    return permissions.visible(Appraisal.objects.all(), user).select_related("lead_unit", "owner")


def appraisal_lines(appraisal) -> list:
    """The files with their opinions (members and their users): three queries in all."""
    from archive.models import CouncilOpinion

    return list(
        appraisal.lines.select_related("record_file__retention", "record_file__lead_unit")
        .prefetch_related(
            Prefetch(
                "opinions",
                queryset=CouncilOpinion.objects.select_related("member__user").order_by(
                    "member__position", "pk"
                ),
            )
        )
        .order_by("position", "pk")
    )


def council_members(appraisal) -> list:
    return list(appraisal.members.select_related("user", "unit").order_by("position", "pk"))


def quorum_share(day: date | None = None) -> int:
    """The quorum in force (data): more than this share of the members, in per cent."""
    from archive.models import CouncilQuorum

    day = day or timezone.localdate()
    quorum = CouncilQuorum.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    if quorum is None:
        raise CouncilQuorum.DoesNotExist(_("Chưa khai báo điều kiện hợp lệ của Hội đồng."))
    return quorum.share_percent


def awaiting_opinion(user) -> QuerySet:
    """Appraisals at the council's step where this member has not given an opinion on every
    file proposed for destruction."""
    from archive.models import Appraisal, AppraisalLine, CouncilMember
    from units.choices import ApprovalStatus, ApprovalStep

    missing = AppraisalLine.objects.filter(
        appraisal=OuterRef("appraisal_id"), proposal="destroy"
    ).exclude(opinions__member=OuterRef("pk"))
    mine = CouncilMember.objects.filter(user=user).filter(Exists(missing))
    return Appraisal.objects.filter(
        approval_status=ApprovalStatus.SUBMITTED,
        approval_step=ApprovalStep.COLLECTIVE,
        pk__in=mine.values("appraisal_id"),
    ).order_by("submitted_at", "pk")
