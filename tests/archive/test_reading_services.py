"""The reading room through its services and pages: the approval path follows what a request
asks for, approval grants sight of exactly those files until the period ends (then 404, before
and after the sweep), every step is logged, copies are numbered and printed, opening dates come
from the terms, bad input writes nothing, and the monthly statistics cost constant queries."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from archive import selectors, services
from archive.choices import CopyKind, ReadingEventKind
from archive.models import (
    Fonds,
    OpeningTerm,
    ReadingEvent,
    ReadingRequest,
    RecordFile,
    Series,
)
from core.audit import audited_create
from units import approvals, grants, permissions
from units.choices import ApprovalStatus, ApprovalStep, DecisionKind, Secrecy
from units.models import TimedGrant

pytestmark = pytest.mark.django_db


def archived(flow, code, secrecy=Secrecy.NONE) -> RecordFile:
    record_file = flow.closed(code=code, secrecy=secrecy)
    flow.accepted([record_file], secrecy=secrecy)
    record_file.refresh_from_db()
    return record_file


def register(office, username="docgia", id_number="038090001234"):
    return services.researcher_register(
        actor=office["archivist"],
        username=username,
        password="mat-khau-doc-gia-2026",
        full_name="Lê Văn Đọc",
        id_kind="cccd",
        id_number=id_number,
        organisation="Viện Lịch sử Đảng",
        introduction_ref="Giấy giới thiệu số 15/GGT-VLSĐ",
    )


def ask(user, codes, days=5, **extra):
    today = timezone.localdate()
    return services.reading_request_create(
        actor=user,
        file_codes=codes,
        purpose="Nghiên cứu lịch sử Đảng bộ",
        period_start=today,
        period_end=today + timedelta(days=days),
        **extra,
    )


def decide(user, request):
    request.refresh_from_db()
    return approvals.approval_decide(actor=user, obj=request, kind=DecisionKind.APPROVE)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_open_file_is_decided_by_lts_head_alone(office, flow):
    archived(flow, "TH-01")
    reader = register(office).user
    request = ask(reader, "TH-01")
    assert request.owner == office["archivist"] and request.lead_unit.code == "lt"
    assert request.approval_step == ApprovalStep.DESIGNATED_HEAD
    with pytest.raises(PermissionDenied):
        decide(reader, request)  # never the requester
    decide(office["lt_head"], request)
    request.refresh_from_db()
    assert request.approval_status == ApprovalStatus.APPROVED


@pytest.mark.parametrize(
    ("secrecy", "restricted", "leader"),
    [
        (Secrecy.CONFIDENTIAL, False, "dc"),
        (Secrecy.NONE, True, "dc"),
        (Secrecy.SECRET, False, "chief"),
        (Secrecy.TOP_SECRET, False, "chief"),
    ],
    ids=["mat", "restricted-fonds", "toi-mat", "tuyet-mat"],
)
def test_secret_files_and_restricted_fonds_go_on_to_the_leadership(
    office, flow, secrecy, restricted, leader
):
    record_file = archived(flow, "TH-09", secrecy=secrecy)
    if restricted:
        actor, reason = office["sysadmin"], "Khai báo phông"
        fonds = audited_create(
            Fonds,
            actor=actor,
            reason=reason,
            code="P1",
            title="Phông Tỉnh ủy",
            creator="Tỉnh ủy",
            access_restricted=True,
        )
        series = audited_create(
            Series, actor=actor, reason=reason, fonds=fonds, code="01", title="Mục lục 01"
        )
        RecordFile.objects.filter(pk=record_file.pk).update(series=series)
    request = ask(office["staff2"], "TH-09")
    assert request.secrecy == secrecy and request.restricted == restricted
    decide(office["lt_head"], request)
    request.refresh_from_db()
    assert request.approval_status == ApprovalStatus.SUBMITTED
    other = office["chief"] if leader == "dc" else office["dc"]
    if leader == "chief":
        with pytest.raises(PermissionDenied):
            decide(other, request)
    decide(office[leader], request)
    request.refresh_from_db()
    assert request.approval_status == ApprovalStatus.APPROVED


def test_an_outside_reader_reads_a_secret_file_until_the_grant_expires(office, flow):
    secret = archived(flow, "TH-05", secrecy=Secrecy.SECRET)
    other = archived(flow, "TH-06")
    reader = register(office).user
    client = client_for(reader)
    assert client.get(secret.get_absolute_url()).status_code == 404
    request = ask(reader, "TH-05")
    decide(office["lt_head"], request)
    decide(office["chief"], request)
    page = reverse("archive:reading-file", args=[request.pk, secret.pk])
    assert client.get(page).status_code == 200
    assert client.get(secret.get_absolute_url()).status_code == 200
    # Exactly the files asked for: another archived file stays unknown.
    assert client.get(other.get_absolute_url()).status_code == 404
    grant = TimedGrant.objects.get(user=reader, object_id=secret.pk)
    assert grant.ends_on == request.period_end
    TimedGrant.objects.filter(pk=grant.pk).update(
        starts_on=timezone.localdate() - timedelta(days=3),
        ends_on=timezone.localdate() - timedelta(days=1),
    )
    assert client.get(secret.get_absolute_url()).status_code == 404  # before the sweep
    assert client.get(page).status_code == 404
    assert grants.expired_sweep() == 1
    assert client.get(secret.get_absolute_url()).status_code == 404
    kinds = list(
        ReadingEvent.objects.filter(request=request)
        .order_by("at", "pk")
        .values_list("kind", flat=True)
    )
    assert kinds == [
        ReadingEventKind.FILED,
        ReadingEventKind.APPROVED,
        ReadingEventKind.GRANTED,
        ReadingEventKind.READ,
        ReadingEventKind.EXPIRED,
    ]
    read = ReadingEvent.objects.get(request=request, kind=ReadingEventKind.READ)
    assert read.reader == reader and read.purpose == request.purpose
    assert read.record_file == secret


def test_certified_copies_are_numbered_logged_and_printed(office, flow):
    archived(flow, "TH-01")
    reader = register(office).user
    request = ask(reader, "TH-01")
    decide(office["lt_head"], request)
    record_file = RecordFile.objects.get(code="TH-01")
    numbers = [
        services.copy_issue(
            actor=office["archivist"],
            request=request,
            record_file=record_file,
            kind=kind,
            content="Tờ trình về chương trình công tác",
            pages=2,
        ).number
        for kind in (CopyKind.COPY, CopyKind.EXTRACT)
    ]
    assert numbers == [1, 2]
    with pytest.raises(PermissionDenied):
        services.copy_issue(
            actor=reader,
            request=request,
            record_file=record_file,
            kind=CopyKind.COPY,
            content="Tự sao",
            pages=1,
        )
    logged = ReadingEvent.objects.filter(
        request=request, kind__in=[ReadingEventKind.COPY, ReadingEventKind.EXTRACT]
    )
    assert logged.count() == 2
    copy = request.copies.order_by("number").first()
    response = client_for(reader).get(reverse("archive:reading-copy-pdf", args=[copy.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        client_for(office["tc_staff"])
        .get(reverse("archive:reading-copy-pdf", args=[copy.pk]))
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    ("codes", "days", "field"),
    [
        ("KHONG-CO", 5, "file_codes"),
        ("TH-02", 5, "file_codes"),  # open, not in the archives
        ("", 5, "file_codes"),
        ("TH-01", 200, "period_end"),
    ],
    ids=["unknown-code", "not-archived", "nothing", "too-long"],
)
def test_bad_requests_are_refused_and_nothing_is_written(office, flow, codes, days, field):
    archived(flow, "TH-01")
    flow.open(code="TH-02")
    reader = register(office).user
    with pytest.raises(ValidationError) as error:
        ask(reader, codes, days=days)
    assert field in error.value.message_dict
    assert not ReadingRequest.objects.exists() and not ReadingEvent.objects.exists()


def test_a_past_period_and_a_stranger_are_refused(office, flow, django_user_model):
    archived(flow, "TH-01")
    reader = register(office).user
    with pytest.raises(ValidationError):
        services.reading_request_create(
            actor=reader,
            file_codes="TH-01",
            purpose="Nghiên cứu",
            period_start=timezone.localdate() - timedelta(days=2),
            period_end=timezone.localdate(),
        )
    stranger = django_user_model.objects.create_user("la", password="x")
    with pytest.raises(PermissionDenied):
        ask(stranger, "TH-01")
    assert not ReadingRequest.objects.exists()


def test_only_an_archivist_registers_readers_and_identities_are_unique(office):
    with pytest.raises(PermissionDenied):
        services.researcher_register(
            actor=office["staff"],
            username="x1",
            password="mat-khau-doc-gia-2026",
            full_name="A",
            id_kind="cccd",
            id_number="1",
            organisation="B",
            introduction_ref="C",
        )
    register(office)
    with pytest.raises(ValidationError) as error:
        register(office, username="docgia2")
    assert "id_number" in error.value.message_dict


def test_opening_dates_follow_the_terms_and_declassification(office, flow):
    ordinary = archived(flow, "TH-01")
    secret = archived(flow, "TH-03", secrecy=Secrecy.SECRET)
    RecordFile.objects.filter(pk__in=[ordinary.pk, secret.pk]).update(ends_on=date(2020, 5, 4))
    ordinary.refresh_from_db()
    secret.refresh_from_db()
    assert selectors.opening_date(ordinary) == date(2050, 5, 4)  # ordinary: 30 years (seed)
    assert selectors.opening_date(secret) == date(2040, 5, 4)  # Tối mật: 20 years
    audited_create(
        OpeningTerm,
        actor=office["sysadmin"],
        reason="Văn bản mới",
        secrecy=Secrecy.SECRET,
        years=25,
        valid_from=date(2026, 1, 1),
    )
    assert selectors.opening_date(secret) == date(2045, 5, 4)
    with pytest.raises(PermissionDenied):
        services.file_declassify(
            actor=office["staff"],
            record_file=secret,
            declassified_on=date(2026, 1, 2),
            decision="X",
        )
    services.file_declassify(
        actor=office["archivist"],
        record_file=secret,
        declassified_on=date(2026, 1, 2),
        decision="Quyết định số 12-QĐ/TU ngày 02/01/2026",
    )
    secret = RecordFile.objects.select_related("declassification").get(pk=secret.pk)
    assert selectors.opening_date(secret) == date(2026, 1, 2)
    with pytest.raises(ValidationError):
        services.file_declassify(
            actor=office["archivist"],
            record_file=ordinary,
            declassified_on=date(2026, 1, 2),
            decision="Y",
        )


def test_monthly_statistics_cost_the_same_queries_for_few_and_many(office, flow):
    archived(flow, "TH-01")
    archived(flow, "TH-02")
    reader = register(office).user
    client = client_for(office["archivist"])
    url = reverse("archive:reading-statistics")

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    request = ask(reader, "TH-01")
    decide(office["lt_head"], request)
    count_queries()  # caches warmed (permission ids, content types)
    few = count_queries()
    for code in ("TH-01", "TH-02"):
        more = ask(reader, code)
        decide(office["lt_head"], more)
        services.reading_record(
            actor=reader, request=more, record_file=RecordFile.objects.get(code=code)
        )
    assert count_queries() == few
    rows = selectors.reading_statistics(office["archivist"], timezone.localdate().year)
    month = rows[timezone.localdate().month - 1]
    assert month == {"month": month["month"], "requests": 3, "files": 2, "copies": 0}


def test_the_reader_sees_his_request_and_others_do_not(office, flow):
    archived(flow, "TH-01")
    reader = register(office).user
    request = ask(reader, "TH-01")
    assert client_for(reader).get(request.get_absolute_url()).status_code == 200
    assert client_for(office["archivist"]).get(request.get_absolute_url()).status_code == 200
    assert client_for(office["tc_staff"]).get(request.get_absolute_url()).status_code == 404
    page = client_for(office["lt_head"]).get(reverse("home")).content.decode()
    assert request.get_absolute_url() in page  # "Việc của tôi": awaiting his decision
    permissions.forget_viewer(office["lt_head"])
