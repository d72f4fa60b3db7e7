"""Thin views of the records clerks' work: each POST calls one service; every read goes through
dispatch.selectors (the permission door plus the clerks' register sight)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin

from core import uploads
from core.generated import CSV, PDF, XLSX
from core.inputs import query_id, query_text
from core.paging import before_from, keyset_page
from core.pdf import render_pdf
from core.services import file_request
from dispatch import documents, forms, registers, selectors, services, tables
from dispatch.choices import (
    AWAITING_DISTRIBUTION,
    IN_HANDLING,
    IncomingStatus,
    LetterStatus,
    OutgoingStage,
    RegisterKind,
)
from dispatch.models import IncomingDocument, Letter, OutgoingDocument
from dispatch.permissions import (
    can_attach,
    can_distribute,
    can_edit_draft,
    can_handle,
    can_handle_letter,
    can_review_draft,
    can_route_letter,
    can_sign_travel_papers,
    can_submit_draft,
    is_records_clerk,
)
from units import approvals, ownership, permissions
from units.mixins import Action, ActionDetailView, attach_errors, submit_form
from units.models import Unit

PAGE_SIZE = 50


@login_required
def incoming_list(request):
    """The incoming register on screen, newest first, with search; keyset pages."""
    q = query_text(request, "q")
    status = query_text(request, "status")
    rows = tables.IncomingTable.values(selectors.incoming_list(request.user, q=q, status=status))
    documents, following = keyset_page(rows, before=before_from(request), size=PAGE_SIZE)
    permissions.log_secret_rows(documents, request.user, via="list", model=IncomingDocument)
    viewer = permissions.viewer_for(request.user)
    return render(
        request,
        "dispatch/incoming_list.html",
        {
            "table": tables.IncomingTable(documents),
            "following": following,
            "q": q,
            "status": status,
            "statuses": IncomingStatus.choices,
            "is_clerk": viewer.is_records_clerk,
        },
    )


def _error_codes(error: ValidationError) -> set:
    if hasattr(error, "error_dict"):
        return {item.code for items in error.error_dict.values() for item in items}
    return {item.code for item in error.error_list}


@login_required
def incoming_create(request):
    if not permissions.viewer_for(request.user).is_records_clerk:
        raise Http404
    form = forms.IncomingForm(request.POST or None, request.FILES or None, user=request.user)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.incoming_register(
                actor=request.user,
                received_at=data["received_at"],
                sender=data["sender"],
                number_and_symbol=data["number_and_symbol"],
                document_date=data["document_date"],
                doc_type=data["doc_type"],
                summary=data["summary"],
                urgency=data["urgency"],
                secrecy=data["secrecy"],
                pages=data["pages"],
                copies=data["copies"],
                document_deadline=data["document_deadline"],
                attachments=data["attachments"],
                allow_duplicate=data["allow_duplicate"],
                allow_late_document_date=data["allow_late_document_date"],
            )
        except ValidationError as error:
            if "late_document_date" in _error_codes(error):
                form.ask_document_date_confirmation()
            if "duplicate" in _error_codes(error):
                form.ask_duplicate_confirmation()
                duplicates = list(
                    selectors.incoming_duplicates(
                        request.user,
                        sender=data["sender"],
                        number_and_symbol=data["number_and_symbol"],
                        document_date=data["document_date"],
                    ).select_related("lead_unit")[:10]
                )
            else:  # the duplicate is told once, by the warning above the form
                attach_errors(form, error)
        else:
            messages.success(
                request, _("Đã vào sổ văn bản đến số %(number)s.") % {"number": document.number}
            )
            if "save_next" in request.POST:
                return redirect("dispatch:incoming-create")
            return redirect(document)
    return render(request, "dispatch/incoming_form.html", {"form": form, "duplicates": duplicates})


def _distribute(user, document, form):
    services.incoming_distribute(actor=user, document=document, **form.cleaned_data)


def _assign(user, document, form):
    services.incoming_assign(actor=user, document=document, **form.cleaned_data)


class IncomingDetailView(ActionDetailView):
    model = IncomingDocument
    queryset = IncomingDocument.objects.select_related(*selectors.LIST_COLUMNS, "distributed_by")
    template_name = "dispatch/incoming_detail.html"
    list_url_name = "dispatch:incoming-list"
    actions = {
        "present": Action(
            label=gettext_lazy("Trình lãnh đạo phân phối"),
            allowed=lambda user, doc: (
                doc.status == IncomingStatus.REGISTERED and is_records_clerk(user)
            ),
            perform=lambda user, doc, form: services.incoming_present(actor=user, document=doc),
            success=gettext_lazy("Đã trình lãnh đạo."),
            primary=True,
        ),
        "distribute": Action(
            label=gettext_lazy("Phân phối"),
            allowed=can_distribute,
            perform=_distribute,
            form_class=forms.DistributeForm,
            success=gettext_lazy("Đã phân phối văn bản."),
            primary=True,
        ),
        "assign": Action(
            label=gettext_lazy("Giao người xử lý"),
            allowed=lambda user, doc: (
                doc.status in IN_HANDLING and permissions.can_reassign(user, doc)
            ),
            perform=_assign,
            form_class=forms.AssignForm,
            form_kwargs=lambda doc: {"unit_id": doc.lead_unit_id},
            success=gettext_lazy("Đã giao người xử lý."),
        ),
        "progress": Action(
            label=gettext_lazy("Ghi tiến độ"),
            allowed=can_handle,
            perform=lambda user, doc, form: services.incoming_progress_add(
                actor=user, document=doc, note=form.cleaned_data["note"]
            ),
            form_class=forms.ProgressForm,
            success=gettext_lazy("Đã ghi tiến độ."),
        ),
        "close": Action(
            label=gettext_lazy("Hoàn thành xử lý"),
            allowed=can_handle,
            perform=lambda user, doc, form: services.incoming_close(
                actor=user, document=doc, **form.cleaned_data
            ),
            form_class=forms.CloseForm,
            success=gettext_lazy("Đã hoàn thành xử lý văn bản."),
            primary=True,
        ),
        "attach": Action(
            label=gettext_lazy("Đính kèm bản quét"),
            allowed=lambda user, doc: (
                doc.status != IncomingStatus.CANCELLED and can_attach(user, doc)
            ),
            perform=lambda user, doc, form: services.attachments_add(
                actor=user, document=doc, files=form.cleaned_data["attachments"]
            ),
            form_class=forms.AttachForm,
            success=gettext_lazy("Đã đính kèm."),
        ),
        "cancel": Action(
            label=gettext_lazy("Hủy đăng ký"),
            allowed=lambda user, doc: (
                doc.status in AWAITING_DISTRIBUTION and is_records_clerk(user)
            ),
            perform=lambda user, doc, form: services.incoming_cancel(
                actor=user, document=doc, reason=form.cleaned_data["reason"]
            ),
            form_class=forms.CancelForm,
            success=gettext_lazy("Đã hủy đăng ký; số đến được giữ lại trong sổ."),
            destructive=True,
            confirm=gettext_lazy("Hủy đăng ký văn bản này? Số đến vẫn được giữ trong sổ."),
        ),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        context["attachments"] = document.attachments.all()
        context["progress_notes"] = document.progress_notes.select_related("author")
        if {"distribute", "assign"} & context["actions"].keys():
            context["follower_suggestions"] = selectors.follower_suggestions(document)
        return context


@login_required
def incoming_attachment(request, pk: int, attachment_pk: int):
    """Scans are served only to someone who may see the document; anyone else gets a 404."""
    document = permissions.get_visible_or_404(IncomingDocument.objects.all(), request.user, pk=pk)
    attachment = get_object_or_404(document.attachments, pk=attachment_pk)
    try:
        return uploads.serve(attachment.file, attachment.original_name)
    except FileNotFoundError as exc:
        raise Http404 from exc


def _unit_filter(request) -> tuple[list, int | None]:
    units = list(Unit.objects.filter(is_active=True))
    unit_id = query_id(request, "don_vi")
    return units, unit_id


@login_required
def follow_up(request):
    """The follow-up book: incoming number · document · unit/person · deadline · progress ·
    reply number · notes."""
    units, unit_id = _unit_filter(request)
    rows = selectors.follow_up(request.user, unit_id=unit_id).prefetch_related(
        Prefetch("progress_notes", to_attr="notes")
    )
    documents, following = keyset_page(rows, before=before_from(request), size=PAGE_SIZE)
    permissions.log_secret_rows(documents, request.user, via="list")
    return render(
        request,
        "dispatch/follow_up.html",
        {"documents": documents, "following": following, "units": units, "unit_id": unit_id},
    )


@login_required
def overdue(request):
    """Past their handling deadline: per unit, and every unit for leadership."""
    units, unit_id = _unit_filter(request)
    documents = permissions.log_secret_rows(
        selectors.overdue(request.user, unit_id=unit_id)[:500], request.user, via="list"
    )
    return render(
        request,
        "dispatch/overdue.html",
        {"documents": documents, "units": units, "unit_id": unit_id},
    )


# Outgoing documents -------------------------------------------------------------------------


@login_required
def outgoing_list(request):
    q = query_text(request, "q")
    stage = query_text(request, "stage")
    rows = tables.OutgoingTable.values(selectors.outgoing_list(request.user, q=q, stage=stage))
    documents, following = keyset_page(rows, before=before_from(request), size=PAGE_SIZE)
    permissions.log_secret_rows(documents, request.user, via="list", model=OutgoingDocument)
    return render(
        request,
        "dispatch/outgoing_list.html",
        {
            "table": tables.OutgoingTable(documents),
            "following": following,
            "q": q,
            "stage": stage,
            "stages": OutgoingStage.choices,
            "can_draft": permissions.viewer_for(request.user).unit_id is not None,
        },
    )


@login_required
def outgoing_create(request):
    if permissions.viewer_for(request.user).unit_id is None:
        raise Http404
    form = forms.OutgoingForm(request.POST or None, request.FILES or None, user=request.user)
    document = submit_form(
        request,
        form,
        lambda data: services.outgoing_create(actor=request.user, **data),
        _("Đã lưu dự thảo."),
    )
    if document is not None:
        return redirect(document)
    return render(request, "dispatch/outgoing_form.html", {"form": form})


class OutgoingDetailView(ActionDetailView):
    model = OutgoingDocument
    queryset = OutgoingDocument.objects.select_related(*selectors.OUTGOING_COLUMNS, "register")
    template_name = "dispatch/outgoing_detail.html"
    list_url_name = "dispatch:outgoing-list"
    actions = {
        "review": Action(
            label=gettext_lazy("Trưởng phòng duyệt dự thảo"),
            allowed=can_review_draft,
            perform=lambda user, doc, form: services.outgoing_review(actor=user, document=doc),
            success=gettext_lazy("Đã duyệt, chuyển văn thư kiểm tra thể thức."),
        ),
        "check": Action(
            label=gettext_lazy("Xác nhận thể thức đạt"),
            allowed=lambda user, doc: (
                doc.stage == OutgoingStage.REVIEWED and is_records_clerk(user)
            ),
            perform=lambda user, doc, form: services.outgoing_confirm_check(
                actor=user, document=doc
            ),
            success=gettext_lazy("Đã xác nhận thể thức."),
        ),
        "submit": Action(
            label=gettext_lazy("Trình ký"),
            allowed=can_submit_draft,
            perform=lambda user, doc, form: services.outgoing_submit(actor=user, document=doc),
            success=gettext_lazy("Đã trình ký."),
            primary=True,
        ),
        "revise": Action(
            label=gettext_lazy("Sửa dự thảo"),
            allowed=can_edit_draft,
            perform=lambda user, doc, form: services.outgoing_revise(
                actor=user, document=doc, **form.cleaned_data
            ),
            form_class=forms.ReviseForm,
            form_kwargs=lambda doc: {
                "initial": {
                    "summary": doc.summary,
                    "signer_title": doc.signer_title,
                    "signer_authority": doc.signer_authority,
                }
            },
            success=gettext_lazy("Đã sửa dự thảo; cần duyệt và kiểm tra lại."),
        ),
        "consult": Action(
            label=gettext_lazy("Xin ý kiến đơn vị khác"),
            allowed=lambda user, doc: can_edit_draft(user, doc) and doc.owner_id == user.pk,
            perform=lambda user, doc, form: services.outgoing_consult(
                actor=user, document=doc, **form.cleaned_data
            ),
            form_class=forms.ConsultForm,
            success=gettext_lazy("Đã gửi xin ý kiến."),
        ),
        "issue": Action(
            label=gettext_lazy("Cấp số, vào sổ"),
            allowed=lambda user, doc: doc.stage == OutgoingStage.SIGNED and is_records_clerk(user),
            perform=lambda user, doc, form: services.outgoing_issue(actor=user, document=doc),
            success=gettext_lazy("Đã cấp số."),
            primary=True,
        ),
        "seal": Action(
            label=gettext_lazy("Ghi sổ sử dụng con dấu"),
            allowed=lambda user, doc: doc.stage == OutgoingStage.ISSUED and is_records_clerk(user),
            perform=lambda user, doc, form: services.seal_use_record(
                actor=user, document=doc, **form.cleaned_data
            ),
            form_class=forms.SealForm,
            success=gettext_lazy("Đã ghi sổ con dấu."),
        ),
        "dispatch": Action(
            label=gettext_lazy("Phát hành tới các nơi nhận"),
            allowed=lambda user, doc: doc.stage == OutgoingStage.ISSUED and is_records_clerk(user),
            perform=lambda user, doc, form: services.outgoing_dispatch(actor=user, document=doc),
            success=gettext_lazy("Đã phát hành."),
            primary=True,
        ),
        "receive": Action(
            label=gettext_lazy("Ghi ký nhận"),
            allowed=lambda user, doc: (
                doc.stage == OutgoingStage.DISPATCHED and is_records_clerk(user)
            ),
            perform=lambda user, doc, form: services.delivery_receive(
                actor=user,
                delivery=form.cleaned_data["delivery"],
                received_by=form.cleaned_data["received_by"],
            ),
            form_class=forms.ReceiveForm,
            form_kwargs=lambda doc: {"document": doc},
            success=gettext_lazy("Đã ghi ký nhận."),
        ),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        context["deliveries"] = document.deliveries.select_related("unit", "sent_by")
        context["seal_uses"] = document.seal_uses.select_related("used_by")
        context["consultations"] = permissions.visible(
            document.consultations.select_related("asked_unit"), self.request.user
        )
        context["decisions"] = approvals.decisions_for(document)
        if document.stage == OutgoingStage.REVIEWED:
            context["format_messages"] = services.format_check(document)
        return context


@login_required
@xframe_options_sameorigin
def outgoing_content(request, pk: int):
    """The draft or signed text, served only to someone who may see the document; `?xem=1`
    shows it in the page that embeds it (the admin's decision page)."""
    document = permissions.get_visible_or_404(OutgoingDocument.objects.all(), request.user, pk=pk)
    if not document.content_file:
        raise Http404
    name = f"{document.number_and_symbol or 'du-thao'}.pdf".replace("/", "-")
    try:
        return uploads.serve(document.content_file, name, inline=request.GET.get("xem") == "1")
    except FileNotFoundError as exc:
        raise Http404 from exc


@login_required
def search(request):
    q = query_text(request, "q")
    results = selectors.search_everything(request.user, q)
    for found in results.values():
        permissions.log_secret_rows(found, request.user, via="search")
    return render(request, "dispatch/search.html", {"q": q, **results})


@login_required
def register_export(request):
    """The register for a date range in PDF, CSV or XLSX (built in the background beyond
    INLINE_MAX_DAYS), with only the documents the user may see."""
    today = timezone.localdate()
    # A register page links here with `?kind=…` alone: that picks the register, it is no request.
    kind = request.GET.get("kind")
    form = forms.RegisterExportForm(
        request.GET if "output" in request.GET else None,
        initial={
            "kind": kind if kind in (RegisterKind.INCOMING, RegisterKind.OUTGOING) else None,
            "date_from": today.replace(day=1),
            "date_to": today,
            "output": "pdf",
        },
        user=request.user,
    )
    if not form.is_valid():
        return render(request, "dispatch/register_export.html", {"form": form})
    data = form.cleaned_data
    kind, start, end, output = data["kind"], data["date_from"], data["date_to"], data["output"]
    stem = f"so-{'den' if kind == 'incoming' else 'di'}-{start:%Y%m%d}-{end:%Y%m%d}"
    if (end - start).days > registers.INLINE_MAX_DAYS:
        generated = file_request(
            actor=request.user,
            builder=registers.BUILDERS[output],
            params={
                "kind": kind,
                "user_id": request.user.pk,
                "date_from": start.isoformat(),
                "date_to": end.isoformat(),
            },
            title=stem,
        )
        return redirect("core:generated_file_detail", generated.pk)
    sheet = registers.printout(kind, request.user, start, end, via=output)
    if output == "csv":
        content, content_type = registers.to_csv(sheet), CSV.content_type
    elif output == "xlsx":
        content, content_type = registers.to_xlsx(sheet), XLSX.content_type
    else:
        content = render_pdf("dispatch/pdf/register.html", sheet.pdf_context())
        content_type = PDF.content_type
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{output}"'
    return response


# Letters, citizen reception, travel papers --------------------------------------------------


@login_required
def letter_list(request):
    q = query_text(request, "q")
    status = query_text(request, "status")
    rows = selectors.letter_list(request.user, q=q, status=status)
    letters, following = keyset_page(rows, before=before_from(request), size=PAGE_SIZE)
    permissions.log_secret_rows(letters, request.user, via="list")
    return render(
        request,
        "dispatch/letter_list.html",
        {
            "letters": letters,
            "following": following,
            "q": q,
            "status": status,
            "statuses": LetterStatus.choices,
            "is_clerk": is_records_clerk(request.user),
        },
    )


@login_required
def letter_create(request):
    if not is_records_clerk(request.user):
        raise Http404
    form = forms.LetterForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.letter_receive(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã vào sổ đơn số %(number)s.") % {"number": letter.number})
            return redirect(letter)
    return render(request, "dispatch/letter_form.html", {"form": form})


class LetterDetailView(ActionDetailView):
    model = Letter
    queryset = Letter.objects.select_related("lead_unit", "owner")
    template_name = "dispatch/letter_detail.html"
    list_url_name = "dispatch:letter-list"
    actions = {
        "classify": Action(
            label=gettext_lazy("Phân loại, đề xuất"),
            allowed=lambda user, letter: (
                letter.status in (LetterStatus.RECEIVED, LetterStatus.PROPOSED)
                and can_handle_letter(user, letter)
            ),
            perform=lambda user, letter, form: services.letter_classify(
                actor=user, letter=letter, **form.cleaned_data
            ),
            form_class=forms.LetterClassifyForm,
            form_kwargs=lambda letter: {"initial": {"is_anonymous": letter.is_anonymous}},
            success=gettext_lazy("Đã phân loại."),
            primary=True,
        ),
        "route": Action(
            label=gettext_lazy("Duyệt chuyển đơn"),
            allowed=lambda user, letter: (
                letter.status == LetterStatus.PROPOSED and can_route_letter(user, letter)
            ),
            perform=lambda user, letter, form: services.letter_route(
                actor=user, letter=letter, **form.cleaned_data
            ),
            form_class=forms.LetterRouteForm,
            success=gettext_lazy("Đã chuyển đơn."),
        ),
        "result": Action(
            label=gettext_lazy("Ghi kết quả"),
            allowed=lambda user, letter: (
                letter.status == LetterStatus.ROUTED and can_handle_letter(user, letter)
            ),
            perform=lambda user, letter, form: services.letter_record_result(
                actor=user, letter=letter, result=form.cleaned_data["result"]
            ),
            form_class=forms.LetterResultForm,
            success=gettext_lazy("Đã ghi kết quả."),
        ),
        "reassign": Action(
            label=gettext_lazy("Giao người xử lý"),
            allowed=lambda user, letter: (
                letter.closed_at is None and permissions.can_reassign(user, letter)
            ),
            perform=lambda user, letter, form: ownership.work_reassign(
                actor=user,
                obj=letter,
                new_owner=form.cleaned_data["owner"],
                reason=form.cleaned_data["reason"] or _("Giao xử lý đơn thư"),
            ),
            form_class=forms.AssignForm,
            form_kwargs=lambda letter: {"unit_id": letter.lead_unit_id},
            success=gettext_lazy("Đã giao người xử lý."),
        ),
    }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if {"classify", "route", "reassign"} & context["actions"].keys():
            context["follower_suggestions"] = selectors.follower_suggestions(self.object)
        return context


@login_required
def reception_list(request):
    if not selectors.sees_hc_books(request.user):
        raise Http404
    form = forms.ReceptionForm(request.POST or None, user=request.user)
    if submit_form(
        request,
        form,
        lambda data: services.reception_record(actor=request.user, **data),
        _("Đã ghi sổ tiếp công dân."),
    ):
        return redirect("dispatch:receptions")
    sessions, following = keyset_page(
        selectors.reception_sessions(request.user).order_by("-pk"),
        before=before_from(request),
        size=PAGE_SIZE,
    )
    return render(
        request,
        "dispatch/reception_list.html",
        {"form": form, "sessions": sessions, "following": following},
    )


@login_required
def travel_paper_list(request):
    if not selectors.sees_hc_books(request.user):
        raise Http404
    can_sign = can_sign_travel_papers(request.user)
    form = forms.TravelPaperForm(request.POST or None, user=request.user) if can_sign else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                paper = services.travel_paper_sign(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Đã ký giấy đi đường số %(n)s.") % {"n": paper.number})
                return redirect("dispatch:travel-papers")
    papers, following = keyset_page(
        selectors.travel_papers(request.user).order_by("-pk"),
        before=before_from(request),
        size=PAGE_SIZE,
    )
    return render(
        request,
        "dispatch/travel_paper_list.html",
        {"form": form, "papers": papers, "following": following},
    )


@login_required
def travel_paper_pdf(request, pk: int):
    """The signed paper in the Party layout, from HC's books (anyone else: 404)."""
    paper = get_object_or_404(selectors.travel_papers(request.user), pk=pk)
    template_name, context = documents.travel_paper_document(paper)
    response = HttpResponse(render_pdf(template_name, context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="giay-di-duong-{paper.number}.pdf"'
    return response


@login_required
def letter_report(request):
    today = timezone.localdate()
    form = forms.PeriodForm(
        request.GET or None,
        initial={"date_from": today.replace(day=1), "date_to": today},
        user=request.user,
    )
    report = None
    if form.is_valid():
        report = selectors.letter_report(
            request.user, form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        )
    return render(request, "dispatch/letter_report.html", {"form": form, "report": report})
