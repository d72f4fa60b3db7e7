"""Procurement in the admin: the leadership's decision on a request to buy (the requester's
head, then the deputy chief in charge of QT), with its lines and quotes to read; the stationery
stock read-only."""

from django.contrib import admin
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from facilities.models import Procurement, StockItem
from units.admin import ApprovalAdmin, Reading


@admin.register(Procurement)
class ProcurementAdmin(ApprovalAdmin):
    list_select_related = ("lead_unit", "owner")
    search_fields = ("title",)
    decision_summary_fields = ("receive_into", "chosen_quote")

    def decision_reading(self, request, obj) -> Reading:
        lines = [
            _("%(item)s: %(quantity)s %(unit)s × %(price)s đồng")
            % {
                "item": line.item,
                "quantity": line.quantity,
                "unit": line.unit,
                "price": line.estimated_price,
            }
            for line in obj.lines.all()
        ]
        quotes = [
            _("Báo giá %(supplier)s: %(amount)s đồng%(chosen)s")
            % {
                "supplier": quote.supplier,
                "amount": quote.amount,
                "chosen": _(" (được chọn)") if quote.pk == obj.chosen_quote_id else "",
            }
            for quote in obj.quotes.all()
        ]
        return Reading(text="\n".join([obj.title, obj.reason, "", *lines, "", *quotes]))


@admin.register(StockItem)
class StockItemAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "unit", "on_hand")
    readonly_fields = ("on_hand",)
    search_fields = ("name",)

    def has_add_permission(self, request):
        """Items enter the stock by a procurement's receipt (`receive_into_stock`)."""
        return False

    def has_delete_permission(self, request, obj=None):
        return False
