"""Thin views of General Affairs' advisory work: forms to services, reads from selectors."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisory import forms, selectors, services
from advisory import permissions as rules
from advisory.models import AdvisoryWork, FollowUpAssignment
from core.inputs import query_text
from core.paging import page_of
from units import permissions
from units.choices import Designation
from units.designations import designated_unit
from units.mixins import Action, ActionDetailView, submit_form
from units.views import MOVE, REASSIGN

PAGE_SIZE = 50


def _unit_id():
    unit = designated_unit(Designation.GENERAL_AFFAIRS)
    return unit.pk if unit else None


@login_required
def follow_ups(request):
    """Who follows what; leadership add areas and assign followers on the same page."""
    manage = rules.may_manage_follow_ups(request.user)
    area_form = forms.AreaForm(prefix="area", user=request.user) if manage else None
    assign_form = (
        forms.FollowUpForm(prefix="assign", unit_id=_unit_id(), user=request.user)
        if manage
        else None
    )
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        which = request.POST.get("form", "")
        if which == "area":
            area_form = forms.AreaForm(request.POST, prefix="area", user=request.user)
            if submit_form(
                request,
                area_form,
                lambda data: services.area_create(actor=request.user, **data),
                _("Đã thêm lĩnh vực theo dõi."),
            ):
                return redirect("advisory:follow-ups")
        elif which == "assign":
            assign_form = forms.FollowUpForm(
                request.POST, prefix="assign", unit_id=_unit_id(), user=request.user
            )
            if submit_form(
                request,
                assign_form,
                lambda data: services.follow_up_assign(actor=request.user, **data),
                _("Đã phân công theo dõi."),
            ):
                return redirect("advisory:follow-ups")
        else:
            raise PermissionDenied
    return render(
        request,
        "advisory/follow_ups.html",
        {
            "areas": selectors.follow_up_areas(),
            "area_form": area_form,
            "assign_form": assign_form,
            "manage": manage,
            # One form drawn on every row: no ids, so the page holds no duplicate ones.
            "end_form": (
                forms.FollowUpEndForm(prefix="end", auto_id=False, user=request.user)
                if manage
                else None
            ),
        },
    )


@login_required
def follow_up_end(request, pk: int):
    if request.method != "POST" or not rules.may_manage_follow_ups(request.user):
        raise PermissionDenied
    assignment = get_object_or_404(FollowUpAssignment, pk=pk)
    form = forms.FollowUpEndForm(request.POST, prefix="end", user=request.user)
    if submit_form(
        request,
        form,
        lambda data: services.follow_up_end(actor=request.user, assignment=assignment, **data),
        _("Đã thôi phân công theo dõi."),
    ):
        return redirect("advisory:follow-ups")
    return render(
        request,
        "advisory/follow_up_end.html",
        {"assignment": assignment, "form": form},
        status=400,
    )


@login_required
def work_list(request):
    box = query_text(request, "box", "all")
    if box not in {"all", "mine", "open"}:
        box = "all"
    page = page_of(request, selectors.works_for(request.user, box=box), size=PAGE_SIZE)
    permissions.log_secret_rows(page.rows, request.user, via="list")
    return render(
        request,
        "advisory/work_list.html",
        {
            "page": page,
            "box": box,
            "may_assign": rules.may_assign(request.user),
            "may_record_direct": rules.may_record_direct(request.user),
        },
    )


@login_required
def work_assign(request):
    if not rules.may_assign(request.user):
        raise PermissionDenied
    form = forms.WorkAssignForm(request.POST or None, unit_id=_unit_id(), user=request.user)
    work = submit_form(
        request,
        form,
        lambda data: services.work_assign(actor=request.user, **data),
        _("Đã giao việc."),
    )
    if work:
        return redirect(work)
    return render(
        request, "advisory/work_form.html", {"form": form, "heading": _("Giao việc tham mưu")}
    )


@login_required
def work_record_direct(request):
    if not rules.may_record_direct(request.user):
        raise PermissionDenied
    form = forms.WorkDirectForm(request.POST or None, user=request.user)
    work = submit_form(
        request,
        form,
        lambda data: services.work_record_direct(actor=request.user, **data),
        _("Đã ghi nhận và báo cáo lãnh đạo Văn phòng, Trưởng phòng."),
    )
    if work:
        return redirect(work)
    return render(
        request,
        "advisory/work_form.html",
        {"form": form, "heading": _("Ghi nhận việc Thường trực Tỉnh ủy giao trực tiếp")},
    )


class WorkDetailView(ActionDetailView):
    model = AdvisoryWork
    template_name = "advisory/work_detail.html"
    list_url_name = "advisory:works"
    actions = {
        "plan": Action(
            label=gettext_lazy("Báo cáo phạm vi, tiến độ"),
            allowed=rules.can_plan,
            perform=lambda user, obj, form: services.work_plan(
                actor=user, work=obj, **form.cleaned_data
            ),
            form_class=forms.PlanForm,
            initial=lambda obj: {
                "scope": obj.scope,
                "timeline": obj.timeline,
                "expected_finish": obj.expected_finish,
            },
            success=gettext_lazy("Đã báo cáo Trưởng phòng phạm vi, tiến độ."),
            primary=True,
        ),
        "report": Action(
            label=gettext_lazy("Báo cáo kết quả"),
            allowed=lambda user, obj: rules.can_report(user, obj) and obj.status_allows_report,
            perform=lambda user, obj, form: services.work_report(
                actor=user, work=obj, result=form.cleaned_data["result"]
            ),
            form_class=forms.ReportForm,
            success=gettext_lazy("Đã báo cáo kết quả."),
        ),
        "reassign": REASSIGN,
        "move": MOVE,
    }
