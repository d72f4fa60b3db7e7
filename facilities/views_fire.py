"""Thin views of guarding and fire safety (Điều 9.3): the register of fire-safety equipment,
drills of the fire plan, inspections with their follow-ups, and the guard roster. The register
and the roster are QT's books: another unit's member gets 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.paging import page_of
from facilities import forms_fire as forms
from facilities import permissions as rules
from facilities import selectors_fire as selectors
from facilities.models_fire import FireDrill, FireEquipment, FireFinding, FireInspection
from facilities.services import fire as services
from units import permissions
from units.mixins import Action, ActionDetailView, submit_form

PAGE_SIZE = 50


def _require_qt_member(user) -> None:
    if not rules.is_qt_member(user):
        raise Http404


def _require_qt_staff(user) -> None:
    if not rules.is_qt_staff(user):
        raise Http404


def _create_page(request, form, perform, success: str, title: str, then: str = ""):
    """A create page: the created object's page (or `then`) after a valid POST, else the form
    with the service's message beside what the user typed."""
    created = submit_form(request, form, perform, success)
    if created is not None:
        return redirect(then or created)
    return render(request, "facilities/fire/form.html", {"form": form, "title": title})


# The equipment register ---------------------------------------------------------------------


@login_required
def equipment_list(request):
    _require_qt_member(request.user)
    return render(
        request,
        "facilities/fire/equipment_list.html",
        {
            "page": page_of(request, selectors.equipment_for(request.user), size=PAGE_SIZE),
            "can_create": rules.is_qt_staff(request.user),
        },
    )


@login_required
def equipment_create(request):
    _require_qt_staff(request.user)
    form = forms.EquipmentForm(request.POST or None, user=request.user)
    return _create_page(
        request,
        form,
        lambda data: services.equipment_register(actor=request.user, **data),
        _("Đã ghi sổ phương tiện PCCC."),
        _("Ghi sổ phương tiện PCCC"),
    )


class EquipmentDetailView(ActionDetailView):
    model = FireEquipment
    template_name = "facilities/fire/equipment_detail.html"
    list_url_name = "facilities:fire-equipment-list"
    actions = {
        "inspect": Action(
            label=gettext_lazy("Ghi kiểm tra, nạp sạc"),
            allowed=lambda user, obj: rules.is_qt_staff(user),
            perform=lambda user, obj, form: services.equipment_inspect(
                actor=user, equipment=obj, **form.cleaned_data
            ),
            form_class=forms.InspectEquipmentForm,
            success=gettext_lazy("Đã ghi kiểm tra."),
            primary=True,
        ),
    }

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.equipment_for(self.request.user), pk=self.kwargs["pk"])


# Drills -------------------------------------------------------------------------------------


@login_required
def drill_list(request):
    return render(
        request,
        "facilities/fire/drill_list.html",
        {
            "page": page_of(request, selectors.drills_for(request.user), size=PAGE_SIZE),
            "can_create": rules.is_qt_staff(request.user),
        },
    )


@login_required
def drill_create(request):
    _require_qt_staff(request.user)
    form = forms.DrillForm(request.POST or None, user=request.user)
    return _create_page(
        request,
        form,
        lambda data: services.drill_record(actor=request.user, **data),
        _("Đã ghi buổi thực tập."),
        _("Ghi thực tập phương án chữa cháy"),
    )


class DrillDetailView(ActionDetailView):
    model = FireDrill
    template_name = "facilities/fire/drill_detail.html"
    list_url_name = "facilities:fire-drills"
    actions = {
        "minutes": Action(
            label=gettext_lazy("Ghi biên bản thực tập"),
            allowed=lambda user, obj: permissions.can_edit(user, obj),
            perform=lambda user, obj, form: services.drill_minutes(
                actor=user, drill=obj, **form.cleaned_data
            ),
            form_class=forms.DrillMinutesForm,
            initial=lambda obj: {"minutes": obj.minutes, "participants": obj.participants.all()},
            success=gettext_lazy("Đã ghi biên bản."),
            primary=True,
        ),
    }

    def get_queryset(self):
        return FireDrill.objects.select_related("owner", "lead_unit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participants"] = self.object.participants.order_by("last_name", "first_name")
        return context


# Inspections --------------------------------------------------------------------------------


@login_required
def inspection_list(request):
    return render(
        request,
        "facilities/fire/inspection_list.html",
        {
            "page": page_of(request, selectors.inspections_for(request.user), size=PAGE_SIZE),
            "can_create": rules.is_qt_staff(request.user),
        },
    )


@login_required
def inspection_create(request):
    _require_qt_staff(request.user)
    form = forms.InspectionForm(request.POST or None, user=request.user)
    return _create_page(
        request,
        form,
        lambda data: services.inspection_record(actor=request.user, **data),
        _("Đã ghi kiểm tra an toàn PCCC."),
        _("Ghi kiểm tra an toàn PCCC"),
    )


def _follow_up(user, inspection, form):
    data = dict(form.cleaned_data)
    finding = FireFinding.objects.filter(inspection=inspection, pk=data.pop("finding")).first()
    if finding is None:
        raise Http404
    services.finding_follow_up(actor=user, finding=finding, **data)


def _may_follow_up(user, inspection) -> bool:
    return (
        permissions.viewer_for(user).is_head_of(inspection.lead_unit_id)
        and inspection.findings.filter(task__isnull=True).exists()
    )


class InspectionDetailView(ActionDetailView):
    model = FireInspection
    template_name = "facilities/fire/inspection_detail.html"
    list_url_name = "facilities:fire-inspections"
    actions = {
        "finding": Action(
            label=gettext_lazy("Ghi tồn tại, kiến nghị"),
            allowed=lambda user, obj: permissions.can_edit(user, obj),
            perform=lambda user, obj, form: services.finding_add(
                actor=user, inspection=obj, **form.cleaned_data
            ),
            form_class=forms.FindingForm,
            success=gettext_lazy("Đã ghi tồn tại."),
        ),
        "follow_up": Action(
            label=gettext_lazy("Giao khắc phục"),
            allowed=_may_follow_up,
            perform=_follow_up,
            form_class=forms.FollowUpForm,
            form_kwargs=lambda obj: {"inspection": obj},
            success=gettext_lazy("Đã giao việc khắc phục."),
            primary=True,
        ),
    }

    def get_queryset(self):
        return FireInspection.objects.select_related("owner", "lead_unit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["findings"] = self.object.findings.select_related("task__owner")
        return context


# The guard roster ---------------------------------------------------------------------------


@login_required
def shift_list(request):
    _require_qt_member(request.user)
    return render(
        request,
        "facilities/fire/shift_list.html",
        {
            "page": page_of(request, selectors.shifts_for(request.user), size=PAGE_SIZE),
            "can_create": rules.is_qt_staff(request.user),
        },
    )


@login_required
def shift_create(request):
    _require_qt_staff(request.user)
    form = forms.ShiftForm(request.POST or None, user=request.user)
    return _create_page(
        request,
        form,
        lambda data: services.shift_create(actor=request.user, **data),
        _("Đã lập ca trực."),
        _("Lập ca trực bảo vệ"),
        then="facilities:guard-shifts",
    )
