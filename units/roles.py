"""Model-level permissions of the admin's two roles. Which objects a leader sees inside a model is
decided by `units.permissions`, never by these groups."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from units.choices import Position

LEADERSHIP_GROUP = "Lãnh đạo Văn phòng"
SYSTEM_ADMIN_GROUP = "Quản trị hệ thống (Cơ yếu – CNTT)"

#: Accounts, rights and the organisation itself: Cipher–IT grants and scopes rights (Điều 11.6).
SYSTEM_ADMIN_MODELS = [
    ("auth", "user"),
    ("units", "unit"),
    ("units", "staffmember"),
    ("units", "unitdesignation"),
]

#: What the administrators may do beyond that: unlock sign-ins (axes' lists: the locked-out
#: page tells people to ask Cipher–IT) and read the secret-document access log (Điều 17).
SYSTEM_ADMIN_RIGHTS = {
    ("axes", "accessattempt"): ["view", "delete"],
    ("axes", "accesslog"): ["view"],
    ("axes", "accessfailurelog"): ["view"],
    ("units", "secretaccess"): ["view"],
}


def _permissions(model_actions: list[tuple[type, list[str]]]) -> list[Permission]:
    if not model_actions:
        return []
    content_types = ContentType.objects.get_for_models(*[model for model, _a in model_actions])
    condition = Q(pk__in=[])
    for model, actions in model_actions:
        condition |= Q(
            content_type=content_types[model],
            codename__in=[f"{action}_{model._meta.model_name}" for action in actions],
        )
    return list(Permission.objects.filter(condition))


def leadership_permissions() -> list[Permission]:
    from units.models import OwnedWork

    return _permissions(
        [(model, ["view"]) for model in apps.get_models() if issubclass(model, OwnedWork)]
    )


def system_admin_permissions() -> list[Permission]:
    model_actions = [
        (apps.get_model(app_label, model_name), ["view", "add", "change"])
        for app_label, model_name in SYSTEM_ADMIN_MODELS
    ]
    model_actions += [
        (apps.get_model(app_label, model_name), actions)
        for (app_label, model_name), actions in SYSTEM_ADMIN_RIGHTS.items()
    ]
    model_actions += [
        (model, ["view", "add", "change", "delete"])
        for model in apps.get_models()
        if getattr(model, "office_catalogue", False)
    ]
    return _permissions(model_actions)


def ensure_groups(**kwargs) -> tuple[Group, Group]:
    """Create both groups and refresh their rights; runs after every migrate."""
    leadership, _ = Group.objects.get_or_create(name=LEADERSHIP_GROUP)
    leadership.permissions.set(leadership_permissions())
    admins, _ = Group.objects.get_or_create(name=SYSTEM_ADMIN_GROUP)
    admins.permissions.set(system_admin_permissions())
    return leadership, admins


def _group(name: str) -> Group:
    group = Group.objects.filter(name=name).first()
    return (
        group
        if group is not None
        else dict(zip((LEADERSHIP_GROUP, SYSTEM_ADMIN_GROUP), ensure_groups(), strict=True))[name]
    )


def sync_role_groups(staff) -> None:
    """Put the account in the leadership group its position calls for. The system
    administrators' rights follow the role by its dates (`units.backends.OfficeModelBackend`):
    no stored membership to forget when the role ends."""
    user = staff.user
    wants = set()
    if staff.position in (Position.CHIEF, Position.DEPUTY_CHIEF) and staff.is_active:
        wants.add(LEADERSHIP_GROUP)
    has = set(user.groups.filter(name=LEADERSHIP_GROUP).values_list("name", flat=True))
    for name in wants - has:
        user.groups.add(_group(name))
    for name in has - wants:
        user.groups.remove(_group(name))


#: The unit that keeps accounts and rights (Cipher–IT, Điều 11.6): its head approves the rights
#: changes of accounts that are not leadership's.
ACCOUNTS_UNIT_CODE = "cy"
