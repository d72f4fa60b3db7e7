"""The leadership approve the units' file lists here (DOMAIN §5); the retention table, the
archival periods and the custody places are catalogues the administrators edit."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from archive import selectors
from archive.models import (
    Appraisal,
    ArchiveTerm,
    Box,
    CouncilQuorum,
    FileList,
    Fonds,
    RecordFile,
    Repository,
    RetentionRule,
    RetentionSchedule,
    Series,
    Shelf,
    SourceBody,
    Transfer,
)
from archive.models_description import FixityRun, ScanChecksum
from units.admin import ApprovalAdmin, GuardedWorkAdmin, Reading


@admin.register(FileList)
class FileListAdmin(ApprovalAdmin):
    list_display = (*ApprovalAdmin.list_display, "year")
    list_select_related = ("lead_unit", "owner")
    search_fields = ("title",)
    decision_summary_fields = ("year", "secrecy")


@admin.register(RecordFile)
class RecordFileAdmin(GuardedWorkAdmin):
    """No delete button and no bulk delete: a record is destroyed only through an approved
    destruction list (`archive.keeping`)."""

    list_display = ("code", "title", "lead_unit", "owner", "state", "year")
    list_filter = ("state", "lead_unit")
    list_select_related = ("lead_unit", "owner")
    search_fields = ("code", "title")

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(Transfer)
class TransferAdmin(GuardedWorkAdmin):
    list_display = ("__str__", "kind", "state", "year")
    list_filter = ("kind", "state")
    list_select_related = ("lead_unit", "owner")


@admin.register(SourceBody)
class SourceBodyAdmin(GuardedWorkAdmin):
    list_display = ("name", "kind", "valid_from", "valid_to")
    search_fields = ("name",)


@admin.register(RetentionSchedule)
class RetentionScheduleAdmin(SimpleHistoryAdmin):
    """A new text of the Party is a new version: add a schedule, then its rows (below)."""

    list_display = ("name", "reference", "valid_from")


@admin.register(RetentionRule)
class RetentionRuleAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "years", "record_kind", "schedule")
    list_filter = ("schedule",)
    list_select_related = ("schedule",)


@admin.register(ArchiveTerm)
class ArchiveTermAdmin(SimpleHistoryAdmin):
    list_display = ("key", "years", "valid_from", "reference")


@admin.register(Repository)
class RepositoryAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name")


@admin.register(Shelf)
class ShelfAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "repository", "code")
    list_select_related = ("repository",)


@admin.register(Box)
class BoxAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "code")
    list_select_related = ("shelf__repository",)


@admin.register(Fonds)
class FondsAdmin(SimpleHistoryAdmin):
    list_display = ("code", "title", "creator", "access_restricted")
    list_filter = ("access_restricted",)


@admin.register(Series)
class SeriesAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "fonds", "code")
    list_select_related = ("fonds",)


# Description and fixity (archive/models_description.py) --------------------------------------


@admin.register(ScanChecksum)
class ScanChecksumAdmin(admin.ModelAdmin):
    """Read-only: digests are recorded at ingest and re-checked by the fixity task."""

    list_display = ["item", "sha256", "size", "status", "checked_at"]
    list_filter = ["status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Appraisal)
class AppraisalAdmin(ApprovalAdmin):
    """The leadership's decision forming the council, the council's recorded decision (its
    secretary) and the chief's destruction decision. Never deleted."""

    list_display = (*ApprovalAdmin.list_display, "year")
    list_select_related = ("lead_unit", "owner")
    search_fields = ("title",)
    decision_summary_fields = ("year", "note", "kept_note", "council_number", "minutes_number")
    approve_label = _("Duyệt")

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def decision_reading(self, request, obj):
        """Each file with the council's decision and its votes; the page itself (opinions,
        reasons, the chief's confirmations) one link away."""
        lines = [
            _("%(code)s – %(title)s: %(outcome)s (hủy %(destroy)d, giữ lại %(keep)d)%(confirmed)s")
            % {
                "code": line.record_file.code,
                "title": line.record_file.title,
                "outcome": line.get_outcome_display()
                if line.outcome
                else line.get_proposal_display(),
                "destroy": line.destroy_votes,
                "keep": line.keep_votes,
                "confirmed": _("; Chánh Văn phòng xác nhận hủy") if line.chief_confirmed else "",
            }
            for line in selectors.appraisal_lines(obj)
        ]
        return Reading(
            text="\n".join(str(line) for line in lines),
            file_url=obj.get_absolute_url(),
            file_label=_("Danh mục hồ sơ và ý kiến của Hội đồng"),
        )


@admin.register(FixityRun)
class FixityRunAdmin(ScanChecksumAdmin):
    list_display = ["started_at", "finished_at", "checked", "failures", "last_item_id", "wrapped"]
    list_filter = ["wrapped"]


# The reading room ------------------------------------------------------------------------------

from archive.models import OpeningTerm, ReadingRequest, Researcher  # noqa: E402


@admin.register(ReadingRequest)
class ReadingRequestAdmin(ApprovalAdmin):
    """The leadership decide who reads secret files and files of restricted fonds."""

    list_select_related = ("lead_unit", "owner", "requester")
    search_fields = ("purpose",)
    decision_summary_fields = ("purpose", "period_start", "period_end", "secrecy", "restricted")

    def decision_reading(self, request, obj) -> Reading:
        from archive import selectors

        if obj.researcher_id:
            r = obj.researcher
            reader = f"{r.full_name} – {r.organisation} ({r.get_id_kind_display()} {r.id_number})"
            reader += f"\n{Researcher._meta.get_field('introduction_ref').verbose_name}: "
            reader += r.introduction_ref
        else:
            reader = obj.requester.get_full_name() or obj.requester.get_username()
        lines = [
            f"{line.record_file.code} – {line.record_file.title} "
            f"({line.record_file.get_secrecy_display()})"
            for line in selectors.reading_lines(obj, request.user)
        ]
        text = _("Người đọc: %(reader)s\nMục đích: %(purpose)s\nHồ sơ:\n%(files)s") % {
            "reader": reader,
            "purpose": obj.purpose,
            "files": "\n".join(lines),
        }
        return Reading(text=text)


@admin.register(OpeningTerm)
class OpeningTermAdmin(SimpleHistoryAdmin):
    """Years from a file's end date to its opening for public use, by secrecy level."""

    list_display = ("secrecy", "years", "valid_from", "reference")


@admin.register(CouncilQuorum)
class CouncilQuorumAdmin(SimpleHistoryAdmin):
    list_display = ("share_percent", "valid_from", "reference")
