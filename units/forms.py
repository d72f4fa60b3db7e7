from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import OfficeForm
from units import permissions
from units.choices import Position, Secrecy
from units.models import StaffMember, Unit

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class TaskForm(OfficeForm):
    title = forms.CharField(label=_("Tên công việc"), max_length=300)
    description = forms.CharField(
        label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    owner = PersonChoiceField(label=_("Người phụ trách"), queryset=None)
    due_working_days = forms.IntegerField(
        label=_("Thời hạn (ngày làm việc)"), min_value=1, max_value=365, initial=5
    )
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, required=False)
    coordinating_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"), queryset=Unit.objects.filter(is_active=True), required=False
    )

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = permissions.members_of(unit.pk).order_by("first_name")
        self.fields["coordinating_units"].queryset = Unit.objects.filter(is_active=True).exclude(
            pk=unit.pk
        )


class TaskEditForm(OfficeForm):
    title = forms.CharField(label=_("Tên công việc"), max_length=300)
    description = forms.CharField(
        label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class ResultForm(OfficeForm):
    result_note = forms.CharField(
        label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(OfficeForm):
    reason = forms.CharField(label=_("Lý do"), max_length=500)


class ReassignForm(OfficeForm):
    new_owner = PersonChoiceField(label=_("Người phụ trách mới"), queryset=None)
    reason = forms.CharField(label=_("Lý do"), max_length=500)

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_owner"].queryset = permissions.members_of(unit_id).order_by("first_name")


class MoveForm(OfficeForm):
    new_unit = forms.ModelChoiceField(label=_("Chuyển sang đơn vị"), queryset=None)
    reason = forms.CharField(label=_("Lý do"), max_length=500)

    def __init__(self, *args, current_unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_unit"].queryset = Unit.objects.filter(is_active=True).exclude(
            pk=current_unit_id
        )


class EscalationForm(OfficeForm):
    title = forms.CharField(label=_("Vấn đề"), max_length=300)
    dossier = forms.CharField(label=_("Hồ sơ, đề xuất"), widget=forms.Textarea(attrs={"rows": 6}))
    attachment = forms.FileField(label=_("Tài liệu kèm theo (PDF, ảnh)"), required=False)
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, required=False)


class ConsultationForm(OfficeForm):
    asked_unit = forms.ModelChoiceField(label=_("Đơn vị được hỏi"), queryset=None)
    subject = forms.CharField(label=_("Nội dung xin ý kiến"), max_length=300)
    question = forms.CharField(
        label=_("Câu hỏi, dự thảo cần góp ý"), widget=forms.Textarea(attrs={"rows": 5})
    )
    due_working_days = forms.IntegerField(
        label=_("Thời hạn trả lời (ngày làm việc)"), min_value=1, max_value=60, initial=5
    )
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, required=False)

    def __init__(self, *args, own_unit_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["asked_unit"].queryset = Unit.objects.filter(is_active=True).exclude(
            pk=own_unit_id
        )


class DesignateForm(OfficeForm):
    answerer = PersonChoiceField(label=_("Người chuẩn bị trả lời"), queryset=None)

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answerer"].queryset = permissions.members_of(unit_id).order_by("first_name")


class AnswerForm(OfficeForm):
    answer = forms.CharField(label=_("Ý kiến trả lời"), widget=forms.Textarea(attrs={"rows": 5}))


class DelegationForm(OfficeForm):
    delegate = PersonChoiceField(label=_("Phó Trưởng phòng được ủy quyền"), queryset=None)
    starts_on = forms.DateField(label=_("Từ ngày"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Đến ngày"), widget=DATE_WIDGET)
    reason = forms.CharField(label=_("Lý do vắng mặt"), max_length=300)

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        deputies = StaffMember.objects.filter(unit=unit, position=Position.DEPUTY, is_active=True)
        self.fields["delegate"].queryset = permissions.members_of(unit.pk).filter(
            staff__in=deputies
        )


class DiscussionForm(OfficeForm):
    held_on = forms.DateField(
        label=_("Ngày thảo luận"), widget=DATE_WIDGET, initial=timezone.localdate
    )
    participants = forms.ModelMultipleChoiceField(label=_("Thành phần tham dự"), queryset=None)
    opinions = forms.CharField(
        label=_("Ý kiến thảo luận"), widget=forms.Textarea(attrs={"rows": 3})
    )
    conclusion = forms.CharField(label=_("Kết luận"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = permissions.members_of(unit_id).order_by(
            "first_name"
        )
        self.fields["participants"].label_from_instance = lambda user: (
            user.get_full_name() or user.username
        )


class DecisionForm(OfficeForm):
    kind = forms.ChoiceField(label=_("Quyết định"), choices=())
    comment = forms.CharField(
        label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    resolution_number = forms.CharField(
        label=_("Số văn bản, biên bản của tập thể"), max_length=50, required=False
    )
    resolution_date = forms.DateField(
        label=_("Ngày văn bản, biên bản"), widget=DATE_WIDGET, required=False
    )

    def __init__(self, *args, choices, collective: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = choices
        if not collective:
            del self.fields["resolution_number"]
            del self.fields["resolution_date"]


def restrict_choices(form, user) -> None:
    """Narrow every choice of work, people and units of `form` to what `user` may pick (NetBox's
    `restrict_form_fields`). Registered with `core.forms`, so it runs for every `OfficeForm`
    after the form's own `__init__`."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is not None:
            field.queryset = permissions.choosable(queryset, user)


class StaffDeactivationForm(OfficeForm):
    """Leadership lets a staff member go (leaving, retiring, moving); while he still holds work
    to hand over, only with a reason of the policy's length (`staff_deactivation_check`)."""

    reason = forms.CharField(
        label=_("Lý do thôi công tác"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Nghỉ hưu, chuyển công tác, thôi việc..."),
    )
    override_reason = forms.CharField(
        label=_("Lý do lãnh đạo cho phép khi còn giữ hồ sơ, công việc"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, refusals: list[str], min_length: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.refusals = refusals
        self.min_length = min_length
        if refusals:
            self.fields["override_reason"].required = True
            self.fields["override_reason"].help_text = _(
                "Ghi rõ lý do (ít nhất %(count)d ký tự)."
            ) % {"count": min_length}
        else:
            del self.fields["override_reason"]

    def clean_override_reason(self) -> str:
        value = (self.cleaned_data.get("override_reason") or "").strip()
        if self.refusals and len(value) < self.min_length:
            raise forms.ValidationError(
                _("Ghi rõ lý do (ít nhất %(count)d ký tự).") % {"count": self.min_length}
            )
        return value
