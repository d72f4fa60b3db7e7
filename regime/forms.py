from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import OfficeForm
from regime.choices import ComplaintKind
from regime.models import DisclosureCategory
from units.forms import DATE_WIDGET, PersonChoiceField


class DisclosureForm(OfficeForm):
    category = forms.ModelChoiceField(label=_("Nhóm nội dung"), queryset=None)
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    body = forms.CharField(
        label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = DisclosureCategory.objects.filter(is_active=True)


class ComplaintForm(OfficeForm):
    kind = forms.ChoiceField(label=_("Loại"), choices=ComplaintKind.choices)
    subject = forms.CharField(label=_("Nội dung tóm tắt"), max_length=300)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 5}))


class OutcomeForm(OfficeForm):
    outcome = forms.CharField(
        label=_("Kết quả giải quyết"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ForwardForm(OfficeForm):
    dossier = forms.CharField(
        label=_("Hồ sơ, ý kiến của Trưởng phòng"), widget=forms.Textarea(attrs={"rows": 4})
    )


class GrantForm(OfficeForm):
    user = PersonChoiceField(label=_("Người được xem"), queryset=None)
    reason = forms.CharField(label=_("Lý do"), max_length=300)

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model

        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.order_by("first_name", "last_name")


class RegulationForm(OfficeForm):
    title = forms.CharField(label=_("Tên quy chế"), max_length=300)
    effective_from = forms.DateField(label=_("Có hiệu lực từ ngày"), widget=DATE_WIDGET)
    change_note = forms.CharField(
        label=_("Nội dung sửa đổi, bổ sung (với bản sửa đổi)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    text = forms.CharField(label=_("Nội dung quy chế"), widget=forms.Textarea(attrs={"rows": 14}))
