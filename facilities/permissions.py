"""Who may do what in QT's work. Sight of requests, assets, visits and inventories is the door's
(`units.permissions.visible`): the requester's unit by its columns, QT by the models'
`designation_sight()`, TC's finance officers by `role_sight()` on assets."""

from __future__ import annotations

from facilities.choices import ServiceStatus
from units import permissions
from units.choices import ApprovalStatus, Designation, Position
from units.designations import is_designated


def is_qt_member(user) -> bool:
    viewer = permissions.viewer_for(user)
    return viewer.user_id is not None and is_designated(viewer.unit_id, Designation.FACILITIES)


def is_qt_staff(user) -> bool:
    """QT's head, deputies and officers organise the service; its employees (drivers) serve."""
    viewer = permissions.viewer_for(user)
    return is_qt_member(user) and viewer.position != Position.EMPLOYEE


def may_request(user) -> bool:
    """A member of a unit asks for a service (leadership asks through QT)."""
    return permissions.viewer_for(user).unit_id is not None


def may_assign(user, request) -> bool:
    return (
        is_qt_staff(user)
        and request.approval_status == ApprovalStatus.APPROVED
        and request.service_status in (ServiceStatus.WAITING, ServiceStatus.ASSIGNED)
    )


def may_close(user, request) -> bool:
    return is_qt_staff(user) and request.service_status in (
        ServiceStatus.ASSIGNED,
        ServiceStatus.IN_USE,
    )


def may_cancel(user, request) -> bool:
    return request.owner_id == user.pk and request.service_status in (
        ServiceStatus.WAITING,
        ServiceStatus.ASSIGNED,
    )


def may_log_trip(user, booking) -> bool:
    """The driver of the trip or QT's staff enter the odometer and fuel."""
    return booking.server_id == user.pk or is_qt_staff(user)
