"""Expired files in the agency archive and an appraisal walked through the real services:
proposal, council, opinions, the council's decision, the chief's approval."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from archive import services
from archive.choices import CouncilRole, Verdict
from archive.models import RecordFile
from tests.archive.conftest import scan
from units import approvals
from units.choices import DecisionKind

#: the council of these tests: chair, secretary (the archivist), TH's representative, expert
COUNCIL = (
    ("lt_head", CouncilRole.CHAIR, None),
    ("archivist", CouncilRole.SECRETARY, None),
    ("head", CouncilRole.UNIT, "th"),
    ("staff2", CouncilRole.EXPERT, None),
)


def expired_files(office, flow, count=3, *, with_scan=True) -> list[RecordFile]:
    """Closed TH files kept 10 years, accepted by the archive; their documents ended 11 years
    ago (a queryset update: the clock, not a write of the feature)."""
    files = []
    for n in range(1, count + 1):
        record_file = flow.open(code=f"TH-H{n}")
        flow.paper(record_file, upload=scan() if with_scan else None)
        files.append(services.file_close(actor=office["staff"], record_file=record_file))
    flow.accepted(files)
    long_ago = timezone.localdate() - timedelta(days=365 * 11 + 3)
    RecordFile.objects.filter(pk__in=[f.pk for f in files]).update(
        starts_on=long_ago, ends_on=long_ago
    )
    return list(RecordFile.objects.filter(pk__in=[f.pk for f in files]).order_by("code"))


def proposed(office, files, kept=()):
    appraisal = services.appraisal_create(
        actor=office["archivist"],
        title="Thẩm định tài liệu hết hạn năm 2026",
        note="Các hồ sơ đã hết thời hạn bảo quản 10 năm.",
        files=files,
        kept_files=kept,
        kept_note="Còn giá trị tham khảo." if kept else "",
    )
    for key, role, unit in COUNCIL:
        services.council_member_add(
            actor=office["archivist"],
            appraisal=appraisal,
            user=office[key],
            role=role,
            unit=office.units[unit] if unit else None,
        )
    return appraisal


def formed(office, files, kept=()):
    """Proposed, submitted, and the council formed by the deputy chief in charge."""
    appraisal = proposed(office, files, kept)
    approvals.approval_submit(actor=office["archivist"], obj=appraisal)
    appraisal.refresh_from_db()
    approvals.approval_decide(actor=office["dc"], obj=appraisal, kind=DecisionKind.APPROVE)
    appraisal.refresh_from_db()
    return appraisal


def give_opinions(office, appraisal, *, keep=None, keepers=("staff2",), who=None):
    """Every member (or `who`) gives an opinion on each proposed line: destroy, except the
    `keepers` on the file `keep`."""
    lines = list(appraisal.lines.filter(proposal=Verdict.DESTROY).select_related("record_file"))
    for key, _role, _unit in COUNCIL:
        if who is not None and key not in who:
            continue
        for line in lines:
            verdict = (
                Verdict.KEEP
                if keep is not None and line.record_file_id == keep.pk and key in keepers
                else Verdict.DESTROY
            )
            services.opinion_record(
                actor=office[key],
                appraisal=appraisal,
                line=line,
                verdict=verdict,
                reason="Còn giá trị tra cứu" if verdict == Verdict.KEEP else "Hết giá trị",
            )


def decided(office, appraisal):
    services.council_decision_record(
        actor=office["archivist"], appraisal=appraisal, held_on=timezone.localdate()
    )
    appraisal.refresh_from_db()
    return appraisal


def approved(office, files, *, keep=None):
    appraisal = formed(office, files)
    give_opinions(office, appraisal, keep=keep)
    decided(office, appraisal)
    approvals.approval_decide(actor=office["chief"], obj=appraisal, kind=DecisionKind.APPROVE)
    appraisal.refresh_from_db()
    return appraisal
