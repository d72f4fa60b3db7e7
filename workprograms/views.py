"""Thin views of programs, change requests and reports: the permission door fetches, the
services write."""

from dataclasses import replace
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin

from core.inputs import query_date, query_id
from core.paging import page_of
from core.pdf import render_pdf
from core.services import file_request
from units import approvals, permissions
from units import forms as unit_forms
from units import services as unit_services
from units import views as unit_views
from units.choices import ApprovalStatus
from units.mixins import Action, ActionDetailView, submit_form
from units.models import Task, Unit
from units.selectors import discussions_of, headed_units
from workprograms import documents, forms, selectors, services
from workprograms.choices import ItemState, Scope
from workprograms.models import (
    CalendarEntry,
    ChangeRequest,
    Meeting,
    ProgramItem,
    Report,
    WorkProgram,
)
from workprograms.permissions import (
    can_discuss,
    can_edit_meeting,
    can_edit_program,
    can_turn_conclusion_into_task,
    is_calendar_editor,
    program_is_editable,
)

PAGE_SIZE = 50


def _page(request, rows):
    page = page_of(request, rows, size=PAGE_SIZE)
    permissions.log_secret_rows(page.rows, request.user, via="list")
    return page


def _headed_unit(request) -> Unit:
    unit = headed_units(request.user).first()
    if unit is None:
        raise PermissionDenied
    return unit


def _submit(user, obj, form) -> None:
    approvals.approval_submit(actor=user, obj=obj)


def _may_submit(status: str):
    return lambda user, obj: obj.approval_status == status and permissions.can_edit(user, obj)


def _discuss(user, obj, form) -> None:
    unit_services.discussion_record(actor=user, obj=obj, **form.cleaned_data)


DISCUSS = Action(
    label=gettext_lazy("Ghi thảo luận tập thể"),
    allowed=can_discuss,
    perform=_discuss,
    form_class=unit_forms.DiscussionForm,
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
    form = forms.ProgramForm(request.POST or None, unit=unit, user=request.user)
    program = submit_form(
        request,
        form,
        lambda data: services.program_create(actor=request.user, unit=unit, **data),
        _("Đã lập chương trình công tác."),
    )
    if program is not None:
        return redirect(program)
    return render(request, "workprograms/program_form.html", {"form": form, "unit": unit})


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
            allowed=can_edit_program,
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
            allowed=can_edit_program,
            perform=_add_item,
            form_class=forms.ItemForm,
            form_kwargs=lambda program: {"program": program},
            success=gettext_lazy("Đã thêm nội dung."),
        ),
        "discuss": replace(
            DISCUSS, allowed=lambda u, p: can_discuss(u, p) and not p.previous_version_id
        ),
        "submit": Action(
            label=gettext_lazy("Trình lãnh đạo"),
            allowed=lambda u, p: (
                _may_submit(ApprovalStatus.DRAFT)(u, p) and not p.previous_version_id
            ),
            perform=_submit,
            success=gettext_lazy("Đã trình Phó Chánh Văn phòng phụ trách."),
            primary=True,
        ),
        "resubmit": Action(
            label=gettext_lazy("Trình lại"),
            allowed=_may_submit(ApprovalStatus.RETURNED),
            perform=_submit,
            success=gettext_lazy("Đã trình lại."),
            primary=True,
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
        context["items"] = permissions.log_secret_rows(
            selectors.program_items(program, self.request.user), self.request.user, via="list"
        )
        context["can_edit_items"] = can_edit_program(self.request.user, program)
        context["decisions"] = approvals.decisions_for(program)
        context["discussions"] = discussions_of(program)
        context["versions"] = permissions.visible(selectors.versions_of(program), self.request.user)
        context["change_request"] = getattr(program, "change_request", None)
        return context


def _item_or_404(request, pk: int) -> ProgramItem:
    """A line through the door: a secret line the user does not see is a 404, even when he
    sees its program."""
    return permissions.get_visible_or_404(
        ProgramItem.objects.select_related("program"), request.user, pk=pk
    )


def _may_reassign_item(user, item) -> bool:
    return program_is_editable(item.program) and permissions.can_reassign(user, item)


def _may_move_item(user, item) -> bool:
    return program_is_editable(item.program) and permissions.can_move(user, item)


class ItemDetailView(ActionDetailView):
    """One line of a program, owned work like any other: its people, tasks, assignments and
    history; while the program is a draft, the head of its unit gives it to another member and
    leadership moves it to another unit (an office program's line) through the shared
    ownership service."""

    model = ProgramItem
    template_name = "workprograms/item_detail.html"
    list_url_name = "workprograms:programs"
    actions = {
        "reassign": replace(unit_views.REASSIGN, allowed=_may_reassign_item),
        "move": replace(unit_views.MOVE, allowed=_may_move_item),
    }

    def get_queryset(self):
        tasks = Task.objects.only("pk", "title", "status", "due_date")
        return ProgramItem.objects.select_related("program", "lead_unit", "owner").prefetch_related(
            permissions.visible_prefetch("tasks", tasks, self.request.user)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        context["program"] = item.program
        context["program_seen"] = permissions.can_see(self.request.user, item.program)
        context["state"] = ItemState(selectors.item_state(item)).label
        context["can_edit_item"] = can_edit_program(self.request.user, item.program)
        return context


@login_required
def item_edit(request, pk: int):
    item = _item_or_404(request, pk)
    program = item.program
    if not can_edit_program(request.user, program):
        raise PermissionDenied
    initial = {
        "secrecy": item.secrecy,
        "title": item.title,
        "expected_output": item.expected_output,
        "due_date": item.due_date,
        "lead_unit": item.lead_unit_id,
        "owner": item.owner_id,
        "tasks": list(item.tasks.values_list("pk", flat=True)),
    }
    form = forms.ItemForm(
        request.POST or None, program=program, initial=initial, user=request.user, editing=True
    )
    if submit_form(
        request,
        form,
        lambda data: services.item_update(actor=request.user, item=item, **data),
        _("Đã lưu."),
    ):
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
    versions = permissions.visible(selectors.versions_of(new), request.user)
    old = new.previous_version
    if query_id(request, "voi") is not None:
        old = get_object_or_404(versions, pk=query_id(request, "voi"))
    return render(
        request,
        "workprograms/program_compare.html",
        {
            "program": new,
            "diff_old": old,
            "diff_new": new,
            "versions": versions,
            "items_diff": selectors.compare_versions(old, new, request.user),
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
            primary=True,
        ),
        "resubmit": Action(
            label=gettext_lazy("Trình lại"),
            allowed=_may_submit(ApprovalStatus.RETURNED),
            perform=_submit,
            success=gettext_lazy("Đã trình lại."),
            primary=True,
        ),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.object
        context["decisions"] = approvals.decisions_for(request)
        context["items_diff"] = selectors.compare_versions(
            request.program, request.draft, self.request.user
        )
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
    form = forms.ReportForm(request.POST or None, unit=unit, user=request.user)
    report = submit_form(
        request,
        form,
        lambda data: services.report_create(actor=request.user, unit=unit, **data),
        _("Đã lập báo cáo."),
    )
    if report is not None:
        return redirect(report)
    return render(request, "workprograms/report_form.html", {"form": form, "unit": unit})


class ReportDetailView(ActionDetailView):
    model = Report
    template_name = "workprograms/report_detail.html"
    list_url_name = "workprograms:reports"
    actions = {
        "edit": Action(
            label=gettext_lazy("Sửa báo cáo"),
            allowed=can_discuss,
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
            primary=True,
        ),
        "resubmit": Action(
            label=gettext_lazy("Trình lại"),
            allowed=_may_submit(ApprovalStatus.RETURNED),
            perform=_submit,
            success=gettext_lazy("Đã trình lại."),
            primary=True,
        ),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        context["decisions"] = approvals.decisions_for(report)
        context["discussions"] = discussions_of(report)
        if report.scope == Scope.OFFICE and report.period:
            context["implementation"] = selectors.implementation_table(
                *report.period, user=self.request.user
            )
        context["unit_reports"] = permissions.visible(
            report.unit_reports.select_related("lead_unit"), self.request.user
        )
        return context


# PDFs ---------------------------------------------------------------------------------------


def _pdf_response(
    document: documents.Document, filename: str, *, inline: bool = False
) -> HttpResponse:
    """`inline` shows the PDF in the page that embeds it (the admin's decision page)."""
    template_name, context = document
    response = HttpResponse(render_pdf(template_name, context), content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _in_background(request, builder: str, obj, title: str):
    generated = file_request(
        actor=request.user,
        builder=builder,
        params={"user_id": request.user.pk, "pk": obj.pk},
        title=title,
    )
    return redirect("core:generated_file_detail", generated.pk)


@login_required
@xframe_options_sameorigin
def program_pdf(request, pk: int):
    """The program in the Party layout; a long one is built in the background."""
    program = permissions.get_visible_or_404(
        WorkProgram.objects.select_related("lead_unit__deputy_chief", "owner"),
        request.user,
        via="pdf",
        pk=pk,
    )
    if documents.program_is_long(program):
        return _in_background(request, documents.PROGRAM_BUILDER, program, program.title)
    return _pdf_response(
        documents.program_document(program, request.user),
        f"chuong-trinh-{program.pk}.pdf",
        inline=request.GET.get("xem") == "1",
    )


@login_required
@xframe_options_sameorigin
def report_pdf(request, pk: int):
    report = permissions.get_visible_or_404(
        Report.objects.select_related("lead_unit__deputy_chief", "owner"),
        request.user,
        via="pdf",
        pk=pk,
    )
    if documents.report_is_long(report):
        return _in_background(request, documents.REPORT_BUILDER, report, report.title)
    return _pdf_response(
        documents.report_document(report, request.user),
        f"bao-cao-{report.pk}.pdf",
        inline=request.GET.get("xem") == "1",
    )


# Meetings (Điều 7.2, 14, 20) ----------------------------------------------------------------


@login_required
def meeting_list(request):
    viewer = permissions.viewer_for(request.user)
    return render(
        request,
        "workprograms/meeting_list.html",
        {
            "page": _page(request, selectors.meetings_for(request.user)),
            "can_create": bool(viewer.head_unit_ids),
        },
    )


@login_required
def meeting_create(request):
    unit = _headed_unit(request)
    form = forms.MeetingForm(request.POST or None, unit=unit, user=request.user)
    meeting = submit_form(
        request,
        form,
        lambda data: services.meeting_create(actor=request.user, unit=unit, **data),
        _("Đã triệu tập cuộc họp."),
    )
    if meeting is not None:
        return redirect(meeting)
    return render(request, "workprograms/meeting_form.html", {"form": form, "unit": unit})


def _to_task(user, meeting, form) -> None:
    services.conclusion_to_task(actor=user, **form.cleaned_data)


class MeetingDetailView(ActionDetailView):
    model = Meeting
    template_name = "workprograms/meeting_detail.html"
    list_url_name = "workprograms:meetings"
    actions = {
        "edit": Action(
            label=gettext_lazy("Sửa thông tin cuộc họp"),
            allowed=can_edit_meeting,
            perform=lambda user, meeting, form: services.meeting_update(
                actor=user, meeting=meeting, **form.cleaned_data
            ),
            form_class=forms.MeetingEditForm,
            form_kwargs=lambda meeting: {"initial": forms.MeetingEditForm.initial_for(meeting)},
            success=gettext_lazy("Đã lưu."),
        ),
        "minutes": Action(
            label=gettext_lazy("Ghi biên bản"),
            allowed=can_edit_meeting,
            perform=lambda user, meeting, form: services.meeting_record_minutes(
                actor=user, meeting=meeting, **form.cleaned_data
            ),
            form_class=forms.MinutesForm,
            form_kwargs=lambda meeting: {
                "meeting": meeting,
                "initial": {
                    "minutes": meeting.minutes,
                    "self_criticism": meeting.self_criticism,
                },
            },
            success=gettext_lazy("Đã ghi biên bản."),
        ),
        "conclusion": Action(
            label=gettext_lazy("Thêm kết luận"),
            allowed=can_edit_meeting,
            perform=lambda user, meeting, form: services.conclusion_add(
                actor=user, meeting=meeting, **form.cleaned_data
            ),
            form_class=forms.ConclusionForm,
            success=gettext_lazy("Đã thêm kết luận."),
        ),
        "notice": Action(
            label=gettext_lazy("Dự thảo thông báo kết luận"),
            allowed=lambda user, meeting: meeting.is_leadership and can_edit_meeting(user, meeting),
            perform=lambda user, meeting, form: services.meeting_draft_notice(
                actor=user, meeting=meeting, **form.cleaned_data
            ),
            form_class=forms.NoticeForm,
            form_kwargs=lambda meeting: {
                "initial": {"conclusion_notice": meeting.conclusion_notice}
            },
            success=gettext_lazy("Đã lưu dự thảo thông báo kết luận."),
        ),
        "to_task": Action(
            label=gettext_lazy("Giao kết luận thành công việc"),
            allowed=can_turn_conclusion_into_task,
            perform=_to_task,
            form_class=forms.ConclusionTaskForm,
            success=gettext_lazy("Đã giao việc."),
        ),
    }

    def get_object(self, queryset=None):
        return permissions.get_visible_or_404(
            Meeting.objects.select_related("lead_unit", "owner", "chair").prefetch_related(
                "conclusions"
            ),
            self.request.user,
            pk=self.kwargs["pk"],
        )

    def _form(self, name, action, data=None, files=None):
        """The task form offers the members of the units this user heads, so it needs the
        user as well as the meeting."""
        if name == "to_task":
            return forms.ConclusionTaskForm(
                data,
                files,
                prefix=name,
                meeting=self.object,
                head_unit_ids=permissions.viewer_for(self.request.user).head_unit_ids,
                user=self.request.user,
            )
        return super()._form(name, action, data, files)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        context["participants"] = meeting.participants.order_by("first_name")
        context["conclusions"] = selectors.meeting_conclusions(meeting)
        return context


def _meeting_or_404(request, pk: int) -> Meeting:
    return permissions.get_visible_or_404(
        Meeting.objects.select_related("lead_unit", "owner", "chair"),
        request.user,
        via="pdf",
        pk=pk,
    )


@login_required
def meeting_minutes_pdf(request, pk: int):
    meeting = _meeting_or_404(request, pk)
    return _pdf_response(documents.minutes_document(meeting), f"bien-ban-{meeting.pk}.pdf")


@login_required
def meeting_notice_pdf(request, pk: int):
    meeting = _meeting_or_404(request, pk)
    if not meeting.is_leadership:
        raise PermissionDenied
    return _pdf_response(documents.notice_document(meeting), f"thong-bao-{meeting.pk}.pdf")


# Leadership weekly calendar (Điều 7.1) ------------------------------------------------------


def _week(request) -> date:
    """`?tuan=YYYY-MM-DD` names any day of the week to show; default this week."""
    return selectors.week_start(query_date(request, "tuan") or timezone.localdate())


@login_required
def calendar_week(request):
    monday = _week(request)
    return render(
        request,
        "workprograms/calendar_week.html",
        {
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "previous": monday - timedelta(days=7),
            "next": monday + timedelta(days=7),
            "days": selectors.calendar_week(request.user, monday),
            "can_edit": is_calendar_editor(request.user),
        },
    )


@login_required
def calendar_pdf(request):
    monday = _week(request)
    return _pdf_response(
        documents.calendar_document(request.user, monday), f"lich-cong-tac-{monday:%Y%m%d}.pdf"
    )


def _calendar_redirect(entry: CalendarEntry):
    day = timezone.localtime(entry.starts_at).date()
    return redirect(f"{reverse('workprograms:calendar')}?tuan={day.isoformat()}")


@login_required
def calendar_entry_create(request):
    if not is_calendar_editor(request.user):
        raise PermissionDenied
    form = forms.CalendarEntryForm(request.POST or None, user=request.user)
    entry = submit_form(
        request,
        form,
        lambda data: services.calendar_entry_create(actor=request.user, **data),
        _("Đã thêm lịch công tác."),
    )
    if entry is not None:
        return _calendar_redirect(entry)
    return render(request, "workprograms/calendar_entry_form.html", {"form": form})


def _entry_or_404(request, pk: int) -> CalendarEntry:
    if not is_calendar_editor(request.user):
        raise PermissionDenied
    return get_object_or_404(selectors.calendar_entries_for(request.user), pk=pk)


@login_required
def calendar_entry_edit(request, pk: int):
    entry = _entry_or_404(request, pk)
    initial = {
        "leader": entry.leader_id,
        "starts_at": timezone.localtime(entry.starts_at),
        "ends_at": timezone.localtime(entry.ends_at) if entry.ends_at else None,
        "content": entry.content,
        "participants": entry.participants,
        "place": entry.place,
        "secrecy": entry.secrecy,
    }
    form = forms.CalendarEntryForm(request.POST or None, initial=initial, user=request.user)
    saved = submit_form(
        request,
        form,
        lambda data: services.calendar_entry_update(actor=request.user, entry=entry, **data),
        _("Đã lưu."),
    )
    if saved is not None:
        return _calendar_redirect(saved)
    return render(request, "workprograms/calendar_entry_form.html", {"form": form, "entry": entry})


@login_required
def calendar_entry_delete(request, pk: int):
    if request.method != "POST":
        raise PermissionDenied
    entry = _entry_or_404(request, pk)
    services.calendar_entry_delete(actor=request.user, entry=entry)
    messages.success(request, _("Đã bỏ lịch công tác."))
    return _calendar_redirect(entry)
