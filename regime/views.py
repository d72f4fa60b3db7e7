"""Thin views of the working regime: forms to services, reads from selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.paging import page_of
from regime import forms, selectors, services
from regime import permissions as rules
from regime.models import Complaint, DisclosureItem, RegulationVersion
from units import approvals, permissions
from units.forms import DiscussionForm
from units.mixins import Action, ActionDetailView, submit_form
from units.models import Unit
from units.selectors import discussions_of
from units.services import discussion_record

PAGE_SIZE = 50


def _own_unit(request) -> Unit:
    unit_id = permissions.viewer_for(request.user).unit_id
    if unit_id is None:
        raise Http404
    return Unit.objects.get(pk=unit_id)


def _unit_for(request, code: str | None) -> Unit:
    """The unit named in the URL if the user may read it; his own otherwise."""
    if code is None:
        return _own_unit(request)
    unit = get_object_or_404(Unit, code=code, is_active=True)
    if not rules.may_read_unit(request.user, unit.pk):
        raise Http404
    return unit


# Disclosure board ---------------------------------------------------------------------------


@login_required
def disclosure_board(request, code: str | None = None):
    if code is None and permissions.viewer_for(request.user).unit_id is None:
        # Leadership have no unit of their own: every board they oversee, in one list.
        unit = None
    else:
        unit = _unit_for(request, code)
    can_post = unit is not None and rules.may_post(request.user, unit.pk)
    form = forms.DisclosureForm(request.POST or None, user=request.user) if can_post else None
    if request.method == "POST":
        if not can_post:
            raise PermissionDenied
        if submit_form(
            request,
            form,
            lambda data: services.disclosure_post(actor=request.user, unit=unit, **data),
            _("Đã đăng tin công khai."),
        ):
            return redirect("regime:board-of", code=unit.code)
    return render(
        request,
        "regime/board.html",
        {
            "unit": unit,
            "page": page_of(request, selectors.board(request.user, unit), size=PAGE_SIZE),
            "form": form,
            "member_count": permissions.members_of(unit.pk).count() if unit else None,
        },
    )


@login_required
def disclosure_detail(request, pk: int):
    item = get_object_or_404(
        rules.readable(DisclosureItem.objects.select_related("unit", "category"), request.user),
        pk=pk,
    )
    if request.method == "POST":
        services.disclosure_read(actor=request.user, item=item)
        messages.success(request, _("Đã ghi nhận đã đọc."))
        return redirect(item)
    readers = item.readings.select_related("reader").order_by("read_at")
    return render(
        request,
        "regime/disclosure_detail.html",
        {
            "item": item,
            "is_member": rules.is_member(request.user, item.unit_id),
            "has_read": readers.filter(reader=request.user.pk).exists(),
            "see_readers": rules.may_see_readers(request.user, item.unit_id),
            "readers": readers,
            "not_read": selectors.not_read(item),
        },
    )


# Complaints and proposals ------------------------------------------------------------------


@login_required
def complaint_list(request):
    page = page_of(request, selectors.complaints_for(request.user), size=PAGE_SIZE)
    permissions.log_secret_rows(page.rows, request.user, via="list")
    return render(
        request,
        "regime/complaint_list.html",
        {"page": page, "may_file": rules.may_file_complaint(request.user)},
    )


@login_required
def complaint_create(request):
    if not rules.may_file_complaint(request.user):
        raise PermissionDenied
    form = forms.ComplaintForm(request.POST or None, user=request.user)
    complaint = submit_form(
        request,
        form,
        lambda data: services.complaint_file(actor=request.user, **data),
        _("Đã gửi Trưởng phòng."),
    )
    if complaint:
        return redirect(complaint)
    return render(request, "regime/complaint_form.html", {"form": form})


class ComplaintDetailView(ActionDetailView):
    model = Complaint
    template_name = "regime/complaint_detail.html"
    list_url_name = "regime:complaints"
    actions = {
        "resolve": Action(
            label=gettext_lazy("Ghi kết quả giải quyết"),
            allowed=rules.can_handle,
            perform=lambda user, obj, form: services.complaint_resolve(
                actor=user, complaint=obj, outcome=form.cleaned_data["outcome"]
            ),
            form_class=forms.OutcomeForm,
            success=gettext_lazy("Đã ghi kết quả, người gửi được thông báo."),
            primary=True,
        ),
        "forward": Action(
            label=gettext_lazy("Chuyển Văn phòng giải quyết kèm hồ sơ"),
            allowed=lambda user, obj: rules.can_handle(user, obj) and obj.escalation_id is None,
            perform=lambda user, obj, form: services.complaint_forward(
                actor=user, complaint=obj, dossier=form.cleaned_data["dossier"]
            ),
            form_class=forms.ForwardForm,
            success=gettext_lazy("Đã chuyển lãnh đạo Văn phòng."),
        ),
        "grant": Action(
            label=gettext_lazy("Cho phép người khác xem"),
            allowed=rules.can_handle,
            perform=lambda user, obj, form: services.complaint_grant(
                actor=user, complaint=obj, **form.cleaned_data
            ),
            form_class=forms.GrantForm,
            success=gettext_lazy("Đã cho phép xem."),
        ),
    }


# Unit regulations --------------------------------------------------------------------------


@login_required
def unit_regulation(request, code: str | None = None):
    """The regulation in force of a unit, read by its staff: its text, the difference from the
    version it amended, every earlier version, and the acknowledgment."""
    unit = _unit_for(request, code) if code else None
    if unit is None:
        if permissions.viewer_for(request.user).unit_id is None:
            return redirect("regime:regulations")
        unit = _own_unit(request)
    current = selectors.in_force(unit)
    if request.method == "POST":
        if current is None:
            raise PermissionDenied
        services.regulation_acknowledge(actor=request.user, version=current)
        messages.success(request, _("Đã xác nhận đã đọc quy chế."))
        return redirect("regime:unit-regulation", code=unit.code)
    versions = list(selectors.approved_versions(unit))
    upcoming = [v for v in versions if current is None or v.effective_from > current.effective_from]
    acknowledged = current is not None and selectors.has_acknowledged(request.user, current)
    return render(
        request,
        "regime/unit_regulation.html",
        {
            "unit": unit,
            "current": current,
            "upcoming": upcoming,
            "versions": versions,
            "diff": selectors.version_diff(current) if current else [],
            "is_member": rules.is_member(request.user, unit.pk),
            "acknowledged": acknowledged,
            "see_readers": rules.may_see_readers(request.user, unit.pk),
            "not_acknowledged": selectors.not_acknowledged(current) if current else [],
            "may_draft": rules.may_post(request.user, unit.pk),
        },
    )


@login_required
def regulation_list(request):
    page = page_of(request, selectors.regulation_drafts_for(request.user), size=PAGE_SIZE)
    unit_id = permissions.viewer_for(request.user).unit_id
    return render(
        request,
        "regime/regulation_list.html",
        {
            "page": page,
            "may_draft": unit_id is not None and rules.may_post(request.user, unit_id),
            "unit_code": Unit.objects.filter(pk=unit_id).values_list("code", flat=True).first(),
        },
    )


@login_required
def regulation_create(request):
    unit = _own_unit(request)
    if not rules.may_post(request.user, unit.pk):
        raise PermissionDenied
    latest = selectors.latest_approved(unit)
    initial = {"title": latest.title, "text": latest.text} if latest else {}
    form = forms.RegulationForm(request.POST or None, initial=initial, user=request.user)
    version = submit_form(
        request,
        form,
        lambda data: services.regulation_draft(actor=request.user, unit=unit, **data),
        _("Đã lưu dự thảo quy chế."),
    )
    if version:
        return redirect(version)
    return render(request, "regime/regulation_form.html", {"form": form, "latest": latest})


def _record_discussion(user, obj, form):
    discussion_record(actor=user, obj=obj, **form.cleaned_data)


class RegulationDetailView(ActionDetailView):
    model = RegulationVersion
    template_name = "regime/regulation_detail.html"
    list_url_name = "regime:regulations"
    actions = {
        "edit": Action(
            label=gettext_lazy("Sửa dự thảo"),
            allowed=rules.can_edit_regulation,
            perform=lambda user, obj, form: services.regulation_update(
                actor=user, version=obj, **form.cleaned_data
            ),
            form_class=forms.RegulationForm,
            initial=lambda obj: {
                "title": obj.title,
                "text": obj.text,
                "effective_from": obj.effective_from,
                "change_note": obj.change_note,
            },
            success=gettext_lazy("Đã sửa dự thảo."),
        ),
        "discussion": Action(
            label=gettext_lazy("Ghi biên bản thảo luận tập thể"),
            allowed=rules.can_edit_regulation,
            perform=_record_discussion,
            form_class=DiscussionForm,
            form_kwargs=lambda obj: {"unit_id": obj.lead_unit_id},
            success=gettext_lazy("Đã ghi biên bản thảo luận."),
        ),
        "submit": Action(
            label=gettext_lazy("Trình lãnh đạo Văn phòng phê duyệt"),
            allowed=rules.can_edit_regulation,
            perform=lambda user, obj, form: approvals.approval_submit(actor=user, obj=obj),
            success=gettext_lazy("Đã trình lãnh đạo Văn phòng."),
            primary=True,
        ),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["diff"] = selectors.version_diff(self.object)
        context["discussions"] = discussions_of(self.object)
        context["decisions"] = approvals.decisions_for(self.object)
        return context
