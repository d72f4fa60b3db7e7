"""The permission matrix of General Affairs' advisory work through HTTP, site and admin, plain
and secret, run by the kit (tests/kit/permission_matrix.py)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from advisory import services
from advisory.choices import WorkKind
from advisory.models import AdvisoryWork
from tests.kit.permission_matrix import Case, Made, matrix
from units.choices import Secrecy


def make_work(office, secret):
    """Assigned by the deputy chief in charge, who keeps sight of it by a personal grant."""
    work = services.work_assign(
        actor=office["dc_in_charge"],
        owner=office["owner"],
        kind=WorkKind.RESEARCH,
        title="Nghiên cứu mật" if secret else "Nghiên cứu thu hút đầu tư",
        brief="Số liệu 5 năm.",
        due_date=timezone.localdate() + timedelta(days=20),
        secrecy=Secrecy.CONFIDENTIAL if secret else Secrecy.NONE,
    )
    return Made(work, grantees=frozenset({"dc_in_charge"}))


CASES = [
    Case(
        name="advisory_work",
        model=AdvisoryWork,
        make=make_work,
        lead_unit="th",
        owner="owner",
        list_url=reverse("advisory:works"),
        reassign_and_move=True,
    ),
]

matrix_data, test_matrix = matrix(CASES)
