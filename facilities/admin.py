"""QT's catalogues and resources (edited by the system administrators, `office_catalogue`), the
register read-only through the door, and the leadership's decisions: service requests at the
deputy chief's step (a vehicle out of the province, a delegation) and the inventory's handling
proposals."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from facilities.models import (
    Asset,
    AssetCategory,
    FundingSource,
    InventoryCampaign,
    RequestKind,
    Resource,
    ServiceRequest,
    VisitingDelegation,
)
from units.admin import ApprovalAdmin, GuardedWorkAdmin, Reading


@admin.register(ServiceRequest)
class ServiceRequestAdmin(ApprovalAdmin):
    list_select_related = ("lead_unit", "owner", "kind")
    search_fields = ("purpose",)
    decision_summary_fields = (
        "kind",
        "starts_at",
        "ends_at",
        "destination",
        "outside_province",
        "people",
        "visit",
    )

    def decision_reading(self, request, obj) -> Reading:
        return Reading(text="\n\n".join(part for part in (obj.purpose, obj.details) if part))


@admin.register(InventoryCampaign)
class InventoryCampaignAdmin(ApprovalAdmin):
    list_select_related = ("lead_unit", "owner")
    decision_summary_fields = ("year",)

    def decision_reading(self, request, obj) -> Reading:
        lines = [
            _("%(code)s %(name)s (%(location)s): %(proposal)s — %(why)s")
            % {
                "code": line.asset.code,
                "name": line.asset.name,
                "location": line.location,
                "proposal": line.get_proposal_display(),
                "why": line.discrepancy,
            }
            for line in obj.lines.select_related("asset").exclude(proposal="")
        ]
        return Reading(text="\n".join([obj.minutes, "", *lines]))


@admin.register(Asset)
class AssetAdmin(GuardedWorkAdmin):
    list_display = ("code", "name", "category", "purchase_value", "location", "state")
    list_filter = ("state", "category")
    list_select_related = ("category",)
    search_fields = ("name",)


@admin.register(VisitingDelegation)
class VisitingDelegationAdmin(GuardedWorkAdmin):
    list_display = ("title", "arrives_on", "leaves_on", "owner")
    list_select_related = ("owner",)


@admin.register(RequestKind)
class RequestKindAdmin(SimpleHistoryAdmin):
    list_display = ("name", "resource_kind", "needs_server", "deputy_approval", "is_active")


@admin.register(AssetCategory)
class AssetCategoryAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "useful_life_years", "depreciation_rate")


@admin.register(FundingSource)
class FundingSourceAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name")


@admin.register(Resource)
class ResourceAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "plate", "capacity", "maintenance_due", "insurance_due")
    list_filter = ("kind", "is_active")


from facilities import admin_fire, admin_procurement  # noqa: E402, F401
