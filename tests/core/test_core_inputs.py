"""The one place that bounds input (core.inputs), the admin site that applies it to every
registered admin, and the middleware that leaves nothing behind a refused POST."""

from datetime import date, datetime

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.test import RequestFactory, override_settings
from django.urls import path
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from core import inputs
from core.admin_site import InputGuardAdmin
from core.forms import OfficeForm
from core.models import DayOff
from dispatch.registers import Printout, SheetColumn, to_xlsx


class SampleForm(OfficeForm):
    past_fields = ("received_on",)

    line = forms.CharField(required=False)
    text = forms.CharField(required=False, widget=forms.Textarea)
    day = forms.DateField(required=False, input_formats=["%d/%m/%Y"])
    moment = forms.DateTimeField(required=False, input_formats=["%d/%m/%Y %H:%M"])
    received_on = forms.DateField(required=False, input_formats=["%d/%m/%Y"])
    person = forms.ModelChoiceField(queryset=get_user_model().objects.all(), required=False)
    people = forms.ModelMultipleChoiceField(queryset=get_user_model().objects.all(), required=False)


def errors_of(**data) -> dict:
    form = SampleForm(MultiValueDict({name: [value] for name, value in data.items()}), user=None)
    assert not form.is_valid()
    return form.errors


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("line", "a" * 1001, "Tối đa 1000 ký tự (đã nhập 1001)."),
        ("text", "a" * 20_001, "Tối đa 20000 ký tự (đã nhập 20001)."),
        ("line", "Văn\x00bản", "Có ký tự điều khiển không được phép (ví dụ ký tự NUL)."),
        ("text", "Văn\x00bản", "Có ký tự điều khiển không được phép (ví dụ ký tự NUL)."),
        ("line", "một\ndòng", "Có ký tự điều khiển không được phép (ví dụ ký tự NUL)."),
        ("text", "\x1b[31m", "Có ký tự điều khiển không được phép (ví dụ ký tự NUL)."),
        ("line", "\u202etxt.exe", "Có ký tự đảo chiều văn bản không được phép."),
        ("line", "a" + "\u0301" * 4, "Có chuỗi dấu ghép bất thường."),
        ("day", "01/01/0001", "Ngày phải trong khoảng 01/01/1945 – 31/12/2100."),
        ("day", "01/01/1900", "Ngày phải trong khoảng 01/01/1945 – 31/12/2100."),
        ("day", "31/12/9999", "Ngày phải trong khoảng 01/01/1945 – 31/12/2100."),
        ("moment", "01/01/0001 00:00", "Ngày phải trong khoảng 01/01/1945 – 31/12/2100."),
        ("moment", "31/12/9999 23:59", "Ngày phải trong khoảng 01/01/1945 – 31/12/2100."),
        ("received_on", "31/12/2099", "Không được sau thời điểm hiện tại."),
        ("person", "abc", "Hãy chọn một lựa chọn hợp lệ"),
        ("person", "99999999999999999999999", "Hãy chọn một lựa chọn hợp lệ"),
        ("person", "Văn\x00bản", "Có ký tự điều khiển không được phép (ví dụ ký tự NUL)."),
        ("people", "[1, 2]", "không phải là giá trị hợp lệ"),
        ("people", "99999999999999999999999", "không phải là giá trị hợp lệ"),
    ],
)
def test_malformed_input_is_refused_in_vietnamese(db, field, value, message):
    assert message in " ".join(errors_of(**{field: value})[field])


def test_a_year_past_9999_is_a_wrong_date_not_an_error(db):
    assert errors_of(day="01/01/10000")["day"] == ["Nhập một ngày hợp lệ."]


def test_what_a_person_types_passes_normalised(db):
    decomposed = "Vie\u0302\u0323t Nam"  # "Việt Nam" as a Mac keyboard types it
    form = SampleForm(
        {
            "line": decomposed + "\u200b",
            "text": "dòng 1\r\n\tdòng 2",
            "day": "01/01/1945",
            "received_on": timezone.localdate().strftime("%d/%m/%Y"),
        },
        user=None,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["line"] == "Việt Nam"
    assert form.cleaned_data["text"] == "dòng 1\r\n\tdòng 2"
    assert form.cleaned_data["day"] == date(1945, 1, 1)


def test_every_field_shows_its_bound_to_the_browser(db):
    form = SampleForm(user=None)
    assert form.fields["line"].widget.attrs["maxlength"] == "1000"
    assert form.fields["text"].widget.attrs["maxlength"] == "20000"


def test_an_unusable_key_is_not_shown_again(db):
    """The admin's autocomplete looked the typed text up to show it again, and failed."""
    form = SampleForm({"person": "abc", "people": ["1", "x"]}, user=None)
    assert not form.is_valid()
    assert form["person"].value() is None
    assert form["people"].value() is None


def test_model_dates_are_bounded_outside_forms(db):
    """A command or a task writing through full_clean() meets the same range."""
    with pytest.raises(ValidationError) as error:
        DayOff(date=date(1, 1, 1), name="Ngày sai").full_clean()
    assert "Ngày phải trong khoảng" in str(error.value)
    DayOff(date=date(2026, 1, 2), name="Nghỉ bù").full_clean()


def test_query_parameters_are_read_safely():
    factory = RequestFactory()
    request = factory.get("/", {"q": "văn\x00 bản\u202e" + "x" * 300, "id": "²", "big": "9" * 30})
    assert inputs.query_text(request, "q") == "văn bản" + "x" * (inputs.QUERY_MAX_LENGTH - 7)
    assert inputs.query_id(request, "id") is None
    assert inputs.query_id(request, "big") is None
    assert inputs.query_date(factory.get("/", {"d": "0001-01-01"}), "d") is None
    assert inputs.query_date(factory.get("/", {"d": "9999-12-31"}), "d") is None
    assert inputs.query_date(factory.get("/", {"d": "2026-12-01"}), "d") == date(2026, 12, 1)


def test_every_registered_admin_guards_its_forms(db, rf):
    assert admin.site._registry
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, InputGuardAdmin), model
    user_admin = admin.site._registry[get_user_model()]
    request = rf.get("/")
    request.user = get_user_model().objects.create_superuser("quantri", "", "matkhau")
    form = user_admin.get_form(request, obj=None)({"username": "a\x00b"})
    assert not form.is_valid()
    assert form.errors["username"] == ["Có ký tự điều khiển không được phép (ví dụ ký tự NUL)."]


def test_the_staff_member_admin_refuses_malformed_ids(client, db):
    """It answered 500: its autocomplete looked up the typed text."""
    client.force_login(get_user_model().objects.create_superuser("quantri", "", "matkhau"))
    for value in ["abc", "[1, 2]", "-1", "99999999999999999999"]:
        response = client.post(
            "/admin/units/staffmember/add/",
            {"user": value, "unit": value, "position": "khong-co", "is_active": "on"},
        )
        assert response.status_code == 200
        assert "Hãy sửa các lỗi dưới đây." in response.content.decode()
        assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()


@pytest.mark.parametrize("password", ["a" * 10_000, "a" * 1_000_000, "a" + "\u0301" * 50])
def test_a_monstrous_password_is_refused_before_hashing(client, db, password):
    for url in ["/dang-nhap/", "/admin/login/"]:
        response = client.post(url, {"username": "ai" + "\u0301" * 50, "password": password})
        assert response.status_code == 200
        page = response.content.decode()
        assert "Có chuỗi dấu ghép bất thường." in page or "Tối đa" in page


def test_the_calendar_takes_any_week_it_is_given(client, user):
    client.force_login(user)
    for week in ["0001-01-01", "9999-12-31", "2026-13-45", "x\x00"]:
        assert client.get("/chuong-trinh/lich/", {"tuan": week}).status_code == 200


def test_search_and_lists_take_a_nul_byte(client, user):
    client.force_login(user)
    for url in [
        "/van-ban/tim-kiem/",
        "/van-ban/den/",
        "/van-ban/di/",
        "/van-ban/don-thu/",
        "/cong-viec/",
    ]:
        response = client.get(url, {"q": "văn\x00bản", "status": "\x00", "truoc": "²"})
        assert response.status_code in (200, 403, 404), url


def test_the_spreadsheet_drops_a_stored_control_character():
    sheet = Printout(
        title="Sổ\x01 đến", subtitle="", columns=[SheetColumn("Trích yếu")], rows=[["Văn\x07bản"]]
    )
    assert to_xlsx(sheet)[:2] == b"PK"


# --- One transaction per POST ------------------------------------------------------------


def _writes(request, status: str):
    DayOff.objects.create(date=date(2026, 5, 4), name="Nghỉ bù")
    transaction.on_commit(lambda: request.session.__setitem__("committed", True))
    if status == "redirect":
        return HttpResponseRedirect("/")
    if status == "raises":
        raise RuntimeError("sau khi ghi")
    if status == "file":
        return HttpResponse(b"a,b", content_type="text/csv")
    return HttpResponse("<p>Lỗi</p>", status=int(status), content_type="text/html")


urlpatterns = [path("ghi/<str:status>/", _writes)]


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize(
    ("status", "kept"),
    [("redirect", True), ("file", True), ("200", False), ("403", False), ("raises", False)],
)
def test_a_refused_post_leaves_nothing_behind(
    client, db, status, kept, django_capture_on_commit_callbacks
):
    client.raise_request_exception = False
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(f"/ghi/{status}/")
    assert DayOff.objects.filter(date=date(2026, 5, 4)).exists() is kept
    assert bool(callbacks) is kept


def test_times_are_bounded_by_their_day():
    inputs.bound_date(timezone.make_aware(datetime(1945, 1, 1, 0, 0)))
    with pytest.raises(ValidationError):
        inputs.bound_date(timezone.make_aware(datetime(2101, 1, 1)))
