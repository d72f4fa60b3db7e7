"""Thin views of archival description, finding aids and open-format exports: the permission
door fetches (a file the user may not see is a 404), the services write, the builders of
`archive.documents_description` run in the background."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from archive import documents_description, forms, selectors
from archive import permissions as archive_permissions
from archive.models import Fonds, RecordItem, Series
from archive.services import description as description_services
from core.pdf import PDF_A, render_pdf
from core.services import file_request
from units import permissions

LEVELS = {"phong": "fonds", "muc-luc": "series", "ho-so": "file", "tai-lieu": "item"}


def _target_or_404(request, level: str, pk: int):
    """The row to describe or export, fetched through the door; what the user may not see or
    may not describe is a 404."""
    user = request.user
    if level == "fonds":
        target = get_object_or_404(Fonds, pk=pk)
    elif level == "series":
        target = get_object_or_404(Series.objects.select_related("fonds"), pk=pk)
    elif level == "file":
        target = permissions.get_visible_or_404(selectors.file_page_queryset(), user, pk=pk)
    elif level == "item":
        target = get_object_or_404(RecordItem, pk=pk)
        target.record_file = permissions.get_visible_or_404(
            selectors.file_page_queryset(), user, pk=target.record_file_id
        )
    else:
        raise Http404
    if not description_services.may_describe(user, target):
        raise Http404
    return target


def _level(slug: str) -> str:
    if slug not in LEVELS:
        raise Http404
    return LEVELS[slug]


@login_required
def describe(request, level: str, pk: int):
    level = _level(level)
    target = _target_or_404(request, level, pk)
    existing = description_services.description_of(target)
    initial = (
        {name: getattr(existing, name) for name in description_services.DESCRIPTION_FIELDS}
        if existing
        else {"language": "vie", **description_services.proposed(target)}
    )
    form = forms.DescriptionForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        reason = values.pop("reason")
        try:
            description_services.description_save(
                actor=request.user, target=target, reason=reason, **values
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Đã ghi mô tả."))
            return redirect(request.path)
    history = existing.history.select_related("history_user")[:20] if existing else []
    return render(
        request,
        "archive/description/describe.html",
        {
            "form": form,
            "target": target,
            "level": level,
            "level_slug": request.resolver_match.kwargs["level"],
            "history": history,
            "title": _("Mô tả lưu trữ: %(target)s") % {"target": target},
        },
    )


@login_required
def finding_aid_pdf(request, level: str, pk: int):
    """The series' file list or the fonds guide, printed to PDF/A."""
    level = _level(level)
    if level not in ("fonds", "series"):
        raise Http404
    target = _target_or_404(request, level, pk)
    template_name, context = documents_description.finding_aid(request.user, target)
    response = HttpResponse(
        render_pdf(template_name, context, variant=PDF_A), content_type="application/pdf"
    )
    name = "huong-dan-phong" if level == "fonds" else "muc-luc-ho-so"
    response["Content-Disposition"] = f'attachment; filename="{name}-{target.pk}.pdf"'
    return response


FORMATS = {"ead": ("archive.ead", "EAD3"), "bagit": ("archive.bag", "BagIt")}


@login_required
@require_POST
def export(request, level: str, pk: int, fmt: str):
    """Queue an EAD3 or BagIt export; a file the user may not see is a 404 and nothing is
    queued."""
    level = _level(level)
    if level not in ("fonds", "series", "file") or fmt not in FORMATS:
        raise Http404
    target = _target_or_404(request, level, pk)
    if not archive_permissions.can_describe(request.user):
        raise Http404
    builder, label = FORMATS[fmt]
    generated = file_request(
        actor=request.user,
        builder=builder,
        params={"user": request.user.pk, "level": level, "pk": target.pk},
        title=_("%(format)s: %(target)s") % {"format": label, "target": target},
    )
    return redirect("core:generated_file_detail", generated.pk)
