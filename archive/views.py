"""Thin views of the archive: the permission door fetches, the services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from archive import documents, forms, selectors, services
from archive import permissions as archive_permissions
from archive.choices import FileState, TransferKind
from archive.models import FileList, FileListEntry, RecordFile, RecordItem, SourceBody, Transfer
from core.inputs import query_id, query_text
from core.paging import page_of
from core.pdf import render_pdf
from core.records import RECORD_SOURCES
from core.uploads import serve
from units import approvals, permissions
from units.choices import ApprovalStatus, ApprovalStep, DecisionKind
from units.mixins import Action, ActionDetailView, submit_form
from units.selectors import headed_units

PAGE_SIZE = 50

SCOPES = {"cua-toi": "mine", "luu-tru": "archive"}


def _page(request, rows):
    page = page_of(request, rows, size=PAGE_SIZE)
    permissions.log_secret_rows(page.rows, request.user, via="list", model=RecordFile)
    return page


def _pdf(document, filename: str) -> HttpResponse:
    template_name, context = document
    response = HttpResponse(render_pdf(template_name, context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Record files ---------------------------------------------------------------------------------


@login_required
def file_list(request):
    scope_param = query_text(request, "pham-vi")
    text = query_text(request, "q").strip()
    rows = selectors.files_for(request.user, scope=SCOPES.get(scope_param, ""), text=text)
    return render(
        request,
        "archive/file_list.html",
        {
            "page": _page(request, rows),
            "scope": scope_param,
            "q": text,
            "entries": selectors.open_entries_for(request.user)[:20],
            "states": dict(FileState.choices),
        },
    )


@login_required
def file_create(request):
    entry_id = query_id(request, "muc")
    if entry_id is not None:
        entry = get_object_or_404(FileListEntry.objects.select_related("file_list"), pk=entry_id)
        # The person the approved list names (or his head) opens it; nobody else learns of it.
        if not archive_permissions.can_open_from(request.user, entry):
            raise Http404
        if request.method == "POST":
            try:
                record_file = services.file_open(
                    actor=request.user, year=entry.file_list.year, entry=entry
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("archive:files")
            messages.success(request, _("Đã mở hồ sơ."))
            return redirect(record_file)
        return render(request, "archive/file_open_entry.html", {"entry": entry})
    if permissions.viewer_for(request.user).unit_id is None:
        raise PermissionDenied
    form = forms.FileOpenForm(request.POST or None, user=request.user)
    record_file = submit_form(
        request,
        form,
        lambda data: services.file_open(actor=request.user, **data),
        _("Đã mở hồ sơ."),
    )
    if record_file is not None:
        return redirect(record_file)
    return render(request, "archive/file_form.html", {"form": form})


def _edit(user, record_file, form) -> None:
    services.file_update(actor=user, record_file=record_file, **form.cleaned_data)


def _paper(user, record_file, form) -> None:
    services.item_add_paper(actor=user, record_file=record_file, **form.cleaned_data)


def _retention(user, record_file, form) -> None:
    services.file_set_retention(actor=user, record_file=record_file, **form.cleaned_data)


def _close(user, record_file, form) -> None:
    services.file_close(actor=user, record_file=record_file)


def _custody(user, record_file, form) -> None:
    services.file_set_custody(actor=user, record_file=record_file, **form.cleaned_data)


class FileDetailView(ActionDetailView):
    model = RecordFile
    template_name = "archive/file_detail.html"
    list_url_name = "archive:files"
    actions = {
        "paper": Action(
            label=gettext_lazy("Thêm tài liệu (bản quét)"),
            allowed=archive_permissions.can_compile,
            perform=_paper,
            form_class=forms.PaperForm,
            success=gettext_lazy("Đã thêm tài liệu vào hồ sơ."),
        ),
        "close": Action(
            label=gettext_lazy("Kết thúc hồ sơ"),
            allowed=archive_permissions.can_compile,
            perform=_close,
            success=gettext_lazy("Đã kết thúc hồ sơ."),
            primary=True,
            confirm=gettext_lazy("Kết thúc hồ sơ? Sau đó không thêm được văn bản."),
        ),
        "retention": Action(
            label=gettext_lazy("Nâng thời hạn bảo quản"),
            allowed=archive_permissions.can_set_retention,
            perform=_retention,
            form_class=forms.RetentionForm,
            success=gettext_lazy("Đã nâng thời hạn bảo quản."),
        ),
        "edit": Action(
            label=gettext_lazy("Sửa hồ sơ"),
            allowed=archive_permissions.can_compile,
            perform=_edit,
            form_class=forms.FileEditForm,
            initial=lambda f: {"title": f.title, "notes": f.notes},
            success=gettext_lazy("Đã lưu."),
        ),
        "custody": Action(
            label=gettext_lazy("Xếp vào kho"),
            allowed=archive_permissions.can_set_custody,
            perform=_custody,
            form_class=forms.CustodyForm,
            initial=lambda f: {"box": f.box_id, "series": f.series_id},
            success=gettext_lazy("Đã ghi nơi bảo quản."),
            primary=True,
        ),
    }

    def get_queryset(self):
        return selectors.file_page_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["items"] = selectors.file_items(self.object)
        context["can_compile"] = archive_permissions.can_compile(self.request.user, self.object)
        context["sources"] = selectors.sources()
        return context


def _file_or_404(request, pk: int) -> RecordFile:
    return permissions.get_visible_or_404(selectors.file_page_queryset(), request.user, pk=pk)


@login_required
def file_pick(request, pk: int):
    """Pick what the office holds into the file: the candidates of one registered source the
    user may see (the door's `choosable`), searched without diacritics."""
    record_file = _file_or_404(request, pk)
    if not archive_permissions.can_compile(request.user, record_file):
        raise PermissionDenied
    key = request.POST.get("nguon") if request.method == "POST" else query_text(request, "nguon")
    if key not in RECORD_SOURCES:
        key = next(iter(sorted(RECORD_SOURCES)), "")
    source = RECORD_SOURCES.get(key)
    text = query_text(request, "q").strip()
    if request.method == "POST" and source is not None:
        ids = [value for value in request.POST.getlist("chon") if value.isdigit()]
        objects = list(source.model._default_manager.filter(pk__in=ids))
        try:
            services.item_add_registered(
                actor=request.user, record_file=record_file, source_key=key, objects=objects
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã đưa văn bản vào hồ sơ."))
            return redirect(record_file)
    rows = selectors.candidates(request.user, key, text=text) if source else []
    permissions.log_secret_rows(rows, request.user, via="search")
    candidates = [
        {
            "id": obj.pk,
            "title": source.title(obj),
            "number": source.number(obj),
            "date": source.date(obj),
            "sheets": source.sheets(obj),
        }
        for obj in rows
    ]
    return render(
        request,
        "archive/file_pick.html",
        {
            "object": record_file,
            "sources": selectors.sources(),
            "source_key": key,
            "q": text,
            "candidates": candidates,
        },
    )


@login_required
@require_POST
def item_remove(request, pk: int):
    item = get_object_or_404(RecordItem, pk=pk)
    record_file = _file_or_404(request, item.record_file_id)
    try:
        services.item_remove(
            actor=request.user, item=item, reason=_("Rút văn bản khỏi hồ sơ khi lập hồ sơ")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(record_file)


@login_required
def item_scan(request, pk: int):
    item = get_object_or_404(RecordItem, pk=pk)
    _file_or_404(request, item.record_file_id)
    if not item.upload:
        raise Http404
    return serve(item.upload, f"tai-lieu-{item.pk}")


@login_required
def document_list_pdf(request, pk: int):
    record_file = _file_or_404(request, pk)
    if not record_file.retention.is_permanent:
        raise Http404
    return _pdf(documents.document_list(record_file), f"muc-luc-van-ban-{record_file.pk}.pdf")


# File lists -----------------------------------------------------------------------------------


@login_required
def file_list_index(request):
    rows = selectors.file_lists_for(request.user)
    return render(
        request,
        "archive/file_list_index.html",
        {
            "page": page_of(request, rows, size=PAGE_SIZE),
            "can_create": bool(permissions.viewer_for(request.user).head_unit_ids),
        },
    )


@login_required
def file_list_create(request):
    unit = headed_units(request.user).first()
    if unit is None:
        raise PermissionDenied
    form = forms.FileListForm(request.POST or None, user=request.user)
    created = submit_form(
        request,
        form,
        lambda data: services.file_list_create(actor=request.user, unit=unit, **data),
        _("Đã lập danh mục hồ sơ."),
    )
    if created is not None:
        return redirect(created)
    return render(
        request, "archive/simple_form.html", {"form": form, "title": _("Lập danh mục hồ sơ")}
    )


def _entry(user, file_list, form) -> None:
    services.file_list_entry_add(actor=user, file_list=file_list, **form.cleaned_data)


def _submit(user, obj, form) -> None:
    approvals.approval_submit(actor=user, obj=obj)


def _may_check_list(user, file_list) -> bool:
    """The archives unit's head checks the list on the site; leadership decide in the admin."""
    step = approvals.current_step(file_list)
    return (
        step is not None
        and step.kind == ApprovalStep.DESIGNATED_HEAD
        and approvals.can_decide(user, file_list)
    )


def _check_list(user, file_list, form) -> None:
    approvals.approval_decide(
        actor=user, obj=file_list, kind=DecisionKind.APPROVE, comment=form.cleaned_data["notes"]
    )


def _return_list(user, file_list, form) -> None:
    approvals.approval_decide(
        actor=user, obj=file_list, kind=DecisionKind.RETURN, comment=form.cleaned_data["reason"]
    )


class FileListDetailView(ActionDetailView):
    model = FileList
    template_name = "archive/file_list_detail.html"
    list_url_name = "archive:file-lists"
    actions = {
        "entry": Action(
            label=gettext_lazy("Thêm hồ sơ vào danh mục"),
            allowed=archive_permissions.can_edit_file_list,
            perform=_entry,
            form_class=forms.EntryForm,
            form_kwargs=lambda obj: {"unit_id": obj.lead_unit_id},
            success=gettext_lazy("Đã thêm hồ sơ vào danh mục."),
        ),
        "submit": Action(
            label=gettext_lazy("Trình duyệt (Lưu trữ kiểm tra, lãnh đạo duyệt)"),
            allowed=archive_permissions.can_edit_file_list,
            perform=_submit,
            success=gettext_lazy("Đã trình danh mục hồ sơ."),
            primary=True,
        ),
        "check": Action(
            label=gettext_lazy("Lưu trữ đã kiểm tra, trình lãnh đạo duyệt"),
            allowed=_may_check_list,
            perform=_check_list,
            form_class=forms.AcceptForm,
            success=gettext_lazy("Đã kiểm tra danh mục."),
            primary=True,
        ),
        "return": Action(
            label=gettext_lazy("Trả lại danh mục"),
            allowed=_may_check_list,
            perform=_return_list,
            form_class=forms.ReasonForm,
            success=gettext_lazy("Đã trả lại danh mục."),
            destructive=True,
        ),
    }

    def get_queryset(self):
        return FileList.objects.select_related("lead_unit", "owner")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = list(
            self.object.entries.select_related("retention", "person").prefetch_related("files")
        )
        context["approved"] = self.object.approval_status == ApprovalStatus.APPROVED
        context["decisions"] = approvals.decisions_for(self.object)
        return context


# Transfers ------------------------------------------------------------------------------------


@login_required
def transfer_list(request):
    return render(
        request,
        "archive/transfer_list.html",
        {
            "page": page_of(request, selectors.transfers_for(request.user), size=PAGE_SIZE),
            "may_agency": archive_permissions.may_start_transfer(request.user, TransferKind.AGENCY),
            "may_historical": archive_permissions.may_start_transfer(
                request.user, TransferKind.HISTORICAL
            ),
        },
    )


@login_required
def transfer_create(request):
    kind = (
        TransferKind.HISTORICAL if query_text(request, "loai") == "lich-su" else TransferKind.AGENCY
    )
    if not archive_permissions.may_start_transfer(request.user, kind):
        raise PermissionDenied
    unit = headed_units(request.user).first() if kind == TransferKind.AGENCY else None
    form = forms.TransferForm(request.POST or None, user=request.user)
    created = submit_form(
        request,
        form,
        lambda data: services.transfer_create(
            actor=request.user, kind=kind, unit=unit, secrecy=data["secrecy"]
        ),
        _("Đã lập mục lục hồ sơ nộp lưu."),
    )
    if created is not None:
        return redirect(created)
    title = TransferKind(kind).label
    return render(request, "archive/simple_form.html", {"form": form, "title": title})


def _add_files(user, transfer, form) -> None:
    services.transfer_add_files(actor=user, transfer=transfer, files=form.cleaned_data["files"])


def _transfer_submit(user, transfer, form) -> None:
    services.transfer_submit(actor=user, transfer=transfer)


def _check(user, transfer, form) -> None:
    services.transfer_check_line(actor=user, **form.cleaned_data)


def _accept(user, transfer, form) -> None:
    services.transfer_accept(actor=user, transfer=transfer, notes=form.cleaned_data["notes"])


def _return(user, transfer, form) -> None:
    services.transfer_return(actor=user, transfer=transfer, reason=form.cleaned_data["reason"])


class TransferDetailView(ActionDetailView):
    model = Transfer
    template_name = "archive/transfer_detail.html"
    list_url_name = "archive:transfers"
    actions = {
        "files": Action(
            label=gettext_lazy("Đưa hồ sơ vào mục lục"),
            allowed=archive_permissions.can_prepare_transfer,
            perform=_add_files,
            form_class=forms.TransferFilesForm,
            form_kwargs=lambda obj: {"transfer": obj},
            success=gettext_lazy("Đã đưa hồ sơ vào mục lục."),
        ),
        "submit": Action(
            label=gettext_lazy("Nộp lưu"),
            allowed=archive_permissions.can_prepare_transfer,
            perform=_transfer_submit,
            success=gettext_lazy("Đã nộp mục lục hồ sơ."),
            primary=True,
            confirm=gettext_lazy("Nộp lưu các hồ sơ trong mục lục?"),
        ),
        "check": Action(
            label=gettext_lazy("Ghi kết quả kiểm tra"),
            allowed=archive_permissions.can_check,
            perform=_check,
            form_class=forms.LineCheckForm,
            form_kwargs=lambda obj: {"transfer": obj},
            success=gettext_lazy("Đã ghi kết quả kiểm tra."),
        ),
        "accept": Action(
            label=gettext_lazy("Nhận hồ sơ, lập biên bản giao nhận"),
            allowed=archive_permissions.can_check,
            perform=_accept,
            form_class=forms.AcceptForm,
            success=gettext_lazy("Đã giao nhận hồ sơ."),
            primary=True,
        ),
        "return": Action(
            label=gettext_lazy("Trả lại mục lục"),
            allowed=archive_permissions.can_check,
            perform=_return,
            form_class=forms.ReasonForm,
            success=gettext_lazy("Đã trả lại mục lục."),
            destructive=True,
            confirm=gettext_lazy("Trả lại mục lục cho đơn vị?"),
        ),
    }

    def get_queryset(self):
        return Transfer.objects.select_related("lead_unit", "owner", "checked_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lines = selectors.transfer_lines(self.object)
        context["lines"] = lines
        context["sheet_total"] = sum(line.record_file.sheet_total for line in lines)
        return context


def _transfer_or_404(request, pk: int) -> Transfer:
    return permissions.get_visible_or_404(
        Transfer.objects.select_related("lead_unit", "owner", "checked_by"), request.user, pk=pk
    )


@login_required
def transfer_list_pdf(request, pk: int):
    transfer = _transfer_or_404(request, pk)
    return _pdf(documents.transfer_list_document(transfer), f"muc-luc-nop-luu-{transfer.pk}.pdf")


@login_required
def transfer_minutes_pdf(request, pk: int):
    transfer = _transfer_or_404(request, pk)
    if transfer.minutes_number is None:
        raise Http404
    return _pdf(
        documents.transfer_minutes_document(transfer), f"bien-ban-giao-nhan-{transfer.pk}.pdf"
    )


# Sources --------------------------------------------------------------------------------------


@login_required
def source_list(request):
    return render(
        request,
        "archive/source_list.html",
        {
            "page": page_of(request, selectors.sources_for(request.user), size=PAGE_SIZE),
            "can_create": archive_permissions.is_archivist(request.user),
        },
    )


@login_required
def source_create(request):
    if not archive_permissions.is_archivist(request.user):
        raise PermissionDenied
    form = forms.SourceForm(request.POST or None, user=request.user)
    created = submit_form(
        request,
        form,
        lambda data: services.source_create(actor=request.user, **data),
        _("Đã thêm nguồn nộp lưu."),
    )
    if created is not None:
        return redirect(created)
    return render(
        request, "archive/simple_form.html", {"form": form, "title": _("Thêm nguồn nộp lưu")}
    )


def _source_list(user, body, form) -> None:
    services.source_list_add(actor=user, body=body, **form.cleaned_data)


def _receipt(user, body, form) -> None:
    services.source_receipt_record(actor=user, body=body, **form.cleaned_data)


class SourceDetailView(ActionDetailView):
    model = SourceBody
    template_name = "archive/source_detail.html"
    list_url_name = "archive:sources"
    actions = {
        "list": Action(
            label=gettext_lazy("Thêm danh mục tài liệu nộp lưu"),
            allowed=archive_permissions.can_manage_source,
            perform=_source_list,
            form_class=forms.SourceListForm,
            success=gettext_lazy("Đã thêm danh mục."),
        ),
        "receipt": Action(
            label=gettext_lazy("Ghi nhận tài liệu nộp lưu"),
            allowed=archive_permissions.can_manage_source,
            perform=_receipt,
            form_class=forms.ReceiptForm,
            form_kwargs=lambda obj: {"body": obj},
            success=gettext_lazy("Đã ghi nhận."),
            primary=True,
        ),
    }

    def get_queryset(self):
        return SourceBody.objects.select_related("owner", "lead_unit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lists"] = selectors.source_lists(self.object)
        context["receipts"] = selectors.source_receipts(self.object)
        return context


@login_required
def statistics(request):
    return render(request, "archive/statistics.html", selectors.statistics(request.user))
