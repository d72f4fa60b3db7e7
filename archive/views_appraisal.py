"""Thin views of appraisal and disposal: the door fetches, the services write."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive import documents_appraisal, forms, selectors, services
from archive import permissions as archive_permissions
from archive.models import Appraisal
from archive.views import _pdf
from core.paging import page_of
from units import approvals, permissions
from units.mixins import Action, ActionDetailView, submit_form

PAGE_SIZE = 50


@login_required
def appraisal_list(request):
    return render(
        request,
        "archive/appraisal/list.html",
        {
            "page": page_of(request, selectors.appraisals_for(request.user), size=PAGE_SIZE),
            "may_propose": archive_permissions.may_propose_appraisal(request.user),
        },
    )


@login_required
def appraisal_create(request):
    if not archive_permissions.may_propose_appraisal(request.user):
        raise PermissionDenied
    form = forms.AppraisalForm(request.POST or None, user=request.user, archivist=request.user)
    created = submit_form(
        request,
        form,
        lambda data: services.appraisal_create(actor=request.user, **data),
        _("Đã lập danh mục hồ sơ đề nghị hủy."),
    )
    if created is not None:
        return redirect(created)
    return render(
        request,
        "archive/simple_form.html",
        {"form": form, "title": _("Đề nghị thẩm định tài liệu hết giá trị")},
    )


def _member(user, appraisal, form) -> None:
    services.council_member_add(actor=user, appraisal=appraisal, **form.cleaned_data)


def _submit(user, appraisal, form) -> None:
    approvals.approval_submit(actor=user, obj=appraisal)


def _opinions(user, appraisal, form) -> None:
    for line, verdict, reason in form.opinions():
        services.opinion_record(
            actor=user, appraisal=appraisal, line=line, verdict=verdict, reason=reason
        )


def _council(user, appraisal, form) -> None:
    services.council_decision_record(
        actor=user, appraisal=appraisal, held_on=form.cleaned_data["held_on"]
    )


def _confirm(user, appraisal, form) -> None:
    services.destruction_confirm(actor=user, appraisal=appraisal, **form.cleaned_data)


def _destroy(user, appraisal, form) -> None:
    services.appraisal_destroy(actor=user, appraisal=appraisal)


class AppraisalDetailView(ActionDetailView):
    model = Appraisal
    template_name = "archive/appraisal/detail.html"
    list_url_name = "archive:appraisals"
    actions = {
        "member": Action(
            label=gettext_lazy("Đề nghị thành viên Hội đồng"),
            allowed=archive_permissions.can_prepare_appraisal,
            perform=_member,
            form_class=forms.CouncilMemberForm,
            form_kwargs=lambda obj: {"appraisal": obj},
            success=gettext_lazy("Đã thêm thành viên Hội đồng."),
        ),
        "submit": Action(
            label=gettext_lazy("Trình lãnh đạo quyết định thành lập Hội đồng"),
            allowed=archive_permissions.can_prepare_appraisal,
            perform=_submit,
            success=gettext_lazy("Đã trình lãnh đạo."),
            primary=True,
        ),
        "opinion": Action(
            label=gettext_lazy("Ghi ý kiến của tôi"),
            allowed=archive_permissions.can_give_opinion,
            perform=_opinions,
            form_class=forms.OpinionForm,
            form_kwargs=lambda obj: {"appraisal": obj},
            success=gettext_lazy("Đã ghi ý kiến."),
            primary=True,
        ),
        "council": Action(
            label=gettext_lazy("Ghi quyết định của Hội đồng"),
            allowed=archive_permissions.can_record_council,
            perform=_council,
            form_class=forms.CouncilDecisionForm,
            success=gettext_lazy("Đã ghi quyết định của Hội đồng, trình Chánh Văn phòng."),
        ),
        "confirm": Action(
            label=gettext_lazy("Xác nhận hủy hồ sơ có ý kiến giữ lại"),
            allowed=archive_permissions.can_confirm_destruction,
            perform=_confirm,
            form_class=forms.ConfirmDestructionForm,
            form_kwargs=lambda obj: {"appraisal": obj},
            success=gettext_lazy("Đã xác nhận hủy."),
            destructive=True,
            confirm=gettext_lazy("Xác nhận hủy hồ sơ mà thành viên Hội đồng đề nghị giữ lại?"),
        ),
        "destroy": Action(
            label=gettext_lazy("Hủy các hồ sơ trong danh mục tài liệu hủy"),
            allowed=archive_permissions.can_destroy,
            perform=_destroy,
            success=gettext_lazy("Đã hủy hồ sơ, lập biên bản hủy."),
            destructive=True,
            confirm=gettext_lazy("Hủy các hồ sơ theo quyết định đã duyệt? Bản quét sẽ bị xóa."),
        ),
    }

    def get_queryset(self):
        return Appraisal.objects.select_related("lead_unit", "owner", "destroyed_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lines"] = selectors.appraisal_lines(self.object)
        context["members"] = selectors.council_members(self.object)
        context["decisions"] = approvals.decisions_for(self.object)
        return context


def _appraisal_or_404(request, pk: int) -> Appraisal:
    return permissions.get_visible_or_404(
        Appraisal.objects.select_related("lead_unit", "owner"), request.user, pk=pk
    )


@login_required
def council_minutes_pdf(request, pk: int):
    appraisal = _appraisal_or_404(request, pk)
    if not appraisal.minutes_number:
        raise Http404
    return _pdf(
        documents_appraisal.council_minutes(appraisal), f"bien-ban-hoi-dong-{appraisal.pk}.pdf"
    )


@login_required
def destruction_list_pdf(request, pk: int):
    appraisal = _appraisal_or_404(request, pk)
    if not appraisal.list_number:
        raise Http404
    return _pdf(
        documents_appraisal.destruction_list(appraisal), f"danh-muc-tai-lieu-huy-{appraisal.pk}.pdf"
    )


@login_required
def destruction_minutes_pdf(request, pk: int):
    appraisal = _appraisal_or_404(request, pk)
    if not appraisal.destruction_minutes_number:
        raise Http404
    return _pdf(
        documents_appraisal.destruction_minutes(appraisal), f"bien-ban-huy-{appraisal.pk}.pdf"
    )
