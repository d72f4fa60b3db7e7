"""Input of QT's pages; every choice narrowed to what the user may pick (`core.forms`)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import OfficeForm
from facilities.choices import AssetState, Handling
from facilities.models import AssetCategory, FundingSource, RequestKind, Resource
from units.choices import Designation
from units.designations import designated_unit

DATETIME_WIDGET = forms.DateTimeInput(
    format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy hh:mm"}
)
DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class RequestForm(OfficeForm):
    kind = forms.ModelChoiceField(
        label=_("Loại yêu cầu"), queryset=RequestKind.objects.filter(is_active=True)
    )
    purpose = forms.CharField(label=_("Mục đích, nội dung công việc"), max_length=500)
    starts_at = forms.DateTimeField(label=_("Từ"), widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label=_("Đến"), widget=DATETIME_WIDGET)
    destination = forms.CharField(label=_("Nơi đến (xe)"), max_length=200, required=False)
    outside_province = forms.BooleanField(label=_("Đi ngoài tỉnh"), required=False)
    people = forms.IntegerField(label=_("Số người"), min_value=1, max_value=500, initial=1)
    wanted_resource = forms.ModelChoiceField(
        label=_("Phòng, xe đề nghị"),
        queryset=Resource.objects.filter(is_active=True),
        required=False,
    )
    details = forms.CharField(
        label=_("Nội dung đề nghị (trang thiết bị, số suất ăn, văn phòng phẩm…)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


def _qt_people():
    unit = designated_unit(Designation.FACILITIES)
    users = get_user_model().objects.filter(is_active=True, staff__is_active=True)
    return users.filter(staff__unit=unit).order_by("last_name") if unit else users.none()


class AssignForm(OfficeForm):
    resource = forms.ModelChoiceField(
        label=_("Phương tiện, phòng"), queryset=Resource.objects.none()
    )
    server = forms.ModelChoiceField(
        label=_("Người phục vụ (lái xe)"), queryset=get_user_model().objects.none(), required=False
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        resources = Resource.objects.filter(is_active=True)
        if request is not None and request.kind.resource_kind:
            resources = resources.filter(kind=request.kind.resource_kind)
        self.fields["resource"].queryset = resources
        self.fields["server"].queryset = _qt_people()
        self.fields["server"].label_from_instance = lambda user: user.get_full_name()


class OdometerForm(OfficeForm):
    odometer = forms.IntegerField(label=_("Số km trên đồng hồ"), min_value=0, max_value=9_999_999)
    fuel = forms.DecimalField(
        label=_("Nhiên liệu (lít)"), min_value=0, max_digits=6, decimal_places=1, required=False
    )


class CloseForm(OfficeForm):
    used = forms.CharField(
        label=_("Đã sử dụng (số km, phòng, suất ăn, vật tư…)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReasonForm(OfficeForm):
    reason = forms.CharField(label=_("Lý do"), max_length=500)


class DecideForm(OfficeForm):
    comment = forms.CharField(
        label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class MaintenanceForm(OfficeForm):
    starts_at = forms.DateTimeField(label=_("Từ"), widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label=_("Đến"), widget=DATETIME_WIDGET)
    note = forms.CharField(label=_("Nội dung bảo dưỡng, sửa chữa"), max_length=500)


class VehicleDatesForm(OfficeForm):
    maintenance_due = forms.DateField(label=_("Hạn bảo dưỡng"), widget=DATE_WIDGET, required=False)
    insurance_due = forms.DateField(label=_("Hạn bảo hiểm"), widget=DATE_WIDGET, required=False)


class AssetForm(OfficeForm):
    code = forms.CharField(label=_("Mã tài sản"), max_length=30)
    name = forms.CharField(label=_("Tên tài sản"), max_length=200)
    category = forms.ModelChoiceField(label=_("Loại tài sản"), queryset=AssetCategory.objects.all())
    funding = forms.ModelChoiceField(
        label=_("Nguồn kinh phí"), queryset=FundingSource.objects.all()
    )
    purchased_on = forms.DateField(label=_("Ngày mua"), widget=DATE_WIDGET)
    purchase_value = forms.DecimalField(
        label=_("Nguyên giá (đồng)"), min_value=0, max_digits=15, decimal_places=0
    )
    location = forms.CharField(label=_("Vị trí"), max_length=200)


class AssetUpdateForm(OfficeForm):
    location = forms.CharField(label=_("Vị trí"), max_length=200)
    state = forms.ChoiceField(
        label=_("Tình trạng"),
        choices=[(value, label) for value, label in AssetState.choices if value != "liquidated"],
    )
    reason = forms.CharField(label=_("Lý do thay đổi"), max_length=500)


class HandOverForm(OfficeForm):
    custodian = forms.ModelChoiceField(
        label=_("Người nhận"),
        queryset=get_user_model().objects.filter(is_active=True, staff__is_active=True),
    )
    location = forms.CharField(label=_("Vị trí bàn giao"), max_length=200)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["custodian"].label_from_instance = lambda user: user.get_full_name()


class VisitForm(OfficeForm):
    title = forms.CharField(label=_("Đoàn khách"), max_length=300)
    guests = forms.CharField(label=_("Thành phần đoàn"), widget=forms.Textarea(attrs={"rows": 2}))
    arrives_on = forms.DateField(label=_("Ngày đến"), widget=DATE_WIDGET)
    leaves_on = forms.DateField(label=_("Ngày về"), widget=DATE_WIDGET)
    programme = forms.CharField(
        label=_("Chương trình làm việc"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    budget_line = forms.CharField(label=_("Nguồn kinh phí chi"), max_length=200, required=False)


class VisitRequestForm(RequestForm):
    """A part of the delegation's case: lodging, meals, a vehicle or the room."""


class SettleForm(OfficeForm):
    settlement = forms.CharField(label=_("Quyết toán"), widget=forms.Textarea(attrs={"rows": 3}))


class InventoryForm(OfficeForm):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Tên đợt kiểm kê"), max_length=300)


class CountForm(OfficeForm):
    line = forms.IntegerField(label=_("Dòng số (cột cuối của bảng)"), min_value=1)
    found = forms.TypedChoiceField(
        label=_("Có trên thực tế"),
        choices=[("1", _("Có")), ("0", _("Không"))],
        coerce=lambda value: value == "1",
    )
    found_state = forms.ChoiceField(
        label=_("Tình trạng thực tế"), choices=[("", "—"), *AssetState.choices], required=False
    )
    discrepancy = forms.CharField(
        label=_("Chênh lệch, nguyên nhân"), max_length=500, required=False
    )
    proposal = forms.ChoiceField(label=_("Đề xuất xử lý"), choices=Handling.choices, required=False)


class MinutesForm(OfficeForm):
    minutes = forms.CharField(label=_("Biên bản kiểm kê"), widget=forms.Textarea(attrs={"rows": 4}))
