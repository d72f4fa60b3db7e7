from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin

from core import uploads
from core.inputs import query_id, query_text
from core.paging import page_of
from units import approvals, forms, ownership, permissions, selectors, services
from units.choices import ConsultationStatus, TaskStatus
from units.deactivation import deactivation_refusals
from units.filtersets import TaskFilterSet
from units.mixins import Action, ActionDetailView, submit_form
from units.models import Consultation, Delegation, Escalation, StaffMember, Task, Unit

PAGE_SIZE = 50


def _page(request, rows):
    page = page_of(request, rows, size=PAGE_SIZE)
    permissions.log_secret_rows(page.rows, request.user, via="list")
    return page


# Organisation -------------------------------------------------------------------------------


@login_required
def unit_list(request):
    return render(
        request,
        "units/unit_list.html",
        {
            "units": selectors.units_with_people(),
            "leadership": selectors.office_leadership(),
            "active_delegations": selectors.delegations(active_only=True),
        },
    )


@login_required
def unit_detail(request, code: str):
    unit = get_object_or_404(selectors.units_with_people(), code=code)
    return render(
        request,
        "units/unit_detail.html",
        {
            "unit": unit,
            "delegations": selectors.delegations().filter(unit=unit)[:20],
            "may_deactivate": permissions.is_leadership_account(request.user),
        },
    )


@login_required
def staff_deactivate(request, pk: int):
    """Office leadership lets a staff member go; the guards' refusals (files, work not handed
    over) are shown by name and overridden only with a reason. Anyone else: 404."""
    if not permissions.is_leadership_account(request.user):
        raise Http404
    staff = get_object_or_404(
        StaffMember.objects.select_related("user", "unit").exclude(user=request.user),
        pk=pk,
        is_active=True,
    )
    refusals = deactivation_refusals(staff.user)
    form = forms.StaffDeactivationForm(
        request.POST or None,
        user=request.user,
        refusals=refusals,
        min_length=services.privileged_reason_min_length(),
    )
    if submit_form(
        request,
        form,
        lambda data: services.staff_deactivate(
            actor=request.user,
            user=staff.user,
            reason=data["reason"],
            override_reason=data.get("override_reason", ""),
        ),
        _("Đã cho thôi công tác."),
    ):
        if staff.unit is None:
            return redirect("units:units")
        return redirect("units:unit", code=staff.unit.code)
    return render(
        request,
        "units/staff_deactivate.html",
        {"staff": staff, "refusals": refusals, "form": form},
    )


@login_required
def delegation_list(request):
    viewer = permissions.viewer_for(request.user)
    headed = Unit.objects.filter(
        members__user=request.user, members__position="head", members__is_active=True
    ).first()
    form = None
    if headed is not None:
        form = forms.DelegationForm(request.POST or None, unit=headed, user=request.user)
        if submit_form(
            request,
            form,
            lambda data: services.delegation_create(actor=request.user, unit=headed, **data),
            _("Đã ủy quyền điều hành đơn vị."),
        ):
            return redirect("units:delegations")
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "units/delegation_list.html",
        {
            "form": form,
            "headed_unit": headed,
            "viewer": viewer,
            "delegations": selectors.delegations()[:100],
        },
    )


@login_required
def delegation_cancel(request, pk: int):
    if request.method != "POST":
        raise PermissionDenied
    delegation = get_object_or_404(Delegation, pk=pk, delegator=request.user)
    services.delegation_cancel(actor=request.user, delegation=delegation)
    messages.success(request, _("Đã hủy ủy quyền."))
    return redirect("units:delegations")


# Tasks --------------------------------------------------------------------------------------


@login_required
def task_list(request):
    scope = query_text(request, "scope", "mine")
    if scope not in {"mine", "unit", "all"}:
        scope = "mine"
    filterset = TaskFilterSet(request.GET, queryset=selectors.tasks_for(request.user, scope=scope))
    viewer = permissions.viewer_for(request.user)
    return render(
        request,
        "units/task_list.html",
        {
            "filter": filterset,
            "page": _page(request, filterset.qs),
            "scope": scope,
            "can_assign": bool(viewer.head_unit_ids),
        },
    )


@login_required
def task_create(request):
    viewer = permissions.viewer_for(request.user)
    units = selectors.headed_units(request.user)
    if not units:
        raise PermissionDenied
    unit = units.filter(pk=query_id(request, "unit") or viewer.unit_id).first() or units.first()
    form = forms.TaskForm(request.POST or None, unit=unit, user=request.user)
    task = submit_form(
        request,
        form,
        lambda data: services.task_create(actor=request.user, unit=unit, **data),
        _("Đã giao việc."),
    )
    if task:
        return redirect(task)
    return render(request, "units/task_form.html", {"form": form, "unit": unit, "units": units})


def _reassign_kwargs(obj):
    return {"unit_id": obj.lead_unit_id}


def _move_kwargs(obj):
    return {"current_unit_id": obj.lead_unit_id}


def _reassign(user, obj, form):
    ownership.work_reassign(
        actor=user,
        obj=obj,
        new_owner=form.cleaned_data["new_owner"],
        reason=form.cleaned_data["reason"],
    )


def _move(user, obj, form):
    ownership.work_move(
        actor=user,
        obj=obj,
        new_unit=form.cleaned_data["new_unit"],
        reason=form.cleaned_data["reason"],
    )


REASSIGN = Action(
    label=gettext_lazy("Giao lại người phụ trách"),
    allowed=permissions.can_reassign,
    perform=_reassign,
    form_class=forms.ReassignForm,
    form_kwargs=_reassign_kwargs,
    success=gettext_lazy("Đã giao lại người phụ trách."),
)
MOVE = Action(
    label=gettext_lazy("Chuyển sang đơn vị khác"),
    allowed=permissions.can_move,
    perform=_move,
    form_class=forms.MoveForm,
    form_kwargs=_move_kwargs,
    success=gettext_lazy("Đã chuyển công việc sang đơn vị khác."),
)


class TaskDetailView(ActionDetailView):
    model = Task
    template_name = "units/task_detail.html"
    list_url_name = "units:tasks"
    actions = {
        "edit": Action(
            label=gettext_lazy("Sửa nội dung"),
            allowed=lambda user, task: task.is_open and permissions.can_edit(user, task),
            perform=lambda user, task, form: services.task_update(
                actor=user, task=task, **form.cleaned_data
            ),
            form_class=forms.TaskEditForm,
            initial=lambda task: {"title": task.title, "description": task.description},
            success=gettext_lazy("Đã lưu."),
        ),
        "start": Action(
            label=gettext_lazy("Bắt đầu thực hiện"),
            allowed=lambda user, task: (
                task.owner_id == user.pk
                and task.status in (TaskStatus.ASSIGNED, TaskStatus.RETURNED)
            ),
            perform=lambda user, task, form: services.task_start(actor=user, task=task),
            primary=True,
        ),
        "complete": Action(
            label=gettext_lazy("Báo cáo hoàn thành"),
            allowed=lambda user, task: task.owner_id == user.pk and task.status != TaskStatus.DONE,
            perform=lambda user, task, form: services.task_complete(
                actor=user, task=task, result_note=form.cleaned_data["result_note"]
            ),
            form_class=forms.ResultForm,
            success=gettext_lazy("Đã báo cáo hoàn thành."),
            primary=True,
        ),
        "return": Action(
            label=gettext_lazy("Trả lại để làm tiếp"),
            allowed=lambda user, task: (
                task.status == TaskStatus.DONE and permissions.can_reassign(user, task)
            ),
            perform=lambda user, task, form: services.task_return(
                actor=user, task=task, reason=form.cleaned_data["reason"]
            ),
            form_class=forms.ReasonForm,
            success=gettext_lazy("Đã trả lại kết quả."),
            destructive=True,
            confirm=gettext_lazy("Trả lại kết quả để làm tiếp?"),
        ),
        "reassign": REASSIGN,
        "move": MOVE,
    }


# Escalations --------------------------------------------------------------------------------


@login_required
def escalation_list(request):
    viewer = permissions.viewer_for(request.user)
    rows = selectors.escalations_for(request.user)
    return render(
        request,
        "units/escalation_list.html",
        {"page": _page(request, rows), "can_create": bool(viewer.head_unit_ids)},
    )


@login_required
def escalation_create(request):
    unit = selectors.headed_units(request.user).first()
    if unit is None:
        raise PermissionDenied
    form = forms.EscalationForm(request.POST or None, request.FILES or None, user=request.user)
    escalation = submit_form(
        request,
        form,
        lambda data: services.escalation_create(actor=request.user, unit=unit, **data),
        _("Đã gửi kiến nghị lên Phó Chánh Văn phòng phụ trách."),
    )
    if escalation:
        return redirect(escalation)
    return render(request, "units/escalation_form.html", {"form": form, "unit": unit})


class EscalationDetailView(ActionDetailView):
    model = Escalation
    template_name = "units/escalation_detail.html"
    list_url_name = "units:escalations"
    actions = {
        "resubmit": Action(
            label=gettext_lazy("Trình lại"),
            allowed=lambda user, obj: (
                obj.approval_status == "returned" and permissions.can_edit(user, obj)
            ),
            perform=lambda user, obj, form: approvals.approval_submit(actor=user, obj=obj),
            success=gettext_lazy("Đã trình lại."),
            primary=True,
        ),
        "reassign": REASSIGN,
        "move": MOVE,
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decisions"] = approvals.decisions_for(self.object)
        return context


@login_required
@xframe_options_sameorigin
def escalation_attachment(request, pk: int):
    """The dossier's file through the door; a PDF asked with `?xem=1` is shown in the page that
    embeds it (the admin's decision page)."""
    escalation = permissions.get_visible_or_404(Escalation.objects.all(), request.user, pk=pk)
    if not escalation.attachment:
        raise Http404
    return uploads.serve(
        escalation.attachment, escalation.attachment.name, inline=request.GET.get("xem") == "1"
    )


# Consultations ------------------------------------------------------------------------------


@login_required
def consultation_list(request):
    box = query_text(request, "box", "all")
    rows = selectors.consultations_for(request.user, box=box)
    return render(
        request,
        "units/consultation_list.html",
        {"page": _page(request, rows), "box": box},
    )


@login_required
def consultation_create(request):
    viewer = permissions.viewer_for(request.user)
    if viewer.unit_id is None:
        raise PermissionDenied
    form = forms.ConsultationForm(
        request.POST or None, own_unit_id=viewer.unit_id, user=request.user
    )
    consultation = submit_form(
        request,
        form,
        lambda data: services.consultation_create(actor=request.user, **data),
        _("Đã gửi xin ý kiến."),
    )
    if consultation:
        return redirect(consultation)
    return render(request, "units/consultation_form.html", {"form": form})


class ConsultationDetailView(ActionDetailView):
    model = Consultation
    template_name = "units/consultation_detail.html"
    list_url_name = "units:consultations"
    actions = {
        "designate": Action(
            label=gettext_lazy("Phân công người trả lời"),
            allowed=lambda user, obj: (
                obj.status == ConsultationStatus.OPEN
                and permissions.viewer_for(user).is_head_of(obj.asked_unit_id)
            ),
            perform=lambda user, obj, form: services.consultation_designate(
                actor=user, consultation=obj, answerer=form.cleaned_data["answerer"]
            ),
            form_class=forms.DesignateForm,
            form_kwargs=lambda obj: {"unit_id": obj.asked_unit_id},
            success=gettext_lazy("Đã phân công."),
        ),
        "answer": Action(
            label=gettext_lazy("Trả lời"),
            allowed=lambda user, obj: (
                obj.status == ConsultationStatus.OPEN and permissions.can_answer(user, obj)
            ),
            perform=lambda user, obj, form: services.consultation_answer(
                actor=user, consultation=obj, answer=form.cleaned_data["answer"]
            ),
            form_class=forms.AnswerForm,
            success=gettext_lazy("Đã gửi ý kiến trả lời."),
        ),
        "reassign": REASSIGN,
        "move": MOVE,
    }
