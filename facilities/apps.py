from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "facilities"
    verbose_name = _("Quản trị")

    def ready(self) -> None:
        from core.demo import register_demo
        from facilities import demo, demo_procurement
        from facilities.models import InventoryCampaign, Procurement, ServiceRequest
        from facilities.services import assets, procurement, requests
        from units.approvals import register_effects

        register_effects(ServiceRequest, on_approved=requests.request_approved)
        register_effects(InventoryCampaign, on_approved=assets.inventory_approved)
        register_demo("facilities", demo.seed)
        register_demo("facilities-fire", demo.seed_fire)
        register_effects(Procurement, on_approved=procurement.procurement_approved)
        register_demo("facilities.procurement", demo_procurement.seed)
