"""Thin pages over the services: lists through the door, detail pages as `ActionDetailView`s
whose actions call one service each."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.inputs import query_id
from core.paging import page_of
from personnel import forms, permissions, selectors
from personnel.models import (
    BusinessTrip,
    EmulationProposal,
    Evaluation,
    TrainingAttendance,
    TrainingPlan,
)
from personnel.services import emulation, evaluations, training, trips
from units import approvals
from units import permissions as door
from units import selectors as unit_selectors
from units import services as unit_services
from units.choices import ApprovalStatus
from units.forms import DiscussionForm
from units.mixins import Action, ActionDetailView, submit_form

PAGE_SIZE = 50
EDITABLE = (ApprovalStatus.DRAFT, ApprovalStatus.RETURNED)


def _page(request, rows):
    page = page_of(request, rows, size=PAGE_SIZE)
    door.log_secret_rows(page.rows, request.user, via="list")
    return page


def _headed_unit(request):
    """The unit the user heads (or acts as head of) today, or None."""
    return unit_selectors.headed_units(request.user).first()


def _discussion_action() -> Action:
    return Action(
        label=gettext_lazy("Ghi biên bản thảo luận tập thể"),
        allowed=lambda user, obj: (
            obj.approval_status in EDITABLE and permissions.heads(user, obj.lead_unit_id)
        ),
        perform=lambda user, obj, form: unit_services.discussion_record(
            actor=user, obj=obj, **form.cleaned_data
        ),
        form_class=DiscussionForm,
        form_kwargs=lambda obj: {"unit_id": obj.lead_unit_id},
        success=gettext_lazy("Đã ghi biên bản thảo luận."),
    )


def _submit_action(label, perform=None) -> Action:
    return Action(
        label=label,
        allowed=lambda user, obj: (
            obj.approval_status in EDITABLE and permissions.heads(user, obj.lead_unit_id)
        ),
        perform=perform or (lambda user, obj, form: approvals.approval_submit(actor=user, obj=obj)),
        success=gettext_lazy("Đã trình lãnh đạo."),
        primary=True,
    )


class ApprovableDetailView(ActionDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decisions"] = approvals.decisions_for(self.object)
        context["discussions"] = unit_selectors.discussions_of(self.object)
        return context


# Business trips -----------------------------------------------------------------------------


@login_required
def trip_list(request):
    rows = selectors.trips_for(request.user).order_by("-starts_on", "-pk")
    return render(
        request,
        "personnel/trip_list.html",
        {"page": _page(request, rows), "can_plan": _headed_unit(request) is not None},
    )


@login_required
def trip_create(request):
    unit = _headed_unit(request)
    if unit is None:
        raise PermissionDenied
    form = forms.TripForm(request.POST or None, unit_id=unit.pk, user=request.user)
    trip = submit_form(
        request,
        form,
        lambda data: trips.trip_plan(actor=request.user, unit=unit, **data),
        _("Đã lập kế hoạch công tác."),
    )
    if trip:
        return redirect(trip)
    return render(request, "personnel/trip_form.html", {"form": form, "unit": unit})


class TripDetailView(ApprovableDetailView):
    model = BusinessTrip
    template_name = "personnel/trip_detail.html"
    list_url_name = "personnel:trips"
    actions = {
        "report": Action(
            label=gettext_lazy("Báo cáo kết quả công tác"),
            allowed=permissions.can_report_trip,
            perform=lambda user, obj, form: trips.trip_report(
                actor=user, trip=obj, report=form.cleaned_data["report"]
            ),
            form_class=forms.TripReportForm,
            success=gettext_lazy("Đã báo cáo kết quả công tác."),
            primary=True,
        ),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["vehicle_request_url"] = selectors.vehicle_request_url(self.object)
        return context


# Training -----------------------------------------------------------------------------------


@login_required
def training_list(request):
    plans = selectors.plans_for(request.user).order_by("-year", "-pk")
    mine = selectors.attendances_for(request.user).filter(owner=request.user)[:PAGE_SIZE]
    return render(
        request,
        "personnel/training_list.html",
        {
            "page": _page(request, plans),
            "mine": mine,
            "can_plan": _headed_unit(request) is not None,
        },
    )


@login_required
def training_plan_create(request):
    unit = _headed_unit(request)
    if unit is None:
        raise PermissionDenied
    form = forms.TrainingPlanForm(request.POST or None, user=request.user)
    plan = submit_form(
        request,
        form,
        lambda data: training.plan_create(actor=request.user, unit=unit, **data),
        _("Đã lập kế hoạch đào tạo, bồi dưỡng."),
    )
    if plan:
        return redirect(plan)
    return render(request, "personnel/training_plan_form.html", {"form": form, "unit": unit})


class TrainingPlanDetailView(ApprovableDetailView):
    model = TrainingPlan
    template_name = "personnel/training_plan_detail.html"
    list_url_name = "personnel:training"
    actions = {
        "course": Action(
            label=gettext_lazy("Thêm khóa học, cử người tham gia"),
            allowed=lambda user, obj: (
                obj.approval_status != ApprovalStatus.SUBMITTED
                and permissions.can_manage_training(user, obj)
            ),
            perform=lambda user, obj, form: training.course_add(
                actor=user, plan=obj, **form.cleaned_data
            ),
            form_class=forms.CourseForm,
            form_kwargs=lambda obj: {"unit_id": obj.lead_unit_id},
            success=gettext_lazy("Đã thêm khóa học."),
        ),
        "discuss": _discussion_action(),
        "submit": _submit_action(gettext_lazy("Trình lãnh đạo duyệt kế hoạch")),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["courses"] = self.object.courses.prefetch_related(
            door.visible_prefetch(
                "attendances",
                TrainingAttendance.objects.select_related("owner"),
                self.request.user,
            )
        )
        return context


class AttendanceDetailView(ActionDetailView):
    model = TrainingAttendance
    template_name = "personnel/attendance_detail.html"
    list_url_name = "personnel:training"
    actions = {
        "report": Action(
            label=gettext_lazy("Báo cáo kết quả khóa học"),
            allowed=permissions.can_report_training,
            perform=lambda user, obj, form: training.attendance_report(
                actor=user, attendance=obj, **form.cleaned_data
            ),
            form_class=forms.AttendanceReportForm,
            success=gettext_lazy("Đã báo cáo kết quả khóa học."),
            primary=True,
        ),
    }


# Yearly evaluation ----------------------------------------------------------------------------


@login_required
def evaluation_list(request):
    unit = _headed_unit(request)
    form = None
    if unit is not None:
        form = forms.OpenEvaluationsForm(request.POST or None, user=request.user)
        opened = submit_form(
            request,
            form,
            lambda data: evaluations.evaluations_open(actor=request.user, unit=unit, **data),
            _("Đã mở đánh giá, xếp loại cho cán bộ của đơn vị."),
        )
        if opened is not None:
            return redirect("personnel:evaluations")
    elif request.method == "POST":
        raise PermissionDenied
    year = query_id(request, "nam")
    rows = selectors.evaluations_for(request.user, year).order_by("-year", "pk")
    return render(
        request,
        "personnel/evaluation_list.html",
        {"page": _page(request, rows), "form": form, "unit": unit, "year": year},
    )


def _self_assess(user, obj, form):
    evaluations.evaluation_self_assess(
        actor=user, evaluation=obj, points=form.points(), note=form.cleaned_data["note"]
    )


def _propose(user, obj, form):
    evaluations.evaluation_propose(
        actor=user,
        evaluation=obj,
        points=form.points(),
        note=form.cleaned_data["note"],
        task_points=form.cleaned_data.get("task_points"),
    )


class EvaluationDetailView(ApprovableDetailView):
    model = Evaluation
    template_name = "personnel/evaluation_detail.html"
    list_url_name = "personnel:evaluations"
    actions = {
        "self": Action(
            label=gettext_lazy("Tự đánh giá"),
            allowed=permissions.can_self_assess,
            perform=_self_assess,
            form_class=forms.ScoresForm,
            form_kwargs=lambda obj: {"evaluation": obj, "own": True},
            success=gettext_lazy("Đã ghi bản tự đánh giá."),
            primary=True,
        ),
        "propose": Action(
            label=gettext_lazy("Trưởng phòng đề xuất xếp loại"),
            allowed=permissions.can_propose,
            perform=_propose,
            form_class=forms.ScoresForm,
            form_kwargs=lambda obj: {"evaluation": obj, "own": False},
            success=gettext_lazy("Đã ghi đề xuất xếp loại."),
            primary=True,
        ),
        "discuss": _discussion_action(),
        "submit": _submit_action(
            gettext_lazy("Trình lãnh đạo quyết định"),
            lambda user, obj, form: evaluations.evaluation_submit(actor=user, evaluation=obj),
        ),
        "party": Action(
            label=gettext_lazy("Ghi kết quả kiểm điểm của chi bộ"),
            allowed=permissions.can_record_party_review,
            perform=lambda user, obj, form: evaluations.evaluation_party_review(
                actor=user, evaluation=obj, **form.cleaned_data
            ),
            form_class=forms.PartyReviewForm,
            success=gettext_lazy("Đã ghi kết quả kiểm điểm của chi bộ."),
        ),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["scores"] = self.object.scores.select_related("criterion")
        context["quota_warning"] = evaluations.quota_warning(self.object)
        context["quota_exceeded"] = (
            bool(context["quota_warning"]) and evaluations.quota_of(self.object).exceeded
        )
        return context


# Emulation and rewards --------------------------------------------------------------------------


@login_required
def proposal_list(request):
    rows = selectors.proposals_for(request.user).order_by("-year", "-pk")
    return render(
        request,
        "personnel/proposal_list.html",
        {"page": _page(request, rows), "can_propose": _headed_unit(request) is not None},
    )


@login_required
def proposal_create(request):
    unit = _headed_unit(request)
    if unit is None:
        raise PermissionDenied
    form = forms.ProposalForm(request.POST or None, unit_id=unit.pk, user=request.user)
    proposal = submit_form(
        request,
        form,
        lambda data: emulation.proposal_create(actor=request.user, unit=unit, **data),
        _("Đã lập đề nghị thi đua, khen thưởng."),
    )
    if proposal:
        return redirect(proposal)
    return render(request, "personnel/proposal_form.html", {"form": form, "unit": unit})


class ProposalDetailView(ApprovableDetailView):
    model = EmulationProposal
    template_name = "personnel/proposal_detail.html"
    list_url_name = "personnel:proposals"
    actions = {
        "discuss": _discussion_action(),
        "submit": _submit_action(gettext_lazy("Trình Hội đồng Thi đua – Khen thưởng")),
    }


@login_required
def reward_register(request):
    year = query_id(request, "nam")
    rows = selectors.reward_register(year)
    return render(
        request,
        "personnel/reward_register.html",
        {"page": page_of(request, rows, size=PAGE_SIZE), "year": year},
    )
