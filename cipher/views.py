"""Thin views of Cipher–IT's work: lists page by key, detail pages go through the door (owned
work) or through `selectors.require_books` (Cipher–IT's books: 404 for anyone else)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cipher import forms, selectors
from cipher import permissions as cipher_permissions
from cipher.choices import Direction, EquipmentKind, RoomEventKind, TicketStatus
from cipher.models import (
    CipherMessage,
    EntryRequest,
    NetworkInspection,
    SupportTicket,
)
from cipher.services import equipment as equipment_services
from cipher.services import register, room, support
from core.inputs import query_text
from core.paging import page_of
from units import permissions, rights
from units import services as unit_services
from units.choices import PrivilegedChangeKind
from units.mixins import Action, ActionDetailView, attach_errors, submit_form
from units.models import PrivilegedChange, RoleAssignment
from units.selectors import history_of
from units.views import REASSIGN

PAGE_SIZE = 50


def _page(request, rows):
    page = page_of(request, rows, size=PAGE_SIZE)
    permissions.log_secret_rows(page.rows, request.user, via="list")
    return page


@login_required
def index(request):
    user = request.user
    viewer = permissions.viewer_for(user)
    return render(
        request,
        "cipher/index.html",
        {
            "books": cipher_permissions.may_see_cipher_books(user),
            "heads_rights": bool(viewer.head_unit_ids or viewer.overseen_unit_ids),
        },
    )


# The cipher-machine room --------------------------------------------------------------------


@login_required
def entry_list(request):
    return render(
        request,
        "cipher/entry_list.html",
        {"page": _page(request, selectors.entry_requests_for(request.user))},
    )


@login_required
def entry_create(request):
    form = forms.EntryRequestForm(request.POST or None, user=request.user)
    created = submit_form(
        request,
        form,
        lambda data: room.entry_request_create(actor=request.user, **data),
        _("Đã gửi đề nghị vào phòng máy mã tới Chánh Văn phòng."),
    )
    if created:
        return redirect(created)
    return render(request, "cipher/entry_form.html", {"form": form})


def _not_recorded(kind):
    def allowed(user, obj):
        kinds = {row.kind for row in obj.log.all()}
        return cipher_permissions.may_record_room(user, obj) and kind not in kinds

    return allowed


def _next_after(previous):
    def allowed(user, obj):
        kinds = {row.kind for row in obj.log.all()}
        return _not_recorded(previous[1])(user, obj) and previous[0] in kinds

    return allowed


class EntryDetailView(ActionDetailView):
    model = EntryRequest
    template_name = "cipher/entry_detail.html"
    list_url_name = "cipher:entries"
    actions = {
        "entry": Action(
            label=gettext_lazy("Ghi giờ vào phòng"),
            allowed=lambda user, obj: (
                obj.approval_status == "approved" and _not_recorded(RoomEventKind.ENTRY)(user, obj)
            ),
            perform=lambda user, obj, form: room.room_entry_record(
                actor=user, request=obj, **form.cleaned_data
            ),
            form_class=forms.RoomTimeForm,
            success=gettext_lazy("Đã ghi giờ vào phòng."),
            primary=True,
        ),
        "exit": Action(
            label=gettext_lazy("Ghi giờ ra khỏi phòng"),
            allowed=_next_after((RoomEventKind.ENTRY, RoomEventKind.EXIT)),
            perform=lambda user, obj, form: room.room_exit_record(
                actor=user, request=obj, **form.cleaned_data
            ),
            form_class=forms.RoomTimeForm,
            success=gettext_lazy("Đã ghi giờ ra khỏi phòng."),
            primary=True,
        ),
        "minutes": Action(
            label=gettext_lazy("Lập biên bản"),
            allowed=_next_after((RoomEventKind.EXIT, RoomEventKind.MINUTES)),
            perform=lambda user, obj, form: room.room_minutes_record(
                actor=user, request=obj, **form.cleaned_data
            ),
            form_class=forms.MinutesForm,
            success=gettext_lazy("Đã lập biên bản."),
            primary=True,
        ),
        "reassign": REASSIGN,
    }

    def get_queryset(self):
        return EntryRequest.objects.select_related("requested_by", "owner").prefetch_related(
            "log__recorded_by"
        )

    def get_context_data(self, **kwargs):
        from units.approvals import decisions_for

        context = super().get_context_data(**kwargs)
        context["log"] = {row.kind: row for row in self.object.log.all()}
        context["decisions"] = decisions_for(self.object)
        return context


# The message register -----------------------------------------------------------------------


@login_required
def message_list(request):
    direction = query_text(request, "chieu")
    if direction not in Direction.values:
        direction = ""
    q = query_text(request, "q")
    rows = selectors.messages_for(request.user, direction=direction, q=q)
    return render(
        request,
        "cipher/message_list.html",
        {
            "page": _page(request, rows),
            "direction": direction,
            "q": q,
            "directions": Direction.choices,
            "can_record": cipher_permissions.may_keep_cipher_books(request.user),
        },
    )


@login_required
def message_create(request):
    selectors.require_books(request.user)
    if not cipher_permissions.may_keep_cipher_books(request.user):
        raise PermissionDenied
    form = forms.MessageForm(request.POST or None, user=request.user)
    created = submit_form(
        request,
        form,
        lambda data: register.message_record(actor=request.user, **data),
        _("Đã vào sổ điện mật."),
    )
    if created:
        return redirect(created)
    return render(request, "cipher/message_form.html", {"form": form})


@login_required
def message_detail(request, pk: int):
    selectors.require_books(request.user)
    message = get_object_or_404(CipherMessage.objects.select_related("handler"), pk=pk)
    permissions.log_secret_access(message, request.user, via="site")
    return render(
        request,
        "cipher/message_detail.html",
        {"object": message, "history": history_of(message)[:50]},
    )


# Equipment -------------------------------------------------------------------------------------


@login_required
def equipment_list(request):
    kind = query_text(request, "loai")
    if kind not in EquipmentKind.values:
        kind = ""
    rows = selectors.equipment_for(request.user, kind=kind)
    form = None
    if cipher_permissions.may_keep_cipher_books(request.user):
        form = forms.EquipmentForm(request.POST or None, user=request.user)
        created = submit_form(
            request,
            form,
            lambda data: equipment_services.equipment_create(actor=request.user, **data),
            _("Đã đưa thiết bị vào sổ."),
        )
        if created:
            return redirect(created)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "cipher/equipment_list.html",
        {"page": _page(request, rows), "kind": kind, "kinds": EquipmentKind.choices, "form": form},
    )


@login_required
def equipment_detail(request, pk: int):
    equipment = get_object_or_404(selectors.equipment_for(request.user), pk=pk)
    form = None
    if cipher_permissions.may_keep_cipher_books(request.user):
        form = forms.MaintenanceForm(request.POST or None, user=request.user)
        if submit_form(
            request,
            form,
            lambda data: equipment_services.maintenance_record(
                actor=request.user, equipment=equipment, **data
            ),
            _("Đã ghi sổ bảo dưỡng."),
        ):
            return redirect(equipment)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "cipher/equipment_detail.html",
        {
            "object": equipment,
            "records": equipment.maintenance.select_related("done_by")[:100],
            "form": form,
            "history": history_of(equipment)[:50],
        },
    )


# Network inspections -------------------------------------------------------------------------


@login_required
def inspection_list(request):
    form = None
    if cipher_permissions.may_keep_cipher_books(request.user):
        form = forms.InspectionForm(request.POST or None, user=request.user)
        created = submit_form(
            request,
            form,
            lambda data: equipment_services.inspection_create(actor=request.user, **data),
            _("Đã ghi đợt kiểm tra."),
        )
        if created:
            return redirect(created)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "cipher/inspection_list.html",
        {"page": _page(request, selectors.inspections_for(request.user)), "form": form},
    )


def _follow_up(user, obj, form):
    data = form.cleaned_data
    equipment_services.finding_follow_up(
        actor=user, finding=data["finding"], follow_up=data["follow_up"], fixed=data["fixed"]
    )


class InspectionDetailView(ActionDetailView):
    model = NetworkInspection
    template_name = "cipher/inspection_detail.html"
    list_url_name = "cipher:inspections"
    actions = {
        "finding": Action(
            label=gettext_lazy("Ghi tồn tại cần khắc phục"),
            allowed=permissions.can_edit,
            perform=lambda user, obj, form: equipment_services.finding_add(
                actor=user, inspection=obj, **form.cleaned_data
            ),
            form_class=forms.FindingForm,
            success=gettext_lazy("Đã ghi."),
        ),
        "follow_up": Action(
            label=gettext_lazy("Theo dõi khắc phục"),
            allowed=lambda user, obj: (
                permissions.can_edit(user, obj) and obj.findings.filter(status="open").exists()
            ),
            perform=_follow_up,
            form_class=forms.FollowUpForm,
            form_kwargs=lambda obj: {"inspection": obj},
            success=gettext_lazy("Đã ghi kết quả theo dõi."),
        ),
        "reassign": REASSIGN,
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["findings"] = self.object.findings.all()
        return context


# IT support ----------------------------------------------------------------------------------


@login_required
def ticket_list(request):
    box = query_text(request, "box", "all")
    if box not in {"all", "mine"}:
        box = "all"
    return render(
        request,
        "cipher/ticket_list.html",
        {"page": _page(request, selectors.tickets_for(request.user, box=box)), "box": box},
    )


@login_required
def ticket_create(request):
    form = forms.TicketForm(request.POST or None, user=request.user)
    created = submit_form(
        request,
        form,
        lambda data: support.ticket_create(actor=request.user, **data),
        _("Đã gửi yêu cầu hỗ trợ tới Phòng Cơ yếu – CNTT."),
    )
    if created:
        return redirect(created)
    return render(request, "cipher/ticket_form.html", {"form": form})


class TicketDetailView(ActionDetailView):
    model = SupportTicket
    template_name = "cipher/ticket_detail.html"
    list_url_name = "cipher:tickets"
    actions = {
        "assign": Action(
            label=gettext_lazy("Phân công xử lý"),
            allowed=lambda user, obj: (
                obj.status != TicketStatus.RESOLVED
                and cipher_permissions.may_assign_ticket(user, obj)
            ),
            perform=lambda user, obj, form: support.ticket_assign(
                actor=user, ticket=obj, assignee=form.cleaned_data["assignee"]
            ),
            form_class=forms.AssignForm,
            success=gettext_lazy("Đã phân công."),
        ),
        "start": Action(
            label=gettext_lazy("Tiếp nhận xử lý"),
            allowed=lambda user, obj: (
                obj.status in (TicketStatus.NEW, TicketStatus.ASSIGNED)
                and cipher_permissions.may_handle_ticket(user, obj)
            ),
            perform=lambda user, obj, form: support.ticket_start(actor=user, ticket=obj),
            success=gettext_lazy("Đã tiếp nhận."),
            primary=True,
        ),
        "resolve": Action(
            label=gettext_lazy("Báo đã xử lý xong"),
            allowed=lambda user, obj: (
                obj.status != TicketStatus.RESOLVED
                and cipher_permissions.may_handle_ticket(user, obj)
            ),
            perform=lambda user, obj, form: support.ticket_resolve(
                actor=user, ticket=obj, **form.cleaned_data
            ),
            form_class=forms.ResolutionForm,
            success=gettext_lazy("Đã báo xử lý xong."),
        ),
    }

    def get_queryset(self):
        return SupportTicket.objects.select_related("requested_by", "owner", "priority")


# Rights ------------------------------------------------------------------------------------------


@login_required
def rights_register(request):
    """CY's page: who holds what right, granted by whom, until when."""
    selectors.require_books(request.user)
    scope = query_text(request, "xem", "hien-tai")
    q = query_text(request, "q")
    rows = selectors.rights_held(current=scope != "tat-ca", q=q)
    pending = PrivilegedChange.objects.filter(status="pending").select_related(
        "target", "requested_by", "head_approved_by"
    )[:50]
    return render(
        request,
        "cipher/rights_register.html",
        {
            "page": page_of(request, rows, size=PAGE_SIZE),
            "scope": scope,
            "q": q,
            "pending": pending,
        },
    )


@login_required
def rights_detail(request, pk: int):
    selectors.require_books(request.user)
    assignment = get_object_or_404(
        RoleAssignment.objects.select_related(
            "user__staff__unit", "role", "granted_by", "granted_through__requested_by"
        ),
        pk=pk,
    )
    return render(
        request,
        "cipher/rights_detail.html",
        {
            "object": assignment,
            "history": history_of(assignment)[:50],
            "recertifications": assignment.recertifications.select_related("decided_by"),
        },
    )


def _staff_of(user):
    viewer = permissions.viewer_for(user)
    return (
        get_user_model()
        .objects.filter(rights.recertified_by(viewer), is_active=True)
        .order_by("first_name", "last_name")
    )


@login_required
def unit_rights(request):
    """A head's page: his staff's rights to recertify, a right to ask for one of them, and the
    requests that wait for his approval."""
    user = request.user
    targets = _staff_of(user)
    awaiting = selectors.rights_requests_awaiting(user)
    if not targets.exists() and not awaiting:
        raise Http404
    form = forms.RightsRequestForm(
        request.POST if request.POST.get("form") == "request" else None,
        targets=targets,
        user=user,
    )
    item_form = forms.SecretItemRequestForm(
        request.POST if request.POST.get("form") == "item" else None,
        targets=targets,
        user=user,
        prefix="mat",
    )
    clearance_form = forms.ClearanceRequestForm(
        request.POST if request.POST.get("form") == "clearance" else None,
        targets=targets,
        user=user,
        prefix="do-mat",
    )
    if request.method == "POST":
        handled = _unit_rights_post(request, form, item_form, clearance_form)
        if handled is not None:
            return handled
    return render(
        request,
        "cipher/unit_rights.html",
        {
            "form": form,
            "item_form": item_form,
            "clearance_form": clearance_form,
            "rights": selectors.unit_rights_for(user),
            "awaiting": awaiting,
            "mine": selectors.rights_requests_mine(user),
            "period_start": rights.period_start(timezone.localdate()),
            "deadline": rights.recertification_deadline(rights.period_start(timezone.localdate())),
            "recertify_errors": getattr(request, "_recertify_errors", None),
        },
    )


def _period(data) -> dict:
    return {"starts_on": data["starts_on"].isoformat(), "ends_on": data["ends_on"].isoformat()}


def _unit_rights_post(request, form, item_form, clearance_form):
    which = request.POST.get("form")
    user = request.user
    if which == "item":
        if submit_form(
            request,
            item_form,
            lambda data: unit_services.privileged_change_request(
                actor=user,
                target=data["target"],
                kind=PrivilegedChangeKind.SECRET_ITEM,
                payload={"item": data["item"], "item_id": data["item_id"], **_period(data)},
                reason=data["reason"],
                scope=data["scope"],
            ),
            _("Đã gửi đề nghị quyền xem tài liệu mật, chờ Trưởng phòng Cơ yếu – CNTT duyệt."),
        ):
            return redirect("cipher:unit-rights")
        return None
    if which == "clearance":
        if submit_form(
            request,
            clearance_form,
            lambda data: unit_services.privileged_change_request(
                actor=user,
                target=data["target"],
                kind=PrivilegedChangeKind.CLEARANCE,
                payload={"level": data["level"], **_period(data)},
                reason=data["reason"],
                scope=data["scope"],
            ),
            _("Đã gửi đề nghị quyền tiếp cận mức độ mật, chờ Trưởng phòng Cơ yếu – CNTT duyệt."),
        ):
            return redirect("cipher:unit-rights")
        return None
    if which == "request":
        if submit_form(
            request,
            form,
            lambda data: unit_services.privileged_change_request(
                actor=user,
                target=data["target"],
                kind=PrivilegedChangeKind.ROLE,
                payload={
                    "role": data["role"].code,
                    "starts_on": data["starts_on"].isoformat(),
                    "ends_on": data["ends_on"].isoformat(),
                },
                reason=data["reason"],
                scope=data["scope"],
            ),
            _("Đã gửi đề nghị cấp quyền, chờ Trưởng phòng Cơ yếu – CNTT duyệt."),
        ):
            return redirect("cipher:unit-rights")
        return None
    if which == "decide":
        decide = forms.DecideForm(request.POST, user=user)
        if not decide.is_valid():
            raise PermissionDenied
        change = next(
            (
                row
                for row in selectors.rights_requests_awaiting(user)
                if row.pk == decide.cleaned_data["change"]
            ),
            None,
        )
        if change is None:
            raise Http404
        verb = request.POST.get("decision")
        service = {
            "approve": unit_services.privileged_change_approve,
            "reject": unit_services.privileged_change_reject,
        }.get(verb)
        if service is None:
            raise PermissionDenied
        try:
            service(actor=user, change=change, comment=decide.cleaned_data["comment"])
        except ValidationError as error:
            # a secret item that moved or lost its secrecy while the request waited
            messages.error(request, " ".join(error.messages))
            return None
        messages.success(request, _("Đã ghi quyết định về đề nghị cấp quyền."))
        return redirect(request.path)
    if which == "recertify":
        recertify = forms.RecertifyForm(request.POST, user=user)
        if not recertify.is_valid():
            request._recertify_errors = " ".join(
                str(error) for errors in recertify.errors.values() for error in errors
            )
            messages.error(request, request._recertify_errors)
            return None
        assignment = (
            selectors.unit_rights_for(user).filter(pk=recertify.cleaned_data["assignment"]).first()
        )
        if assignment is None:
            raise Http404
        verb = request.POST.get("decision")
        if verb not in ("keep", "revoke"):
            raise PermissionDenied
        try:
            rights.recertify(
                actor=user,
                assignment=assignment,
                keep=verb == "keep",
                reason=recertify.cleaned_data["reason"],
            )
        except ValidationError as error:
            attach_errors(recertify, error)
            messages.error(request, " ".join(error.messages))
            return None
        messages.success(request, _("Đã ghi kết quả rà soát quyền."))
        return redirect(request.path)
    raise PermissionDenied
