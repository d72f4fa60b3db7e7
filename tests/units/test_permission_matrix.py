"""Permission rules beside the matrix (which is tests/units/test_units_matrix.py, run by the kit
tests/kit/permission_matrix.py): secret-access log, coordinating and designated sight, admin
history, the deputy chief's queue."""

from django.urls import reverse

from units import permissions
from units.models import Consultation, Escalation, SecretAccess, Task


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
