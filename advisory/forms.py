from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advisory.choices import DIRECT_SOURCES, AreaKind, Source, WorkKind
from advisory.models import FollowUpArea
from core.forms import OfficeForm
from units import permissions
from units.choices import Secrecy
from units.forms import DATE_WIDGET, PersonChoiceField


class AreaForm(OfficeForm):
    kind = forms.ChoiceField(label=_("Loại"), choices=AreaKind.choices)
    name = forms.CharField(label=_("Tên ngành, lĩnh vực, cấp ủy, địa bàn"), max_length=200)


class FollowUpForm(OfficeForm):
    area = forms.ModelChoiceField(label=_("Lĩnh vực theo dõi"), queryset=None)
    follower = PersonChoiceField(label=_("Người theo dõi"), queryset=None)
    starts_on = forms.DateField(label=_("Từ ngày"), widget=DATE_WIDGET, initial=timezone.localdate)
    ends_on = forms.DateField(label=_("Đến ngày"), widget=DATE_WIDGET, required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    def __init__(self, *args, unit_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = FollowUpArea.objects.filter(is_active=True)
        members = permissions.members_of(unit_id) if unit_id else permissions.members_of(0)
        self.fields["follower"].queryset = members.order_by("first_name", "last_name")


class FollowUpEndForm(OfficeForm):
    ends_on = forms.DateField(
        label=_("Theo dõi đến hết ngày"),
        widget=forms.DateInput(
            format="%d/%m/%Y",
            attrs={"placeholder": "dd/mm/yyyy", "aria-label": _("Theo dõi đến hết ngày")},
        ),
    )


class _WorkFields(OfficeForm):
    kind = forms.ChoiceField(label=_("Loại việc"), choices=WorkKind.choices)
    title = forms.CharField(label=_("Tên việc"), max_length=300)
    brief = forms.CharField(label=_("Nội dung giao"), widget=forms.Textarea(attrs={"rows": 4}))
    due_date = forms.DateField(
        label=_("Hạn hoàn thành"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Không nhập với hội nghị, khảo sát: hạn báo cáo tính từ ngày kết thúc."),
    )
    event_place = forms.CharField(label=_("Địa điểm hội nghị, khảo sát"), required=False)
    event_starts_on = forms.DateField(label=_("Bắt đầu"), widget=DATE_WIDGET, required=False)
    event_ends_on = forms.DateField(label=_("Kết thúc"), widget=DATE_WIDGET, required=False)
    draft_agency = forms.CharField(
        label=_("Cơ quan soạn thảo (thẩm định)"), max_length=300, required=False
    )
    occasion = forms.CharField(
        label=_("Sự kiện, đồng chí phát biểu (bài phát biểu)"), max_length=300, required=False
    )
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, required=False)


class WorkAssignForm(_WorkFields):
    owner = PersonChoiceField(label=_("Chuyên viên thực hiện"), queryset=None)

    field_order = ["owner", "kind"]

    def __init__(self, *args, unit_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        members = permissions.members_of(unit_id) if unit_id else permissions.members_of(0)
        self.fields["owner"].queryset = members.order_by("first_name", "last_name")


class WorkDirectForm(_WorkFields):
    source = forms.ChoiceField(
        label=_("Người giao"),
        choices=[(value, label) for value, label in Source.choices if value in DIRECT_SOURCES],
    )
    source_person = forms.CharField(label=_("Họ tên đồng chí giao việc"), max_length=200)

    field_order = ["source", "source_person", "kind"]


class PlanForm(OfficeForm):
    scope = forms.CharField(
        label=_("Phạm vi nghiên cứu, theo dõi"), widget=forms.Textarea(attrs={"rows": 3})
    )
    timeline = forms.CharField(label=_("Tiến độ dự kiến"), widget=forms.Textarea(attrs={"rows": 3}))
    expected_finish = forms.DateField(label=_("Dự kiến hoàn thành"), widget=DATE_WIDGET)


class ReportForm(OfficeForm):
    result = forms.CharField(
        label=_("Kết quả, báo cáo, ý kiến thẩm định"), widget=forms.Textarea(attrs={"rows": 5})
    )
