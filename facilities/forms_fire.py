"""Input of the fire-safety and guarding pages; people narrowed to QT's members."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import OfficeForm
from facilities.forms import DATE_WIDGET, DATETIME_WIDGET, _qt_people
from facilities.models_fire import FireEquipmentKind


def _staff():
    users = get_user_model().objects.filter(is_active=True, staff__is_active=True)
    return users.order_by("last_name", "first_name")


class EquipmentForm(OfficeForm):
    kind = forms.ChoiceField(label=_("Loại phương tiện"), choices=FireEquipmentKind.choices)
    name = forms.CharField(label=_("Tên, quy cách"), max_length=200)
    location = forms.CharField(label=_("Vị trí bố trí"), max_length=200)
    quantity = forms.IntegerField(label=_("Số lượng"), min_value=1, max_value=10000, initial=1)
    last_inspected_on = forms.DateField(label=_("Kiểm tra, nạp sạc lần cuối"), widget=DATE_WIDGET)
    next_due_on = forms.DateField(label=_("Hạn kiểm tra tiếp theo"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class InspectEquipmentForm(OfficeForm):
    inspected_on = forms.DateField(label=_("Ngày kiểm tra, nạp sạc"), widget=DATE_WIDGET)
    next_due_on = forms.DateField(label=_("Hạn kiểm tra tiếp theo"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class DrillForm(OfficeForm):
    held_at = forms.DateTimeField(label=_("Thời gian thực tập"), widget=DATETIME_WIDGET)
    location = forms.CharField(label=_("Địa điểm"), max_length=200)
    scenario = forms.CharField(
        label=_("Tình huống, nội dung phương án"), widget=forms.Textarea(attrs={"rows": 3})
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Người tham gia"), queryset=get_user_model().objects.none(), required=False
    )
    minutes = forms.CharField(
        label=_("Biên bản"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = _staff()


class DrillMinutesForm(OfficeForm):
    participants = forms.ModelMultipleChoiceField(
        label=_("Người tham gia"), queryset=get_user_model().objects.none(), required=False
    )
    minutes = forms.CharField(label=_("Biên bản"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = _staff()


class InspectionForm(OfficeForm):
    inspected_on = forms.DateField(label=_("Ngày kiểm tra"), widget=DATE_WIDGET)
    inspector = forms.CharField(label=_("Đơn vị, người kiểm tra"), max_length=200)
    scope = forms.CharField(label=_("Phạm vi kiểm tra"), max_length=300)
    conclusion = forms.CharField(
        label=_("Kết luận"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class FindingForm(OfficeForm):
    description = forms.CharField(label=_("Tồn tại, kiến nghị"), max_length=500)


class FollowUpForm(OfficeForm):
    finding = forms.TypedChoiceField(label=_("Tồn tại"), coerce=int, choices=())
    owner = forms.ModelChoiceField(
        label=_("Người khắc phục"), queryset=get_user_model().objects.none()
    )
    due_working_days = forms.IntegerField(
        label=_("Thời hạn (ngày làm việc)"), min_value=1, max_value=250, initial=10
    )

    def __init__(self, *args, inspection=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _qt_people()
        if inspection is not None:
            self.fields["finding"].choices = [
                (finding.pk, finding.description)
                for finding in inspection.findings.filter(task__isnull=True)
            ]


class ShiftForm(OfficeForm):
    guard = forms.ModelChoiceField(label=_("Người trực"), queryset=get_user_model().objects.none())
    post = forms.CharField(label=_("Vị trí trực"), max_length=120)
    starts_at = forms.DateTimeField(label=_("Bắt đầu ca"), widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label=_("Kết thúc ca"), widget=DATETIME_WIDGET)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guard"].queryset = _qt_people()
