"""A reusable permission-matrix kit, in the manner of NetBox's view test cases: a model's test
supplies only a `Case` (the model, a factory that builds one object through the real services,
and its URLs); the kit runs the fifteen roles of the office against list, detail, edit and admin
page (and, where the page offers them, reassign and move), and derives every expectation from
ONE rule table (`RULES`) applied to the object's relations to each role.

Data is built once per test module, inside a transaction the module rolls back when it ends;
each test runs in a savepoint of it (pytest-django's `db`), so a POST that changes the object is
undone before the next role. One HTTP client per role, logged in once.

Usage, in a test module::

    from tests.kit.permission_matrix import Case, matrix

    CASES = [Case(name="task", model=Task, make=make_task, list_url=..., ...)]
    matrix_data, test_matrix = matrix(CASES)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tests.kit.seed import TodaysModels
from units import permissions
from units import services as unit_services
from units.choices import Position, RoleCode
from units.models import Unit

PASSWORD = "matkhau-thu-2026"

#: The fifteen roles, as in the office the permission rules speak of (DOMAIN §2).
ROLES = [
    "chief",
    "dc_in_charge",
    "dc_other",
    "head",
    "acting_head",
    "deputy",
    "staff",
    "owner",
    "coord_head",
    "coord_staff",
    "clerk",
    "other_head",
    "other_staff",
    "sysadmin",
    "anonymous",
]

#: Who holds which place in the organisation the kit builds (`build_office`).
ORGANISATION = {
    "th": {"heads": {"head", "acting_head"}, "deputies": {"deputy"}, "overseer": "dc_in_charge"},
    "hc": {"heads": {"coord_head"}, "deputies": set(), "overseer": "dc_in_charge"},
    "tc": {"heads": {"other_head"}, "deputies": set(), "overseer": "dc_other"},
    # Cipher–IT: no head among the roles; the system administrator is one of its members.
    "cy": {"heads": set(), "deputies": set(), "members": {"sysadmin"}, "overseer": "dc_other"},
    # Nobody of the fifteen works in QT: its work is kept by people a case's factory adds.
    "qt": {"heads": set(), "deputies": set(), "overseer": "dc_other"},
}

#: Who reaches the admin at all: office leadership and the system administrators.
ADMIN_STAFF = {"chief", "dc_in_charge", "dc_other", "sysadmin"}

# The one rule table (DOMAIN §2 rules 1 and 7, Điều 1.3, 17). Relations of a role to an object:
#   chief, overseer (deputy chief in charge of the lead unit), lead_head (head or acting head),
#   lead_deputy, owner (person in charge), grant (a personal grant the flow gave), coord_head
#   (head or acting head of a coordinating unit), clerk (records clerk of a register model whose
#   records-clerk sight covers the object), role_sight (a role the case's flow gave the person,
#   whose `role_sight()` covers the object: the archivists), lead_member (any member of the lead
#   unit: a unit's own books, read with a case's own `rules`), parent (a role who sees the
#   parent work the model declares in `sight_through`: a program's readers see its lines).
RULES = {
    "view": {
        "plain": {
            "chief",
            "overseer",
            "lead_head",
            "lead_deputy",
            "owner",
            "grant",
            "coord_head",
            "clerk",
            "role_sight",
            "parent",
        },
        # Secret: the person in charge, explicit grants and the chief; role sight and the
        # parent's readers stay outside.
        "secret": {"chief", "owner", "grant"},
    },
    # Among those who see it:
    "edit": {"owner", "lead_head"},
    "reassign": {"lead_head"},
    "move": {"chief", "overseer"},
}


@dataclass(frozen=True)
class Made:
    """What a factory built: the object, and the roles its flow granted personally (the head
    who assigned a secret task, the leader a secret submission waits for, …)."""

    obj: object
    grantees: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Edit:
    """The page's edit action: the POST data and how to tell it changed the object."""

    data: dict
    changed: Callable[[object], bool]


@dataclass
class Case:
    """One owned model for the matrix. `make(office, secret)` builds an object through the real
    services and returns a `Made`. Without `edit`, the edit column asks the door
    (`permissions.can_edit`): the page has no plain edit form for that model."""

    name: str
    model: type
    make: Callable[[object, bool], Made]
    lead_unit: str
    owner: str
    list_url: str | None
    coordinating: tuple[str, ...] = ()
    clerk_sight: bool = False
    #: kit roles the case's flow gave a role whose `role_sight()` covers the (plain) object
    role_sight: tuple[str, ...] = ()
    #: kit roles who see the parent work of `sight_through` (the program of a program's line)
    parent_sight: tuple[str, ...] = ()
    edit: Edit | None = None
    #: the page offers reassign and move actions (units' pages)
    reassign_and_move: bool = False
    variants: tuple[str, ...] = ("plain", "secret")
    admin: bool = True
    #: the case's own rule table, shaped like `RULES` (edit, reassign and move optional), for a
    #: model whose sight is not the door's (a unit's books: its members and the chief)
    rules: dict | None = None
    #: the object is owned work the door answers for; False: no door checks of edit, reassign
    #: and move (the case's `edit` still runs when given)
    door: bool = True
    #: the list itself answers 404 to whoever may not see the object (a unit's books)
    list_hidden: bool = False


@dataclass
class Office:
    units: dict
    people: dict

    def __getitem__(self, key):
        return self.people[key]


def _person(username, position, unit=None, **flags):
    return unit_services.staff_create(
        actor=None,
        username=username,
        full_name=f"Cán bộ {username}",
        position=position,
        unit=unit,
        password=PASSWORD,
        email=f"{username}@vanphong.local",
        **flags,
    ).user


class _TodaysModels:
    """The app registry as the data migrations' seed functions see it, with the models that have
    moved since they were written looked up in their new home (Party terms: core 0004)."""

    MOVED = {("dispatch", "PartyTerm"): ("core", "PartyTerm")}

    def get_model(self, app_label: str, model_name: str):
        return apps.get_model(*self.MOVED.get((app_label, model_name), (app_label, model_name)))


def _seed() -> None:
    """The rows the data migrations create; a transactional test may have flushed them."""
    for module, function in [
        ("units.migrations.0002_six_units", "create_units"),
        ("units.migrations.0003_unit_designations", "seed"),
        ("dispatch.migrations.0002_catalogue_defaults", "seed"),
        ("dispatch.migrations.0005_letter_defaults", "seed"),
    ]:
        getattr(importlib.import_module(module), function)(TodaysModels(), None)
    from workprograms.models import ReportDeadline

    if not ReportDeadline.objects.exists():
        importlib.import_module("workprograms.migrations.0002_report_deadlines").seed(apps, None)


def build_office() -> Office:
    """The office of the fifteen roles, built through the real services."""
    _seed()
    units = {unit.code: unit for unit in Unit.objects.all()}
    people = {
        "chief": _person("chief", Position.CHIEF),
        "dc_in_charge": _person("dc1", Position.DEPUTY_CHIEF),
        "dc_other": _person("dc2", Position.DEPUTY_CHIEF),
        "head": _person("th_head", Position.HEAD, units["th"]),
        "acting_head": _person("th_acting", Position.DEPUTY, units["th"]),
        "deputy": _person("th_deputy", Position.DEPUTY, units["th"]),
        "staff": _person("th_staff", Position.SPECIALIST, units["th"]),
        "owner": _person("th_owner", Position.SPECIALIST, units["th"]),
        "coord_head": _person("hc_head", Position.HEAD, units["hc"]),
        "coord_staff": _person("hc_staff", Position.SPECIALIST, units["hc"]),
        "clerk": _person(
            "hc_clerk", Position.CIVIL_SERVANT, units["hc"], roles=(RoleCode.RECORDS_CLERK,)
        ),
        "other_head": _person("tc_head", Position.HEAD, units["tc"]),
        "other_staff": _person("tc_staff", Position.SPECIALIST, units["tc"]),
        "sysadmin": _person(
            "cy_admin", Position.SPECIALIST, units["cy"], roles=(RoleCode.SYSTEM_ADMIN,)
        ),
    }
    for codes, leader in [(["th", "hc", "lt"], "dc_in_charge"), (["qt", "tc", "cy"], "dc_other")]:
        for unit in Unit.objects.filter(code__in=codes):
            unit.deputy_chief = people[leader]
            unit.save(update_fields=["deputy_chief"])
    units = {unit.code: unit for unit in Unit.objects.all()}
    today = timezone.localdate()
    unit_services.delegation_create(
        actor=people["head"],
        unit=units["th"],
        delegate=people["acting_head"],
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=5),
        reason="Đi công tác",
    )
    for user in people.values():
        permissions.forget_viewer(user)
    return Office(units=units, people=people)


# The rule table applied -----------------------------------------------------------------------


def relations(role: str, case: Case, made: Made) -> set[str]:
    """How `role` stands to the object: facts of the organisation and of the flow only."""
    lead = ORGANISATION[case.lead_unit]
    found = set()
    if role == "chief":
        found.add("chief")
    if lead["overseer"] == role:
        found.add("overseer")
    if role in lead["heads"]:
        found.add("lead_head")
    if role in lead["deputies"]:
        found.add("lead_deputy")
    if role == case.owner:
        found.add("owner")
    if role in made.grantees:
        found.add("grant")
    if any(role in ORGANISATION[code]["heads"] for code in case.coordinating):
        found.add("coord_head")
    if role == "clerk" and case.clerk_sight:
        found.add("clerk")
    if role in case.role_sight:
        found.add("role_sight")
    if role in case.parent_sight:
        found.add("parent")
    if role in lead.get("members", ()):
        found.add("lead_member")
    return found


@dataclass(frozen=True)
class Expected:
    view: bool
    edit: bool
    reassign: bool
    move: bool


def expected(role: str, case: Case, variant: str, made: Made) -> Expected:
    held = relations(role, case, made)
    rules = case.rules or RULES
    view = bool(held & rules["view"][variant])
    return Expected(
        view=view,
        edit=view and bool(held & rules.get("edit", set())),
        reassign=view and bool(held & rules.get("reassign", set())),
        move=view and bool(held & rules.get("move", set())),
    )


# The runner ---------------------------------------------------------------------------------


@dataclass
class MatrixData:
    office: Office
    clients: dict
    made: dict = field(default_factory=dict)


def _admin_url(model, pk) -> str | None:
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])
    except NoReverseMatch:
        return None


def _fresh(model, pk):
    return model._default_manager.get(pk=pk)


def check_cell(data: MatrixData, case: Case, variant: str, role: str) -> int:
    """Run one role against one object; returns the number of cells checked."""
    made = data.made[(case.name, variant)]
    obj = made.obj
    http = data.clients[role]
    detail = obj.get_absolute_url()
    if role == "anonymous":
        for url in filter(None, [case.list_url, detail]):
            response = http.get(url)
            assert response.status_code == 302 and reverse("login") in response["Location"]
        return 2
    allowed = expected(role, case, variant, made)
    cells = 0

    if case.list_url:
        response = http.get(case.list_url)
        if case.list_hidden and not allowed.view:
            assert response.status_code == 404, "list hidden"
        else:
            assert response.status_code == 200
            assert (detail in response.content.decode()) == allowed.view, "list"
        cells += 1

    assert http.get(detail).status_code == (200 if allowed.view else 404), "detail"
    cells += 1

    if case.edit is not None:
        response = http.post(detail, case.edit.data)
        changed = case.edit.changed(_fresh(case.model, obj.pk))
        assert changed == allowed.edit, "edit"
        expected_status = 302 if changed else 403 if allowed.view else 404
        assert response.status_code == expected_status, "edit status"
        cells += 1
    elif case.door:
        assert permissions.can_edit(data.office[role], _fresh(case.model, obj.pk)) == (
            allowed.edit
        ), "edit (door)"
        cells += 1

    admin_url = _admin_url(case.model, obj.pk) if case.admin else None
    if admin_url:
        response = http.get(admin_url)
        if role not in ADMIN_STAFF:
            assert response.status_code == 302 and "/admin/login/" in response["Location"]
        else:
            assert response.status_code == (200 if allowed.view else 404), "admin"
        cells += 1

    if case.reassign_and_move:
        cells += _reassign_and_move(data, case, obj, role, allowed)
    elif case.door:
        user = data.office[role]
        fresh = _fresh(case.model, obj.pk)
        assert permissions.can_reassign(user, fresh) == allowed.reassign, "reassign (door)"
        assert permissions.can_move(user, fresh) == allowed.move, "move (door)"
        cells += 2
    return cells


def _reassign_and_move(data, case, obj, role, allowed) -> int:
    """Each action starts from the object as built: the reassignment is undone (a savepoint)
    before the move is tried, so a head who hands a secret item on is still its owner then."""
    office, http, model = data.office, data.clients[role], case.model
    detail = obj.get_absolute_url()
    with transaction.atomic():
        before = _fresh(model, obj.pk)
        new_owner = office["staff"] if before.owner_id != office["staff"].pk else office["deputy"]
        response = http.post(
            detail,
            {
                "action": "reassign",
                "reassign-new_owner": new_owner.pk,
                "reassign-reason": "Điều chỉnh phân công",
            },
        )
        reassigned = _fresh(model, obj.pk).owner_id == new_owner.pk
        assert reassigned == allowed.reassign, "reassign"
        if not reassigned:
            assert response.status_code == (403 if allowed.view else 404), "reassign status"
        transaction.set_rollback(True)
    target = office.units["tc"]
    response = http.post(
        detail,
        {
            "action": "move",
            "move-new_unit": target.pk,
            "move-reason": "Đúng chức năng của Phòng Tài chính",
        },
    )
    moved = _fresh(model, obj.pk)
    assert (moved.lead_unit_id == target.pk) == allowed.move, "move"
    if allowed.move:
        assert moved.owner_id == office["other_head"].pk
    else:
        assert response.status_code == (403 if allowed.view else 404), "move status"
    return 2


def matrix(cases: list[Case]):
    """The module-scoped data fixture and the parametrised test for `cases`; assign both to
    module globals (pytest collects them from there)."""

    @pytest.fixture(scope="module")
    def matrix_data(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
            try:
                with override_settings(
                    CELERY_TASK_ALWAYS_EAGER=True,
                    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                ):
                    office = build_office()
                    data = MatrixData(office=office, clients={})
                    for case in cases:
                        for variant in case.variants:
                            made = case.make(office, variant == "secret")
                            assert made.obj.is_secret == (variant == "secret")
                            data.made[(case.name, variant)] = made
                    for role in ROLES:
                        http = Client()
                        if role != "anonymous":
                            http.force_login(office[role])
                        data.clients[role] = http
            except BaseException:
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
                raise
        yield data
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)

    params = [
        pytest.param(case, variant, id=f"{case.name}-{variant}")
        for case in cases
        for variant in case.variants
    ]

    @pytest.mark.django_db
    @pytest.mark.parametrize("role", ROLES)
    @pytest.mark.parametrize(("case", "variant"), params)
    def test_matrix(matrix_data, db, case, variant, role):
        check_cell(matrix_data, case, variant, role)

    return matrix_data, test_matrix
