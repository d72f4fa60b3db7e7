"""The reading room (Điều 8.2): readers registered, requests filed and decided, sight granted
for the period through `units.grants`, every reading, copy and extract logged, certified
copies numbered. The decision's path is the request's (`ReadingRequest.get_approval_path`)."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from archive import permissions as archive_permissions
from archive import selectors
from archive.choices import CopyKind, ReadingEventKind
from archive.models import (
    SECRECY_ORDER,
    Box,
    CertifiedCopy,
    Declassification,
    ReadingEvent,
    ReadingLine,
    ReadingRequest,
    RecordFile,
    Researcher,
)
from core.audit import audited_create, audited_save, in_office_language
from core.numbering import number_next, sequence_key
from core.services import notify
from units import approvals, grants, ownership, permissions
from units import services as unit_services
from units.choices import ApprovalStatus, Designation, RoleCode, Secrecy
from units.designations import designated_unit

#: the longest reading period one request may ask for, in days
MAX_PERIOD_DAYS = 90


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _archives_unit():
    unit = designated_unit(Designation.ARCHIVES)
    if unit is None:
        raise ValidationError(_("Văn phòng chưa giao đơn vị nào giữ lưu trữ."))
    return unit


def _log(request: ReadingRequest, kind: str, *, actor, record_file=None, note: str = ""):
    return audited_create(
        ReadingEvent,
        actor=actor,
        reason=ReadingEventKind(kind).label,
        request=request,
        record_file=record_file,
        kind=kind,
        reader=request.requester,
        purpose=request.purpose,
        note=note[:500],
    )


# Readers ----------------------------------------------------------------------------------------


@transaction.atomic
@in_office_language
def researcher_register(
    *,
    actor,
    username: str,
    password: str,
    full_name: str,
    id_kind: str,
    id_number: str,
    organisation: str,
    introduction_ref: str,
    email: str = "",
) -> Researcher:
    """LT registers an outside reader from his identity papers and introduction letter, and
    gives him a sign-in that sees nothing but what a request grants him."""
    _require(
        archive_permissions.may_register_researchers(actor),
        _("Chỉ lưu trữ viên đăng ký người đọc ngoài cơ quan."),
    )
    full_name, id_number = full_name.strip(), id_number.strip()
    for field, value, message in [
        ("full_name", full_name, _("Cần ghi họ và tên người đọc.")),
        ("id_number", id_number, _("Cần ghi số giấy tờ tùy thân.")),
        ("organisation", organisation.strip(), _("Cần ghi cơ quan, tổ chức của người đọc.")),
        ("introduction_ref", introduction_ref.strip(), _("Cần ghi giấy giới thiệu.")),
    ]:
        if not value:
            raise ValidationError({field: message})
    if Researcher.objects.filter(id_kind=id_kind, id_number=id_number).exists():
        raise ValidationError({"id_number": _("Người có giấy tờ này đã được đăng ký.")})
    user = unit_services.outside_account_create(
        actor=actor,
        username=username,
        full_name=full_name,
        password=password,
        email=email,
        reason=_("Đăng ký người đọc ngoài cơ quan"),
    )
    researcher = Researcher(
        user=user,
        full_name=full_name,
        id_kind=id_kind,
        id_number=id_number,
        organisation=organisation.strip(),
        introduction_ref=introduction_ref.strip(),
        registered_by=actor,
    )
    researcher.full_clean()
    return audited_save(researcher, actor=actor, reason=_("Đăng ký người đọc ngoài cơ quan"))


# Requests ---------------------------------------------------------------------------------------


def _codes(text: str) -> list[str]:
    return [code for code in re.split(r"[\s,;]+", text.strip()) if code]


def _files_by_code(codes: list[str]) -> list[RecordFile]:
    """The archived files the codes name; an unknown or ambiguous code is refused by name."""
    rows = list(
        RecordFile.objects.filter(
            code__in=codes, state__in=selectors.ARCHIVED_STATES
        ).select_related("series__fonds")
    )
    found: dict[str, list[RecordFile]] = {}
    for row in rows:
        found.setdefault(row.code, []).append(row)
    missing = [code for code in codes if code not in found]
    if missing:
        raise ValidationError(
            {
                "file_codes": _("Không có hồ sơ số %(codes)s trong kho lưu trữ.")
                % {"codes": ", ".join(missing)}
            }
        )
    ambiguous = [code for code, files in found.items() if len(files) > 1]
    if ambiguous:
        raise ValidationError(
            {
                "file_codes": _(
                    "Số hồ sơ %(codes)s trùng nhiều hồ sơ: đề nghị Phòng Lưu trữ ghi giúp."
                )
                % {"codes": ", ".join(ambiguous)}
            }
        )
    return [found[code][0] for code in dict.fromkeys(codes)]


def _server(actor, researcher: Researcher | None):
    """The archivist in charge of the request: who registered the outside reader, if still an
    archivist of the archives unit; else the first archivist of that unit."""
    unit = _archives_unit()
    archivists = permissions.holders_of(RoleCode.ARCHIVIST).filter(staff__unit=unit)
    if researcher is not None:
        registered = archivists.filter(pk=researcher.registered_by_id).first()
        if registered is not None:
            return unit, registered
    owner = archivists.exclude(pk=actor.pk).order_by("pk").first() or archivists.first()
    if owner is None:
        raise ValidationError(_("Phòng Lưu trữ chưa có lưu trữ viên phục vụ phòng đọc."))
    return unit, owner


@transaction.atomic
@in_office_language
def reading_request_create(
    *,
    actor,
    purpose: str,
    period_start: date,
    period_end: date,
    file_codes: str = "",
    boxes=(),
) -> ReadingRequest:
    """A reader asks for files (by their codes in the finding aid) or boxes, with a purpose
    and a period, and the request goes at once to its first approver. Its secrecy is the
    highest of its files'; a file of a restricted fonds takes it to the leadership."""
    researcher = Researcher.objects.filter(user_id=actor.pk).first()
    _require(
        archive_permissions.may_request_reading(actor, researcher),
        _("Chỉ cán bộ Văn phòng hoặc người đọc đã đăng ký được yêu cầu đọc tài liệu."),
    )
    purpose = purpose.strip()
    if not purpose:
        raise ValidationError({"purpose": _("Cần ghi mục đích sử dụng tài liệu.")})
    today = timezone.localdate()
    if period_start < today:
        raise ValidationError({"period_start": _("Ngày bắt đầu đọc không được trước hôm nay.")})
    if period_end < period_start:
        raise ValidationError({"period_end": _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")})
    if (period_end - period_start).days + 1 > MAX_PERIOD_DAYS:
        raise ValidationError(
            {"period_end": _("Mỗi yêu cầu đọc tối đa %(days)d ngày.") % {"days": MAX_PERIOD_DAYS}}
        )
    codes = _codes(file_codes)
    files = _files_by_code(codes) if codes else []
    boxes = list(boxes)
    boxed: dict[int, Box] = {}
    if boxes:
        in_boxes = list(
            RecordFile.objects.filter(
                box__in=boxes, state__in=selectors.ARCHIVED_STATES
            ).select_related("series__fonds")
        )
        empty = {box.pk for box in boxes} - {row.box_id for row in in_boxes}
        if empty:
            raise ValidationError({"boxes": _("Hộp đã chọn không có hồ sơ trong kho lưu trữ.")})
        by_pk = {box.pk: box for box in boxes}
        for row in in_boxes:
            if row.pk not in {f.pk for f in files}:
                files.append(row)
                boxed[row.pk] = by_pk[row.box_id]
    if not files:
        raise ValidationError({"file_codes": _("Cần ghi ít nhất một hồ sơ hoặc chọn một hộp.")})
    unit, owner = _server(actor, researcher)
    request = ReadingRequest(
        lead_unit=unit,
        owner=owner,
        requester=actor,
        researcher=researcher,
        purpose=purpose,
        period_start=period_start,
        period_end=period_end,
        secrecy=max((f.secrecy for f in files), key=SECRECY_ORDER.index),
        restricted=any(f.series_id and f.series.fonds.access_restricted for f in files),
    )
    request.full_clean()
    audited_save(request, actor=actor, reason=_("Yêu cầu đọc tài liệu"))
    ownership.record_assignment(request, actor=actor, reason=_("Phòng đọc do Lưu trữ phục vụ"))
    if owner.pk != actor.pk:
        permissions.grant_view(request, actor)
    for record_file in files:
        audited_create(
            ReadingLine,
            actor=actor,
            reason=_("Yêu cầu đọc tài liệu"),
            request=request,
            record_file=record_file,
            box=boxed.get(record_file.pk),
        )
    _log(request, ReadingEventKind.FILED, actor=actor)
    approvals.approval_submit(actor=actor, obj=request)
    return request


def on_approved(request: ReadingRequest, actor) -> None:
    """The last approver lets the reader see exactly the request's files until the period's
    last day; a period already over cannot be approved (the whole decision is refused)."""
    today = timezone.localdate()
    if request.period_end < today:
        raise ValidationError(
            _("Thời gian đọc đã qua (đến %(end)s): không duyệt được.")
            % {"end": request.period_end.strftime("%d/%m/%Y")}
        )
    _log(request, ReadingEventKind.APPROVED, actor=actor)
    reason = _("Đọc tài liệu theo yêu cầu số %(pk)d: %(purpose)s") % {
        "pk": request.pk,
        "purpose": request.purpose,
    }
    for line in request.lines.select_related("record_file"):
        grants.grant_for_period(
            line.record_file,
            request.requester,
            starts_on=max(request.period_start, today),
            ends_on=request.period_end,
            reason=reason,
            granted_by=actor,
            source=grants.source_of(request),
        )
        _log(
            request,
            ReadingEventKind.GRANTED,
            actor=actor,
            record_file=line.record_file,
            note=_("đến hết ngày %(end)s") % {"end": request.period_end.strftime("%d/%m/%Y")},
        )
    notify(
        about=request,
        recipients=[request.requester],
        title=_("Yêu cầu đọc tài liệu đã được duyệt: %(item)s") % {"item": request},
    )


def on_returned(request: ReadingRequest, actor) -> None:
    _log(request, ReadingEventKind.RETURNED, actor=actor, note=request.decision_comment)
    notify(
        about=request,
        recipients=[request.requester],
        title=_("Yêu cầu đọc tài liệu bị trả lại: %(item)s") % {"item": request},
        body=request.decision_comment,
    )


def on_grant_ended(sender, grant, expired: bool, **kwargs) -> None:
    """`units.grants.grant_ended`: a reading grant that ends is written into the log."""
    label, _sep, pk = grant.source.partition(":")
    if label != ReadingRequest._meta.label_lower:
        return
    request = ReadingRequest.objects.filter(pk=pk).first()
    if request is None:
        return
    _log(
        request,
        ReadingEventKind.EXPIRED if expired else ReadingEventKind.REVOKED,
        actor=None,
        record_file=RecordFile.objects.filter(pk=grant.object_id).first(),
        note=grant.revoke_reason,
    )


def _serving(request: ReadingRequest, record_file: RecordFile) -> None:
    if request.approval_status != ApprovalStatus.APPROVED:
        raise ValidationError(_("Yêu cầu đọc chưa được duyệt."))
    if not request.is_current():
        raise ValidationError(_("Ngoài thời gian được đọc của yêu cầu."))
    if not request.lines.filter(record_file=record_file).exists():
        raise ValidationError({"record_file": _("Hồ sơ này không có trong yêu cầu đọc.")})


@transaction.atomic
@in_office_language
def reading_record(*, actor, request: ReadingRequest, record_file: RecordFile) -> ReadingEvent:
    """The reader opened a file of his approved request: logged, with the request's purpose.
    The file must be one he sees today through the door (his grant, not expired)."""
    _require(request.requester_id == actor.pk, _("Chỉ người đọc của yêu cầu được đọc hồ sơ."))
    _serving(request, record_file)
    if not permissions.can_see(actor, record_file):
        raise PermissionDenied(_("Bạn không còn được xem hồ sơ này."))
    return _log(request, ReadingEventKind.READ, actor=actor, record_file=record_file)


@transaction.atomic
@in_office_language
def copy_issue(
    *,
    actor,
    request: ReadingRequest,
    record_file: RecordFile,
    kind: str,
    content: str,
    pages: int,
) -> CertifiedCopy:
    """The archivist issues a certified copy or extract of a file the request covers, numbered
    in the year's sequence of the reading room, and the log says so."""
    _require(
        archive_permissions.can_serve(actor, request),
        _("Chỉ lưu trữ viên phục vụ yêu cầu này được cấp bản sao, trích lục."),
    )
    _serving(request, record_file)
    if kind not in CopyKind.values:
        raise ValidationError({"kind": _("Loại bản sao không hợp lệ.")})
    content = content.strip()
    if not content:
        raise ValidationError({"content": _("Cần ghi tài liệu được sao, trích.")})
    if not pages or pages < 1:
        raise ValidationError({"pages": _("Số trang phải từ 1 trở lên.")})
    year = timezone.localdate().year
    copy = CertifiedCopy(
        request=request,
        record_file=record_file,
        kind=kind,
        year=year,
        number=0,
        content=content,
        pages=pages,
        issued_by=actor,
    )
    copy.full_clean(exclude=["number"])
    copy.number = number_next(sequence_key("archive.reading-copy", year))
    audited_save(copy, actor=actor, reason=CopyKind(kind).label)
    _log(
        request,
        ReadingEventKind.COPY if kind == CopyKind.COPY else ReadingEventKind.EXTRACT,
        actor=actor,
        record_file=record_file,
        note=f"{copy} – {content}",
    )
    return copy


@transaction.atomic
@in_office_language
def file_declassify(
    *, actor, record_file: RecordFile, declassified_on: date, decision: str
) -> Declassification:
    """LT records the decision that declassified a secret file: it opens to readers from then."""
    _require(
        archive_permissions.is_archivist(actor) and permissions.can_see(actor, record_file),
        _("Chỉ lưu trữ viên ghi nhận quyết định giải mật."),
    )
    if record_file.secrecy == Secrecy.NONE:
        raise ValidationError(_("Hồ sơ không mật: không cần giải mật."))
    if Declassification.objects.filter(record_file=record_file).exists():
        raise ValidationError(_("Hồ sơ đã được ghi nhận giải mật."))
    if not decision.strip():
        raise ValidationError({"decision": _("Cần ghi số, ngày quyết định giải mật.")})
    if declassified_on > timezone.localdate():
        raise ValidationError({"declassified_on": _("Ngày giải mật không được sau hôm nay.")})
    row = Declassification(
        record_file=record_file,
        declassified_on=declassified_on,
        decision=decision.strip(),
        recorded_by=actor,
    )
    row.full_clean()
    return audited_save(row, actor=actor, reason=_("Ghi nhận giải mật"))
