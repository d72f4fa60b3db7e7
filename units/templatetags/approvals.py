from django import template
from django.contrib import admin
from django.urls import reverse

from units.approvals import awaiting_counts

register = template.Library()


@register.simple_tag(takes_context=True)
def awaiting_my_decision(context) -> dict:
    """For the admin index: each kind of submission with how many wait for this leader, and
    their total (`awaiting_counts`, the same numbers as the home page's)."""
    request = context["request"]
    rows = []
    for model, count in awaiting_counts(request.user):
        if not count or model not in admin.site._registry:
            continue
        opts = model._meta
        rows.append(
            {
                "name": opts.verbose_name_plural,
                "count": count,
                "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?cho=toi",
            }
        )
    return {"rows": rows, "total": sum(row["count"] for row in rows)}
