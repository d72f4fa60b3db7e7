"""The archive's demo data (core.demo): idempotent, lt.cv an archivist, accepted transfers
(one file shows its box), an appraisal at its council; the decided role request's admin page
opens."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from archive import selectors
from archive.choices import FileState, TransferState
from archive.models import Appraisal, RecordFile, SourceBody, Transfer
from tests.archive.conftest import seed_archive
from units import permissions
from units.choices import ApprovalStep, RoleCode
from units.models import PrivilegedChange

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_the_archive_once(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    seed_archive()
    for _run in range(2):
        call_command("seed_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    lt_cv = get_user_model().objects.get(username="lt.cv")
    assert permissions.holders_of(RoleCode.ARCHIVIST).filter(pk=lt_cv.pk).exists()
    kept = RecordFile.objects.get(code="TH-01")
    assert kept.state == FileState.AGENCY and kept.box is not None
    assert RecordFile.objects.filter(code="TH-02", state=FileState.OPEN).count() == 1
    assert set(Transfer.objects.values_list("state", flat=True)) == {TransferState.ACCEPTED}
    assert Transfer.objects.count() == 2
    # An appraisal whose council is giving its opinions: th.truong still owes his.
    appraisal = Appraisal.objects.get()
    assert appraisal.approval_step == ApprovalStep.COLLECTIVE
    th_head = get_user_model().objects.get(username="th.truong")
    assert list(selectors.awaiting_opinion(th_head)) == [appraisal]
    assert SourceBody.objects.count() == 1
    chief = Client()
    chief.force_login(get_user_model().objects.get(username="chanhvp"))
    change = PrivilegedChange.objects.get(target=lt_cv)
    assert chief.get(f"/admin/units/privilegedchange/{change.pk}/change/").status_code == 200
    archivist = Client()
    archivist.force_login(lt_cv)
    page = archivist.get(kept.get_absolute_url()).content.decode()
    assert "Kho lưu trữ số 1" in page
    from archive.models import ReadingRequest, Researcher

    reader = Researcher.objects.get().user
    request = ReadingRequest.objects.get()
    assert request.requester == reader and request.approval_status == "approved"
    assert permissions.can_see(reader, kept)
