"""#8: a catalogue edited in the admin (units, designations, document types, registers, days
off, terms, deadlines) stores a reason in its history: the change form asks for it, a list edit
and a delete store their own."""

from datetime import date

import pytest
from django.apps import apps
from django.contrib import admin

from core.admin_site import DELETE_REASON, LIST_EDIT_REASON, CatalogueReasonAdmin
from core.models import DayOff
from units.models import Unit, UnitDesignation

pytestmark = pytest.mark.django_db
DAY_OFF = {"date": "02/01/2026", "name": "Nghỉ bù Tết Dương lịch", "kind": "off"}
REASON = "Quyết định nghỉ bù của Ban Thường vụ"


def test_every_catalogue_admin_asks_for_a_reason():
    catalogues = [model for model in apps.get_models() if getattr(model, "office_catalogue", 0)]
    assert {"DayOff", "PartyTerm", "DocumentType", "Register", "ReportDeadline"} <= {
        model.__name__ for model in catalogues
    }
    for model in [*catalogues, Unit, UnitDesignation]:
        assert isinstance(admin.site._registry[model], CatalogueReasonAdmin), model


def test_a_catalogue_change_without_a_reason_is_refused_and_nothing_written(client, office):
    client.force_login(office["sysadmin"])
    response = client.post("/admin/core/dayoff/add/", DAY_OFF)
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in response.content.decode()
    assert not DayOff.objects.exists()


def test_the_reason_is_stored_in_history_with_the_editor(client, office):
    client.force_login(office["sysadmin"])
    response = client.post("/admin/core/dayoff/add/", {**DAY_OFF, "reason": REASON})
    assert response.status_code == 302
    day = DayOff.objects.get(date=date(2026, 1, 2))
    row = day.history.get()
    assert (row.history_change_reason, row.history_user) == (REASON, office["sysadmin"])
    client.post(f"/admin/core/dayoff/{day.pk}/delete/", {"post": "yes"})
    assert not DayOff.objects.exists()
    gone = DayOff.history.filter(id=day.pk, history_type="-").get()
    assert gone.history_change_reason == str(DELETE_REASON)
    assert gone.history_user == office["sysadmin"]


def test_a_unit_changed_in_the_admin_keeps_the_reason(client, office):
    unit = office.units["tc"]
    client.force_login(office["sysadmin"])
    response = client.post(
        f"/admin/units/unit/{unit.pk}/change/",
        {
            "code": unit.code,
            "name_vi": "Phòng Tài chính – Tài vụ",
            "name_en": unit.name_en,
            "deputy_chief": unit.deputy_chief_id or "",
            "order": unit.order,
            "is_active": "on",
            "reason": "Đổi tên theo quyết định tổ chức lại",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    row = unit.history.latest()
    assert row.history_change_reason == "Đổi tên theo quyết định tổ chức lại"
    assert row.name_vi == "Phòng Tài chính – Tài vụ"


def test_a_list_edit_stores_its_own_reason(client, office):
    units = list(Unit.objects.order_by("pk"))
    client.force_login(office["sysadmin"])
    data = {
        "form-TOTAL_FORMS": len(units),
        "form-INITIAL_FORMS": len(units),
        "_save": "Lưu",
    }
    for index, unit in enumerate(units):
        data[f"form-{index}-id"] = unit.pk
        data[f"form-{index}-order"] = unit.order + (10 if index == 0 else 0)
    response = client.post("/admin/units/unit/", data)
    assert response.status_code == 302
    row = units[0].history.latest()
    assert row.history_change_reason == str(LIST_EDIT_REASON)
