"""The permission matrix of the foundation's work through HTTP, site and admin: the fifteen roles
against each kind, plain and secret, for list, view, edit, reassign, move and the admin page, run
by the kit (tests/kit/permission_matrix.py). Forbidden objects answer 404."""

from django.urls import reverse

from tests.kit.permission_matrix import Case, Edit, Made, matrix
from units import services
from units.choices import Secrecy
from units.models import Consultation, Escalation, Task


def make_task(office, secret):
    task = services.task_create(
        actor=office["head"],
        unit=office.units["th"],
        owner=office["owner"],
        title="Rà soát tài liệu mật" if secret else "Báo cáo tình hình quý",
        due_working_days=5,
        secrecy=Secrecy.SECRET if secret else Secrecy.NONE,
        coordinating_units=[office.units["hc"]],
    )
    # The head who assigns a secret task keeps sight of it.
    return Made(task, grantees=frozenset({"head"} if secret else ()))


def make_escalation(office, secret):
    escalation = services.escalation_create(
        actor=office["head"],
        unit=office.units["th"],
        title="Đề nghị kinh phí hội nghị",
        dossier="Vượt thẩm quyền của phòng.",
        secrecy=Secrecy.SECRET if secret else Secrecy.NONE,
    )
    # Submitted at once: a secret one is granted to the deputy chief it waits for.
    return Made(escalation, grantees=frozenset({"dc_in_charge"} if secret else ()))


def make_consultation(office, secret):
    consultation = services.consultation_create(
        actor=office["owner"],
        asked_unit=office.units["hc"],
        subject="Góp ý dự thảo",
        question="Đề nghị cho ý kiến.",
        due_working_days=3,
        secrecy=Secrecy.SECRET if secret else Secrecy.NONE,
    )
    # The asked unit's head must answer, so a secret question is granted to him.
    return Made(consultation, grantees=frozenset({"coord_head"} if secret else ()))


CASES = [
    Case(
        name="task",
        model=Task,
        make=make_task,
        lead_unit="th",
        owner="owner",
        coordinating=("hc",),
        list_url=reverse("units:tasks") + "?scope=all",
        edit=Edit(
            data={"action": "edit", "edit-title": "Tên mới", "edit-description": ""},
            changed=lambda task: task.title == "Tên mới",
        ),
        reassign_and_move=True,
    ),
    Case(
        name="escalation",
        model=Escalation,
        make=make_escalation,
        lead_unit="th",
        owner="head",
        list_url=reverse("units:escalations"),
        reassign_and_move=True,
    ),
    Case(
        name="consultation",
        model=Consultation,
        make=make_consultation,
        lead_unit="th",
        owner="owner",
        coordinating=("hc",),
        list_url=reverse("units:consultations"),
        reassign_and_move=True,
    ),
]
matrix_data, test_matrix = matrix(CASES)
