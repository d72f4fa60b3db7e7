from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import OfficeForm
from core.inputs import guard_field
from personnel import scoring
from personnel.choices import CourseResult, Grade, TripMeans
from personnel.models import EmulationTitle, TripScope
from personnel.services.evaluations import score_field
from personnel.services.training import DEFAULT_REPORT_WORKING_DAYS
from units import permissions
from units.forms import DATE_WIDGET, PersonChoiceField


def _this_year() -> int:
    return timezone.localdate().year


class TripForm(OfficeForm):
    owner = PersonChoiceField(label=_("Người đi công tác (phụ trách)"), queryset=None)
    companions = forms.ModelMultipleChoiceField(label=_("Cùng đi"), queryset=None, required=False)
    scope = forms.ModelChoiceField(
        label=_("Phạm vi"), queryset=TripScope.objects.filter(is_active=True)
    )
    destination = forms.CharField(label=_("Nơi đến"), max_length=300)
    purpose = forms.CharField(
        label=_("Mục đích, nội dung công tác"), widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_on = forms.DateField(label=_("Từ ngày"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Đến ngày"), widget=DATE_WIDGET)
    means = forms.ChoiceField(label=_("Phương tiện"), choices=TripMeans.choices)

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        members = permissions.members_of(unit_id).order_by("first_name")
        self.fields["owner"].queryset = members
        self.fields["companions"].queryset = members
        self.fields["companions"].label_from_instance = lambda user: (
            user.get_full_name() or user.username
        )


class TripReportForm(OfficeForm):
    report = forms.CharField(
        label=_("Kết quả chuyến công tác"), widget=forms.Textarea(attrs={"rows": 4})
    )


class TrainingPlanForm(OfficeForm):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, initial=_this_year)
    title = forms.CharField(label=_("Tên kế hoạch"), max_length=300)
    content = forms.CharField(
        label=_("Nội dung, mục tiêu"), widget=forms.Textarea(attrs={"rows": 4})
    )


class CourseForm(OfficeForm):
    title = forms.CharField(label=_("Tên khóa, lớp"), max_length=300)
    organiser = forms.CharField(label=_("Cơ sở đào tạo, đơn vị tổ chức"), max_length=300)
    starts_on = forms.DateField(label=_("Từ ngày"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Đến ngày"), widget=DATE_WIDGET)
    participants = forms.ModelMultipleChoiceField(label=_("Người tham gia"), queryset=None)
    report_working_days = forms.IntegerField(
        label=_("Hạn báo cáo (ngày làm việc sau khóa học)"),
        min_value=1,
        max_value=60,
        initial=DEFAULT_REPORT_WORKING_DAYS,
    )

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = permissions.members_of(unit_id).order_by(
            "first_name"
        )
        self.fields["participants"].label_from_instance = lambda user: (
            user.get_full_name() or user.username
        )


class AttendanceReportForm(OfficeForm):
    result = forms.ChoiceField(label=_("Kết quả"), choices=CourseResult.choices)
    report = forms.CharField(
        label=_("Báo cáo kết quả học tập"), widget=forms.Textarea(attrs={"rows": 4})
    )


class OpenEvaluationsForm(OfficeForm):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, initial=_this_year)


class ScoresForm(OfficeForm):
    """One field per general criterion of the evaluation's rule set (its maximum as the
    widget's bound; the service checks the range again)."""

    def __init__(self, *args, evaluation, own: bool, **kwargs):
        super().__init__(*args, **kwargs)
        scores = list(evaluation.scores.select_related("criterion"))
        self.criterion_ids = []
        for score in scores:
            criterion = score.criterion
            self.criterion_ids.append(criterion.pk)
            initial = score.self_points if own else (score.head_points or score.self_points)
            self.fields[score_field(criterion.pk)] = forms.DecimalField(
                label=f"{criterion.name} (0–{scoring.points_text(criterion.max_points)})",
                max_digits=5,
                decimal_places=2,
                initial=initial,
                widget=forms.NumberInput(attrs={"step": "0.25"}),
            )
        self.fields["note"] = forms.CharField(
            label=_("Bản tự đánh giá") if own else _("Nhận xét của Trưởng phòng"),
            widget=forms.Textarea(attrs={"rows": 3}),
            required=not own,
            initial=evaluation.self_note if own else evaluation.head_note,
        )
        if not own:
            self.fields["task_points"] = forms.DecimalField(
                label=_("Điểm kết quả nhiệm vụ (chỉ khi năm không có công việc được ghi nhận)"),
                max_digits=5,
                decimal_places=2,
                required=False,
            )

        # Added after the mixins ran: guarded and styled here.
        for field in self.fields.values():
            guard_field(field)
            field.widget.attrs.setdefault("class", "form-control")

    def points(self) -> dict:
        return {cid: self.cleaned_data.get(score_field(cid)) for cid in self.criterion_ids}


class PartyReviewForm(OfficeForm):
    grade = forms.ChoiceField(label=_("Chi bộ xếp loại"), choices=Grade.choices)
    held_on = forms.DateField(
        label=_("Ngày kiểm điểm"), widget=DATE_WIDGET, initial=timezone.localdate
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class ProposalForm(OfficeForm):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, initial=_this_year)
    title = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức"), queryset=EmulationTitle.objects.filter(is_active=True)
    )
    nominee = PersonChoiceField(
        label=_("Cá nhân (bỏ trống với danh hiệu tập thể)"), queryset=None, required=False
    )
    achievements = forms.CharField(label=_("Thành tích"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].queryset = permissions.members_of(unit_id).order_by("first_name")
