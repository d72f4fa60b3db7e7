"""The leadership's decisions on trips beyond the province, training plans, evaluations and
emulation proposals (ApprovalAdmin); the catalogues, edited by the system administrators
(office_catalogue)."""

from django.contrib import admin
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from personnel.models import (
    BusinessTrip,
    EmulationProposal,
    EmulationTitle,
    Evaluation,
    EvaluationCriterion,
    EvaluationRuleSet,
    GradeBand,
    TrainingAttendance,
    TrainingPlan,
    TripScope,
)
from personnel.services.evaluations import quota_warning
from units.admin import ApprovalAdmin, GuardedWorkAdmin, Reading


@admin.register(TripScope)
class TripScopeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "needs_deputy_chief", "report_working_days", "order", "is_active")


@admin.register(EvaluationRuleSet)
class EvaluationRuleSetAdmin(SimpleHistoryAdmin):
    list_display = ("legal_text", "effective_from", "effective_to", "counting_period")


@admin.register(EvaluationCriterion)
class EvaluationCriterionAdmin(SimpleHistoryAdmin):
    list_display = ("name", "ruleset", "order", "max_points")
    list_filter = ("ruleset",)


@admin.register(GradeBand)
class GradeBandAdmin(SimpleHistoryAdmin):
    list_display = ("grade", "ruleset", "min_score")
    list_filter = ("ruleset",)


@admin.register(EmulationTitle)
class EmulationTitleAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "nominee_kind", "min_grade", "is_active")


@admin.register(BusinessTrip)
class BusinessTripAdmin(ApprovalAdmin):
    list_select_related = ("lead_unit", "owner", "scope")
    decision_summary_fields = ("scope", "destination", "starts_on", "ends_on", "means")

    def decision_reading(self, request, obj) -> Reading:
        return Reading(text=obj.purpose)


@admin.register(TrainingPlan)
class TrainingPlanAdmin(ApprovalAdmin):
    list_select_related = ("lead_unit", "owner")
    decision_summary_fields = ("year",)

    def decision_reading(self, request, obj) -> Reading:
        courses = "\n".join(
            f"- {course.title} ({course.organiser}, {course.starts_on:%d/%m/%Y}–"
            f"{course.ends_on:%d/%m/%Y})"
            for course in obj.courses.all()
        )
        return Reading(text=f"{obj.content}\n\n{courses}" if courses else obj.content)


@admin.register(Evaluation)
class EvaluationAdmin(ApprovalAdmin):
    """Each evaluation is decided on its own page, where the quota warning is read: no
    approve-many action."""

    actions = []
    list_select_related = ("lead_unit", "owner", "ruleset")
    exclude = ("task_breakdown",)
    decision_summary_fields = (
        "year",
        "ruleset",
        "general_score",
        "task_score",
        "total_score",
        "self_grade",
        "proposed_grade",
        "party_review_grade",
    )

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [name for name in fields if name != "task_breakdown"]

    def decision_reading(self, request, obj) -> Reading:
        parts = [quota_warning(obj)]
        if obj.head_note:
            parts.append(_("Nhận xét của Trưởng phòng: %(note)s") % {"note": obj.head_note})
        if obj.self_note:
            parts.append(_("Bản tự đánh giá: %(note)s") % {"note": obj.self_note})
        return Reading(text="\n\n".join(part for part in parts if part))


@admin.register(EmulationProposal)
class EmulationProposalAdmin(ApprovalAdmin):
    list_select_related = ("lead_unit", "owner", "title")
    decision_summary_fields = ("year", "title", "nominee", "nominee_unit")

    def decision_reading(self, request, obj) -> Reading:
        return Reading(text=obj.achievements)


@admin.register(TrainingAttendance)
class TrainingAttendanceAdmin(GuardedWorkAdmin):
    list_display = ("course", "owner", "report_due", "reported_at")
    list_select_related = ("course", "owner")
