"""Thin views of programs, change requests and reports: the permission door fetches, the
services write."""

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units import approvals, permissions
from units.choices import ApprovalStatus
from units.mixins import Action, ActionDetailView, attach_errors
from units.models import Unit
from units.selectors import history_of
from workprograms import forms, selectors, services
from workprograms.choices import Scope
from workprograms.models import ChangeRequest, ProgramItem, Report, WorkProgram

PAGE_SIZE = 50


def _page(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _headed_unit(request) -> Unit:
    viewer = permissions.viewer_for(request.user)
    unit = Unit.objects.filter(pk__in=viewer.head_unit_ids).order_by("order").first()
    if unit is None:
        raise PermissionDenied
    return unit


def _submit(user, obj, form) -> None:
    approvals.approval_submit(actor=user, obj=obj)


def _may_submit(status: str):
    return lambda user, obj: obj.approval_status == status and permissions.can_edit(user, obj)


def _discuss(user, obj, form) -> None:
    services.discussion_record(actor=user, obj=obj, **form.cleaned_data)


def _may_discuss(user, obj) -> bool:
    return obj.approval_status in services.EDITABLE_STATUSES and permissions.can_edit(user, obj)


DISCUSS = Action(
    label=gettext_lazy("Ghi thảo luận tập thể"),
    allowed=_may_discuss,
    perform=_discuss,
    form_class=forms.DiscussionForm,
    form_kwargs=lambda obj: {"unit_id": obj.lead_unit_id},
    success=gettext_lazy("Đã ghi thảo luận tập thể."),
)


# Programs -----------------------------------------------------------------------------------


@login_required
def program_list(request):
    viewer = permissions.viewer_for(request.user)
    return render(
        request,
        "workprograms/program_list.html",
        {
            "page": _page(request, selectors.programs_for(request.user)),
            "can_create": bool(viewer.head_unit_ids),
        },
    )


@login_required
def program_create(request):
    unit = _headed_unit(request)
    form = forms.ProgramForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            program = services.program_create(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã lập chương trình công tác."))
            return redirect(program)
    return render(request, "workprograms/program_form.html", {"form": form, "unit": unit})


def _may_edit_program(user, program) -> bool:
    return services.program_is_editable(program) and permissions.can_edit(user, program)


def _add_item(user, program, form) -> None:
    services.item_add(actor=user, program=program, **form.cleaned_data)


def _request_change(user, program, form) -> None:
    services.change_request_create(actor=user, program=program, **form.cleaned_data)


class ProgramDetailView(ActionDetailView):
    model = WorkProgram
    template_name = "workprograms/program_detail.html"
    list_url_name = "workprograms:programs"
    actions = {
        "edit": Action(
            label=gettext_lazy("Sửa thông tin chung"),
            allowed=_may_edit_program,
            perform=lambda user, program, form: services.program_update(
                actor=user, program=program, **form.cleaned_data
            ),
            form_class=forms.ProgramEditForm,
            form_kwargs=lambda program: {
                "initial": {"title": program.title, "introduction": program.introduction}
            },
            success=gettext_lazy("Đã lưu."),
        ),
        "add_item": Action(
            label=gettext_lazy("Thêm nội dung công việc"),
            allowed=_may_edit_program,
            perform=_add_item,
            form_class=forms.ItemForm,
            form_kwargs=lambda program: {"program": program},
            success=gettext_lazy("Đã thêm nội dung."),
        ),
        "discuss": replace(
            DISCUSS, allowed=lambda u, p: _may_discuss(u, p) and not p.previous_version_id
        ),
        "submit": Action(
            label=gettext_lazy("Trình lãnh đạo"),
            allowed=lambda u, p: (
                _may_submit(ApprovalStatus.DRAFT)(u, p) and not p.previous_version_id
            ),
            perform=_submit,
            success=gettext_lazy("Đã trình Phó Chánh Văn phòng phụ trách."),
        ),
        "resubmit": Action(
            label=gettext_lazy("Trình lại"),
            allowed=_may_submit(ApprovalStatus.RETURNED),
            perform=_submit,
            success=gettext_lazy("Đã trình lại."),
        ),
        "request_change": Action(
            label=gettext_lazy("Đề nghị điều chỉnh"),
            allowed=lambda u, p: p.is_approved and p.is_current and permissions.can_edit(u, p),
            perform=_request_change,
            form_class=forms.ChangeRequestForm,
            success=gettext_lazy("Đã lập bản điều chỉnh; sửa nội dung rồi trình đề nghị."),
        ),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program = self.object
        context["items"] = selectors.program_items(program)
        context["can_edit_items"] = _may_edit_program(self.request.user, program)
        context["decisions"] = approvals.decisions_for(program)
        context["discussions"] = services.discussions_of(program)
        context["versions"] = selectors.versions_of(program)
        context["change_request"] = getattr(program, "change_request", None)
        context["history"] = history_of(program)[:50]
        return context


def _item_or_404(request, pk: int) -> ProgramItem:
    item = get_object_or_404(ProgramItem.objects.select_related("program"), pk=pk)
    permissions.get_visible_or_404(WorkProgram.objects.all(), request.user, pk=item.program_id)
    return item


@login_required
def item_edit(request, pk: int):
    item = _item_or_404(request, pk)
    program = item.program
    if not _may_edit_program(request.user, program):
        raise PermissionDenied
    initial = {
        "title": item.title,
        "expected_output": item.expected_output,
        "due_date": item.due_date,
        "lead_unit": item.lead_unit_id,
        "owner": item.owner_id,
        "tasks": list(item.tasks.values_list("pk", flat=True)),
    }
    form = forms.ItemForm(request.POST or None, program=program, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect(program)
    return render(
        request, "workprograms/item_form.html", {"form": form, "item": item, "program": program}
    )


@login_required
def item_delete(request, pk: int):
    if request.method != "POST":
        raise PermissionDenied
    item = _item_or_404(request, pk)
    program = item.program
    try:
        services.item_remove(actor=request.user, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã bỏ nội dung."))
    return redirect(program)


@login_required
def program_compare(request, pk: int):
    """Two versions side by side: `?voi=<pk>` names the older one (default: the previous)."""
    new = permissions.get_visible_or_404(
        WorkProgram.objects.select_related("lead_unit"), request.user, pk=pk
    )
    versions = selectors.versions_of(new)
    old = new.previous_version
    if request.GET.get("voi", "").isdigit():
        old = get_object_or_404(versions, pk=int(request.GET["voi"]))
    return render(
        request,
        "workprograms/program_compare.html",
        {
            "program": new,
            "diff_old": old,
            "diff_new": new,
            "versions": versions,
            "items_diff": selectors.compare_versions(old, new),
        },
    )


# Change requests ----------------------------------------------------------------------------


class ChangeRequestDetailView(ActionDetailView):
    model = ChangeRequest
    template_name = "workprograms/change_request_detail.html"
    list_url_name = "workprograms:programs"
    actions = {
        "submit": Action(
            label=gettext_lazy("Trình đề nghị điều chỉnh"),
            allowed=_may_submit(ApprovalStatus.DRAFT),
            perform=_submit,
            success=gettext_lazy("Đã trình đề nghị điều chỉnh."),
        ),
        "resubmit": Action(
            label=gettext_lazy("Trình lại"),
            allowed=_may_submit(ApprovalStatus.RETURNED),
            perform=_submit,
            success=gettext_lazy("Đã trình lại."),
        ),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.object
        context["decisions"] = approvals.decisions_for(request)
        context["items_diff"] = selectors.compare_versions(request.program, request.draft)
        context["diff_old"], context["diff_new"] = request.program, request.draft
        return context


# Reports ------------------------------------------------------------------------------------


@login_required
def report_list(request):
    viewer = permissions.viewer_for(request.user)
    return render(
        request,
        "workprograms/report_list.html",
        {
            "page": _page(request, selectors.reports_for(request.user)),
            "can_create": bool(viewer.head_unit_ids),
        },
    )


@login_required
def report_create(request):
    unit = _headed_unit(request)
    form = forms.ReportForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã lập báo cáo."))
            return redirect(report)
    return render(request, "workprograms/report_form.html", {"form": form, "unit": unit})


class ReportDetailView(ActionDetailView):
    model = Report
    template_name = "workprograms/report_detail.html"
    list_url_name = "workprograms:reports"
    actions = {
        "edit": Action(
            label=gettext_lazy("Sửa báo cáo"),
            allowed=_may_discuss,
            perform=lambda user, report, form: services.report_update(
                actor=user, report=report, **form.cleaned_data
            ),
            form_class=forms.ReportEditForm,
            form_kwargs=lambda report: {
                "initial": {
                    "title": report.title,
                    "content": report.content,
                    "proposal": report.proposal,
                }
            },
            success=gettext_lazy("Đã lưu."),
        ),
        "discuss": DISCUSS,
        "submit": Action(
            label=gettext_lazy("Trình lãnh đạo"),
            allowed=_may_submit(ApprovalStatus.DRAFT),
            perform=_submit,
            success=gettext_lazy("Đã trình lãnh đạo."),
        ),
        "resubmit": Action(
            label=gettext_lazy("Trình lại"),
            allowed=_may_submit(ApprovalStatus.RETURNED),
            perform=_submit,
            success=gettext_lazy("Đã trình lại."),
        ),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        context["decisions"] = approvals.decisions_for(report)
        context["discussions"] = services.discussions_of(report)
        context["unit_reports"] = report.unit_reports.select_related("lead_unit")
        if report.scope == Scope.OFFICE and report.period:
            context["implementation"] = selectors.implementation_table(*report.period)
        context["history"] = history_of(report)[:50]
        return context
