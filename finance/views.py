"""Thin views of Party finance: the door (or the finance predicates) fetches, the services
write."""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from core.inputs import query_id, query_text
from core.paging import page_of
from finance import documents, forms, permissions, selectors, services
from finance.choices import IMPORT_FIELDS, EstimateKind, ImportStatus, InspectionStatus
from finance.models import (
    BudgetLine,
    BudgetUnit,
    DuesCharge,
    DuesFlag,
    Estimate,
    FinanceInspection,
    PartyMember,
    Settlement,
    month_start,
)
from units import approvals
from units import forms as unit_forms
from units import permissions as door
from units import services as unit_services
from units.choices import ApprovalStatus
from units.mixins import Action, ActionDetailView, attach_errors, submit_form
from units.selectors import discussions_of

PAGE_SIZE = 50


def _year(request) -> int:
    value = query_id(request, "nam")
    today = timezone.localdate().year
    return value if value is not None and 2000 <= value <= 2100 else today


def _require(allowed: bool) -> None:
    if not allowed:
        raise Http404


@login_required
def home(request):
    user = request.user
    return render(
        request,
        "finance/home.html",
        {
            "follows": permissions.oversees_finance(user),
            "prepares": permissions.may_prepare_estimates(user),
            "finance_staff": permissions.is_finance_staff(user),
            "member": PartyMember.objects.filter(user_id=user.pk).first(),
            "secretary": PartyMember.objects.filter(cell__secretary_id=user.pk).exists(),
        },
    )


# Estimates -------------------------------------------------------------------------------------


@login_required
def estimate_list(request):
    page = page_of(request, selectors.estimates_for(request.user), size=PAGE_SIZE)
    door.log_secret_rows(page.rows, request.user, via="list")
    return render(
        request,
        "finance/estimate_list.html",
        {
            "page": page,
            "can_create": permissions.may_prepare_estimates(request.user),
            "can_consolidate": permissions.is_finance_head(request.user),
        },
    )


@login_required
def estimate_create(request):
    _require(permissions.may_prepare_estimates(request.user))
    form = forms.EstimateForm(request.POST or None, user=request.user)
    estimate = submit_form(
        request,
        form,
        lambda data: services.estimate_create(actor=request.user, **data),
        _("Đã lập dự toán."),
    )
    if estimate is not None:
        return redirect(estimate)
    return render(request, "finance/form.html", {"form": form, "title": _("Lập dự toán")})


@login_required
def consolidate(request):
    _require(permissions.is_finance_head(request.user))
    year = _year(request)
    parts = door.visible(
        Estimate.objects.filter(kind=EstimateKind.UNIT).select_related("budget_unit"), request.user
    )
    form = forms.ConsolidateForm(
        request.POST or None, user=request.user, parts=parts, initial={"year": year}
    )
    estimate = submit_form(
        request,
        form,
        lambda data: services.consolidated_create(
            actor=request.user, year=data["year"], title=data["title"], parts=list(data["parts"])
        ),
        _("Đã tổng hợp dự toán."),
    )
    if estimate is not None:
        return redirect(estimate)
    return render(request, "finance/form.html", {"form": form, "title": _("Tổng hợp dự toán")})


def _editable(user, estimate) -> bool:
    return (
        estimate.approval_status in services.EDITABLE_STATUSES
        and estimate.handed_at is None
        and door.can_edit(user, estimate)
    )


def _approved_owner(user, obj) -> bool:
    return obj.approval_status == ApprovalStatus.APPROVED and door.can_edit(user, obj)


def _discuss(user, obj, form) -> None:
    unit_services.discussion_record(actor=user, obj=obj, **form.cleaned_data)


def _submit(user, obj, form) -> None:
    approvals.approval_submit(actor=user, obj=obj)


def _may_submit(user, obj) -> bool:
    return (
        obj.is_consolidated
        and obj.approval_status in services.EDITABLE_STATUSES
        and door.can_edit(user, obj)
    )


def _line_set(user, estimate, form) -> None:
    services.line_set(actor=user, estimate=estimate, **form.cleaned_data)


def _allocate(user, estimate, form) -> None:
    data = form.cleaned_data
    services.allocation_set(
        actor=user,
        year=estimate.year,
        budget_unit=data["budget_unit"],
        budget_line=data["budget_line"],
        amounts=[data["q1"], data["q2"], data["q3"], data["q4"]],
    )


class EstimateDetailView(ActionDetailView):
    model = Estimate
    template_name = "finance/estimate_detail.html"
    list_url_name = "finance:estimates"
    actions = {
        "line": Action(
            label=gettext_lazy("Ghi dòng dự toán"),
            allowed=_editable,
            perform=_line_set,
            form_class=forms.LineForm,
            form_kwargs=lambda estimate: {"consolidated": estimate.is_consolidated},
            success=gettext_lazy("Đã ghi dòng dự toán."),
        ),
        "hand": Action(
            label=gettext_lazy("Gửi Phòng Tài chính đảng tổng hợp"),
            allowed=lambda user, obj: not obj.is_consolidated and _editable(user, obj),
            perform=lambda user, obj, form: services.estimate_hand_over(actor=user, estimate=obj),
            success=gettext_lazy("Đã gửi Phòng Tài chính đảng."),
            primary=True,
        ),
        "discuss": Action(
            label=gettext_lazy("Ghi thảo luận tập thể"),
            allowed=_may_submit,
            perform=_discuss,
            form_class=unit_forms.DiscussionForm,
            form_kwargs=lambda obj: {"unit_id": obj.lead_unit_id},
            success=gettext_lazy("Đã ghi thảo luận tập thể."),
        ),
        "submit": Action(
            label=gettext_lazy("Trình lãnh đạo Văn phòng"),
            allowed=_may_submit,
            perform=_submit,
            success=gettext_lazy("Đã trình."),
            primary=True,
        ),
        "decision": Action(
            label=gettext_lazy("Ghi quyết định của Ban Thường vụ, giao dự toán"),
            allowed=lambda user, obj: obj.is_consolidated and _approved_owner(user, obj),
            perform=lambda user, obj, form: services.estimate_record_decision(
                actor=user, estimate=obj, **form.cleaned_data
            ),
            form_class=forms.DecisionRecordForm,
            initial=lambda obj: {
                "decision_number": obj.decision_number,
                "decision_date": obj.decision_date,
                "allocation_number": obj.allocation_number,
                "allocation_date": obj.allocation_date,
            },
            success=gettext_lazy("Đã ghi quyết định."),
        ),
        "allocate": Action(
            label=gettext_lazy("Phân bổ theo quý"),
            allowed=lambda user, obj: (
                obj.is_consolidated
                and obj.is_current
                and obj.approval_status == ApprovalStatus.APPROVED
                and permissions.is_finance_staff(user)
            ),
            perform=_allocate,
            form_class=forms.AllocationForm,
            success=gettext_lazy("Đã phân bổ."),
        ),
        "revise": Action(
            label=gettext_lazy("Điều chỉnh dự toán (phiên bản mới)"),
            allowed=lambda user, obj: (
                obj.is_consolidated and obj.is_current and _approved_owner(user, obj)
            ),
            perform=lambda user, obj, form: services.estimate_revise(
                actor=user, estimate=obj, **form.cleaned_data
            ),
            form_class=forms.ReviseForm,
            success=gettext_lazy("Đã lập phiên bản điều chỉnh."),
        ),
        "settle": Action(
            label=gettext_lazy("Lập quyết toán"),
            allowed=lambda user, obj: (
                obj.is_consolidated and obj.is_current and _approved_owner(user, obj)
            ),
            perform=lambda user, obj, form: services.settlement_prepare(
                actor=user, estimate=obj, **form.cleaned_data
            ),
            form_class=forms.SettlementForm,
            success=gettext_lazy("Đã lập quyết toán."),
        ),
        "publish": Action(
            label=gettext_lazy("Công khai cho cán bộ Văn phòng"),
            allowed=lambda user, obj: (
                obj.published_at is None and not obj.is_secret and _approved_owner(user, obj)
            ),
            perform=lambda user, obj, form: services.estimate_publish(actor=user, estimate=obj),
            success=gettext_lazy("Đã công khai."),
        ),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        estimate = self.object
        context["lines"] = selectors.estimate_lines(estimate)
        context["total"] = sum((line.amount for line in context["lines"]), 0)
        context["decisions"] = approvals.decisions_for(estimate)
        context["discussions"] = discussions_of(estimate)
        context["versions"] = selectors.versions_of(estimate)
        context["parts"] = (
            estimate.parts.select_related("budget_unit") if estimate.is_consolidated else []
        )
        return context


@login_required
def estimate_compare(request, pk):
    estimate = door.get_visible_or_404(Estimate.objects.all(), request.user, pk=pk)
    if estimate.previous_version_id is None:
        raise Http404
    previous = door.get_visible_or_404(
        Estimate.objects.all(), request.user, pk=estimate.previous_version_id
    )
    return render(
        request,
        "finance/estimate_compare.html",
        {
            "object": estimate,
            "previous": previous,
            "rows": selectors.compare_versions(previous, estimate),
        },
    )


# Following the budget --------------------------------------------------------------------------


@login_required
def follow(request):
    units = permissions.budget_units_for(request.user, BudgetUnit.objects.all())
    _require(units.exists())
    year = _year(request)
    unit_id = query_id(request, "don_vi")
    # All units at once: one row per unit, each opening its lines.
    table = selectors.budget_vs_actual(request.user, year, unit_id, per_line=unit_id is not None)
    return render(
        request,
        "finance/follow.html",
        {
            "table": table,
            "totals": {
                name: table.total(name) for name in ("estimate", "allocated", "committed", "actual")
            },
            "year": year,
            "units": units,
            "unit_id": unit_id,
            "line_base": reverse("finance:follow-line", args=[year, 0, 0])[: -len("0/0/")],
        },
    )


@login_required
def follow_line(request, year, unit_pk, line_pk):
    _require(2000 <= year <= 2100)
    unit = get_object_or_404(
        permissions.budget_units_for(request.user, BudgetUnit.objects.all()), pk=unit_pk
    )
    line = get_object_or_404(BudgetLine, pk=line_pk)
    return render(
        request,
        "finance/follow_line.html",
        {
            "year": year,
            "unit": unit,
            "line": line,
            "commitments": selectors.commitments_of(year, unit.pk, line.pk)[:PAGE_SIZE],
            "rows": page_of(
                request, selectors.actual_rows_of(year, unit.pk, line.pk), size=PAGE_SIZE
            ),
        },
    )


@login_required
def commitment_create(request):
    """Record a commitment from an approved spending proposal by hand (other apps call the
    service directly); a warning past the threshold is shown, a refusal keeps the form."""
    _require(permissions.is_finance_staff(request.user))
    form = forms.CommitmentForm(
        request.POST or None, user=request.user, initial={"committed_on": timezone.localdate()}
    )
    result = submit_form(
        request,
        form,
        lambda data: services.commitment_record(
            actor=request.user, year=data["committed_on"].year, **data
        ),
        _("Đã ghi cam kết chi."),
    )
    if result is not None:
        if result.warning:
            messages.warning(request, result.warning)
        return redirect(f"{reverse('finance:follow')}?nam={result.commitment.year}")
    return render(request, "finance/form.html", {"form": form, "title": _("Ghi cam kết chi")})


# Imports ---------------------------------------------------------------------------------------


@login_required
def import_list(request):
    _require(permissions.may_see_imports(request.user))
    page = page_of(request, selectors.imports_for(request.user), size=PAGE_SIZE)
    return render(
        request,
        "finance/import_list.html",
        {"page": page, "can_import": permissions.may_import(request.user)},
    )


@login_required
def mapping_edit(request):
    _require(permissions.may_import(request.user))
    form = forms.MappingForm(request.POST or None, user=request.user)
    mapping = submit_form(
        request,
        form,
        lambda data: services.mapping_save(
            actor=request.user,
            name=data["name"],
            columns=form.columns(),
            date_format=data["date_format"],
        ),
        _("Đã lưu mẫu nhập."),
    )
    if mapping is not None:
        return redirect("finance:import-create")
    return render(request, "finance/form.html", {"form": form, "title": _("Mẫu nhập số liệu chi")})


@login_required
def import_create(request):
    _require(permissions.may_import(request.user))
    form = forms.ImportForm(request.POST or None, request.FILES or None, user=request.user)
    spending_import = submit_form(
        request,
        form,
        lambda data: services.import_preview(
            actor=request.user, year=data["year"], mapping=data["mapping"], upload=data["file"]
        ),
        _("Đã kiểm tra tệp: xem trước rồi xác nhận nhập."),
    )
    if spending_import is not None:
        return redirect(spending_import)
    return render(
        request,
        "finance/form.html",
        {"form": form, "title": _("Nhập số liệu chi thực tế"), "multipart": True},
    )


@login_required
def import_detail(request, pk):
    _require(permissions.may_see_imports(request.user))
    spending_import = get_object_or_404(selectors.imports_for(request.user), pk=pk)
    if request.method == "POST":
        _require(permissions.may_import(request.user))
        try:
            services.import_confirm(actor=request.user, spending_import=spending_import)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return render(
                request,
                "finance/import_detail.html",
                {"object": spending_import, "fields": IMPORT_FIELDS, "can_import": True},
                status=400,
            )
        messages.success(request, _("Đã nhập số liệu chi."))
        return redirect(spending_import)
    return render(
        request,
        "finance/import_detail.html",
        {
            "object": spending_import,
            "fields": IMPORT_FIELDS,
            "can_import": permissions.may_import(request.user)
            and spending_import.status == ImportStatus.PREVIEW,
        },
    )


# Settlements -----------------------------------------------------------------------------------


@login_required
def settlement_list(request):
    page = page_of(request, selectors.settlements_for(request.user), size=PAGE_SIZE)
    door.log_secret_rows(page.rows, request.user, via="list")
    return render(request, "finance/settlement_list.html", {"page": page})


def _settlement_editable(user, settlement) -> bool:
    return settlement.approval_status in services.EDITABLE_STATUSES and door.can_edit(
        user, settlement
    )


class SettlementDetailView(ActionDetailView):
    model = Settlement
    template_name = "finance/settlement_detail.html"
    list_url_name = "finance:settlements"
    actions = {
        "explain": Action(
            label=gettext_lazy("Giải trình chênh lệch"),
            allowed=_settlement_editable,
            perform=lambda user, obj, form: services.settlement_explain(
                actor=user,
                line=form.cleaned_data["line"],
                explanation=form.cleaned_data["explanation"],
            ),
            form_class=forms.ExplainForm,
            form_kwargs=lambda obj: {"settlement": obj},
            success=gettext_lazy("Đã ghi giải trình."),
        ),
        "discuss": Action(
            label=gettext_lazy("Ghi thảo luận tập thể"),
            allowed=_settlement_editable,
            perform=_discuss,
            form_class=unit_forms.DiscussionForm,
            form_kwargs=lambda obj: {"unit_id": obj.lead_unit_id},
            success=gettext_lazy("Đã ghi thảo luận tập thể."),
        ),
        "submit": Action(
            label=gettext_lazy("Trình lãnh đạo Văn phòng"),
            allowed=_settlement_editable,
            perform=_submit,
            success=gettext_lazy("Đã trình."),
            primary=True,
        ),
        "publish": Action(
            label=gettext_lazy("Công khai cho cán bộ Văn phòng"),
            allowed=lambda user, obj: (
                obj.published_at is None and not obj.is_secret and _approved_owner(user, obj)
            ),
            perform=lambda user, obj, form: services.settlement_publish(actor=user, settlement=obj),
            success=gettext_lazy("Đã công khai."),
        ),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        settlement = self.object
        to_explain = {line.pk for line in services.lines_to_explain(settlement)}
        context["lines"] = [
            (line, line.pk in to_explain)
            for line in settlement.lines.select_related("budget_unit", "budget_line")
        ]
        context["decisions"] = approvals.decisions_for(settlement)
        context["discussions"] = discussions_of(settlement)
        return context


@login_required
@xframe_options_sameorigin
def settlement_pdf(request, pk):
    settlement = door.get_visible_or_404(Settlement.objects.all(), request.user, pk=pk, via="pdf")
    response = HttpResponse(documents.settlement_pdf(settlement), content_type="application/pdf")
    disposition = "inline" if request.GET.get("xem") == "1" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="quyet-toan-{settlement.year}.pdf"'
    return response


@login_required
def settlement_xlsx(request, pk):
    settlement = door.get_visible_or_404(Settlement.objects.all(), request.user, pk=pk, via="xlsx")
    response = HttpResponse(
        documents.settlement_xlsx(settlement),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="quyet-toan-{settlement.year}.xlsx"'
    return response


# Publication -----------------------------------------------------------------------------------


@login_required
def published(request):
    return render(
        request,
        "finance/published.html",
        {
            "estimates": selectors.published_estimates()[:PAGE_SIZE],
            "settlements": selectors.published_settlements()[:PAGE_SIZE],
        },
    )


@login_required
def published_estimate(request, pk):
    estimate = get_object_or_404(selectors.published_estimates(), pk=pk)
    lines = selectors.estimate_lines(estimate)
    return render(
        request,
        "finance/published_estimate.html",
        {"object": estimate, "lines": lines, "total": sum((line.amount for line in lines), 0)},
    )


@login_required
def published_settlement(request, pk):
    settlement = get_object_or_404(selectors.published_settlements(), pk=pk)
    return render(
        request,
        "finance/published_settlement.html",
        {
            "object": settlement,
            "lines": settlement.lines.select_related("budget_unit", "budget_line"),
        },
    )


# Party dues ------------------------------------------------------------------------------------


def _month(request) -> date:
    text = query_text(request, "thang")
    try:
        year, number = (int(part) for part in text.split("-")[:2])
        return (
            date(year, number, 1)
            if 2000 <= year <= 2100 and 1 <= number <= 12
            else month_start(timezone.localdate())
        )
    except ValueError:
        return month_start(timezone.localdate())


def _may_read_dues(user) -> bool:
    return (
        permissions.oversees_finance(user)
        or PartyMember.objects.filter(cell__secretary_id=user.pk).exists()
    )


@login_required
def dues_month(request):
    _require(_may_read_dues(request.user))
    month = _month(request)
    page = page_of(request, selectors.dues_month_rows(request.user, month), size=PAGE_SIZE)
    return render(
        request,
        "finance/dues_month.html",
        {
            "page": page,
            "month": month,
            "can_record": permissions.may_record_dues(request.user),
            "form": forms.MonthPickForm(user=request.user, initial={"month": month}),
        },
    )


@login_required
@require_POST
def dues_compute(request):
    _require(permissions.may_record_dues(request.user))
    form = forms.MonthPickForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(
            request, " ".join(error for errors in form.errors.values() for error in errors)
        )
        return redirect("finance:dues")
    month = form.cleaned_data["month"]
    try:
        result = services.dues_compute(actor=request.user, month=month)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("finance:dues")
    messages.success(
        request,
        _(
            "Đã tính đảng phí tháng %(month)s: %(created)s mới, %(updated)s cập nhật, "
            "%(missing)s đảng viên chưa có căn cứ."
        )
        % {
            "month": f"{month:%m/%Y}",
            "created": result.created,
            "updated": result.updated,
            "missing": len(result.missing),
        },
    )
    return redirect(f"{reverse('finance:dues')}?thang={month:%Y-%m}")


@login_required
def payroll_import(request):
    """The month's income basis from payroll: one file, refused whole on a bad row."""
    _require(permissions.may_record_dues(request.user))
    form = forms.PayrollForm(request.POST or None, request.FILES or None, user=request.user)

    def perform(data):
        upload = data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise ValidationError({"file": _("Tệp quá lớn.")})
        rows = services.read_payroll(upload.read(), upload.name)
        return services.incomes_import(
            actor=request.user, month=data["month"], rows=rows, source=upload.name[:100]
        )

    imported = submit_form(request, form, perform, _("Đã nhập căn cứ tính đảng phí."))
    if imported is not None:
        return redirect("finance:members")
    return render(
        request,
        "finance/form.html",
        {"form": form, "title": _("Nhập căn cứ tính đảng phí từ bảng lương"), "multipart": True},
    )


@login_required
def dues_flags(request):
    _require(_may_read_dues(request.user))
    year = _year(request)
    if request.method == "POST":
        _require(permissions.may_record_dues(request.user))
        try:
            flags = services.dues_flag_run(actor=request.user, year=year)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã báo %(count)s đảng viên.") % {"count": len(flags)})
        return redirect(f"{reverse('finance:dues-flags')}?nam={year}")
    members = selectors.members_for(request.user)
    flags = DuesFlag.objects.filter(year=year, member__in=members).select_related(
        "member", "member__cell"
    )
    return render(
        request,
        "finance/dues_flags.html",
        {
            "flags": flags[:500],
            "year": year,
            "can_record": permissions.may_record_dues(request.user),
        },
    )


@login_required
def member_list(request):
    _require(_may_read_dues(request.user))
    page = page_of(request, selectors.members_for(request.user), size=PAGE_SIZE)
    return render(
        request,
        "finance/member_list.html",
        {"page": page, "can_record": permissions.may_record_dues(request.user)},
    )


@login_required
def member_create(request):
    _require(permissions.may_record_dues(request.user))
    form = forms.MemberForm(request.POST or None, user=request.user)
    member = submit_form(
        request,
        form,
        lambda data: services.member_create(actor=request.user, **data),
        _("Đã ghi đảng viên."),
    )
    if member is not None:
        return redirect(member)
    return render(request, "finance/form.html", {"form": form, "title": _("Ghi đảng viên")})


def _excuse(user, member, data):
    charge = DuesCharge.objects.filter(member=member, month=month_start(data["month"])).first()
    if charge is None:
        raise ValidationError({"month": _("Tháng này chưa tính đảng phí.")})
    services.excuse_record(actor=user, charge=charge, excuse=data["excuse"])


MEMBER_ACTIONS = {
    "income": (
        forms.IncomeForm,
        gettext_lazy("Ghi căn cứ tính đảng phí"),
        lambda user, member, data: services.income_record(actor=user, member=member, **data),
    ),
    "relief": (
        forms.ReliefForm,
        gettext_lazy("Ghi quyết định miễn, giảm"),
        lambda user, member, data: services.relief_record(actor=user, member=member, **data),
    ),
    "payment": (
        forms.PaymentForm,
        gettext_lazy("Ghi đảng phí đã nộp"),
        lambda user, member, data: services.payment_record(actor=user, member=member, **data),
    ),
    "excuse": (forms.ExcuseForm, gettext_lazy("Ghi lý do chưa đóng"), _excuse),
}


def _member_actions(user, member) -> list[str]:
    if permissions.may_record_dues(user):
        return list(MEMBER_ACTIONS)
    if member.cell.secretary_id == user.pk:
        return ["excuse"]
    return []


@login_required
def member_detail(request, pk):
    member = get_object_or_404(selectors.members_for(request.user), pk=pk)
    year = _year(request)
    allowed = _member_actions(request.user, member)
    bound = {}
    if request.method == "POST":
        name = request.POST.get("action", "")
        if name not in allowed:
            raise Http404
        form_class, _label, perform = MEMBER_ACTIONS[name]
        form = form_class(request.POST, prefix=name, user=request.user)
        if form.is_valid():
            try:
                perform(request.user, member, form.cleaned_data)
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã ghi."))
                return redirect(f"{member.get_absolute_url()}?nam={year}")
        bound[name] = form
    actions = {
        name: {
            "label": MEMBER_ACTIONS[name][1],
            "form": bound.get(name) or MEMBER_ACTIONS[name][0](prefix=name, user=request.user),
        }
        for name in allowed
    }
    statement = selectors.member_statement(member, year)
    return render(
        request,
        "finance/member_detail.html",
        {
            "object": member,
            "year": year,
            "statement": statement,
            "owed": selectors.arrears(member),
            "reliefs": member.reliefs.select_related("ground"),
            "actions": actions,
            "flag": member.flags.filter(year=year).first(),
        },
    )


@login_required
def my_dues(request):
    member = PartyMember.objects.filter(user_id=request.user.pk).first()
    if member is None:
        raise Http404
    return redirect(member)


def _quarter(request) -> int:
    value = query_id(request, "quy")
    return value if value in (1, 2, 3, 4) else (timezone.localdate().month - 1) // 3 + 1


@login_required
def organisations(request):
    _require(permissions.oversees_finance(request.user))
    year, quarter = _year(request), _quarter(request)
    can_record = permissions.may_record_dues(request.user)
    form = forms.DuesReportForm(request.POST or None, user=request.user) if can_record else None
    if request.method == "POST":
        _require(can_record)
        report = submit_form(
            request,
            form,
            lambda data: services.dues_report_record(
                actor=request.user, year=year, quarter=quarter, **data
            ),
            _("Đã ghi báo cáo."),
        )
        if report is not None:
            return redirect(f"{reverse('finance:organisations')}?nam={year}&quy={quarter}")
    statuses = selectors.organisations_status(year, quarter)
    return render(
        request,
        "finance/organisations.html",
        {
            "statuses": statuses,
            "year": year,
            "quarter": quarter,
            "form": form,
            "missing": [status for status in statuses if not status.reported],
            "unremitted": [
                status for status in statuses if status.reported and not status.remitted_in_full
            ],
        },
    )


@login_required
def organisations_pdf(request):
    _require(permissions.oversees_finance(request.user))
    year, quarter = _year(request), _quarter(request)
    response = HttpResponse(
        documents.dues_report_pdf(year, quarter, request.user), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="dang-phi-q{quarter}-{year}.pdf"'
    return response


# Inspections (Điều 10.4) -----------------------------------------------------------------------


@login_required
def inspection_list(request):
    page = page_of(request, selectors.inspections_for(request.user), size=PAGE_SIZE)
    door.log_secret_rows(page.rows, request.user, via="list")
    return render(
        request,
        "finance/inspection_list.html",
        {"page": page, "can_create": permissions.is_finance_staff(request.user)},
    )


@login_required
def inspection_create(request):
    _require(permissions.is_finance_staff(request.user))
    form = forms.InspectionForm(request.POST or None, user=request.user)
    inspection = submit_form(
        request,
        form,
        lambda data: services.inspection_plan(
            actor=request.user,
            **{**data, "team": list(data["team"]), "secrecy": data["secrecy"] or ""},
        ),
        _("Đã lập kế hoạch kiểm tra."),
    )
    if inspection is not None:
        return redirect(inspection)
    return render(
        request, "finance/form.html", {"form": form, "title": _("Lập kế hoạch kiểm tra tài chính")}
    )


def _inspection_in(*statuses):
    return lambda user, obj: obj.status in statuses and door.can_edit(user, obj)


class InspectionDetailView(ActionDetailView):
    model = FinanceInspection
    template_name = "finance/inspection_detail.html"
    list_url_name = "finance:inspections"
    actions = {
        "start": Action(
            label=gettext_lazy("Bắt đầu kiểm tra"),
            allowed=_inspection_in(InspectionStatus.PLANNED),
            perform=lambda user, obj, form: services.inspection_start(actor=user, inspection=obj),
            success=gettext_lazy("Đã bắt đầu kiểm tra."),
            primary=True,
        ),
        "finding": Action(
            label=gettext_lazy("Ghi phát hiện, kiến nghị"),
            allowed=_inspection_in(InspectionStatus.IN_PROGRESS),
            perform=lambda user, obj, form: services.finding_add(
                actor=user, inspection=obj, **form.cleaned_data
            ),
            form_class=forms.FindingForm,
            success=gettext_lazy("Đã ghi phát hiện, kiến nghị."),
        ),
        "conclude": Action(
            label=gettext_lazy("Kết luận kiểm tra"),
            allowed=_inspection_in(InspectionStatus.IN_PROGRESS),
            perform=lambda user, obj, form: services.inspection_conclude(
                actor=user, inspection=obj, conclusion=form.cleaned_data["conclusion"]
            ),
            form_class=forms.ConclusionForm,
            success=gettext_lazy("Đã kết luận kiểm tra."),
            primary=True,
        ),
        "follow_up": Action(
            label=gettext_lazy("Ghi kết quả thực hiện kiến nghị"),
            allowed=lambda user, obj: obj.findings.exists() and door.can_edit(user, obj),
            perform=lambda user, obj, form: services.finding_follow_up(
                actor=user,
                finding=form.cleaned_data["finding"],
                status=form.cleaned_data["status"],
                result=form.cleaned_data["result"],
            ),
            form_class=forms.FollowUpForm,
            form_kwargs=lambda obj: {"inspection": obj},
            success=gettext_lazy("Đã ghi kết quả thực hiện."),
        ),
    }

    def get_queryset(self):
        return FinanceInspection.objects.select_related("organisation", "lead_unit", "owner")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["findings"] = selectors.findings_of(self.object)
        context["team"] = list(self.object.team.all())
        context["today"] = timezone.localdate()
        return context


@login_required
@xframe_options_sameorigin
def inspection_pdf(request, pk):
    inspection = door.get_visible_or_404(
        FinanceInspection.objects.select_related("organisation"), request.user, pk=pk, via="pdf"
    )
    if inspection.status != InspectionStatus.CONCLUDED:
        raise Http404
    response = HttpResponse(documents.inspection_pdf(inspection), content_type="application/pdf")
    disposition = "inline" if request.GET.get("xem") == "1" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="ket-luan-kiem-tra-{pk}.pdf"'
    return response
