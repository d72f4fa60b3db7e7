"""Thin views of QT's work: the door fetches (`units.permissions`), the services write."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.inputs import query_date, query_id, query_text
from core.paging import page_of
from core.pdf import render_pdf
from facilities import documents, forms, selectors, tables
from facilities import permissions as rules
from facilities.choices import ResourceKind, ServiceStatus
from facilities.models import (
    Asset,
    InventoryCampaign,
    InventoryLine,
    RequestKind,
    Resource,
    ServiceRequest,
    VisitingDelegation,
)
from facilities.services import assets as asset_services
from facilities.services import requests as services
from facilities.services import visits as visit_services
from units import approvals, permissions
from units.choices import ApprovalStatus, DecisionKind
from units.mixins import Action, ActionDetailView, submit_form

PAGE_SIZE = 50


def _pdf(document, filename: str) -> HttpResponse:
    template_name, context = document
    response = HttpResponse(render_pdf(template_name, context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Requests -----------------------------------------------------------------------------------


@login_required
def request_list(request):
    rows = selectors.requests_for(request.user)
    waiting = query_text(request, "cho") == "bo-tri"
    if waiting:
        rows = rows.filter(
            approval_status=ApprovalStatus.APPROVED, service_status=ServiceStatus.WAITING
        )
    return render(
        request,
        "facilities/request_list.html",
        {
            "page": page_of(request, rows, size=PAGE_SIZE),
            "waiting": waiting,
            "is_qt": rules.is_qt_staff(request.user),
            "can_request": rules.may_request(request.user),
        },
    )


def _at(day, hour: int):
    return timezone.make_aware(
        timezone.datetime.combine(day, timezone.datetime.min.time())
    ) + timedelta(hours=hour)


def _request_initial(request) -> dict:
    """Another page links here with what it already knows, so the form opens filled in: a
    meeting's form books a room (`?loai=phong-hop&phong=<id>&tu=YYYY-MM-DD`), an approved trip by
    the office's car asks for a vehicle (`?loai=xe&tu=…&den=YYYY-MM-DD&noi-den=…&muc-dich=…`).
    Each value is only a starting point: the form checks everything when sent."""
    initial = {}
    code = query_text(request, "loai")
    if code:
        initial["kind"] = RequestKind.objects.filter(code=code, is_active=True).first()
    room = query_id(request, "phong")
    if room:
        initial["wanted_resource"] = Resource.objects.filter(pk=room, is_active=True).first()
    day = query_date(request, "tu")
    if day:
        initial["starts_at"] = _at(day, 8)
    last = query_date(request, "den")
    if last and (day is None or last >= day):
        initial["ends_at"] = _at(last, 17)
    for name, field in (("muc-dich", "purpose"), ("noi-den", "destination")):
        text = " ".join(query_text(request, name).split())
        if text:
            initial[field] = text
    return {key: value for key, value in initial.items() if value is not None}


@login_required
def request_create(request):
    if not rules.may_request(request.user):
        raise PermissionDenied
    form = forms.RequestForm(
        request.POST or None, initial=_request_initial(request), user=request.user
    )
    created = submit_form(
        request,
        form,
        lambda data: services.request_create(actor=request.user, **data),
        _("Đã gửi yêu cầu; chờ lãnh đạo đơn vị duyệt."),
    )
    if created is not None:
        return redirect(created)
    return render(request, "facilities/request_form.html", {"form": form})


def _decide(kind):
    def perform(user, obj, form):
        approvals.approval_decide(
            actor=user, obj=obj, kind=kind, comment=form.cleaned_data["comment"]
        )

    return perform


def _open_trip(obj: ServiceRequest):
    for booking in obj.bookings.all():
        if (
            booking.cancelled_at is None
            and booking.resource.kind == ResourceKind.VEHICLE
            and booking.checked_in_at is None
        ):
            return booking
    return None


def _may_check_out(user, obj) -> bool:
    trip = _open_trip(obj)
    return trip is not None and trip.checked_out_at is None and rules.may_log_trip(user, trip)


def _may_check_in(user, obj) -> bool:
    trip = _open_trip(obj)
    return trip is not None and trip.checked_out_at is not None and rules.may_log_trip(user, trip)


class RequestDetailView(ActionDetailView):
    model = ServiceRequest
    template_name = "facilities/request_detail.html"
    list_url_name = "facilities:requests"
    actions = {
        "approve": Action(
            label=gettext_lazy("Duyệt"),
            allowed=lambda user, obj: approvals.can_decide(user, obj),
            perform=_decide(DecisionKind.APPROVE),
            form_class=forms.DecideForm,
            success=gettext_lazy("Đã duyệt."),
            primary=True,
        ),
        "return": Action(
            label=gettext_lazy("Trả lại"),
            allowed=lambda user, obj: approvals.can_decide(user, obj),
            perform=_decide(DecisionKind.RETURN),
            form_class=forms.DecideForm,
            success=gettext_lazy("Đã trả lại."),
            destructive=True,
        ),
        "assign": Action(
            label=gettext_lazy("Bố trí"),
            allowed=rules.may_assign,
            perform=lambda user, obj, form: services.request_assign(
                actor=user, request=obj, **form.cleaned_data
            ),
            form_class=forms.AssignForm,
            form_kwargs=lambda obj: {"request": obj},
            initial=lambda obj: {"resource": obj.wanted_resource_id},
            success=gettext_lazy("Đã bố trí."),
            primary=True,
        ),
        "check_out": Action(
            label=gettext_lazy("Xuất xe"),
            allowed=_may_check_out,
            perform=lambda user, obj, form: services.trip_check_out(
                actor=user, booking=_open_trip(obj), **form.cleaned_data
            ),
            form_class=forms.OdometerForm,
            success=gettext_lazy("Đã ghi xuất xe."),
            primary=True,
        ),
        "check_in": Action(
            label=gettext_lazy("Nhận xe về"),
            allowed=_may_check_in,
            perform=lambda user, obj, form: services.trip_check_in(
                actor=user, booking=_open_trip(obj), **form.cleaned_data
            ),
            form_class=forms.OdometerForm,
            success=gettext_lazy("Đã ghi nhận xe về."),
            primary=True,
        ),
        "close": Action(
            label=gettext_lazy("Hoàn thành"),
            allowed=rules.may_close,
            perform=lambda user, obj, form: services.request_close(
                actor=user, request=obj, **form.cleaned_data
            ),
            form_class=forms.CloseForm,
            success=gettext_lazy("Đã hoàn thành yêu cầu."),
        ),
        "cancel": Action(
            label=gettext_lazy("Hủy yêu cầu"),
            allowed=rules.may_cancel,
            perform=lambda user, obj, form: services.request_cancel(
                actor=user, request=obj, **form.cleaned_data
            ),
            form_class=forms.ReasonForm,
            success=gettext_lazy("Đã hủy yêu cầu."),
            destructive=True,
            confirm=gettext_lazy("Hủy yêu cầu này?"),
        ),
    }

    def get_queryset(self):
        return ServiceRequest.objects.select_related(
            "kind", "owner", "lead_unit", "wanted_resource", "visit"
        ).prefetch_related("bookings__resource", "bookings__server")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bookings"] = selectors.bookings_of(self.object)
        context["decisions"] = approvals.decisions_for(self.object)
        context["step"] = approvals.current_step(self.object)
        return context


# Calendars ----------------------------------------------------------------------------------


def _monday(request):
    return selectors.week_start(query_date(request, "tuan") or timezone.localdate())


def _kind(request) -> str:
    kind = query_text(request, "loai")
    return kind if kind in ResourceKind.values else ""


@login_required
def week(request):
    monday = _monday(request)
    kind = _kind(request)
    days, rows = selectors.week_grid(monday, kind=kind or None)
    return render(
        request,
        "facilities/week.html",
        {
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "previous": monday - timedelta(days=7),
            "next": monday + timedelta(days=7),
            "days": days,
            "drawn_rows": tables.week_rows_html(rows),
            "kind": kind,
            "kinds": ResourceKind.choices,
        },
    )


@login_required
def week_pdf(request):
    monday = _monday(request)
    return _pdf(documents.week_document(monday), f"lich-xe-phong-{monday:%Y%m%d}.pdf")


def _may_manage(user, resource) -> bool:
    return rules.is_qt_staff(user)


class ResourceDetailView(ActionDetailView):
    """A vehicle or a room: its day and week, and for QT its maintenance and dates."""

    model = Resource
    template_name = "facilities/resource_detail.html"
    list_url_name = "facilities:week"
    actions = {
        "maintenance": Action(
            label=gettext_lazy("Lập lịch bảo dưỡng, sửa chữa"),
            allowed=_may_manage,
            perform=lambda user, obj, form: services.maintenance_schedule(
                actor=user, resource=obj, **form.cleaned_data
            ),
            form_class=forms.MaintenanceForm,
            success=gettext_lazy("Đã lập lịch bảo dưỡng."),
        ),
        "dates": Action(
            label=gettext_lazy("Cập nhật hạn bảo dưỡng, bảo hiểm"),
            allowed=lambda user, obj: obj.kind == ResourceKind.VEHICLE and _may_manage(user, obj),
            perform=lambda user, obj, form: services.vehicle_dates_set(
                actor=user, vehicle=obj, **form.cleaned_data
            ),
            form_class=forms.VehicleDatesForm,
            initial=lambda obj: {
                "maintenance_due": obj.maintenance_due,
                "insurance_due": obj.insurance_due,
            },
            success=gettext_lazy("Đã cập nhật."),
        ),
    }

    def get_object(self, queryset=None):
        return get_object_or_404(Resource.objects.filter(is_active=True), pk=self.kwargs["pk"])

    def _after_change(self):
        return HttpResponseRedirect(self.request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = query_date(self.request, "ngay") or timezone.localdate()
        monday = selectors.week_start(day)
        days, rows = selectors.week_grid(monday, resource=self.object)
        context.update(
            day=day,
            day_bookings=selectors.day_of(self.object, day),
            previous_day=day - timedelta(days=1),
            next_day=day + timedelta(days=1),
            days=days,
            row=rows[0] if rows else None,
            can_book=rules.may_request(self.request.user),
        )
        return context


# Assets -------------------------------------------------------------------------------------


@login_required
def asset_list(request):
    rows = selectors.assets_for(request.user)
    text = query_text(request, "q")
    if text:
        rows = rows.filter(name__ucontains=text)
    return render(
        request,
        "facilities/asset_list.html",
        {
            "page": page_of(request, rows, size=PAGE_SIZE),
            "q": text,
            "can_register": rules.is_qt_staff(request.user),
        },
    )


@login_required
def asset_create(request):
    if not rules.is_qt_staff(request.user):
        raise PermissionDenied
    form = forms.AssetForm(request.POST or None, user=request.user)
    created = submit_form(
        request,
        form,
        lambda data: asset_services.asset_register(actor=request.user, **data),
        _("Đã ghi sổ tài sản."),
    )
    if created is not None:
        return redirect(created)
    return render(request, "facilities/asset_form.html", {"form": form})


def _pending_handover(user, asset):
    return next(
        (h for h in asset.handovers.all() if h.accepted_at is None and h.custodian_id == user.pk),
        None,
    )


class AssetDetailView(ActionDetailView):
    model = Asset
    template_name = "facilities/asset_detail.html"
    list_url_name = "facilities:assets"
    actions = {
        "accept": Action(
            label=gettext_lazy("Xác nhận đã nhận bàn giao"),
            allowed=lambda user, obj: _pending_handover(user, obj) is not None,
            perform=lambda user, obj, form: asset_services.handover_accept(
                actor=user, handover=_pending_handover(user, obj)
            ),
            success=gettext_lazy("Đã xác nhận nhận bàn giao."),
            primary=True,
        ),
        "hand_over": Action(
            label=gettext_lazy("Bàn giao tài sản"),
            allowed=lambda user, obj: rules.is_qt_staff(user) and obj.state != "liquidated",
            perform=lambda user, obj, form: asset_services.asset_hand_over(
                actor=user, asset=obj, **form.cleaned_data
            ),
            form_class=forms.HandOverForm,
            initial=lambda obj: {"location": obj.location},
            success=gettext_lazy("Đã bàn giao; chờ người nhận xác nhận."),
        ),
        "update": Action(
            label=gettext_lazy("Cập nhật vị trí, tình trạng"),
            allowed=lambda user, obj: rules.is_qt_staff(user) and obj.state != "liquidated",
            perform=lambda user, obj, form: asset_services.asset_update(
                actor=user, asset=obj, **form.cleaned_data
            ),
            form_class=forms.AssetUpdateForm,
            initial=lambda obj: {"location": obj.location, "state": obj.state},
            success=gettext_lazy("Đã cập nhật."),
        ),
    }

    def get_queryset(self):
        return Asset.objects.select_related("category", "funding", "custodian", "owner")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        asset = self.object
        worn, residual = asset.depreciation()
        vehicle = Resource.objects.filter(asset=asset).first()
        context.update(
            worn=worn,
            residual=residual,
            vehicle=vehicle,
            trips=selectors.trips_of(vehicle) if vehicle else [],
            handovers=asset.handovers.select_related("custodian", "handed_by"),
            qr=documents.qr_svg(self.request.build_absolute_uri(asset.get_absolute_url())),
        )
        return context


@login_required
def asset_labels(request):
    """The printable sheet of QR labels of the assets the user sees (QT prints them)."""
    if not rules.is_qt_staff(request.user):
        raise PermissionDenied
    assets = list(selectors.assets_for(request.user).exclude(state="liquidated")[:500])
    document = documents.labels_document(
        assets, lambda asset: request.build_absolute_uri(asset.get_absolute_url())
    )
    return _pdf(document, "nhan-tai-san.pdf")


# Visiting delegations -----------------------------------------------------------------------


@login_required
def visit_list(request):
    return render(
        request,
        "facilities/visit_list.html",
        {
            "page": page_of(request, selectors.visits_for(request.user), size=PAGE_SIZE),
            "can_create": rules.is_qt_staff(request.user),
        },
    )


@login_required
def visit_create(request):
    if not rules.is_qt_staff(request.user):
        raise PermissionDenied
    form = forms.VisitForm(request.POST or None, user=request.user)
    created = submit_form(
        request,
        form,
        lambda data: visit_services.visit_create(actor=request.user, **data),
        _("Đã lập hồ sơ đoàn khách."),
    )
    if created is not None:
        return redirect(created)
    return render(request, "facilities/visit_form.html", {"form": form})


class VisitDetailView(ActionDetailView):
    model = VisitingDelegation
    template_name = "facilities/visit_detail.html"
    list_url_name = "facilities:visits"
    actions = {
        "part": Action(
            label=gettext_lazy("Đề nghị phục vụ cho đoàn"),
            allowed=lambda user, obj: permissions.can_edit(user, obj) and obj.settled_at is None,
            perform=lambda user, obj, form: services.request_create(
                actor=user, visit=obj, **form.cleaned_data
            ),
            form_class=forms.VisitRequestForm,
            success=gettext_lazy("Đã gửi đề nghị."),
            primary=True,
        ),
        "settle": Action(
            label=gettext_lazy("Quyết toán"),
            allowed=lambda user, obj: permissions.can_edit(user, obj) and obj.settled_at is None,
            perform=lambda user, obj, form: visit_services.visit_settle(
                actor=user, visit=obj, **form.cleaned_data
            ),
            form_class=forms.SettleForm,
            success=gettext_lazy("Đã quyết toán."),
        ),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["parts"] = selectors.visit_requests(self.object, self.request.user)
        return context


# Inventory ----------------------------------------------------------------------------------


@login_required
def inventory_list(request):
    return render(
        request,
        "facilities/inventory_list.html",
        {
            "page": page_of(request, selectors.inventories_for(request.user), size=PAGE_SIZE),
            "can_create": rules.is_qt_staff(request.user),
        },
    )


@login_required
def inventory_create(request):
    if not rules.is_qt_staff(request.user):
        raise PermissionDenied
    form = forms.InventoryForm(
        request.POST or None, initial={"year": timezone.localdate().year}, user=request.user
    )
    created = submit_form(
        request,
        form,
        lambda data: asset_services.inventory_open(actor=request.user, **data),
        _("Đã mở đợt kiểm kê."),
    )
    if created is not None:
        return redirect(created)
    return render(request, "facilities/inventory_form.html", {"form": form})


def _may_count(user, campaign) -> bool:
    return permissions.can_edit(user, campaign) and campaign.approval_status in (
        ApprovalStatus.DRAFT,
        ApprovalStatus.RETURNED,
    )


def _count(user, campaign, form):
    data = dict(form.cleaned_data)
    line = InventoryLine.objects.filter(campaign=campaign, pk=data.pop("line")).first()
    if line is None:
        raise Http404
    asset_services.inventory_count(actor=user, line=line, **data)


class InventoryDetailView(ActionDetailView):
    model = InventoryCampaign
    template_name = "facilities/inventory_detail.html"
    list_url_name = "facilities:inventories"
    actions = {
        "count": Action(
            label=gettext_lazy("Ghi kết quả kiểm đếm"),
            allowed=_may_count,
            perform=_count,
            form_class=forms.CountForm,
            success=gettext_lazy("Đã ghi."),
        ),
        "submit": Action(
            label=gettext_lazy("Trình lãnh đạo"),
            allowed=_may_count,
            perform=lambda user, obj, form: asset_services.inventory_submit(
                actor=user, campaign=obj, **form.cleaned_data
            ),
            form_class=forms.MinutesForm,
            initial=lambda obj: {"minutes": obj.minutes},
            success=gettext_lazy("Đã trình lãnh đạo."),
            primary=True,
        ),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lines"] = self.object.lines.select_related("asset")
        context["decisions"] = approvals.decisions_for(self.object)
        return context
