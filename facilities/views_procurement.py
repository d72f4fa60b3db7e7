"""Thin views of procurement (Điều 9.6): the door fetches, the services write."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import uploads
from core.paging import page_of
from facilities import forms_procurement as forms
from facilities import permissions as rules
from facilities.forms import DecideForm
from facilities.models import Procurement, ProcurementStage, Quote, ReceiveInto, StockItem
from facilities.services import procurement as services
from units import approvals, permissions
from units.choices import ApprovalStatus, DecisionKind
from units.mixins import Action, ActionDetailView, submit_form

PAGE_SIZE = 50


@login_required
def procurement_list(request):
    rows = permissions.visible(
        Procurement.objects.select_related("owner", "lead_unit", "chosen_quote"), request.user
    )
    return render(
        request,
        "facilities/procurement/list.html",
        {
            "page": page_of(request, rows, size=PAGE_SIZE),
            "can_create": rules.may_request(request.user),
            "is_qt": rules.is_qt_staff(request.user),
        },
    )


@login_required
def procurement_create(request):
    if not rules.may_request(request.user):
        raise PermissionDenied
    form = forms.ProcurementForm(request.POST or None, user=request.user)
    created = submit_form(
        request,
        form,
        lambda data: services.procurement_create(actor=request.user, **data),
        _("Đã gửi đề nghị mua sắm."),
    )
    if created is not None:
        return redirect(created)
    return render(request, "facilities/procurement/form.html", {"form": form})


def _quoting(obj) -> bool:
    return obj.stage == ProcurementStage.QUOTING and obj.approval_status in (
        ApprovalStatus.DRAFT,
        ApprovalStatus.RETURNED,
    )


def _may_quote(user, obj) -> bool:
    return rules.is_qt_staff(user) and _quoting(obj)


def _may_submit(user, obj) -> bool:
    return (
        obj.owner_id == user.pk
        and _quoting(obj)
        and obj.chosen_quote_id is not None
        and permissions.can_edit(user, obj)
    )


def _may_purchase(user, obj) -> bool:
    return (
        rules.is_qt_staff(user)
        and obj.approval_status == ApprovalStatus.APPROVED
        and obj.stage == ProcurementStage.QUOTING
    )


def _may_receive(into):
    def allowed(user, obj) -> bool:
        return (
            rules.is_qt_staff(user)
            and obj.stage == ProcurementStage.PURCHASED
            and obj.receive_into == into
        )

    return allowed


def _decide(kind):
    def perform(user, obj, form):
        approvals.approval_decide(
            actor=user, obj=obj, kind=kind, comment=form.cleaned_data["comment"]
        )

    return perform


class ProcurementDetailView(ActionDetailView):
    model = Procurement
    template_name = "facilities/procurement/detail.html"
    list_url_name = "facilities:procurements"
    actions = {
        "approve": Action(
            label=gettext_lazy("Duyệt"),
            allowed=lambda user, obj: approvals.can_decide(user, obj),
            perform=_decide(DecisionKind.APPROVE),
            form_class=DecideForm,
            success=gettext_lazy("Đã duyệt."),
            primary=True,
        ),
        "return": Action(
            label=gettext_lazy("Trả lại"),
            allowed=lambda user, obj: approvals.can_decide(user, obj),
            perform=_decide(DecisionKind.RETURN),
            form_class=DecideForm,
            success=gettext_lazy("Đã trả lại."),
            destructive=True,
        ),
        "quote": Action(
            label=gettext_lazy("Thêm báo giá"),
            allowed=_may_quote,
            perform=lambda user, obj, form: services.quote_add(
                actor=user, procurement=obj, **form.cleaned_data
            ),
            form_class=forms.QuoteForm,
            success=gettext_lazy("Đã thêm báo giá."),
        ),
        "choose": Action(
            label=gettext_lazy("Chọn báo giá"),
            allowed=lambda user, obj: _may_quote(user, obj) and obj.quotes.exists(),
            perform=lambda user, obj, form: services.quote_choose(
                actor=user, procurement=obj, **form.cleaned_data
            ),
            form_class=forms.ChooseQuoteForm,
            form_kwargs=lambda obj: {"procurement": obj},
            success=gettext_lazy("Đã chọn báo giá."),
        ),
        "submit": Action(
            label=gettext_lazy("Trình duyệt"),
            allowed=_may_submit,
            perform=lambda user, obj, form: services.procurement_submit(
                actor=user, procurement=obj
            ),
            success=gettext_lazy("Đã trình duyệt."),
            primary=True,
        ),
        "purchase": Action(
            label=gettext_lazy("Ghi việc mua sắm"),
            allowed=_may_purchase,
            perform=lambda user, obj, form: services.purchase_record(
                actor=user, procurement=obj, **form.cleaned_data
            ),
            form_class=forms.PurchaseForm,
            success=gettext_lazy("Đã ghi việc mua sắm."),
            primary=True,
        ),
        "receive_register": Action(
            label=gettext_lazy("Ghi sổ tài sản"),
            allowed=_may_receive(ReceiveInto.REGISTER),
            perform=lambda user, obj, form: services.receive_into_register(
                actor=user, procurement=obj, **form.cleaned_data
            ),
            form_class=forms.ReceiveAssetsForm,
            success=gettext_lazy("Đã ghi sổ tài sản."),
            primary=True,
        ),
        "receive_stock": Action(
            label=gettext_lazy("Nhập kho văn phòng phẩm"),
            allowed=_may_receive(ReceiveInto.STOCK),
            perform=lambda user, obj, form: services.receive_into_stock(
                actor=user, procurement=obj
            ),
            success=gettext_lazy("Đã nhập kho."),
            primary=True,
        ),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lines"] = list(self.object.lines.all())
        context["quotes"] = list(self.object.quotes.all())
        context["decisions"] = approvals.decisions_for(self.object)
        return context


@login_required
def quote_file(request, pk: int):
    quote = get_object_or_404(Quote.objects.select_related("procurement"), pk=pk)
    if not permissions.can_see(request.user, quote.procurement) or not quote.file:
        raise Http404
    return uploads.serve(quote.file, f"bao-gia-{quote.pk}")


# The stationery stock -----------------------------------------------------------------------


def _require_qt(user) -> None:
    if not rules.is_qt_staff(user):
        raise Http404


@login_required
def stock_list(request):
    _require_qt(request.user)
    return render(
        request,
        "facilities/procurement/stock_list.html",
        {"page": page_of(request, StockItem.objects.all(), size=PAGE_SIZE)},
    )


@login_required
def stock_item(request, pk: int):
    _require_qt(request.user)
    item = get_object_or_404(StockItem, pk=pk)
    form = forms.IssueForm(request.POST or None, user=request.user)
    issued = submit_form(
        request,
        form,
        lambda data: services.stock_issue(actor=request.user, item=item, **data),
        _("Đã xuất kho."),
    )
    if issued is not None:
        return redirect("facilities:stock-item", pk=item.pk)
    movements = item.movements.select_related("issued_to", "moved_by", "procurement")[:100]
    return render(
        request,
        "facilities/procurement/stock_item.html",
        {"item": item, "form": form, "movements": movements},
    )
