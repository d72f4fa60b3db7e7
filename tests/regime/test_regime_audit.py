"""The audit walker of the regime app (tests/kit/audit.py): each tracked model, the scenario of
real services that writes it, and every history row names its user and its reason."""

from datetime import timedelta

from django.utils import timezone

from regime import services
from regime.choices import ComplaintKind
from regime.models import DisclosureCategory
from tests.kit.audit import audit_tests
from tests.regime.helpers import approve, draft


def disclosure_flow(office):
    item = services.disclosure_post(
        actor=office["head"],
        unit=office.units["th"],
        category=DisclosureCategory.objects.get(code="khen-thuong"),
        title="Khen thưởng quý",
    )
    services.disclosure_read(actor=office["staff"], item=item)


def complaint_flow(office):
    resolved = services.complaint_file(
        actor=office["staff"], kind=ComplaintKind.PROPOSAL, subject="Đề xuất", content="Nội dung"
    )
    services.complaint_grant(
        actor=office["head"], complaint=resolved, user=office["deputy"], reason="Cho ý kiến"
    )
    services.complaint_resolve(actor=office["head"], complaint=resolved, outcome="Đã giải quyết")
    forwarded = services.complaint_file(
        actor=office["owner"], kind=ComplaintKind.COMPLAINT, subject="Khiếu nại", content="..."
    )
    services.complaint_forward(actor=office["head"], complaint=forwarded, dossier="Hồ sơ")


def regulation_flow(office):
    """Drafted, edited, discussed, approved (which feeds the board), acknowledged."""
    today = timezone.localdate()
    version = draft(office, effective_from=today + timedelta(days=1))
    services.regulation_update(
        actor=office["head"],
        version=version,
        title=version.title,
        text=version.text + "\nĐiều 4. Thi hành.",
        effective_from=today,
    )
    approve(office, version)
    services.regulation_acknowledge(actor=office["staff"], version=version)


SERVICES = {
    "regime.DisclosureItem": [disclosure_flow, regulation_flow],
    "regime.DisclosureReading": [disclosure_flow],
    "regime.Complaint": [complaint_flow],
    "regime.RegulationVersion": [regulation_flow],
    "regime.RegulationAcknowledgment": [regulation_flow],
}
CATALOGUES = {"regime.DisclosureCategory", "regime.ComplaintTerm"}

(
    test_every_tracked_model_says_which_services_write_it,
    test_every_history_row_of_a_service_write_has_its_user_and_reason,
) = audit_tests("regime", SERVICES, CATALOGUES, fixtures=("office",))
