"""The permission matrix through HTTP, site and admin: every role against every kind of object,
for list, view, edit, reassign, move and the admin page. Forbidden objects answer 404."""

import pytest
from django.urls import reverse

from units import permissions
from units.models import Consultation, Escalation, SecretAccess, Task

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
LEADERS = {"chief", "dc_in_charge"}
TH_MANAGERS = {"head", "acting_head", "deputy"}

# Who may do what, object by object (DOMAIN §2 rules 1 and 7).
EXPECTED = {
    "task": {
        "view": LEADERS | TH_MANAGERS | {"owner", "coord_head"},
        "edit": {"head", "acting_head", "owner"},
        "reassign": {"head", "acting_head"},
        "move": LEADERS,
    },
    # Secret: the person in charge, explicit grants (the head who assigned it) and the chief.
    "secret_task": {
        "view": {"chief", "head", "owner"},
        "edit": {"head", "owner"},
        "reassign": {"head"},
        "move": {"chief"},
    },
    "escalation": {
        "view": LEADERS | TH_MANAGERS,
        "edit": {"head", "acting_head"},
        "reassign": {"head", "acting_head"},
        "move": LEADERS,
    },
    "consultation": {
        "view": LEADERS | TH_MANAGERS | {"owner", "coord_head"},
        "edit": {"head", "acting_head", "owner"},
        "reassign": {"head", "acting_head"},
        "move": LEADERS,
    },
}
LIST_URLS = {
    "task": reverse("units:tasks") + "?scope=all",
    "secret_task": reverse("units:tasks") + "?scope=all",
    "escalation": reverse("units:escalations"),
    "consultation": reverse("units:consultations"),
}
ADMIN_STAFF = {"chief", "dc_in_charge", "dc_other", "sysadmin"}


def _client(client, office, role):
    if role != "anonymous":
        client.force_login(office[role])
    return client


@pytest.mark.parametrize("kind", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_matrix(client, office, work, role, kind):
    obj = work[kind]
    allowed = EXPECTED[kind]
    model = type(obj)
    http = _client(client, office, role)
    detail = obj.get_absolute_url()

    # list
    response = http.get(LIST_URLS[kind])
    if role == "anonymous":
        assert response.status_code == 302 and reverse("login") in response["Location"]
        assert http.get(detail).status_code == 302
        return
    assert response.status_code == 200
    assert (detail in response.content.decode()) == (role in allowed["view"])

    # view
    assert http.get(detail).status_code == (200 if role in allowed["view"] else 404)

    # edit: the task page's edit action; other kinds have no edit form, the door decides
    if kind in ("task", "secret_task"):
        response = http.post(
            detail, {"action": "edit", "edit-title": "Tên mới", "edit-description": ""}
        )
        changed = Task.objects.get(pk=obj.pk).title == "Tên mới"
        assert changed == (role in allowed["edit"])
        assert response.status_code == (302 if changed else 403 if role in allowed["view"] else 404)
    else:
        assert permissions.can_edit(office[role], model.objects.get(pk=obj.pk)) == (
            role in allowed["edit"]
        )

    # admin: leadership see exactly what the site shows them; others are kept out
    admin_url = reverse(f"admin:units_{model._meta.model_name}_change", args=[obj.pk])
    response = http.get(admin_url)
    if role not in ADMIN_STAFF:
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    elif role in allowed["view"]:
        assert response.status_code == 200
    else:
        # exactly what an id that does not exist gets: no hint that the object is there
        missing = http.get(reverse(f"admin:units_{model._meta.model_name}_change", args=[999999]))
        assert response.status_code == missing.status_code
        assert response.status_code in (302, 403)

    # reassign, to another member of the lead unit
    before = model.objects.get(pk=obj.pk)
    new_owner = office["staff"] if before.owner_id != office["staff"].pk else office["deputy"]
    response = http.post(
        detail,
        {
            "action": "reassign",
            "reassign-new_owner": new_owner.pk,
            "reassign-reason": "Điều chỉnh phân công",
        },
    )
    reassigned = model.objects.get(pk=obj.pk).owner_id == new_owner.pk
    assert reassigned == (role in allowed["reassign"])
    if not reassigned:
        assert response.status_code == (403 if role in allowed["view"] else 404)

    # move to another unit
    target = office.units["tc"]
    response = http.post(
        detail,
        {
            "action": "move",
            "move-new_unit": target.pk,
            "move-reason": "Đúng chức năng của Phòng Tài chính",
        },
    )
    moved = model.objects.get(pk=obj.pk).lead_unit_id == target.pk
    assert moved == (role in allowed["move"])
    if moved:
        assert model.objects.get(pk=obj.pk).owner_id == office["other_head"].pk
    else:
        assert response.status_code in ((403,) if role in allowed["view"] else (404,))


def test_secret_views_are_logged(client, office, work):
    secret = work["secret_task"]
    client.force_login(office["owner"])
    client.get(secret.get_absolute_url())
    client.force_login(office["chief"])
    client.get(reverse("admin:units_task_change", args=[secret.pk]))
    rows = SecretAccess.objects.filter(object_id=secret.pk).order_by("at")
    assert [(row.user_id, row.via) for row in rows] == [
        (office["owner"].pk, "site"),
        (office["chief"].pk, "admin"),
    ]
    client.force_login(office["owner"])
    client.get(work["task"].get_absolute_url())
    assert SecretAccess.objects.count() == 2


def test_coordinating_head_loses_sight_of_a_secret_item(office, work):
    visible_to_coord = permissions.visible(Task.objects.all(), office["coord_head"])
    assert list(visible_to_coord) == [work["task"]]


def test_designated_answerer_gains_sight(office, work):
    from units import services

    consultation = work["consultation"]
    assert not permissions.can_see(office["coord_staff"], consultation)
    services.consultation_designate(
        actor=office["coord_head"], consultation=consultation, answerer=office["coord_staff"]
    )
    assert permissions.can_see(office["coord_staff"], consultation)
    assert list(permissions.visible(Consultation.objects.all(), office["coord_staff"])) == [
        consultation
    ]


def test_admin_history_of_invisible_object_is_404(client, office, work):
    client.force_login(office["dc_other"])
    for name in ("task", "escalation"):
        obj = work[name]
        url = reverse(f"admin:units_{name}_history", args=[obj.pk])
        assert client.get(url).status_code == 404
    client.force_login(office["dc_in_charge"])
    assert (
        client.get(
            reverse("admin:units_escalation_history", args=[work["escalation"].pk])
        ).status_code
        == 200
    )


def test_escalation_awaits_only_the_deputy_chief_in_charge(office, work):
    from units import approvals

    awaiting = approvals.awaiting_decision
    assert list(awaiting(Escalation.objects.all(), office["dc_in_charge"])) == [work["escalation"]]
    assert list(awaiting(Escalation.objects.all(), office["dc_other"])) == []
    assert list(awaiting(Escalation.objects.all(), office["chief"])) == [work["escalation"]]
    assert list(awaiting(Escalation.objects.all(), office["head"])) == []
