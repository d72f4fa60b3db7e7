from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import OfficeForm
from units import permissions
from units.choices import LEADERSHIP_POSITIONS, Designation, Secrecy
from units.designations import is_designated
from units.forms import DATE_WIDGET, PersonChoiceField
from units.models import Task, Unit
from workprograms.choices import MeetingKind, PeriodKind, ProgramKind, ReportKind, Scope
from workprograms.models import SECRECY_ORDER, Meeting, MeetingConclusion, WorkProgram

DATETIME_WIDGET = forms.DateTimeInput(
    format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy hh:mm"}
)


def _year_field():
    return forms.IntegerField(
        label=_("Năm"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year
    )


class ProgramForm(OfficeForm):
    scope = forms.ChoiceField(label=_("Phạm vi"), choices=Scope.choices, initial=Scope.UNIT)
    program_kind = forms.ChoiceField(
        label=_("Loại chương trình"),
        choices=ProgramKind.choices,
        initial=ProgramKind.WORK,
        required=False,
        help_text=_("Để trống: chương trình công tác."),
    )
    period_kind = forms.ChoiceField(label=_("Loại kỳ"), choices=PeriodKind.choices)
    year = _year_field()
    number = forms.IntegerField(
        label=_("Kỳ số (6 tháng 1–2, quý 1–4, tháng 1–12)"), min_value=1, max_value=12, initial=1
    )
    title = forms.CharField(label=_("Tên chương trình"), max_length=300)
    introduction = forms.CharField(
        label=_("Mục đích, yêu cầu"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, required=False)

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_designated(unit.pk, Designation.OFFICE_PROGRAMS):
            del self.fields["scope"]


class ProgramEditForm(OfficeForm):
    title = forms.CharField(label=_("Tên chương trình"), max_length=300)
    introduction = forms.CharField(
        label=_("Mục đích, yêu cầu"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ItemForm(OfficeForm):
    """One line of a program. The person in charge is picked among the lead unit's members;
    only the office program gives items to other units."""

    title = forms.CharField(label=_("Nội dung công việc"), max_length=400)
    expected_output = forms.CharField(label=_("Sản phẩm dự kiến"), max_length=300, required=False)
    due_date = forms.DateField(label=_("Thời hạn"), widget=DATE_WIDGET)
    lead_unit = forms.ModelChoiceField(label=_("Đơn vị chủ trì"), queryset=None)
    owner = PersonChoiceField(label=_("Người phụ trách"), queryset=None)
    tasks = forms.ModelMultipleChoiceField(
        label=_("Công việc thực hiện"), queryset=None, required=False
    )
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, required=False)
    reason = forms.CharField(
        label=_("Lý do giao lại (khi đổi người phụ trách hoặc đơn vị chủ trì)"),
        max_length=500,
        required=False,
    )

    def __init__(self, *args, program: WorkProgram, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["reason"]
        # A line is never less secret than its program (`ProgramItem.clean`).
        floor = SECRECY_ORDER.index(program.secrecy)
        self.fields["secrecy"].choices = [
            (value, label)
            for value, label in Secrecy.choices
            if SECRECY_ORDER.index(value) >= floor
        ]
        self.fields["secrecy"].initial = program.secrecy

        if program.scope == Scope.OFFICE:
            units = Unit.objects.filter(is_active=True)
            people = get_user_model().objects.filter(
                is_active=True, staff__is_active=True, staff__unit__isnull=False
            )
        else:
            units = Unit.objects.filter(pk=program.lead_unit_id)
            people = permissions.members_of(program.lead_unit_id)
            self.fields["lead_unit"].initial = program.lead_unit_id
        self.fields["lead_unit"].queryset = units
        self.fields["owner"].queryset = people.order_by("first_name")
        self.fields["tasks"].queryset = Task.objects.filter(lead_unit__in=units).order_by(
            "due_date"
        )

    def clean_secrecy(self) -> str | None:
        """Not sent at all: the program's level for a new line, the line's own when editing."""
        if self.add_prefix("secrecy") not in self.data:
            return None
        return self.cleaned_data["secrecy"]


class ChangeRequestForm(OfficeForm):
    reason = forms.CharField(label=_("Lý do điều chỉnh"), widget=forms.Textarea(attrs={"rows": 3}))
    is_urgent = forms.BooleanField(label=_("Đột xuất, khẩn"), required=False)


class ReportForm(OfficeForm):
    scope = forms.ChoiceField(label=_("Phạm vi"), choices=Scope.choices, initial=Scope.UNIT)
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=ReportKind.choices)
    year = _year_field()
    number = forms.IntegerField(
        label=_("Kỳ số (tháng, quý, 6 tháng)"), min_value=1, max_value=12, initial=1
    )
    title = forms.CharField(label=_("Tên báo cáo"), max_length=300)
    content = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    proposal = forms.CharField(
        label=_("Đề xuất"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, required=False)

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_designated(unit.pk, Designation.OFFICE_PROGRAMS):
            del self.fields["scope"]


class ReportEditForm(OfficeForm):
    title = forms.CharField(label=_("Tên báo cáo"), max_length=300)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 8}))
    proposal = forms.CharField(
        label=_("Đề xuất"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


# Meetings and the leadership calendar -------------------------------------------------------


def _staff_users():
    return (
        get_user_model()
        .objects.filter(is_active=True, staff__is_active=True)
        .order_by("first_name", "last_name")
    )


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class MeetingEditForm(OfficeForm):
    title = forms.CharField(label=_("Tên cuộc họp"), max_length=300)
    starts_at = forms.DateTimeField(label=_("Thời gian"), widget=DATETIME_WIDGET)
    place = forms.CharField(label=_("Địa điểm"), max_length=200)
    agenda = forms.CharField(
        label=_("Chương trình, nội dung họp"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    chair = PersonChoiceField(label=_("Chủ trì"), queryset=None, required=False)
    participants = PeopleChoiceField(label=_("Thành phần tham dự"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = _staff_users()
        self.fields["participants"].queryset = _staff_users()

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict:
        return {
            "title": meeting.title,
            "starts_at": timezone.localtime(meeting.starts_at),
            "place": meeting.place,
            "agenda": meeting.agenda,
            "chair": meeting.chair_id,
            "participants": [user.pk for user in meeting.participants.all()],
        }


class MeetingForm(MeetingEditForm):
    """Calling a meeting: the kind, the member of the unit who takes the minutes, and for HC the
    office leadership's meetings too (Điều 7.2)."""

    kind = forms.ChoiceField(label=_("Loại cuộc họp"), choices=MeetingKind.choices)
    owner = PersonChoiceField(label=_("Người ghi biên bản (phụ trách)"), queryset=None)
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, required=False)
    field_order = ["kind", "title", "starts_at", "place", "agenda", "chair", "participants"]

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = permissions.members_of(unit.pk).order_by("first_name")
        if not is_designated(unit.pk, Designation.LEADERSHIP_MINUTES):
            self.fields["kind"].choices = [
                (value, label)
                for value, label in MeetingKind.choices
                if value != MeetingKind.LEADERSHIP
            ]


class MinutesForm(OfficeForm):
    minutes = forms.CharField(label=_("Biên bản"), widget=forms.Textarea(attrs={"rows": 8}))
    self_criticism = forms.CharField(
        label=_("Tự phê bình và phê bình (Điều 20)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        if not meeting.is_review:
            del self.fields["self_criticism"]


class NoticeForm(OfficeForm):
    conclusion_notice = forms.CharField(
        label=_("Dự thảo thông báo kết luận"), widget=forms.Textarea(attrs={"rows": 6})
    )


class ConclusionForm(OfficeForm):
    text = forms.CharField(label=_("Nội dung kết luận"), widget=forms.Textarea(attrs={"rows": 2}))


class ConclusionTaskForm(OfficeForm):
    """Turn a conclusion into a task of a unit the user heads; the owner is one of its members."""

    conclusion = forms.ModelChoiceField(label=_("Kết luận"), queryset=None)
    owner = PersonChoiceField(label=_("Người phụ trách"), queryset=None)
    due_working_days = forms.IntegerField(
        label=_("Thời hạn (ngày làm việc)"), min_value=1, max_value=365, initial=5
    )

    def __init__(self, *args, meeting: Meeting, head_unit_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conclusion"].queryset = MeetingConclusion.objects.filter(
            meeting=meeting, task__isnull=True
        )
        self.fields["conclusion"].label_from_instance = lambda c: c.text[:120]
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(
                is_active=True, staff__is_active=True, staff__unit_id__in=list(head_unit_ids)
            )
            .order_by("first_name")
        )


class CalendarEntryForm(OfficeForm):
    leader = PersonChoiceField(label=_("Lãnh đạo"), queryset=None)
    starts_at = forms.DateTimeField(label=_("Bắt đầu"), widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label=_("Kết thúc"), widget=DATETIME_WIDGET, required=False)
    content = forms.CharField(
        label=_("Nội dung công việc"), widget=forms.Textarea(attrs={"rows": 3})
    )
    participants = forms.CharField(
        label=_("Thành phần"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = _staff_users().filter(
            staff__position__in=LEADERSHIP_POSITIONS
        )
