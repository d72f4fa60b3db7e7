"""The one door for object permissions (Điều 1.3, 17).

Every list, detail, search, export and admin page of a piece of work goes through `visible()` and
`get_visible_or_404()`. What a unit or leadership may see is derived from the lead-unit,
coordinating-unit and leadership columns; guardian direct-FK rows carry only what is personal
(the person in charge's rights, explicit shares, secret grants), so a list stays one indexed query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.contrib.auth.models import AnonymousUser, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import checks
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import (
    Aggregate,
    CharField,
    Exists,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404
from django.utils import timezone

from units.choices import Designation, Position, RoleCode, Secrecy, levels_up_to
from units.designations import is_designated
from units.grants import hidden_rows
from units.models import (
    Delegation,
    OwnedWork,
    RoleAssignment,
    SecretAccess,
    SecretGrant,
    StaffMember,
    Unit,
)


@dataclass(frozen=True)
class Viewer:
    """What the permission rules need to know about a user, computed once per request."""

    user_id: int | None
    unit_id: int | None = None
    position: str = ""
    is_chief: bool = False
    is_deputy_chief: bool = False
    #: codes of the roles the user holds today (`units.RoleAssignment`, by their dates)
    roles: frozenset[str] = field(default_factory=frozenset)
    #: units the user heads today: as head, or as acting head under an active delegation
    head_unit_ids: frozenset[int] = field(default_factory=frozenset)
    #: units whose whole work the user sees: head, deputy or acting head
    managed_unit_ids: frozenset[int] = field(default_factory=frozenset)
    #: units the user is deputy chief in charge of
    overseen_unit_ids: frozenset[int] = field(default_factory=frozenset)
    #: secret levels his valid clearances in his own unit cover today (Điều 11.6, 17)
    cleared_levels: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_leadership(self) -> bool:
        return self.is_chief or self.is_deputy_chief

    def has_role(self, code: str) -> bool:
        return code in self.roles

    @property
    def is_records_clerk(self) -> bool:
        return self.has_role(RoleCode.RECORDS_CLERK)

    @property
    def is_system_admin(self) -> bool:
        return self.has_role(RoleCode.SYSTEM_ADMIN)

    def is_head_of(self, unit_id: int) -> bool:
        return unit_id in self.head_unit_ids

    def oversees(self, unit_id: int) -> bool:
        return self.is_chief or unit_id in self.overseen_unit_ids


ANONYMOUS = Viewer(user_id=None)

#: Separator of the role codes aggregated into the viewer's row (codes are slugs).
_ROLE_SEPARATOR = ","


class _JoinedCodes(Aggregate):
    """The role codes of a user joined into one text, so the viewer stays one row of one query
    on PostgreSQL (string_agg) and on the SQLite of a laptop (group_concat)."""

    function = "STRING_AGG"
    template = f"%(function)s(%(expressions)s, '{_ROLE_SEPARATOR}')"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


def valid_role_codes(user_ref, day) -> Subquery:
    """The codes of the roles held on `day` by the user `user_ref` points at, as one text."""
    return Subquery(
        RoleAssignment.objects.valid_on(day)
        .filter(user_id=user_ref)
        .order_by()
        .values("user_id")
        .annotate(codes=_JoinedCodes("role__code"))
        .values("codes")[:1],
        output_field=CharField(),
    )


def valid_clearances(user_ref, unit_ref, day) -> Subquery:
    """The levels of the secrecy clearances held on `day` by the user `user_ref` points at,
    within the unit `unit_ref` points at (a clearance stays in the unit it was granted in), as
    one text."""
    return Subquery(
        RoleAssignment.objects.valid_on(day)
        .filter(user_id=user_ref, unit_id=unit_ref, role__code=RoleCode.SECRECY_CLEARANCE)
        .exclude(secrecy=Secrecy.NONE)
        .order_by()
        .values("user_id")
        .annotate(levels=_JoinedCodes("secrecy"))
        .values("levels")[:1],
        output_field=CharField(),
    )


def _cleared(levels: str | None) -> frozenset[str]:
    covered: set[str] = set()
    for level in filter(None, (levels or "").split(_ROLE_SEPARATOR)):
        covered.update(levels_up_to(level))
    return frozenset(covered)


def viewer_for(user) -> Viewer:
    """Build (and memoise on the user object) the viewer of a request: one query for the staff
    row, the unit the user acts as head of today (a delegation names a deputy of the same
    unit, so there is at most one) and the roles valid today, and one more for a deputy chief's
    units."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_office_viewer", None)
    if cached is not None:
        return cached
    today = timezone.localdate()
    acting_unit = (
        Delegation.objects.filter(
            delegate_id=user.pk,
            cancelled_at__isnull=True,
            starts_on__lte=today,
            ends_on__gte=today,
        )
        .order_by()
        .values("unit_id")[:1]
    )
    # One row at most (one-to-one); without order_by() the model's ordering would join two tables.
    staff = (
        StaffMember.objects.filter(user_id=user.pk, is_active=True)
        .order_by()
        .values("unit_id", "position")
        .annotate(
            acting_unit_id=Subquery(acting_unit),
            role_codes=valid_role_codes(OuterRef("user_id"), today),
            clearance_levels=valid_clearances(OuterRef("user_id"), OuterRef("unit_id"), today),
        )[:1]
    )
    staff = next(iter(staff), None)
    if staff is None or not user.is_active:
        viewer = Viewer(user_id=user.pk)
    else:
        unit_id, position = staff["unit_id"], staff["position"]
        acting = {staff["acting_unit_id"]} if staff["acting_unit_id"] is not None else set()
        heads = set(acting)
        managed = set(acting)
        if position == Position.HEAD:
            heads.add(unit_id)
        if position in (Position.HEAD, Position.DEPUTY):
            managed.add(unit_id)
        overseen: set[int] = set()
        if position == Position.DEPUTY_CHIEF:
            overseen = set(
                Unit.objects.filter(deputy_chief_id=user.pk).values_list("pk", flat=True)
            )
        viewer = Viewer(
            user_id=user.pk,
            unit_id=unit_id,
            position=position,
            is_chief=position == Position.CHIEF,
            is_deputy_chief=position == Position.DEPUTY_CHIEF,
            roles=frozenset(filter(None, (staff["role_codes"] or "").split(_ROLE_SEPARATOR))),
            head_unit_ids=frozenset(heads),
            managed_unit_ids=frozenset(managed),
            overseen_unit_ids=frozenset(overseen),
            cleared_levels=_cleared(staff["clearance_levels"]) if unit_id else frozenset(),
        )
    user._office_viewer = viewer
    return viewer


def forget_viewer(user) -> None:
    """Drop the memoised viewer after the user's position or delegations changed."""
    if hasattr(user, "_office_viewer"):
        del user._office_viewer


def grant_model(model: type[Model]) -> type[Model]:
    return model._meta.get_field("user_grants").related_model


def _permissions(model: type[Model], *actions: str) -> QuerySet:
    return Permission.objects.filter(
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        codename__in=[f"{action}_{model._meta.model_name}" for action in actions],
    )


#: Permission ids by (model label, action), read once per process. Permissions are created by
#: migrations and only re-created when the database is flushed, which sends post_migrate.
_permission_ids: dict[tuple[str, str], int] = {}


def forget_permission_ids(**kwargs) -> None:
    _permission_ids.clear()


def _permission_id(model: type[Model], action: str) -> int:
    """All ids are read by the first use, in one query: a page then costs the same queries
    whichever model's id the process happened to need first (a write warms a list's read)."""
    key = (model._meta.label_lower, action)
    if key not in _permission_ids:
        rows = Permission.objects.values_list(
            "content_type__app_label", "content_type__model", "codename", "pk"
        )
        for app_label, model_name, codename, pk in rows:
            verb, _, codename_model = codename.rpartition("_")
            if codename_model == model_name:
                _permission_ids[(f"{app_label}.{model_name}", verb)] = pk
    if key not in _permission_ids:
        _permission_ids[key] = _permissions(model, action).values_list("pk", flat=True).get()
    return _permission_ids[key]


def _granted(model: type[Model], user_id: int) -> Exists:
    """Explicit shares and secret grants. The person in charge's `change` row is not looked at
    here: it always belongs to the owner, whom `owner_id` already covers, and at scale it is
    most of the table. A row a timed grant (`units.grants`) holds counts only within its
    days. The permission id is a literal, so the subquery is a range of the
    (user, permission, object) unique index instead of every row the user holds."""
    return Exists(
        grant_model(model)
        .objects.filter(
            content_object_id=OuterRef("pk"),
            user_id=user_id,
            permission_id=_permission_id(model, "view"),
        )
        # A row held by a timed grant shows nothing outside the grant's days, swept or not.
        .filter(~hidden_rows(model, user_id))
    )


def _coordinating(model: type[Model], unit_ids: frozenset[int]) -> Exists:
    through = model._meta.get_field("coordinating_units").remote_field.through
    return Exists(
        through.objects.filter(
            **{f"{model._meta.model_name}_id": OuterRef("pk")}, unit_id__in=unit_ids
        )
    )


def role_sight(model: type[Model]) -> dict[str, Q]:
    """The model's declared role sight, checked: each key a role the code knows, each value a
    non-empty `Q`. An empty `Q()` would silently widen an OR or say nothing; use `ALL_ROWS` for
    "every non-secret object"."""
    declare = getattr(model, "role_sight", None)
    if declare is None:
        return {}
    sight = declare()
    if not isinstance(sight, dict):
        raise ImproperlyConfigured(f"{model.__name__}.role_sight() must return a dict")
    for code, condition in sight.items():
        if code not in RoleCode.values:
            raise ImproperlyConfigured(f"{model.__name__}.role_sight(): unknown role {code!r}")
        if not isinstance(condition, Q) or not condition:
            raise ImproperlyConfigured(
                f"{model.__name__}.role_sight()[{code!r}] is an empty condition; "
                "use units.models.ALL_ROWS for every non-secret object"
            )
    return sight


def designation_sight(model: type[Model]) -> dict[str, Q]:
    """The model's declared designation sight (`designation_sight()`, a classmethod returning
    `{Designation: Q}`): the members of the unit the office entrusts with that function see the
    rows of the condition (QT sees the service requests it serves and the asset register),
    checked like role sight."""
    declare = getattr(model, "designation_sight", None)
    if declare is None:
        return {}
    sight = declare()
    if not isinstance(sight, dict):
        raise ImproperlyConfigured(f"{model.__name__}.designation_sight() must return a dict")
    for key, condition in sight.items():
        if key not in Designation.values:
            raise ImproperlyConfigured(
                f"{model.__name__}.designation_sight(): unknown designation {key!r}"
            )
        if not isinstance(condition, Q) or not condition:
            raise ImproperlyConfigured(
                f"{model.__name__}.designation_sight()[{key!r}] is an empty condition; "
                "use units.models.ALL_ROWS for every non-secret object"
            )
    return sight


def sight_through(model: type[Model]) -> dict[str, type[OwnedWork]]:
    """The model's declared parent sight (`sight_through`, a tuple of foreign-key names to
    other owned work): whoever sees the parent sees the child's ordinary rows (a program's
    readers see its lines), inside the secrecy clause like role sight, so a secret line stays
    with its own people. Checked: each name a foreign key to an owned model."""
    names = getattr(model, "sight_through", ())
    if isinstance(names, str) or not isinstance(names, tuple | list):
        raise ImproperlyConfigured(f"{model.__name__}.sight_through must be a tuple of names")
    parents = {}
    for name in names:
        try:
            field = model._meta.get_field(name)
        except Exception as error:
            raise ImproperlyConfigured(
                f"{model.__name__}.sight_through: unknown field {name!r}"
            ) from error
        parent = getattr(field, "related_model", None)
        if not (field.many_to_one and is_owned_work(parent)):
            raise ImproperlyConfigured(
                f"{model.__name__}.sight_through: {name!r} is not a foreign key to owned work"
            )
        parents[name] = parent
    return parents


def check_role_sight(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A system check: every declared role sight is valid before the first request reads it."""
    from django.apps import apps

    errors = []
    for model in apps.get_models():
        if not issubclass(model, OwnedWork):
            continue
        try:
            role_sight(model)
            designation_sight(model)
            sight_through(model)
        except ImproperlyConfigured as error:
            errors.append(checks.Error(str(error), obj=model, id="units.E001"))
    return errors


def visibility_filter(viewer: Viewer, model: type[OwnedWork]) -> Q | None:
    """The condition for the objects of `model` that `viewer` may see; None means all.

    Secret items are seen only by the person in charge, explicit grants, the chief and the
    holders of a clearance. Every other sight applies inside the secrecy clause: the units'
    (lead, coordinating, overseen) and the roles' that the model declares in `role_sight()`
    (records clerks see the registers, Điều 7.6), each for the roles the viewer holds today,
    the designated units' that it declares in `designation_sight()`, and the parents' that it
    declares in `sight_through` (whoever sees a program sees its ordinary lines). The clause
    lets through what is not secret and, for a viewer holding a valid secrecy clearance in his
    unit (`SECRECY_CLEARANCE`, granted through a rights request), the items of his own unit at
    a level his clearance covers: he sees those he could see were they not secret, no more."""
    if viewer.user_id is None:
        return Q(pk__in=[])
    if viewer.is_chief:
        return None
    personal = Q(owner_id=viewer.user_id) | Q(_granted(model, viewer.user_id))
    open_sight = [
        condition for code, condition in role_sight(model).items() if viewer.has_role(code)
    ]
    if viewer.unit_id is not None:
        open_sight += [
            condition
            for key, condition in designation_sight(model).items()
            if is_designated(viewer.unit_id, key)
        ]
    lead_units = viewer.managed_unit_ids | viewer.overseen_unit_ids
    if lead_units:
        open_sight.append(Q(lead_unit_id__in=lead_units))
    if viewer.head_unit_ids:
        open_sight.append(Q(_coordinating(model, viewer.head_unit_ids)))
    for name, parent in sight_through(model).items():
        seen = visibility_filter(viewer, parent)
        open_sight.append(
            Q(**{f"{name}__in": parent._default_manager.filter(seen).order_by().values("pk")})
        )
    if not open_sight:
        return personal
    secrecy_clause = Q(secrecy=Secrecy.NONE)
    if viewer.cleared_levels and viewer.unit_id is not None:
        secrecy_clause |= Q(secrecy__in=sorted(viewer.cleared_levels), lead_unit_id=viewer.unit_id)
    return personal | (secrecy_clause & reduce(or_, open_sight))


def visible(queryset: QuerySet, user) -> QuerySet:
    """The objects of `queryset` that `user` may see."""
    condition = visibility_filter(viewer_for(user), queryset.model)
    return queryset if condition is None else queryset.filter(condition)


def visible_prefetch(lookup: str, queryset: QuerySet, user, *, to_attr: str | None = None):
    """A prefetch of related work through the door (NetBox's `RestrictedPrefetch`): a page that
    shows an object's linked tasks, documents or consultations lists only those the user may
    see, in one query like any prefetch."""
    return Prefetch(lookup, queryset=visible(queryset, user), to_attr=to_attr)


def is_owned_work(model: type[Model]) -> bool:
    return isinstance(model, type) and issubclass(model, OwnedWork)


def choosable(queryset: QuerySet, user) -> QuerySet:
    """What a form may offer the user among `queryset`'s rows: work he may see, active people
    of the office, active units. Other models are left as the form built them."""
    from django.contrib.auth import get_user_model

    model = queryset.model
    if is_owned_work(model):
        return visible(queryset, user)
    if viewer_for(user).user_id is None:
        return queryset.none()
    if model is get_user_model():
        return queryset.filter(is_active=True, staff__is_active=True)
    if model is Unit:
        return queryset.filter(is_active=True)
    return queryset


def require_visible(objects, user, *, field: str, message: str) -> list[Model]:
    """A service given work by id re-checks it through the door: the form narrowed its choices,
    but a forged POST or another caller may name anything. Raises on the first one the user may
    not see, with `message` on `field`."""
    objects = list(objects)
    by_model: dict[type[Model], set[int]] = {}
    for obj in objects:
        by_model.setdefault(type(obj), set()).add(obj.pk)
    for model, pks in by_model.items():
        seen = set(
            visible(model._default_manager.filter(pk__in=pks), user).values_list("pk", flat=True)
        )
        if pks - seen:
            raise ValidationError({field: message})
    return objects


def get_visible_or_404(queryset: QuerySet, user, *, via: str = "site", **lookup) -> Model:
    """Fetch one object the user may see; anything else, existing or not, is a 404. Opening a
    secret item is logged."""
    try:
        obj = visible(queryset, user).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc
    obj._seen_by = user.pk
    if getattr(obj, "is_secret", False):
        log_secret_access(obj, user, via=via)
    return obj


def log_secret_access(obj: Model, user, *, via: str) -> None:
    SecretAccess.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        user=user,
        via=via,
    )


def log_secret_rows(rows, user, *, via: str, model: type[Model] | None = None) -> list:
    """A list, search, export or admin page that shows secret rows writes one `SecretAccess`
    row for the request naming them all (not one per item); a page without secret rows writes
    nothing. Rows are objects, or `values()` dicts with `id` and `secrecy` (then `model` says
    whose). Returns the rows as a list, ready to render."""
    rows = list(rows)
    secret_ids = []
    for row in rows:
        if isinstance(row, dict):
            if row.get("secrecy", Secrecy.NONE) != Secrecy.NONE:
                secret_ids.append(row["id"])
        elif getattr(row, "is_secret", False):
            secret_ids.append(row.pk)
            model = model or type(row)
    if secret_ids and getattr(user, "pk", None) is not None:
        SecretAccess.objects.create(
            content_type=ContentType.objects.get_for_model(model),
            object_ids=sorted(secret_ids),
            user=user,
            via=via,
        )
    return rows


def can_see(user, obj: OwnedWork) -> bool:
    """An object fetched through `get_visible_or_404` for this user is known to be visible;
    the page's action checks need not ask the database again."""
    if user.pk is not None and getattr(obj, "_seen_by", None) == user.pk:
        return True
    return visible(type(obj)._default_manager.filter(pk=obj.pk), user).exists()


def can_edit(user, obj: OwnedWork) -> bool:
    """The person in charge and the head (or acting head) of the lead unit edit the work;
    coordinating units and leadership only see it."""
    viewer = viewer_for(user)
    if viewer.user_id is None:
        return False
    if obj.owner_id == viewer.user_id:
        return True
    return viewer.is_head_of(obj.lead_unit_id) and can_see(user, obj)


def can_reassign(user, obj: OwnedWork) -> bool:
    """Only the head or acting head of the lead unit names another person in charge."""
    viewer = viewer_for(user)
    return viewer.is_head_of(obj.lead_unit_id) and can_see(user, obj)


def can_move(user, obj: OwnedWork) -> bool:
    """Only the chief, or the deputy chief in charge of the current lead unit, moves work to
    another unit (Điều 13.1, 22.2)."""
    viewer = viewer_for(user)
    return viewer.oversees(obj.lead_unit_id) and can_see(user, obj)


def can_answer(user, consultation) -> bool:
    """The asked unit's head (or acting head) answers, or the person he designated."""
    viewer = viewer_for(user)
    return viewer.is_head_of(consultation.asked_unit_id) or (
        viewer.user_id is not None and consultation.answerer_id == viewer.user_id
    )


def grant_view(obj: OwnedWork, user) -> None:
    """An explicit share or secret grant: the one place that writes guardian view rows."""
    model = type(obj)
    grant_model(model).objects.get_or_create(
        content_object=obj, user=user, permission_id=_permission_id(model, "view")
    )


def hand_secret(obj: OwnedWork, users, *, actor, reason: str) -> None:
    """The step that hands a secret item to the next people in its path (the head who reviews
    his specialist's draft, the head who assigns a document his unit keeps, the clerks who
    check it, the leaders who sign) lets them see it, and records who let them in and why.
    Ordinary items and people who already see it are left alone."""
    if not getattr(obj, "is_secret", False):
        return
    for user in users:
        if user is None or can_see(user, obj):
            continue
        grant_view(obj, user)
        SecretGrant.objects.create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            user=user,
            granted_by=actor,
            reason=reason[:300],
        )


def revoke_view(obj: OwnedWork, user) -> None:
    model = type(obj)
    grant_model(model).objects.filter(
        content_object=obj, user=user, permission_id=_permission_id(model, "view")
    ).delete()


def move_owner_rights(obj: OwnedWork, *, old_owner_id: int | None, new_owner) -> None:
    """The person in charge holds the `change` right; it moves with the work. One insert that
    leaves an existing row alone (the permission id is this model's own, which is all guardian's
    save() would check, at the price of two reads)."""
    model = type(obj)
    rows = grant_model(model).objects
    change_id = _permission_id(model, "change")
    if old_owner_id is not None and old_owner_id != new_owner.pk:
        rows.filter(content_object=obj, user_id=old_owner_id, permission_id=change_id).delete()
    rows.bulk_create(
        [rows.model(content_object=obj, user=new_owner, permission_id=change_id)],
        ignore_conflicts=True,
    )


def members_of(unit_id: int) -> QuerySet:
    """Active users of a unit: the people who may be in charge of its work."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        is_active=True, staff__unit_id=unit_id, staff__is_active=True
    )


def holders_of(code: str, day=None) -> QuerySet:
    """Active users who hold the role on `day` (today by default)."""
    from django.contrib.auth import get_user_model

    day = day or timezone.localdate()
    return get_user_model().objects.filter(
        is_active=True,
        staff__is_active=True,
        pk__in=RoleAssignment.objects.valid_on(day).filter(role__code=code).values("user_id"),
    )


# Accounts and rights (issue 16) ---------------------------------------------------------------


def is_leadership_account(user) -> bool:
    return StaffMember.objects.filter(
        user_id=user.pk, is_active=True, position__in=[Position.CHIEF, Position.DEPUTY_CHIEF]
    ).exists()


def is_privileged_account(user) -> bool:
    """A leader's or an administrator's account: its password is reset only with a second
    person's approval. Ordinary staff's passwords the account administrator resets himself."""
    if user.is_superuser or user.is_staff:
        return True
    if is_leadership_account(user):
        return True
    return RoleAssignment.objects.valid_on(timezone.localdate()).filter(user_id=user.pk).exists()


def may_administer_accounts(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or viewer_for(user).is_system_admin))


def _cipher_it_heads() -> QuerySet:
    from django.contrib.auth import get_user_model

    from units.roles import ACCOUNTS_UNIT_CODE

    return get_user_model().objects.filter(
        is_active=True,
        staff__is_active=True,
        staff__position=Position.HEAD,
        staff__unit__code=ACCOUNTS_UNIT_CODE,
    )


def _users_in_position(position: str) -> QuerySet:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        is_active=True, staff__is_active=True, staff__position=position
    )


#: Kinds of change that give a right (a role, admin access, superuser, groups): for a unit's
#: staff member they pass his unit's head first, then Cipher–IT's head (Điều 11.6).
RIGHTS_KINDS = ("role", "staff", "superuser", "groups", "secret_item", "clearance")


def rights_head_of(user) -> list:
    """Who answers for a staff member's rights in his unit: the unit's head today (the acting
    head under a delegation); for the head himself, the unit's deputy chief in charge. Empty
    for leadership (no unit)."""
    from units.ownership import head_of

    staff = (
        StaffMember.objects.filter(user_id=user.pk, is_active=True)
        .select_related("unit__deputy_chief")
        .first()
    )
    if staff is None or staff.unit is None:
        return []
    head = head_of(staff.unit)
    if head is not None and head.pk != user.pk:
        return [head]
    return [staff.unit.deputy_chief] if staff.unit.deputy_chief_id else []


def needs_head_stage(change) -> bool:
    """A right for a unit's staff member needs his head's approval before Cipher–IT's."""
    return change.kind in RIGHTS_KINDS and not is_leadership_account(change.target)


def head_stage_pending(change) -> bool:
    return needs_head_stage(change) and change.head_approved_by_id is None


def privileged_change_approvers(change) -> list:
    """Who may approve a privileged change now: never the requester, never the account it is
    for. A right of a unit's staff member waits first for his unit's head (`rights_head_of`;
    the request of that head counts as his approval), then for Cipher–IT's head or the chief,
    who may not be the head who approved. A leadership account's change is the chief's (a
    deputy chief's when it is the chief's own account); any other change is the chief's or
    Cipher–IT's head's (Điều 11.6)."""
    from units.selectors import chiefs

    target = change.target
    excluded = [change.requested_by_id, change.target_id]
    if head_stage_pending(change):
        return [user for user in rights_head_of(target) if user.pk not in excluded]
    if is_leadership_account(target):
        if target.staff.position == Position.CHIEF:
            candidates = _users_in_position(Position.DEPUTY_CHIEF)
        else:
            candidates = chiefs().filter(is_active=True)
    else:
        candidates = chiefs().filter(is_active=True) | _cipher_it_heads()
    if change.head_approved_by_id:
        excluded.append(change.head_approved_by_id)
    return list(candidates.exclude(pk__in=excluded).distinct())


def can_decide_privileged_change(user, change) -> bool:
    if not change.is_pending or user.pk in (change.requested_by_id, change.target_id):
        return False
    return any(approver.pk == user.pk for approver in privileged_change_approvers(change))


def may_request_rights(user, target) -> bool:
    """Account administrators ask for any account; a unit head for the staff of his unit."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or viewer_for(user).is_system_admin:
        return True
    return any(head.pk == user.pk for head in rights_head_of(target))


def may_see_privileged_changes(user) -> bool:
    """Account administrators ask; leadership and Cipher–IT's head decide."""
    if not user.is_authenticated:
        return False
    viewer = viewer_for(user)
    if user.is_superuser or viewer.is_system_admin or viewer.is_leadership:
        return True
    return _cipher_it_heads().filter(pk=user.pk).exists()
