"""The one service-request engine (Điều 9.1, 9.2): a request of any kind, its approval by the
path its kind declares (`units.approvals`), QT's assignment of a resource and the person serving
it, the vehicle's check-out and check-in, and the closing with what was used.

Clashes are refused with a message that names them. Two clerks booking the same slot at once:
the exclusion constraints of `Booking` let exactly one insert through on PostgreSQL; the loser's
IntegrityError is turned into the same named message."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audited_save, in_office_language
from core.numbering import number_next, sequence_key
from core.services import notify
from facilities import permissions as rules
from facilities.choices import BookingKind, ResourceKind, ServiceStatus
from facilities.models import Booking, RequestKind, Resource, ServiceRequest, VisitingDelegation
from units import approvals, ownership, permissions
from units.choices import Designation
from units.designations import designated_unit
from units.models import StaffMember, Unit

User = get_user_model()


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")


def _window(starts_at, ends_at) -> None:
    if starts_at is None or ends_at is None:
        raise ValidationError({"starts_at": _("Cần ghi thời gian bắt đầu và kết thúc.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Thời gian kết thúc phải sau thời gian bắt đầu.")})


def _not_past(starts_at) -> None:
    if starts_at < timezone.now():
        raise ValidationError({"starts_at": _("Không đặt lịch cho thời gian đã qua.")})


def qt_staff_users() -> list:
    unit = designated_unit(Designation.FACILITIES)
    if unit is None:
        return []
    return [user for user in permissions.members_of(unit.pk) if rules.is_qt_staff(user)]


# Requests -----------------------------------------------------------------------------------


@transaction.atomic
@in_office_language
def request_create(
    *,
    actor,
    kind: RequestKind,
    purpose: str,
    starts_at: datetime,
    ends_at: datetime,
    details: str = "",
    destination: str = "",
    outside_province: bool = False,
    people: int = 1,
    wanted_resource: Resource | None = None,
    visit: VisitingDelegation | None = None,
) -> ServiceRequest:
    """The requester asks; the request goes at once to the first step of its kind's path (his
    head; then QT's deputy chief for a vehicle out of the province or a delegation)."""
    if visit is not None:
        if not permissions.can_edit(actor, visit):
            raise PermissionDenied(_("Chỉ người phụ trách đoàn khách mới đề nghị cho đoàn."))
        unit = visit.lead_unit
    else:
        if not rules.may_request(actor):
            raise PermissionDenied(_("Chỉ cán bộ của một đơn vị mới gửi yêu cầu phục vụ."))
        unit = Unit.objects.get(pk=permissions.viewer_for(actor).unit_id)
    if not kind.is_active:
        raise ValidationError({"kind": _("Loại yêu cầu này không còn dùng.")})
    _window(starts_at, ends_at)
    _not_past(starts_at)
    if wanted_resource is not None:
        if wanted_resource.kind != kind.resource_kind or not wanted_resource.is_active:
            raise ValidationError(
                {"wanted_resource": _("Phòng, xe đề nghị không phù hợp với loại yêu cầu.")}
            )
        if people > wanted_resource.capacity:
            raise ValidationError(
                {
                    "people": _("%(resource)s chỉ chứa được %(capacity)s người.")
                    % {"resource": wanted_resource, "capacity": wanted_resource.capacity}
                }
            )
    year = timezone.localtime(starts_at).year
    request = ServiceRequest(
        lead_unit=unit,
        owner=actor,
        kind=kind,
        purpose=purpose,
        details=details,
        destination=destination,
        outside_province=outside_province,
        people=people,
        starts_at=starts_at,
        ends_at=ends_at,
        wanted_resource=wanted_resource,
        visit=visit,
        year=year,
        number=0,
    )
    request.full_clean(exclude=["number"])
    request.number = number_next(sequence_key("facilities.request", year))
    audited_save(request, actor=actor, reason=_("Gửi yêu cầu phục vụ"))
    ownership.record_assignment(request, actor=actor, reason=_("Gửi yêu cầu phục vụ"))
    approvals.approval_submit(actor=actor, obj=request)
    return request


def request_approved(request: ServiceRequest, actor) -> None:
    """Effect of the last approval: QT is told there is something to arrange."""
    notify(
        about=request,
        recipients=qt_staff_users(),
        title=_("Cần bố trí: %(item)s") % {"item": request},
        body=request.purpose,
        url=request.get_absolute_url(),
    )


@transaction.atomic
@in_office_language
def request_cancel(*, actor, request: ServiceRequest, reason: str) -> ServiceRequest:
    if not rules.may_cancel(actor, request):
        raise PermissionDenied(_("Không hủy được yêu cầu này."))
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do hủy.")})
    now = timezone.now()
    for booking in request.bookings.filter(cancelled_at__isnull=True):
        booking.cancelled_at = now
        audited_save(booking, actor=actor, reason=reason, update_fields=["cancelled_at"])
    request.service_status = ServiceStatus.CANCELLED
    audited_save(
        request, actor=actor, reason=reason, update_fields=["service_status", "updated_at"]
    )
    return request


@transaction.atomic
@in_office_language
def request_close(*, actor, request: ServiceRequest, used: str) -> ServiceRequest:
    """QT closes the request with what was used (kilometres, rooms, meals, stationery)."""
    if not rules.may_close(actor, request):
        raise PermissionDenied(_("Không hoàn thành được yêu cầu này."))
    if not used.strip():
        raise ValidationError({"used": _("Cần ghi những gì đã sử dụng.")})
    open_trips = request.bookings.filter(
        cancelled_at__isnull=True,
        resource__kind=ResourceKind.VEHICLE,
        checked_in_at__isnull=True,
    )
    if open_trips.exists():
        raise ValidationError(_("Xe chưa được nhận về: cần ghi số km và nhiên liệu khi nhận xe."))
    request.service_status = ServiceStatus.CLOSED
    request.used = used
    request.closed_at = timezone.now()
    audited_save(
        request,
        actor=actor,
        reason=_("Hoàn thành yêu cầu phục vụ"),
        update_fields=["service_status", "used", "closed_at", "updated_at"],
    )
    notify(
        about=request,
        recipients=[request.owner],
        title=_("Đã hoàn thành: %(item)s") % {"item": request},
        url=request.get_absolute_url(),
    )
    return request


# Bookings and clashes -----------------------------------------------------------------------


def _live_overlapping(starts_at, ends_at, exclude_pk=None):
    rows = Booking.objects.filter(
        cancelled_at__isnull=True, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).select_related("resource", "server", "request")
    return rows.exclude(pk=exclude_pk) if exclude_pk else rows


def find_clash(
    *, resource: Resource, server, starts_at, ends_at, exclude_pk: int | None = None
) -> str | None:
    """The message naming what the slot clashes with, or None when it is free."""
    rows = _live_overlapping(starts_at, ends_at, exclude_pk)
    taken = rows.filter(resource=resource).order_by("starts_at").first()
    if taken is not None:
        span = {"start": _when(taken.starts_at), "end": _when(taken.ends_at)}
        if taken.kind == BookingKind.MAINTENANCE:
            return _("%(resource)s đang bảo dưỡng, sửa chữa từ %(start)s đến %(end)s.") % {
                "resource": resource,
                **span,
            }
        return _("%(resource)s đã được bố trí cho %(request)s từ %(start)s đến %(end)s.") % {
            "resource": resource,
            "request": taken.request,
            **span,
        }
    if server is not None:
        busy = rows.filter(server=server).order_by("starts_at").first()
        if busy is not None:
            return _(
                "%(person)s đã được bố trí phục vụ %(request)s (%(resource)s) từ %(start)s "
                "đến %(end)s."
            ) % {
                "person": server.get_full_name() or server.username,
                "request": busy.request,
                "resource": busy.resource,
                "start": _when(busy.starts_at),
                "end": _when(busy.ends_at),
            }
    return None


def _lock_slot_owners(booking: Booking) -> None:
    """Bookings of one resource, or of one driver, wait for each other: the resource's row,
    then the driver's staff row, always in that order (two exclusion constraints checked by
    concurrent inserts would otherwise deadlock one another). The check after the lock sees
    whatever the previous holder committed."""
    resources = Resource.objects.select_for_update().filter(pk=booking.resource_id)
    list(resources.values_list("pk", flat=True))
    if booking.server_id is not None:
        staff = StaffMember.objects.select_for_update().filter(user_id=booking.server_id)
        list(staff.order_by().values_list("pk", flat=True))


def _insert_booking(booking: Booking, *, actor, reason: str) -> Booking:
    """Lock, check, then insert in a savepoint: should a writer not take the locks, the
    database refuses the overlap (exclusion constraint) and the clash is read and named."""
    _lock_slot_owners(booking)
    clash = find_clash(
        resource=booking.resource,
        server=booking.server,
        starts_at=booking.starts_at,
        ends_at=booking.ends_at,
    )
    if clash:
        raise ValidationError(clash)
    try:
        with transaction.atomic():
            audited_save(booking, actor=actor, reason=reason)
    except IntegrityError:
        booking.pk = None
        clash = find_clash(
            resource=booking.resource,
            server=booking.server,
            starts_at=booking.starts_at,
            ends_at=booking.ends_at,
        )
        raise ValidationError(clash or _("Lịch vừa được người khác đặt; hãy chọn lại.")) from None
    return booking


@transaction.atomic
@in_office_language
def request_assign(
    *,
    actor,
    request: ServiceRequest,
    resource: Resource,
    server=None,
    note: str = "",
) -> Booking:
    """QT books the resource (and the driver) for the request's time window."""
    if not rules.may_assign(actor, request):
        raise PermissionDenied(_("Chỉ Phòng Quản trị bố trí yêu cầu đã được duyệt."))
    kind = request.kind
    if not kind.resource_kind:
        raise ValidationError(_("Loại yêu cầu này không đặt phương tiện, phòng."))
    if resource.kind != kind.resource_kind or not resource.is_active:
        raise ValidationError({"resource": _("Phương tiện, phòng không phù hợp với yêu cầu.")})
    if resource.kind != ResourceKind.VEHICLE and request.people > resource.capacity:
        raise ValidationError(
            {
                "resource": _("%(resource)s chỉ chứa được %(capacity)s người.")
                % {"resource": resource, "capacity": resource.capacity}
            }
        )
    if kind.needs_server and server is None:
        raise ValidationError({"server": _("Cần chọn người phục vụ (lái xe).")})
    if server is not None and not rules.is_qt_member(server):
        raise ValidationError({"server": _("Người phục vụ phải là cán bộ Phòng Quản trị.")})
    booking = Booking(
        kind=BookingKind.SERVICE,
        request=request,
        resource=resource,
        server=server,
        starts_at=request.starts_at,
        ends_at=request.ends_at,
        note=note,
        booked_by=actor,
    )
    booking.full_clean(validate_constraints=False)
    _insert_booking(booking, actor=actor, reason=_("Bố trí phục vụ yêu cầu"))
    request.service_status = ServiceStatus.ASSIGNED
    audited_save(
        request,
        actor=actor,
        reason=_("Bố trí phục vụ yêu cầu"),
        update_fields=["service_status", "updated_at"],
    )
    notify(
        about=request,
        recipients=[request.owner, *([server] if server else [])],
        title=_("Đã bố trí %(resource)s: %(item)s") % {"resource": resource, "item": request},
        url=request.get_absolute_url(),
    )
    return booking


@transaction.atomic
@in_office_language
def maintenance_schedule(
    *, actor, resource: Resource, starts_at: datetime, ends_at: datetime, note: str
) -> Booking:
    """A vehicle (or room) taken out of service for maintenance: no request may book it then."""
    if not rules.is_qt_staff(actor):
        raise PermissionDenied(_("Chỉ Phòng Quản trị lập lịch bảo dưỡng."))
    _window(starts_at, ends_at)
    booking = Booking(
        kind=BookingKind.MAINTENANCE,
        resource=resource,
        starts_at=starts_at,
        ends_at=ends_at,
        note=note,
        booked_by=actor,
    )
    booking.full_clean(validate_constraints=False)
    return _insert_booking(booking, actor=actor, reason=_("Lịch bảo dưỡng, sửa chữa"))


@transaction.atomic
@in_office_language
def booking_cancel(*, actor, booking: Booking, reason: str) -> Booking:
    if not rules.is_qt_staff(actor):
        raise PermissionDenied(_("Chỉ Phòng Quản trị hủy lịch bố trí."))
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do hủy.")})
    if booking.checked_out_at is not None:
        raise ValidationError(_("Xe đã xuất, không hủy được lịch."))
    booking.cancelled_at = timezone.now()
    audited_save(booking, actor=actor, reason=reason, update_fields=["cancelled_at"])
    request = booking.request
    if request is not None and not request.bookings.filter(cancelled_at__isnull=True).exists():
        request.service_status = ServiceStatus.WAITING
        audited_save(
            request, actor=actor, reason=reason, update_fields=["service_status", "updated_at"]
        )
    return booking


# The vehicle's log --------------------------------------------------------------------------


def _vehicle_trip(actor, booking: Booking) -> None:
    if not rules.may_log_trip(actor, booking):
        raise PermissionDenied(_("Chỉ lái xe của chuyến hoặc Phòng Quản trị ghi nhật ký xe."))
    if booking.resource.kind != ResourceKind.VEHICLE or booking.cancelled_at is not None:
        raise ValidationError(_("Lịch này không phải chuyến xe đang hiệu lực."))


def _fuel(value) -> Decimal | None:
    if value is not None and value < 0:
        raise ValidationError({"fuel": _("Lượng nhiên liệu không được âm.")})
    return value


@transaction.atomic
@in_office_language
def trip_check_out(
    *, actor, booking: Booking, odometer: int, fuel: Decimal | None = None
) -> Booking:
    _vehicle_trip(actor, booking)
    if booking.checked_out_at is not None:
        raise ValidationError(_("Xe đã được xuất cho chuyến này."))
    vehicle = Resource.objects.select_for_update().get(pk=booking.resource_id)
    if odometer < vehicle.odometer_km:
        raise ValidationError(
            {
                "odometer": _("Số km không được lùi: đồng hồ của xe đang là %(km)s km.")
                % {"km": vehicle.odometer_km}
            }
        )
    booking.odometer_out = odometer
    booking.fuel_out = _fuel(fuel)
    booking.checked_out_at = timezone.now()
    audited_save(
        booking,
        actor=actor,
        reason=_("Xuất xe"),
        update_fields=["odometer_out", "fuel_out", "checked_out_at"],
    )
    if booking.request is not None:
        booking.request.service_status = ServiceStatus.IN_USE
        audited_save(
            booking.request,
            actor=actor,
            reason=_("Xuất xe"),
            update_fields=["service_status", "updated_at"],
        )
    return booking


@transaction.atomic
@in_office_language
def trip_check_in(
    *, actor, booking: Booking, odometer: int, fuel: Decimal | None = None
) -> Booking:
    _vehicle_trip(actor, booking)
    if booking.checked_out_at is None:
        raise ValidationError(_("Xe chưa được xuất cho chuyến này."))
    if booking.checked_in_at is not None:
        raise ValidationError(_("Xe đã được nhận về."))
    if odometer < booking.odometer_out:
        raise ValidationError(
            {
                "odometer": _("Số km không được lùi: khi xuất xe đồng hồ là %(km)s km.")
                % {"km": booking.odometer_out}
            }
        )
    vehicle = Resource.objects.select_for_update().get(pk=booking.resource_id)
    booking.odometer_in = odometer
    booking.fuel_in = _fuel(fuel)
    booking.checked_in_at = timezone.now()
    audited_save(
        booking,
        actor=actor,
        reason=_("Nhận xe về"),
        update_fields=["odometer_in", "fuel_in", "checked_in_at"],
    )
    vehicle.odometer_km = max(vehicle.odometer_km, odometer)
    audited_save(vehicle, actor=actor, reason=_("Nhận xe về"), update_fields=["odometer_km"])
    return booking


@transaction.atomic
@in_office_language
def vehicle_dates_set(
    *, actor, vehicle: Resource, maintenance_due=None, insurance_due=None
) -> Resource:
    if not rules.is_qt_staff(actor):
        raise PermissionDenied(_("Chỉ Phòng Quản trị cập nhật hạn bảo dưỡng, bảo hiểm."))
    vehicle.maintenance_due = maintenance_due
    vehicle.insurance_due = insurance_due
    vehicle.full_clean()
    return audited_save(
        vehicle,
        actor=actor,
        reason=_("Cập nhật hạn bảo dưỡng, bảo hiểm"),
        update_fields=["maintenance_due", "insurance_due"],
    )


@transaction.atomic
@in_office_language
def resource_create(*, actor, **fields) -> Resource:
    """A vehicle, room or guest room (demo data, the benchmark; the admin edits them too)."""
    resource = Resource(**fields)
    resource.full_clean()
    return audited_save(resource, actor=actor, reason=_("Thêm phương tiện, phòng"))
