"""Side doors of the permission door in programs and reports: related work, form choices, the
ids a service is given, pre-filled copies. Each test failed before the door covered it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from units import permissions
from units import services as unit_services
from units.choices import Secrecy
from workprograms import selectors, services
from workprograms.choices import PeriodKind, Scope

SECRET_TITLE = "Rà soát hồ sơ cán bộ diện mật"


def _secret_task(office, *, owner="head", unit="th", head="head"):
    return unit_services.task_create(
        actor=office[head],
        unit=office.units[unit],
        owner=office[owner],
        title=SECRET_TITLE,
        due_working_days=5,
        secrecy=Secrecy.SECRET,
    )


def test_program_page_hides_a_linked_secret_task_from_the_deputy(office, flow, login):
    program = flow.program(items=0)
    task = _secret_task(office)
    start, _end = program.period
    services.item_add(
        actor=office["head"],
        program=program,
        title="Rà soát hồ sơ",
        due_date=start.replace(day=12),
        owner=office["head"],
        tasks=[task],
    )
    url = reverse("workprograms:program", args=[program.pk])
    assert SECRET_TITLE in login(office["head"]).get(url).content.decode()
    for viewer in ("deputy", "dc"):
        page = login(office[viewer]).get(url)
        assert page.status_code == 200
        assert SECRET_TITLE not in page.content.decode()


def test_item_form_of_the_office_program_offers_no_task_the_editor_cannot_see(office, flow, login):
    program = flow.program(unit="hc", head="hc_head", scope=Scope.OFFICE, items=0)
    secret = _secret_task(office, owner="staff")
    shared = unit_services.task_create(
        actor=office["head"],
        unit=office.units["th"],
        owner=office["staff"],
        title="Tổng hợp số liệu quý",
        due_working_days=5,
        coordinating_units=[office.units["hc"]],
    )
    page = login(office["hc_head"]).get(reverse("workprograms:program", args=[program.pk]))
    offered = set(
        page.context["actions"]["add_item"]["form"]
        .fields["tasks"]
        .queryset.values_list("pk", flat=True)
    )
    assert shared.pk in offered
    assert secret.pk not in offered
    assert SECRET_TITLE not in page.content.decode()


def test_item_services_refuse_a_task_the_editor_cannot_see(office, flow):
    program = flow.program(unit="hc", head="hc_head", scope=Scope.OFFICE, items=0)
    task = _secret_task(office, owner="staff")
    start, _end = program.period
    with pytest.raises(ValidationError) as error:
        services.item_add(
            actor=office["hc_head"],
            program=program,
            title="Rà soát",
            due_date=start.replace(day=12),
            owner=office["hc_staff"],
            lead_unit=office.units["hc"],
            tasks=[task],
        )
    assert error.value.message_dict["tasks"] == [
        "Chỉ liên kết được những công việc mà bạn được xem."
    ]
    assert not program.items.exists()


def test_item_update_keeps_links_to_tasks_the_editor_cannot_see(office, flow):
    program = flow.program(unit="hc", head="hc_head", scope=Scope.OFFICE, items=0)
    task = _secret_task(office, owner="staff")
    permissions.grant_view(task, office["hc_head"])
    start, _end = program.period
    item = services.item_add(
        actor=office["hc_head"],
        program=program,
        title="Rà soát hồ sơ",
        due_date=start.replace(day=12),
        owner=office["hc_staff"],
        lead_unit=office.units["hc"],
        tasks=[task],
    )
    permissions.revoke_view(task, office["hc_head"])
    services.item_update(
        actor=office["hc_head"],
        item=item,
        title="Rà soát hồ sơ (sửa)",
        due_date=item.due_date,
        owner=office["hc_staff"],
        lead_unit=office.units["hc"],
        tasks=[],
    )
    assert list(item.tasks.all()) == [task]


def _secret_yearly_program(office, flow):
    program = services.program_create(
        actor=office["head"],
        unit=office.units["th"],
        period_kind=PeriodKind.YEAR,
        year=flow.year(),
        title="Chương trình công tác năm (Mật)",
        secrecy=Secrecy.SECRET,
    )
    services.item_add(
        actor=office["head"],
        program=program,
        title=SECRET_TITLE,
        due_date=date(flow.year(), 2, 10),
        owner=office["head"],
    )
    return flow.approve(program)


def test_quarterly_program_is_not_prefilled_from_a_secret_yearly_program(office, flow, login):
    _secret_yearly_program(office, flow)
    quarter = services.program_create(
        actor=office["head"],
        unit=office.units["th"],
        period_kind=PeriodKind.QUARTER,
        year=flow.year(),
        number=1,
        title="Chương trình công tác quý I",
    )
    assert not quarter.items.filter(title=SECRET_TITLE).exists()
    page = login(office["deputy"]).get(reverse("workprograms:program", args=[quarter.pk]))
    assert SECRET_TITLE not in page.content.decode()


def test_secret_quarterly_program_is_prefilled_from_the_secret_yearly_program(office, flow):
    _secret_yearly_program(office, flow)
    quarter = services.program_create(
        actor=office["head"],
        unit=office.units["th"],
        period_kind=PeriodKind.QUARTER,
        year=flow.year(),
        number=1,
        title="Chương trình công tác quý I (Mật)",
        secrecy=Secrecy.SECRET,
    )
    assert quarter.items.filter(title=SECRET_TITLE).exists()


def test_office_report_is_not_prefilled_with_a_secret_unit_report(office, flow, login):
    secret = flow.report(content=f"{SECRET_TITLE}: đã xong.", secrecy=Secrecy.SECRET)
    flow.approve(secret)
    ordinary = flow.report(unit="tc", head="tc_head", content="Kết quả công tác của TC.")
    flow.approve(ordinary, head="tc_head", leader="dc_other")
    report = flow.report(unit="hc", head="hc_head", scope=Scope.OFFICE, content="")
    assert "Kết quả công tác của TC." in report.content
    assert SECRET_TITLE not in report.content
    page = login(office["hc_head"]).get(report.get_absolute_url()).content.decode()
    assert SECRET_TITLE not in page
    assert list(report.unit_reports.all()) == [ordinary]


def test_implementation_table_counts_a_secret_program_only_for_who_sees_it(office, flow):
    _secret_yearly_program(office, flow)
    year = flow.year()
    for viewer, expected in (("hc_head", 0), ("deputy", 0), ("head", 1), ("chief", 1)):
        table = selectors.implementation_table(
            date(year, 1, 1), date(year, 12, 31), user=office[viewer]
        )
        rows = {row.unit.code: row.total for row in table}
        assert rows["th"] == expected, viewer


def test_admin_history_version_lists_only_related_reports_the_viewer_may_see(office, flow, client):
    secret = flow.report(unit="tc", head="tc_head", secrecy=Secrecy.SECRET)
    flow.approve(secret, head="tc_head", leader="dc_other")
    report = flow.report(unit="hc", head="hc_head", scope=Scope.OFFICE, content="Tổng hợp.")
    version = report.history.order_by("history_id").first()
    client.force_login(office["dc"])
    page = client.get(
        reverse("admin:workprograms_report_simple_history", args=[report.pk, version.history_id])
    )
    assert page.status_code == 200
    offered = page.context["adminform"].form.fields["unit_reports"].queryset
    assert secret not in offered
    assert secret.title not in page.content.decode()
