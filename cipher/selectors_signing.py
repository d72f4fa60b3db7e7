"""Reads of the digital signatures for the pages of other apps (dispatch's register and
document pages): in the list's own query, and for one document."""

from __future__ import annotations

from django.db.models import Case, IntegerField, OuterRef, QuerySet, Subquery, Value, When
from django.utils.html import format_html

from cipher.signing_models import DocumentSignature, SignatureVerdict

VERDICT_FIELD = "signature_verdict"


def with_signature_verdict(queryset: QuerySet) -> QuerySet:
    """Annotate each row with the verdict of its signatures (the worst one; none: NULL), in the
    list's own query (the content type matched by name: no query for its id)."""
    meta = queryset.model._meta
    worst = (
        DocumentSignature.objects.filter(
            content_type__app_label=meta.app_label,
            content_type__model=meta.model_name,
            object_id=OuterRef("pk"),
        )
        .annotate(
            rank=Case(
                When(verdict=SignatureVerdict.VALID, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "pk")
        .values("verdict")[:1]
    )
    return queryset.annotate(**{VERDICT_FIELD: Subquery(worst)})


def signature_cell(row: dict):
    verdict = row.get(VERDICT_FIELD)
    if not verdict:
        return ""
    tone = "success" if verdict == SignatureVerdict.VALID else "danger"
    return format_html(
        '<span class="badge text-bg-{} signature-{}">{}</span>',
        tone,
        verdict,
        SignatureVerdict(verdict).label,
    )
