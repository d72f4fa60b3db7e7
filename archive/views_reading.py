"""Thin views of the reading room: the door fetches (an expired grant is a 404 like an unknown
id), the services write and log."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive import forms, selectors, services
from archive import permissions as archive_permissions
from archive.documents_reading import copy_document
from archive.models import CertifiedCopy, ReadingRequest
from core.inputs import query_id
from core.paging import page_of
from core.pdf import render_pdf
from units import approvals, permissions
from units.choices import DecisionKind
from units.mixins import Action, ActionDetailView, submit_form

PAGE_SIZE = 50


@login_required
def request_list(request):
    page = page_of(request, selectors.requests_for(request.user), size=PAGE_SIZE)
    permissions.log_secret_rows(page.rows, request.user, via="list", model=ReadingRequest)
    return render(
        request,
        "archive/reading/request_list.html",
        {
            "page": page,
            "may_register": archive_permissions.may_register_researchers(request.user),
        },
    )


@login_required
def request_create(request):
    researcher = getattr(request.user, "researcher", None)
    if not archive_permissions.may_request_reading(request.user, researcher):
        raise PermissionDenied
    form = forms.ReadingRequestForm(request.POST or None, user=request.user)
    created = submit_form(
        request,
        form,
        lambda data: services.reading_request_create(actor=request.user, **data),
        _("Đã gửi yêu cầu đọc tài liệu."),
    )
    if created is not None:
        return redirect(created)
    return render(
        request,
        "archive/reading/request_form.html",
        {"form": form, "title": _("Yêu cầu đọc tài liệu")},
    )


def _may_decide(user, obj) -> bool:
    return obj.approval_status == "submitted" and approvals.can_decide(user, obj)


def _approve(user, obj, form) -> None:
    approvals.approval_decide(
        actor=user, obj=obj, kind=DecisionKind.APPROVE, comment=form.cleaned_data["comment"]
    )


def _return(user, obj, form) -> None:
    approvals.approval_decide(
        actor=user, obj=obj, kind=DecisionKind.RETURN, comment=form.cleaned_data["comment"]
    )


def _copy(user, obj, form) -> None:
    services.copy_issue(actor=user, request=obj, **form.cleaned_data)


def _may_copy(user, obj) -> bool:
    return archive_permissions.can_serve(user, obj) and archive_permissions.can_read(
        obj.requester, obj
    )


class RequestDetailView(ActionDetailView):
    model = ReadingRequest
    template_name = "archive/reading/request_detail.html"
    list_url_name = "archive:reading-requests"
    actions = {
        "approve": Action(
            label=gettext_lazy("Duyệt cho đọc"),
            allowed=_may_decide,
            perform=_approve,
            form_class=forms.DecisionForm,
            success=gettext_lazy("Đã duyệt."),
            primary=True,
        ),
        "copy": Action(
            label=gettext_lazy("Cấp bản sao, trích lục"),
            allowed=_may_copy,
            perform=_copy,
            form_class=forms.CopyForm,
            form_kwargs=lambda obj: {"request": obj},
            success=gettext_lazy("Đã cấp bản sao, trích lục."),
        ),
        "return": Action(
            label=gettext_lazy("Trả lại"),
            allowed=_may_decide,
            perform=_return,
            form_class=forms.ReturnForm,
            success=gettext_lazy("Đã trả lại yêu cầu."),
            destructive=True,
        ),
    }

    def get_queryset(self):
        return ReadingRequest.objects.select_related("requester", "researcher", "owner")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj, user = self.object, self.request.user
        context["lines"] = selectors.reading_lines(obj, user)
        context["events"] = selectors.reading_events(obj)
        context["copies"] = selectors.reading_copies(obj)
        context["decisions"] = approvals.decisions_for(obj)
        context["may_read"] = archive_permissions.can_read(user, obj)
        context["step"] = approvals.current_step(obj)
        return context


def _request_or_404(request, pk: int) -> ReadingRequest:
    return permissions.get_visible_or_404(
        ReadingRequest.objects.select_related("researcher"), request.user, pk=pk
    )


@login_required
def read_file(request, pk: int, file_pk: int):
    """The reader's page of one file of his approved request: the door fetches it (an expired
    grant gives nothing: 404), and the reading is logged."""
    reading = _request_or_404(request, pk)
    if not archive_permissions.can_read(request.user, reading):
        raise Http404
    if not reading.lines.filter(record_file_id=file_pk).exists():
        raise Http404
    record_file = permissions.get_visible_or_404(
        selectors.file_page_queryset().select_related("declassification"),
        request.user,
        via="reading-room",
        pk=file_pk,
    )
    services.reading_record(actor=request.user, request=reading, record_file=record_file)
    return render(
        request,
        "archive/reading/read_file.html",
        {
            "reading": reading,
            "record_file": record_file,
            "items": selectors.file_items(record_file),
            "opens_on": selectors.opening_date(record_file),
        },
    )


@login_required
def copy_pdf(request, pk: int):
    copy = (
        CertifiedCopy.objects.select_related(
            "record_file",
            "request__researcher",
            "request__lead_unit",
            "request__requester",
            "issued_by",
        )
        .filter(pk=pk)
        .first()
    )
    if copy is None:
        raise Http404
    _request_or_404(request, copy.request_id)
    template_name, context = copy_document(copy)
    response = HttpResponse(render_pdf(template_name, context), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="ban-sao-{copy.year}-{copy.number}.pdf"'
    )
    return response


@login_required
def researcher_list(request):
    if not archive_permissions.may_register_researchers(request.user):
        raise Http404
    page = page_of(request, selectors.researchers(), size=PAGE_SIZE)
    return render(request, "archive/reading/researcher_list.html", {"page": page})


@login_required
def researcher_create(request):
    if not archive_permissions.may_register_researchers(request.user):
        raise Http404
    form = forms.ResearcherForm(request.POST or None, user=request.user)
    created = submit_form(
        request,
        form,
        lambda data: services.researcher_register(actor=request.user, **data),
        _("Đã đăng ký người đọc."),
    )
    if created is not None:
        return redirect("archive:researchers")
    return render(
        request,
        "archive/reading/request_form.html",
        {"form": form, "title": _("Đăng ký người đọc ngoài cơ quan")},
    )


@login_required
def reading_statistics(request):
    year = query_id(request, "nam") or timezone.localdate().year
    return render(
        request,
        "archive/reading/statistics.html",
        {"year": year, "months": selectors.reading_statistics(request.user, year)},
    )
