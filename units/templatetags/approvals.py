from django import template
from django.contrib import admin
from django.urls import reverse

from units.admin import ApprovalAdmin
from units.approvals import awaiting_decision

register = template.Library()


@register.simple_tag(takes_context=True)
def awaiting_my_decision(context) -> list[dict]:
    """For the admin index: each kind of submission with how many wait for this leader."""
    request = context["request"]
    rows = []
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, ApprovalAdmin):
            continue
        count = awaiting_decision(model._default_manager.all(), request.user).count()
        if count:
            opts = model._meta
            rows.append(
                {
                    "name": opts.verbose_name_plural,
                    "count": count,
                    "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
                    + "?cho=toi",
                }
            )
    return rows
