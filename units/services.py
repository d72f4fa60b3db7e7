"""Every write of the organisation and of the unit's own work (tasks, escalations,
consultations). Views and the admin call these; nothing writes these models behind them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audited_m2m_set, audited_save, in_office_language
from core.services import notify
from core.workdays import add_working_days
from units import approvals, ownership, permissions, rights
from units.choices import (
    SECRET_RIGHT_CODES,
    ConsultationStatus,
    Position,
    PrivilegedChangeKind,
    PrivilegedChangeStatus,
    RoleCode,
    Secrecy,
    TaskStatus,
)
from units.deactivation import deactivation_refusals
from units.models import (
    CollectiveDiscussion,
    Consultation,
    Delegation,
    Escalation,
    PrivilegedChange,
    RightsPolicy,
    Role,
    RoleAssignment,
    StaffMember,
    Task,
    Unit,
)
from units.roles import sync_role_groups
from units.selectors import chiefs

User = get_user_model()


def _leadership_for(unit: Unit) -> list:
    """The deputy chief in charge of the unit and the chief: whom a unit's news concerns."""
    leaders = [unit.deputy_chief] if unit.deputy_chief_id else []
    return leaders + list(chiefs())


# Organisation -------------------------------------------------------------------------------


@transaction.atomic
@in_office_language
def staff_create(
    *,
    actor,
    username: str,
    full_name: str,
    position: str,
    unit: Unit | None = None,
    password: str | None = None,
    email: str = "",
    title: str = "",
    roles: Iterable[str] = (),
) -> StaffMember:
    """An account and its place in the office, with the roles it starts with (from today,
    open-ended). Leadership and system administrators reach the admin (their decisions;
    accounts and catalogues). Roles given later need a second person's approval
    (`privileged_change_request`)."""
    roles = list(roles)
    first, _sep, last = full_name.rpartition(" ")
    user = User(username=username, first_name=first, last_name=last or full_name, email=email)
    user.is_staff = position in (Position.CHIEF, Position.DEPUTY_CHIEF) or (
        RoleCode.SYSTEM_ADMIN in roles
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    audited_save(user, actor=actor, reason=_("Tạo tài khoản"))
    staff = StaffMember(user=user, unit=unit, position=position, title=title)
    staff.full_clean()
    audited_save(staff, actor=actor, reason=_("Tạo tài khoản"))
    for code in roles:
        _role_grant(
            user=user,
            code=code,
            starts_on=timezone.localdate(),
            ends_on=None,
            granted_by=actor,
            reason=_("Vai trò khi tạo tài khoản"),
        )
    sync_role_groups(staff)
    return staff


@transaction.atomic
@in_office_language
def outside_account_create(
    *, actor, username: str, full_name: str, password: str, email: str = "", reason: str
):
    """A sign-in for someone outside the office (a reader of the archives' reading room):
    no staff row, no unit, no role, no group, no admin. The door gives him nothing but the
    objects granted to him personally (`units.grants`). Whoever calls it answers for the
    person's identity (the app records the papers); the reason says why."""
    first, _sep, last = full_name.strip().rpartition(" ")
    user = User(username=username, first_name=first, last_name=last or full_name, email=email)
    user.is_staff = False
    user.is_superuser = False
    if not password:
        raise ValidationError({"password": _("Cần đặt mật khẩu cho tài khoản.")})
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    user.set_password(password)
    user.full_clean(exclude=["password"])
    audited_save(user, actor=actor, reason=reason)
    return user


def role_for(code: str) -> Role:
    """The role row of a code: a role the code knows (seeded by migration; put back after a
    flush), or one a later app added to the table (a role in a new app)."""
    found = Role.objects.filter(code=code).first() if isinstance(code, str) else None
    if found is not None:
        return found
    if code not in RoleCode.values:
        raise ValidationError({"role": _("Vai trò không tồn tại.")})
    return Role.objects.get_or_create(code=code, defaults={"name": RoleCode(code).label})[0]


def _role_grant(
    *,
    user,
    code: str,
    starts_on,
    ends_on,
    granted_by,
    reason: str,
    scope: str = "",
    granted_through: PrivilegedChange | None = None,
    secrecy: str = "",
    unit: Unit | None = None,
    item=None,
) -> RoleAssignment:
    assignment = RoleAssignment(
        user=user,
        role=role_for(code),
        starts_on=starts_on,
        ends_on=ends_on,
        granted_by=granted_by,
        reason=reason[:500],
        scope=scope,
        granted_through=granted_through,
        secrecy=secrecy,
        unit=unit,
        item_type=ContentType.objects.get_for_model(item) if item is not None else None,
        item_id=item.pk if item is not None else None,
    )
    assignment.full_clean()
    audited_save(assignment, actor=granted_by, reason=reason)
    permissions.forget_viewer(user)
    return assignment


# Deactivation (leaving, retiring, moving) ----------------------------------------------------


def staff_deactivation_check(*, actor, user, override_reason: str = "") -> str:
    """Refuse, with every registered guard's reasons, to deactivate someone who still holds
    work to hand over (693-QĐ/VPTW Điều 23: every file before leaving). Office leadership may
    override with a reason; returns the reason to record (the override's, or empty)."""
    refusals = deactivation_refusals(user)
    if not refusals:
        return ""
    override_reason = (override_reason or "").strip()
    min_length = privileged_reason_min_length()
    if (
        actor is not None
        and permissions.is_leadership_account(actor)
        and len(override_reason) >= min_length
    ):
        return override_reason
    if actor is not None and permissions.is_leadership_account(actor):
        refusals.append(
            _(
                "Lãnh đạo Văn phòng có thể cho thôi công tác khi ghi rõ lý do "
                "(ít nhất %(count)d ký tự)."
            )
            % {"count": min_length}
        )
    raise ValidationError(refusals)


@transaction.atomic
@in_office_language
def staff_deactivate(*, actor, user, reason: str, override_reason: str = "") -> StaffMember:
    """The staff member leaves the office: his account and his place are deactivated, after
    the registered guards agreed (or leadership overrode them with a reason)."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Ghi lý do thôi công tác.")})
    override = staff_deactivation_check(actor=actor, user=user, override_reason=override_reason)
    text = reason.strip()
    if override:
        text = _("%(reason)s (lãnh đạo cho phép: %(override)s)") % {
            "reason": text,
            "override": override,
        }
    staff = StaffMember.objects.select_related("user").get(user=user)
    staff.is_active = False
    audited_save(staff, actor=actor, reason=text, update_fields=["is_active"])
    user.is_active = False
    audited_save(user, actor=actor, reason=text, update_fields=["is_active"])
    permissions.forget_viewer(user)
    return staff


# Accounts and rights (issue 16) --------------------------------------------------------------


def privileged_reason_min_length() -> int:
    """A privileged change is explained well enough for the approver and the record: the
    length is data (`RightsPolicy.reason_min_length`)."""
    return RightsPolicy.current().reason_min_length


def _parse_day(value, field: str):
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValidationError({field: _("Ngày không hợp lệ.")}) from exc


def privileged_change_check(
    *, actor, target, kind: str, payload: dict, reason: str, scope: str = ""
) -> None:
    """Refuse, with a Vietnamese message, a request that may not be made: asked for oneself,
    by someone who does not answer for the account, without a reason long enough, a role
    without its scope or its period, or a payload its kind does not understand."""
    if target.pk == actor.pk:
        raise ValidationError(
            _("Không ai được tự cấp quyền hay tự thay đổi quyền của tài khoản mình.")
        )
    if not permissions.may_request_rights(actor, target):
        raise ValidationError(
            _(
                "Chỉ Trưởng đơn vị (cho cán bộ của đơn vị) hoặc quản trị hệ thống được đề nghị "
                "cấp quyền."
            )
        )
    policy = RightsPolicy.current()
    if len((reason or "").strip()) < policy.reason_min_length:
        raise ValidationError(
            {
                "reason": _("Ghi rõ lý do (ít nhất %(count)d ký tự).")
                % {"count": policy.reason_min_length}
            }
        )
    if kind == PrivilegedChangeKind.PASSWORD:
        if not isinstance(payload.get("password_hash"), str):
            raise ValidationError(_("Thiếu mật khẩu mới."))
    elif kind in (PrivilegedChangeKind.SUPERUSER, PrivilegedChangeKind.STAFF):
        if not isinstance(payload.get("value"), bool):
            raise ValidationError(_("Thiếu giá trị mới của quyền."))
    elif kind == PrivilegedChangeKind.GROUPS:
        ids = payload.get("group_ids")
        if not isinstance(ids, list) or Group.objects.filter(pk__in=ids).count() != len(set(ids)):
            raise ValidationError(_("Nhóm quyền không tồn tại."))
    elif kind == PrivilegedChangeKind.ROLE:
        if payload.get("role") in SECRET_RIGHT_CODES:
            raise ValidationError(
                {"role": _("Quyền xem tài liệu mật được đề nghị theo tài liệu hoặc mức độ mật.")}
            )
        role_for(payload.get("role", ""))
        _check_scope_and_period(payload, scope, policy)
    elif kind == PrivilegedChangeKind.SECRET_ITEM:
        rights.check_secret_item(actor=actor, target=target, payload=payload)
        _check_scope_and_period(payload, scope, policy)
    elif kind == PrivilegedChangeKind.CLEARANCE:
        rights.check_clearance(target=target, payload=payload)
        _check_scope_and_period(payload, scope, policy)
    else:
        raise ValidationError({"kind": _("Loại thay đổi không hợp lệ.")})


def _check_scope_and_period(payload: dict, scope: str, policy: RightsPolicy) -> None:
    if not (scope or "").strip():
        raise ValidationError({"scope": _("Ghi rõ phạm vi của quyền.")})
    _check_period(payload, policy)


def _check_period(payload: dict, policy: RightsPolicy) -> None:
    """A role is granted for a period: from a day, until a day at most the policy's longest
    period later, so it ends by itself."""
    starts_on = _parse_day(payload.get("starts_on"), "starts_on")
    ends_on = _parse_day(payload.get("ends_on"), "ends_on")
    if starts_on is None:
        raise ValidationError({"starts_on": _("Nhập ngày bắt đầu.")})
    if ends_on is None:
        raise ValidationError({"ends_on": _("Nhập ngày kết thúc: quyền chỉ cấp có thời hạn.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")})
    if (ends_on - starts_on).days + 1 > policy.max_period_days:
        raise ValidationError(
            {
                "ends_on": _("Quyền được cấp tối đa %(days)d ngày.")
                % {"days": policy.max_period_days}
            }
        )
    if ends_on < timezone.localdate():
        raise ValidationError({"ends_on": _("Ngày kết thúc đã qua.")})


def _change_url(change: PrivilegedChange) -> str:
    return f"/admin/units/privilegedchange/{change.pk}/change/"


@transaction.atomic
@in_office_language
def privileged_change_request(
    *, actor, target, kind: str, payload: dict, reason: str, scope: str = ""
) -> PrivilegedChange:
    """Ask for a change of an account's rights. Nothing is applied: a second person approves
    it (`privileged_change_approve`); the approvers and the account's owner are told. A unit
    head asking a right for his staff member gives the head's approval by asking."""
    privileged_change_check(
        actor=actor, target=target, kind=kind, payload=payload, reason=reason, scope=scope
    )
    change = PrivilegedChange(
        kind=kind,
        target=target,
        payload=payload,
        reason=reason.strip(),
        scope=(scope or "").strip(),
        requested_by=actor,
    )
    if permissions.needs_head_stage(change) and any(
        head.pk == actor.pk for head in permissions.rights_head_of(target)
    ):
        change.head_approved_by = actor
        change.head_approved_at = timezone.now()
    approvers = permissions.privileged_change_approvers(change)
    if not approvers:
        raise ValidationError(_("Không có người có thẩm quyền duyệt thay đổi này."))
    change.full_clean()
    audited_save(change, actor=actor, reason=change.reason)
    label = change.get_kind_display()
    name = target.get_full_name() or target.username
    notify(
        recipients=approvers,
        title=_("Đề nghị thay đổi quyền chờ duyệt: %(kind)s – %(name)s")
        % {"kind": label, "name": name},
        body=change.reason,
        url=_change_url(change),
    )
    notify(
        recipients=[target],
        title=_("Có đề nghị thay đổi tài khoản của bạn: %(kind)s") % {"kind": label},
        body=change.reason,
    )
    return change


def _apply(change: PrivilegedChange, *, approver, reason: str) -> None:
    target = User.objects.select_for_update().get(pk=change.target_id)
    payload = change.payload
    if change.kind == PrivilegedChangeKind.ROLE:
        _role_grant(
            user=target,
            code=payload["role"],
            starts_on=_parse_day(payload["starts_on"], "starts_on"),
            ends_on=_parse_day(payload.get("ends_on"), "ends_on"),
            granted_by=approver,
            reason=reason,
            scope=change.scope,
            granted_through=change,
        )
        if payload["role"] == RoleCode.SYSTEM_ADMIN:
            target.is_staff = True
    elif change.kind == PrivilegedChangeKind.SECRET_ITEM:
        # checked again: the item may have moved or lost its secrecy while the request waited
        item = rights.check_secret_item(actor=change.requested_by, target=target, payload=payload)
        assignment = _role_grant(
            user=target,
            code=RoleCode.SECRET_ITEM,
            starts_on=_parse_day(payload["starts_on"], "starts_on"),
            ends_on=_parse_day(payload.get("ends_on"), "ends_on"),
            granted_by=approver,
            reason=reason,
            scope=change.scope,
            granted_through=change,
            item=item,
        )
        rights.open_secret_item(assignment, actor=approver, day=timezone.localdate())
    elif change.kind == PrivilegedChangeKind.CLEARANCE:
        rights.check_clearance(target=target, payload=payload)
        _role_grant(
            user=target,
            code=RoleCode.SECRECY_CLEARANCE,
            starts_on=_parse_day(payload["starts_on"], "starts_on"),
            ends_on=_parse_day(payload.get("ends_on"), "ends_on"),
            granted_by=approver,
            reason=reason,
            scope=change.scope,
            granted_through=change,
            secrecy=payload["level"],
            unit=rights.unit_of(target),
        )
    elif change.kind == PrivilegedChangeKind.PASSWORD:
        target.password = payload["password_hash"]
    elif change.kind == PrivilegedChangeKind.SUPERUSER:
        target.is_superuser = payload["value"]
    elif change.kind == PrivilegedChangeKind.STAFF:
        target.is_staff = payload["value"]
    elif change.kind == PrivilegedChangeKind.GROUPS:
        target.groups.set(Group.objects.filter(pk__in=payload["group_ids"]))
    audited_save(target, actor=approver, reason=reason)


@transaction.atomic
@in_office_language
def privileged_change_approve(
    *, actor, change: PrivilegedChange, comment: str = ""
) -> PrivilegedChange:
    """A second person approves: the change is applied, recorded in the account's history with
    the approver and the reason, and the owner and the requester are told. A right of a unit's
    staff member that still waits for his head is only marked approved by the head, and goes
    on to Cipher–IT's head."""
    change = PrivilegedChange.objects.select_for_update().select_related("target").get(pk=change.pk)
    if not permissions.can_decide_privileged_change(actor, change):
        raise PermissionDenied(
            _(
                "Bạn không được duyệt đề nghị này: người đề nghị và người được thay đổi không tự "
                "duyệt."
            )
        )
    if permissions.head_stage_pending(change):
        change.head_approved_by = actor
        change.head_approved_at = timezone.now()
        audited_save(
            change,
            actor=actor,
            reason=comment or _("Trưởng đơn vị duyệt"),
            update_fields=["head_approved_by", "head_approved_at"],
        )
        notify(
            recipients=permissions.privileged_change_approvers(change),
            title=_("Đề nghị thay đổi quyền chờ duyệt: %(kind)s – %(name)s")
            % {
                "kind": change.get_kind_display(),
                "name": change.target.get_full_name() or change.target.username,
            },
            body=change.reason,
            url=_change_url(change),
        )
        return change
    reason = _("%(kind)s theo đề nghị số %(number)d của %(requester)s: %(reason)s") % {
        "kind": change.get_kind_display(),
        "number": change.pk,
        "requester": change.requested_by.get_username(),
        "reason": change.reason,
    }
    _apply(change, approver=actor, reason=reason)
    change.status = PrivilegedChangeStatus.APPROVED
    _decided(change, actor=actor, comment=comment)
    notify(
        recipients=[change.target, change.requested_by],
        title=_("Tài khoản %(username)s đã được thay đổi: %(kind)s")
        % {"username": change.target.get_username(), "kind": change.get_kind_display()},
        body=change.reason,
    )
    return change


@transaction.atomic
def privileged_change_reject(
    *, actor, change: PrivilegedChange, comment: str = ""
) -> PrivilegedChange:
    change = PrivilegedChange.objects.select_for_update().select_related("target").get(pk=change.pk)
    if not permissions.can_decide_privileged_change(actor, change):
        raise PermissionDenied(_("Bạn không được quyết định đề nghị này."))
    change.status = PrivilegedChangeStatus.REJECTED
    _decided(change, actor=actor, comment=comment)
    notify(
        recipients=[change.requested_by, change.target],
        title=_("Đề nghị thay đổi tài khoản %(username)s bị từ chối: %(kind)s")
        % {"username": change.target.get_username(), "kind": change.get_kind_display()},
        body=comment,
    )
    return change


def _decided(change: PrivilegedChange, *, actor, comment: str) -> None:
    """The password hash is kept only while the request waits."""
    change.payload = {key: value for key, value in change.payload.items() if key != "password_hash"}
    change.decided_by = actor
    change.decided_at = timezone.now()
    change.decision_comment = comment
    audited_save(change, actor=actor, reason=comment or change.get_status_display())


@transaction.atomic
def account_password_set(*, actor, user, password: str | None, reason: str = ""):
    """Set an account's password (None: no password sign-in). An ordinary staff member's the
    account administrator sets himself; a leader's, an administrator's or his own becomes a
    request a second person approves. Returns the pending request, or None when applied."""
    password_hash = make_password(password)
    if user.pk == actor.pk or permissions.is_privileged_account(user):
        return privileged_change_request(
            actor=actor,
            target=user,
            kind=PrivilegedChangeKind.PASSWORD,
            payload={"password_hash": password_hash},
            reason=reason,
        )
    user.password = password_hash
    audited_save(
        user,
        actor=actor,
        reason=reason.strip() or _("Đặt lại mật khẩu"),
        update_fields=["password"],
    )
    notify(
        recipients=[user],
        title=_("Mật khẩu của bạn đã được đặt lại bởi quản trị hệ thống"),
        body=reason,
    )
    return None


@transaction.atomic
@in_office_language
def delegation_create(
    *, actor, unit: Unit, delegate, starts_on: date, ends_on: date, reason: str
) -> Delegation:
    """The head, going away, names one deputy to act as head (Điều 3.10)."""
    is_head = StaffMember.objects.filter(
        user=actor, unit=unit, position=Position.HEAD, is_active=True
    ).exists()
    if not is_head:
        raise PermissionDenied(_("Chỉ Trưởng phòng mới ủy quyền điều hành đơn vị."))
    if not StaffMember.objects.filter(
        user=delegate, unit=unit, position=Position.DEPUTY, is_active=True
    ).exists():
        raise ValidationError(
            {"delegate": _("Người được ủy quyền phải là Phó Trưởng phòng của đơn vị.")}
        )
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")})
    if ends_on < timezone.localdate():
        raise ValidationError({"ends_on": _("Không ủy quyền cho khoảng thời gian đã qua.")})
    Unit.objects.select_for_update().get(pk=unit.pk)
    overlapping = Delegation.objects.filter(
        unit=unit, cancelled_at__isnull=True, starts_on__lte=ends_on, ends_on__gte=starts_on
    ).first()
    if overlapping:
        raise ValidationError(
            _("Trùng thời gian với ủy quyền cho %(name)s từ %(start)s đến %(end)s.")
            % {
                "name": overlapping.delegate.get_full_name(),
                "start": overlapping.starts_on.strftime("%d/%m/%Y"),
                "end": overlapping.ends_on.strftime("%d/%m/%Y"),
            }
        )
    delegation = Delegation(
        unit=unit,
        delegator=actor,
        delegate=delegate,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
    )
    delegation.full_clean()
    audited_save(delegation, actor=actor, reason=_("Ủy quyền điều hành đơn vị"))
    notify(
        recipients=[delegate, *_leadership_for(unit)],
        title=_("%(unit)s: %(name)s điều hành đơn vị từ %(start)s đến %(end)s")
        % {
            "unit": unit.name_vi,
            "name": delegate.get_full_name(),
            "start": starts_on.strftime("%d/%m/%Y"),
            "end": ends_on.strftime("%d/%m/%Y"),
        },
        body=reason,
        url="/don-vi/uy-quyen/",
    )
    return delegation


@transaction.atomic
@in_office_language
def delegation_cancel(*, actor, delegation: Delegation) -> Delegation:
    if delegation.delegator_id != actor.pk:
        raise PermissionDenied(_("Chỉ người ủy quyền mới hủy được ủy quyền."))
    delegation.cancelled_at = timezone.now()
    audited_save(delegation, actor=actor, reason=_("Hủy ủy quyền"), update_fields=["cancelled_at"])
    notify(
        recipients=[delegation.delegate, *_leadership_for(delegation.unit)],
        title=_("Hủy ủy quyền điều hành %(unit)s") % {"unit": delegation.unit.name_vi},
        url="/don-vi/uy-quyen/",
    )
    return delegation


# Tasks (Điều 3.2) ---------------------------------------------------------------------------


def _require_head(actor, unit: Unit, message: str) -> None:
    if not permissions.viewer_for(actor).is_head_of(unit.pk):
        raise PermissionDenied(message)


@transaction.atomic
@in_office_language
def task_create(
    *,
    actor,
    unit: Unit,
    owner,
    title: str,
    due_working_days: int,
    description: str = "",
    secrecy: str = Secrecy.NONE,
    coordinating_units: Iterable[Unit] = (),
) -> Task:
    """The head (or acting head) assigns work to a member of the unit, due in working days."""
    _require_head(actor, unit, _("Chỉ Trưởng phòng (hoặc người được ủy quyền) mới giao việc."))
    if due_working_days < 1:
        raise ValidationError({"due_working_days": _("Thời hạn ít nhất là 1 ngày làm việc.")})
    ownership.validate_owner(unit, owner)
    today = timezone.localdate()
    task = Task(
        lead_unit=unit,
        owner=owner,
        title=title,
        description=description,
        secrecy=secrecy,
        assigned_by=actor,
        assigned_on=today,
        due_working_days=due_working_days,
        due_date=add_working_days(today, due_working_days),
    )
    task.full_clean()
    audited_save(task, actor=actor, reason=_("Giao việc"))
    ownership.set_coordinating_units(
        task, coordinating_units, actor=actor, reason=_("Đơn vị phối hợp")
    )
    ownership.record_assignment(task, actor=actor, reason=_("Giao việc"))
    if task.is_secret:
        permissions.grant_view(task, actor)
    notify(
        about=task,
        recipients=[owner],
        title=_("Việc mới: %(title)s (hạn %(due)s)")
        % {"title": title, "due": task.due_date.strftime("%d/%m/%Y")},
        secret_title=_("Việc mới: %(item)s"),
        body=description,
        url=task.get_absolute_url(),
    )
    return task


@transaction.atomic
@in_office_language
def task_update(*, actor, task: Task, title: str, description: str) -> Task:
    if not permissions.can_edit(actor, task):
        raise PermissionDenied(_("Bạn không có quyền sửa công việc này."))
    task.title = title
    task.description = description
    task.full_clean()
    audited_save(
        task,
        actor=actor,
        reason=_("Sửa nội dung"),
        update_fields=["title", "description", "updated_at"],
    )
    return task


@transaction.atomic
@in_office_language
def task_start(*, actor, task: Task) -> Task:
    if task.owner_id != actor.pk:
        raise PermissionDenied(_("Chỉ người phụ trách mới cập nhật tiến độ."))
    if task.status not in (TaskStatus.ASSIGNED, TaskStatus.RETURNED):
        raise ValidationError(_("Công việc không ở trạng thái bắt đầu được."))
    task.status = TaskStatus.IN_PROGRESS
    audited_save(
        task, actor=actor, reason=_("Bắt đầu thực hiện"), update_fields=["status", "updated_at"]
    )
    return task


@transaction.atomic
@in_office_language
def task_complete(*, actor, task: Task, result_note: str) -> Task:
    """The person in charge reports the result; the head who assigned it is told, or the lead
    unit's head today once the task has moved out of his sight."""
    if task.owner_id != actor.pk:
        raise PermissionDenied(_("Chỉ người phụ trách mới báo cáo kết quả."))
    if not task.is_open and task.status != TaskStatus.RETURNED:
        raise ValidationError(_("Công việc đã hoàn thành."))
    if not result_note.strip():
        raise ValidationError({"result_note": _("Cần ghi kết quả thực hiện.")})
    task.status = TaskStatus.DONE
    task.result_note = result_note
    task.completed_at = timezone.now()
    audited_save(
        task,
        actor=actor,
        reason=_("Báo cáo hoàn thành"),
        update_fields=["status", "result_note", "completed_at", "updated_at"],
    )
    told = task.assigned_by
    if not permissions.can_see(told, task):
        told = ownership.head_of(task.lead_unit)
    notify(
        about=task,
        recipients=[told],
        title=_("Đã hoàn thành: %(title)s") % {"title": task.title},
        body=result_note,
        url=task.get_absolute_url(),
    )
    return task


@transaction.atomic
@in_office_language
def task_return(*, actor, task: Task, reason: str) -> Task:
    """The head sends a reported result back for more work."""
    if not permissions.can_reassign(actor, task):
        raise PermissionDenied(
            _("Chỉ Trưởng phòng (hoặc người được ủy quyền) mới trả lại kết quả.")
        )
    if task.status != TaskStatus.DONE:
        raise ValidationError(_("Chỉ trả lại công việc đã báo cáo hoàn thành."))
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do trả lại.")})
    task.status = TaskStatus.RETURNED
    task.completed_at = None
    audited_save(
        task, actor=actor, reason=reason, update_fields=["status", "completed_at", "updated_at"]
    )
    notify(
        about=task,
        recipients=[task.owner],
        title=_("Trả lại kết quả: %(title)s") % {"title": task.title},
        body=reason,
        url=task.get_absolute_url(),
    )
    return task


# Escalations (Điều 3.8, 22.4) ---------------------------------------------------------------


@transaction.atomic
@in_office_language
def escalation_create(
    *,
    actor,
    unit: Unit,
    title: str,
    dossier: str,
    attachment=None,
    secrecy: str = Secrecy.NONE,
) -> Escalation:
    """The head sends a matter beyond the unit's authority, with its dossier, to the deputy
    chief in charge."""
    _require_head(
        actor, unit, _("Chỉ Trưởng phòng (hoặc người được ủy quyền) mới kiến nghị lên lãnh đạo.")
    )
    escalation = Escalation(
        lead_unit=unit, owner=actor, title=title, dossier=dossier, secrecy=secrecy
    )
    if attachment:
        escalation.attachment = attachment
    escalation.full_clean()
    audited_save(escalation, actor=actor, reason=_("Kiến nghị vượt thẩm quyền"))
    ownership.record_assignment(escalation, actor=actor, reason=_("Kiến nghị vượt thẩm quyền"))
    approvals.approval_submit(actor=actor, obj=escalation)
    return escalation


# Consultations (Điều 13.1, 22.3) ------------------------------------------------------------


@transaction.atomic
@in_office_language
def consultation_create(
    *,
    actor,
    asked_unit: Unit,
    subject: str,
    question: str,
    due_working_days: int,
    secrecy: str = Secrecy.NONE,
) -> Consultation:
    """A member of the lead unit asks another unit; that unit must answer by the deadline."""
    viewer = permissions.viewer_for(actor)
    if viewer.unit_id is None:
        raise PermissionDenied(_("Chỉ cán bộ của một đơn vị mới xin ý kiến đơn vị khác."))
    if asked_unit.pk == viewer.unit_id:
        raise ValidationError({"asked_unit": _("Chỉ xin ý kiến đơn vị khác.")})
    if due_working_days < 1:
        raise ValidationError({"due_working_days": _("Thời hạn ít nhất là 1 ngày làm việc.")})
    lead_unit = Unit.objects.get(pk=viewer.unit_id)
    consultation = Consultation(
        lead_unit=lead_unit,
        owner=actor,
        asked_unit=asked_unit,
        subject=subject,
        question=question,
        secrecy=secrecy,
        deadline=add_working_days(timezone.localdate(), due_working_days),
    )
    consultation.full_clean()
    audited_save(consultation, actor=actor, reason=_("Xin ý kiến"))
    ownership.set_coordinating_units(
        consultation, [asked_unit], actor=actor, reason=_("Đơn vị được xin ý kiến")
    )
    ownership.record_assignment(consultation, actor=actor, reason=_("Xin ý kiến"))
    asked_head = ownership.head_of(asked_unit)
    if asked_head is not None:
        if consultation.is_secret:
            permissions.grant_view(consultation, asked_head)
        notify(
            about=consultation,
            recipients=[asked_head],
            title=_("%(unit)s xin ý kiến: %(subject)s (hạn %(due)s)")
            % {
                "unit": lead_unit.name_vi,
                "subject": subject,
                "due": consultation.deadline.strftime("%d/%m/%Y"),
            },
            url=consultation.get_absolute_url(),
        )
    return consultation


@transaction.atomic
@in_office_language
def consultation_designate(*, actor, consultation: Consultation, answerer) -> Consultation:
    """The asked unit's head names who prepares the answer; that person is granted sight."""
    if not permissions.viewer_for(actor).is_head_of(consultation.asked_unit_id):
        raise PermissionDenied(_("Chỉ Trưởng phòng đơn vị được hỏi mới phân công trả lời."))
    ownership.validate_owner(consultation.asked_unit, answerer)
    if consultation.answerer_id and consultation.answerer_id != answerer.pk:
        permissions.revoke_view(consultation, consultation.answerer)
    consultation.answerer = answerer
    audited_save(
        consultation,
        actor=actor,
        reason=_("Phân công trả lời"),
        update_fields=["answerer", "updated_at"],
    )
    permissions.grant_view(consultation, answerer)
    notify(
        about=consultation,
        recipients=[answerer],
        title=_("Chuẩn bị trả lời xin ý kiến: %(subject)s") % {"subject": consultation.subject},
        url=consultation.get_absolute_url(),
    )
    return consultation


@transaction.atomic
@in_office_language
def consultation_answer(*, actor, consultation: Consultation, answer: str) -> Consultation:
    if not permissions.can_answer(actor, consultation):
        raise PermissionDenied(_("Bạn không được phân công trả lời xin ý kiến này."))
    if consultation.status != ConsultationStatus.OPEN:
        raise ValidationError(_("Xin ý kiến này đã được trả lời."))
    if not answer.strip():
        raise ValidationError({"answer": _("Cần nhập nội dung trả lời.")})
    consultation.answer = answer
    consultation.answered_by = actor
    consultation.answered_at = timezone.now()
    consultation.status = ConsultationStatus.ANSWERED
    audited_save(
        consultation,
        actor=actor,
        reason=_("Trả lời xin ý kiến"),
        update_fields=["answer", "answered_by", "answered_at", "status", "updated_at"],
    )
    notify(
        about=consultation,
        recipients=[consultation.owner],
        title=_("%(unit)s đã trả lời: %(subject)s")
        % {"unit": consultation.asked_unit.name_vi, "subject": consultation.subject},
        body=answer,
        url=consultation.get_absolute_url(),
    )
    return consultation


# Collective discussion (Điều 2) -------------------------------------------------------------


@transaction.atomic
@in_office_language
def discussion_record(
    *,
    actor,
    obj,
    held_on: date,
    participants: Iterable,
    opinions: str,
    conclusion: str,
) -> CollectiveDiscussion:
    """The head records the unit's discussion of a matter before submitting it; any approvable
    model that declares `requires_discussion` asks for one (`units.approvals`)."""
    if not permissions.can_edit(actor, obj):
        raise PermissionDenied(_("Bạn không có quyền ghi thảo luận cho nội dung này."))
    participants = list(participants)
    if not participants:
        raise ValidationError({"participants": _("Cần ghi thành phần tham dự.")})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Ngày thảo luận không được sau hôm nay.")})
    discussion = CollectiveDiscussion(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        unit=obj.lead_unit,
        held_on=held_on,
        opinions=opinions,
        conclusion=conclusion,
        recorded_by=actor,
    )
    discussion.full_clean()
    audited_save(discussion, actor=actor, reason=_("Ghi biên bản thảo luận tập thể"))
    audited_m2m_set(
        discussion, "participants", participants, actor=actor, reason=_("Người tham dự thảo luận")
    )
    return discussion
