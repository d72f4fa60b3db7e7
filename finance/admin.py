"""Leadership decide the consolidated estimate and the settlement here (DOMAIN §5), on the
shared decision page, with the lines and, for a revision, the difference line by line. The
catalogues (budget units, budget lines, thresholds, dues regulations and rates, relief grounds,
shares, organisations) are data the administrators edit. Inspections are read here as
guarded work; they are written on the site."""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from finance import selectors
from finance.models import (
    BudgetLine,
    BudgetUnit,
    DuesRate,
    DuesRegime,
    DuesShare,
    Estimate,
    FinanceInspection,
    FinanceThreshold,
    InspectionFinding,
    PartyOrganisation,
    ReliefGround,
    Settlement,
)
from finance.words import amount_in_words, money
from units.admin import ApprovalAdmin, GuardedWorkAdmin, Reading


def _lines_text(rows) -> str:
    return "\n".join(rows)


@admin.register(Estimate)
class EstimateAdmin(ApprovalAdmin):
    list_display = (*ApprovalAdmin.list_display, "year", "version")
    list_select_related = ("lead_unit", "owner")
    list_filter = (*ApprovalAdmin.list_filter, "year", "kind")
    search_fields = ("title",)
    decision_summary_fields = ("kind", "year", "version", "revision_reason", "secrecy")
    decision_diff_template = "finance/_estimate_diff.html"

    def decision_reading(self, request, obj) -> Reading:
        total = selectors.estimate_total(obj)
        rows = [
            f"{line.budget_unit.code} · {line.budget_line.code} {line.budget_line.name}: "
            f"{money(line.amount)} — {line.explanation}"
            for line in selectors.estimate_lines(obj)
        ]
        rows.append(f"{_('Tổng cộng')}: {money(total)} ({amount_in_words(total)})")
        return Reading(
            text=_lines_text(rows), file_url=obj.get_absolute_url(), file_label=_("Xem trên trang")
        )

    def decision_diff_context(self, request, obj) -> dict:
        return {
            "line_diffs": [
                row for row in selectors.compare_versions(obj.previous_version, obj) if row.changed
            ]
            if obj.previous_version_id
            else [],
            "diff_old": obj.previous_version,
            "diff_new": obj,
        }


@admin.register(Settlement)
class SettlementAdmin(ApprovalAdmin):
    list_display = (*ApprovalAdmin.list_display, "year")
    list_select_related = ("lead_unit", "owner")
    list_filter = (*ApprovalAdmin.list_filter, "year")
    decision_summary_fields = ("year", "estimate", "secrecy")

    def decision_reading(self, request, obj) -> Reading:
        url = reverse("finance:settlement-pdf", args=[obj.pk])
        return Reading(pdf_url=f"{url}?xem=1", file_url=url)


@admin.register(BudgetUnit)
class BudgetUnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "prepared_by", "valid_from", "valid_to")


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ("chapter", "type_item", "section", "subsection", "name", "is_active")
    search_fields = ("name", "section", "subsection")


@admin.register(FinanceThreshold)
class FinanceThresholdAdmin(admin.ModelAdmin):
    list_display = ("key", "percent", "valid_from", "valid_to")


@admin.register(DuesRegime)
class DuesRegimeAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "valid_from", "valid_to")


@admin.register(DuesRate)
class DuesRateAdmin(admin.ModelAdmin):
    """Each rate on its own page, so every change carries its reason into the history."""

    list_display = ("regime", "category", "kind", "percent", "fixed_amount")
    list_filter = ("regime",)


@admin.register(ReliefGround)
class ReliefGroundAdmin(admin.ModelAdmin):
    list_display = ("name", "capped")


@admin.register(DuesShare)
class DuesShareAdmin(admin.ModelAdmin):
    list_display = ("level", "kept_percent", "valid_from", "valid_to")


@admin.register(PartyOrganisation)
class PartyOrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "valid_from", "valid_to")
    search_fields = ("name",)


class InspectionFindingInline(admin.TabularInline):
    model = InspectionFinding
    extra = 0
    can_delete = False
    fields = ("finding", "recommendation", "responsible_body", "due_on", "follow_up_status")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FinanceInspection)
class FinanceInspectionAdmin(GuardedWorkAdmin):
    list_display = ("title", "organisation", "owner", "status", "planned_start", "planned_end")
    list_filter = ("status",)
    list_select_related = ("organisation", "owner")
    search_fields = ("title",)
    inlines = [InspectionFindingInline]
