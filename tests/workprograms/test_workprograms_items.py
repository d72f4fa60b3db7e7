"""A program's line is owned work (issue #8): its sight goes through the door (a secret line is
hidden from whoever reads the program but not the line), its reassignments through the shared
ownership service, its copies keep secret lines out of ordinary programs."""

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.urls import reverse

from units import ownership, permissions
from units import services as unit_services
from units.choices import Position, Secrecy
from units.models import OwnershipChange, SecretGrant
from workprograms import selectors, services
from workprograms.choices import PeriodKind, Scope
from workprograms.models import ProgramItem, WorkProgram

SECRET_TITLE = "Thẩm tra hồ sơ nhân sự diện mật"

migration = importlib.import_module("workprograms.migrations.0009_programitem_owned_work")


@pytest.fixture
def hc_deputy(office):
    return unit_services.staff_create(
        actor=None,
        username="hc_deputy",
        full_name="Cán bộ hc_deputy",
        position=Position.DEPUTY,
        unit=office.units["hc"],
        password="matkhau-thu-2026",
        email="hc_deputy@vanphong.local",
    ).user


def _office_program_with_a_secret_line(office, flow):
    """HC's office program: one ordinary line of HC, one secret line given to TH's staff."""
    program = flow.program(unit="hc", head="hc_head", scope=Scope.OFFICE, items=0)
    start, _end = program.period
    ordinary = services.item_add(
        actor=office["hc_head"],
        program=program,
        title="Tổng hợp lịch công tác tháng",
        due_date=start.replace(day=5),
        owner=office["hc_staff"],
        lead_unit=office.units["hc"],
    )
    secret = services.item_add(
        actor=office["hc_head"],
        program=program,
        title=SECRET_TITLE,
        due_date=start.replace(day=20),
        owner=office["staff"],
        lead_unit=office.units["th"],
        secrecy=Secrecy.CONFIDENTIAL,
    )
    return program, ordinary, secret


def test_a_secret_line_of_another_unit_is_404_for_the_deputy_head_who_sees_the_program(
    office, flow, login, hc_deputy
):
    program, ordinary, secret = _office_program_with_a_secret_line(office, flow)
    client = login(hc_deputy)
    page = client.get(program.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert ordinary.title in text and SECRET_TITLE not in text
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert client.get(ordinary.get_absolute_url()).status_code == 200
    assert list(selectors.program_items(program, hc_deputy)) == [ordinary]
    # the program list counts only the lines he sees
    listed = selectors.programs_for(hc_deputy).get(pk=program.pk)
    assert listed.item_count == 1
    # the people of the line, the head who wrote it and the chief see it
    for name in ("staff", "hc_head", "chief"):
        assert login(office[name]).get(secret.get_absolute_url()).status_code == 200, name
    assert SECRET_TITLE in login(office["hc_head"]).get(program.get_absolute_url()).content.decode()


def test_compare_page_and_pdf_leave_out_a_secret_line_hidden_from_the_reader(
    office, flow, login, hc_deputy
):
    program, _ordinary, _secret = _office_program_with_a_secret_line(office, flow)
    from workprograms import documents

    _template, context = documents.program_document(program, hc_deputy)
    assert SECRET_TITLE not in [item.title for item in context["items"]]
    _template, context = documents.program_document(program, office["hc_head"])
    assert SECRET_TITLE in [item.title for item in context["items"]]
    diff = selectors.compare_versions(None, program, hc_deputy)
    assert [item.title for item in diff.added] == ["Tổng hợp lịch công tác tháng"]
    page = login(hc_deputy).get(reverse("workprograms:program-compare", args=[program.pk]))
    assert SECRET_TITLE not in page.content.decode()


def test_the_edit_pages_of_a_hidden_secret_line_are_404(office, flow, login):
    program = flow.program(items=0)
    start, _end = program.period
    secret = services.item_add(
        actor=office["head"],
        program=program,
        title=SECRET_TITLE,
        due_date=start.replace(day=12),
        owner=office["staff"],
        secrecy=Secrecy.CONFIDENTIAL,
    )
    permissions.revoke_view(secret, office["head"])
    client = login(office["head"])
    assert client.get(reverse("workprograms:item-edit", args=[secret.pk])).status_code == 404
    assert client.post(reverse("workprograms:item-delete", args=[secret.pk])).status_code == 404
    assert ProgramItem.objects.filter(pk=secret.pk).exists()


def test_a_line_is_never_less_secret_than_its_program(office, flow):
    program = services.program_create(
        actor=office["head"],
        unit=office.units["th"],
        period_kind=PeriodKind.MONTH,
        year=flow.year(),
        number=3,
        title="Chương trình mật",
        secrecy=Secrecy.SECRET,
    )
    start, _end = program.period
    with pytest.raises(ValidationError) as error:
        services.item_add(
            actor=office["head"],
            program=program,
            title="Việc thường",
            due_date=start.replace(day=12),
            owner=office["staff"],
            secrecy=Secrecy.NONE,
        )
    assert error.value.message_dict["secrecy"] == [
        "Nội dung của chương trình Tối mật phải có độ mật từ Tối mật trở lên."
    ]
    assert not program.items.exists()
    item = services.item_add(
        actor=office["head"],
        program=program,
        title="Việc mật",
        due_date=start.replace(day=12),
        owner=office["staff"],
    )
    assert item.secrecy == Secrecy.SECRET


def test_reassignment_through_the_shared_service_leaves_an_ownership_row(office, flow):
    program = flow.program(items=1)
    item = program.items.get()
    ownership.work_reassign(
        actor=office["head"], obj=item, new_owner=office["staff"], reason="Theo lĩnh vực"
    )
    item.refresh_from_db()
    assert item.owner == office["staff"]
    last = ownership.ownership_changes(item).last()
    assert (last.from_owner, last.to_owner, last.actor, last.reason) == (
        office["head"],
        office["staff"],
        office["head"],
        "Theo lĩnh vực",
    )
    row = item.history.order_by("-history_id").first()
    assert (row.history_user, row.history_change_reason) == (office["head"], "Theo lĩnh vực")
    assert permissions.can_edit(office["staff"], item)


def test_editing_a_line_to_another_person_goes_through_the_ownership_service(office, flow):
    program = flow.program(items=1)
    item = program.items.get()
    before = OwnershipChange.objects.count()
    with pytest.raises(ValidationError) as error:
        services.item_update(
            actor=office["head"],
            item=item,
            title=item.title,
            due_date=item.due_date,
            owner=office["staff"],
        )
    assert error.value.message_dict["reason"] == ["Cần ghi lý do giao lại."]
    item.refresh_from_db()
    assert item.owner == office["head"] and OwnershipChange.objects.count() == before
    services.item_update(
        actor=office["head"],
        item=item,
        title=item.title,
        due_date=item.due_date,
        owner=office["staff"],
        reason="Chuyên viên theo dõi",
    )
    last = ownership.ownership_changes(item).last()
    assert (last.to_owner, last.actor, last.reason) == (
        office["staff"],
        office["head"],
        "Chuyên viên theo dõi",
    )
    row = item.history.order_by("-history_id").first()
    assert (row.owner_id, row.history_user, row.history_change_reason) == (
        office["staff"].pk,
        office["head"],
        "Chuyên viên theo dõi",
    )
    # the new person in charge holds the change right, the former one no longer
    assert permissions.can_edit(office["staff"], item)
    grants = permissions.grant_model(ProgramItem).objects.filter(content_object=item)
    assert set(grants.values_list("user_id", flat=True)) == {office["staff"].pk}


def test_item_page_reassigns_with_a_reason(office, flow, login):
    program = flow.program(items=1)
    item = program.items.get()
    client = login(office["head"])
    response = client.post(
        item.get_absolute_url(),
        {"action": "reassign", "reassign-new_owner": office["staff"].pk, "reassign-reason": ""},
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.owner == office["head"]
    response = client.post(
        item.get_absolute_url(),
        {
            "action": "reassign",
            "reassign-new_owner": office["staff"].pk,
            "reassign-reason": "Theo lĩnh vực",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.owner == office["staff"]


def test_a_unit_programs_line_is_not_moved_to_another_unit(office, flow):
    program = flow.program(items=1)
    item = program.items.get()
    with pytest.raises(ValidationError) as error:
        ownership.work_move(
            actor=office["dc"], obj=item, new_unit=office.units["tc"], reason="Đúng chức năng"
        )
    assert "Chương trình của đơn vị chỉ giao việc cho chính đơn vị." in error.value.messages
    item.refresh_from_db()
    assert item.lead_unit == office.units["th"]


def test_an_ordinary_program_is_not_prefilled_with_a_secret_line(office, flow):
    """The yearly program is ordinary; one of its lines is secret: the ordinary quarterly
    program takes the ordinary line only, as owned work of its person in charge."""
    yearly = flow.program(kind=PeriodKind.YEAR, items=0)
    for title, secrecy in (("Việc thường quý I", Secrecy.NONE), (SECRET_TITLE, Secrecy.SECRET)):
        services.item_add(
            actor=office["head"],
            program=yearly,
            title=title,
            due_date=date(flow.year(), 2, 10),
            owner=office["staff"],
            secrecy=secrecy,
        )
    flow.approve(yearly)
    ordinary = services.program_create(
        actor=office["head"],
        unit=office.units["th"],
        period_kind=PeriodKind.QUARTER,
        year=flow.year(),
        number=1,
        title="Chương trình công tác quý I",
    )
    assert list(ordinary.items.values_list("title", "secrecy")) == [
        ("Việc thường quý I", Secrecy.NONE)
    ]
    copy = ordinary.items.get()
    assert ownership.ownership_changes(copy).get().to_owner == office["staff"]
    assert permissions.can_edit(office["staff"], copy)


def test_a_new_version_keeps_secret_lines_and_who_sees_them(office, flow):
    program = flow.program(items=0)
    start, _end = program.period
    secret = services.item_add(
        actor=office["head"],
        program=program,
        title=SECRET_TITLE,
        due_date=start.replace(day=12),
        owner=office["staff"],
        secrecy=Secrecy.CONFIDENTIAL,
    )
    permissions.grant_view(secret, office["deputy"])
    flow.approve(program)
    request = services.change_request_create(
        actor=office["head"], program=program, reason="Bổ sung nhiệm vụ"
    )
    copy = request.draft.items.get()
    assert (copy.title, copy.secrecy, copy.owner, copy.source_item) == (
        SECRET_TITLE,
        Secrecy.CONFIDENTIAL,
        office["staff"],
        secret,
    )
    for name, sees in (("staff", True), ("head", True), ("deputy", True), ("dc", False)):
        assert permissions.can_see(office[name], copy) == sees, name


def test_the_data_migration_gives_lines_their_programs_secrecy_and_readers(office, flow):
    program = services.program_create(
        actor=office["head"],
        unit=office.units["th"],
        period_kind=PeriodKind.MONTH,
        year=flow.year(),
        number=4,
        title="Chương trình mật",
        secrecy=Secrecy.CONFIDENTIAL,
    )
    permissions.grant_view(program, office["dc"])
    start, _end = program.period
    item = services.item_add(
        actor=office["head"],
        program=program,
        title=SECRET_TITLE,
        due_date=start.replace(day=12),
        owner=office["staff"],
    )
    ordinary = flow.program(number=5, items=1).items.get()
    # The rows as they stood before the migration: no secrecy, no grants of their own.
    ProgramItem.objects.update(secrecy=Secrecy.NONE)
    permissions.grant_model(ProgramItem).objects.all().delete()
    SecretGrant.objects.filter(object_id=item.pk).delete()
    migration.forwards(django_apps, None)
    item.refresh_from_db()
    ordinary.refresh_from_db()
    assert (item.secrecy, ordinary.secrecy) == (Secrecy.CONFIDENTIAL, Secrecy.NONE)
    assert (item.lead_unit, item.owner) == (office.units["th"], office["staff"])
    for name, sees in (("staff", True), ("head", True), ("dc", True), ("deputy", False)):
        assert permissions.can_see(office[name], item) == sees, name
    assert permissions.can_edit(office["staff"], item)
    assert set(
        SecretGrant.objects.filter(object_id=item.pk).values_list("user__username", flat=True)
    ) == {"th_head", "dc1"}
    migration.backwards(django_apps, None)
    assert not SecretGrant.objects.filter(object_id=item.pk, reason=migration.REASON).exists()
    assert WorkProgram.objects.filter(pk=program.pk).exists()


def test_sight_through_declarations_are_checked(monkeypatch):
    monkeypatch.setattr(ProgramItem, "sight_through", ("title",))
    with pytest.raises(ImproperlyConfigured, match="not a foreign key to owned work"):
        permissions.sight_through(ProgramItem)
    monkeypatch.setattr(ProgramItem, "sight_through", ("nowhere",))
    with pytest.raises(ImproperlyConfigured, match="unknown field"):
        permissions.sight_through(ProgramItem)
    monkeypatch.setattr(ProgramItem, "sight_through", "program")
    with pytest.raises(ImproperlyConfigured, match="tuple of names"):
        permissions.sight_through(ProgramItem)
    errors = permissions.check_role_sight()
    assert [error.id for error in errors] == ["units.E001"]
