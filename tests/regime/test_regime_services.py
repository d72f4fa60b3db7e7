"""The working regime through its services: the disclosure board (Điều 16) fed by approvals and
by the head, internal complaints (Điều 21) behind the door, unit regulations (Điều 24) with
their versions, differences and acknowledgments. Every refusal: its message, nothing written."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import Notification
from regime import selectors, services
from regime.choices import ComplaintKind, ComplaintStatus
from regime.models import (
    Complaint,
    DisclosureCategory,
    DisclosureItem,
    DisclosureReading,
    RegulationAcknowledgment,
    RegulationVersion,
)
from tests.regime.helpers import TEXT_V1, approve, discuss, draft
from units import approvals, permissions
from units import services as unit_services
from units.choices import ApprovalStatus, DecisionKind, Secrecy
from units.models import Escalation

TODAY = timezone.localdate


def _category(code="dao-tao"):
    return DisclosureCategory.objects.get(code=code)


def _post(office, actor="head"):
    return services.disclosure_post(
        actor=office[actor],
        unit=office.units["th"],
        category=_category(),
        title="Cử cán bộ đi bồi dưỡng",
        body="Đồng chí A dự lớp.",
    )


# Disclosure board ---------------------------------------------------------------------------


class TestDisclosure:
    def test_the_head_posts_and_every_member_is_told(self, office):
        item = _post(office)
        for who in ("staff", "owner", "deputy"):
            assert Notification.objects.filter(
                recipient=office[who], url=item.get_absolute_url()
            ).exists(), who
        assert not Notification.objects.filter(recipient=office["coord_staff"]).exists()

    @pytest.mark.parametrize("who", ["staff", "deputy", "coord_head", "dc_in_charge"])
    def test_only_the_head_posts(self, office, who):
        with pytest.raises(PermissionDenied, match="Trưởng phòng"):
            _post(office, who)
        assert not DisclosureItem.objects.exists()

    def test_each_reading_is_recorded_once_and_the_head_sees_who_has_not_read(self, office):
        item = _post(office)
        unread = set(selectors.not_read(item))
        assert {office["staff"], office["owner"], office["head"]} <= unread
        services.disclosure_read(actor=office["staff"], item=item)
        services.disclosure_read(actor=office["staff"], item=item)
        assert DisclosureReading.objects.filter(item=item).count() == 1
        assert office["staff"] not in set(selectors.not_read(item))
        assert office["owner"] in set(selectors.not_read(item))

    def test_another_units_staff_neither_reads_nor_sees_the_board(self, office):
        item = _post(office)
        with pytest.raises(PermissionDenied):
            services.disclosure_read(actor=office["coord_staff"], item=item)
        assert not DisclosureReading.objects.exists()
        assert list(selectors.board(office["coord_staff"])) == []
        assert [row.pk for row in selectors.board(office["staff"])] == [item.pk]
        assert [row.pk for row in selectors.board(office["dc_in_charge"])] == [item.pk]
        assert list(selectors.board(office["dc_other"])) == []

    def test_an_approved_regulation_feeds_the_board_once(self, office):
        version = approve(office, draft(office, effective_from=TODAY()))
        items = DisclosureItem.objects.filter(source_id=version.pk)
        assert items.count() == 1
        item = items.get()
        assert item.category.code == "quy-che" and item.unit == office.units["th"]
        assert item.link == "/che-do/quy-che/don-vi/th/"
        assert services.disclosure_publish(obj=version, actor=office["chief"]) == item
        assert DisclosureItem.objects.filter(source_id=version.pk).count() == 1

    def test_any_model_that_declares_it_feeds_the_board_on_final_approval(
        self, office, monkeypatch
    ):
        """Generic: the escalation declares nothing; declared for the test, its approval
        publishes it (the signal, not the model's app, does it)."""
        monkeypatch.setattr(Escalation, "disclose_on_approval", "ket-qua", raising=False)
        escalation = unit_services.escalation_create(
            actor=office["head"], unit=office.units["th"], title="Kết quả quý", dossier="..."
        )
        assert not DisclosureItem.objects.exists()
        approvals.approval_decide(
            actor=office["dc_in_charge"], obj=escalation, kind=DecisionKind.APPROVE
        )
        item = DisclosureItem.objects.get()
        assert item.source == escalation and item.category.code == "ket-qua"

    def test_a_secret_or_returned_submission_is_never_disclosed(self, office, monkeypatch):
        monkeypatch.setattr(Escalation, "disclose_on_approval", "ket-qua", raising=False)
        secret = unit_services.escalation_create(
            actor=office["head"],
            unit=office.units["th"],
            title="Mật",
            dossier="...",
            secrecy=Secrecy.CONFIDENTIAL,
        )
        approvals.approval_decide(actor=office["dc_in_charge"], obj=secret, kind="approve")
        returned = unit_services.escalation_create(
            actor=office["head"], unit=office.units["th"], title="Trả", dossier="..."
        )
        approvals.approval_decide(
            actor=office["dc_in_charge"], obj=returned, kind="return", comment="Bổ sung."
        )
        assert not DisclosureItem.objects.exists()

    def test_a_retired_category_publishes_nothing(self, office):
        DisclosureCategory.objects.filter(code="quy-che").update(is_active=False)
        approve(office, draft(office, effective_from=TODAY()))
        assert not DisclosureItem.objects.exists()


# Complaints ---------------------------------------------------------------------------------


def _file(office, who="staff"):
    return services.complaint_file(
        actor=office[who],
        kind=ComplaintKind.COMPLAINT,
        subject="Phân công trực không đều",
        content="Lịch trực dồn cho hai người.",
    )


class TestComplaints:
    def test_received_by_todays_head_and_seen_only_by_head_leadership_and_grantees(self, office):
        complaint = _file(office)
        assert complaint.owner == office["acting_head"]
        assert complaint.secrecy == Secrecy.CONFIDENTIAL
        seen = {
            role for role, user in office.people.items() if permissions.can_see(user, complaint)
        }
        assert seen == {"chief", "dc_in_charge", "head", "acting_head", "staff"}

    def test_the_head_resolves_and_the_complainant_sees_the_outcome(self, office):
        complaint = _file(office)
        services.complaint_resolve(
            actor=office["acting_head"], complaint=complaint, outcome="Đã xếp lại lịch trực."
        )
        assert complaint.status == ComplaintStatus.RESOLVED
        notice = Notification.objects.filter(recipient=office["staff"]).latest("pk")
        assert notice.url == complaint.get_absolute_url()
        # The notice quotes nothing of the complaint (it is secret).
        assert "trực" not in notice.title

    def test_forwarded_to_the_office_with_its_dossier(self, office):
        complaint = _file(office)
        services.complaint_forward(
            actor=office["head"], complaint=complaint, dossier="Vượt thẩm quyền của phòng."
        )
        escalation = complaint.escalation
        assert complaint.status == ComplaintStatus.FORWARDED
        assert escalation.approval_status == ApprovalStatus.SUBMITTED
        assert escalation.secrecy == Secrecy.CONFIDENTIAL
        assert "Lịch trực dồn" in escalation.dossier and "Vượt thẩm quyền" in escalation.dossier
        assert permissions.can_see(office["dc_in_charge"], escalation)

    def test_forwarding_without_a_dossier_is_refused(self, office):
        complaint = _file(office)
        with pytest.raises(ValidationError, match="hồ sơ"):
            services.complaint_forward(actor=office["head"], complaint=complaint, dossier=" ")
        complaint.refresh_from_db()
        assert complaint.status == ComplaintStatus.RECEIVED and not Escalation.objects.exists()

    @pytest.mark.parametrize("who", ["staff", "deputy", "dc_in_charge", "coord_head"])
    def test_only_the_head_resolves(self, office, who):
        complaint = _file(office)
        with pytest.raises(PermissionDenied):
            services.complaint_resolve(actor=office[who], complaint=complaint, outcome="x")
        complaint.refresh_from_db()
        assert complaint.status == ComplaintStatus.RECEIVED

    def test_the_head_lets_someone_in(self, office):
        complaint = _file(office)
        assert not permissions.can_see(office["deputy"], complaint)
        services.complaint_grant(
            actor=office["head"], complaint=complaint, user=office["deputy"], reason="Cho ý kiến"
        )
        assert permissions.can_see(office["deputy"], complaint)

    def test_a_head_does_not_file_to_himself(self, office):
        with pytest.raises(PermissionDenied, match="lãnh đạo Văn phòng"):
            _file(office, "acting_head")
        assert not Complaint.objects.exists()

    def test_overdue_complaints_remind_the_head_once_a_day(self, office):
        complaint = _file(office)
        later = complaint.deadline + timedelta(days=1)
        assert services.complaints_remind(today=later) == 1
        assert services.complaints_remind(today=later) == 0


# Unit regulations ---------------------------------------------------------------------------


class TestRegulation:
    def test_discussed_before_it_goes_to_leadership(self, office):
        version = draft(office, effective_from=TODAY())
        with pytest.raises(ValidationError, match="thảo luận tập thể"):
            approvals.approval_submit(actor=office["head"], obj=version)
        version.refresh_from_db()
        assert version.approval_status == ApprovalStatus.DRAFT
        discuss(office, version)
        approvals.approval_submit(actor=office["head"], obj=version)

    def test_in_force_from_its_date_and_amended_the_same_way(self, office):
        first = approve(office, draft(office, effective_from=TODAY() - timedelta(days=30)))
        assert selectors.in_force(office.units["th"]) == first
        amended_text = TEXT_V1.replace("Điều 3. Trực cơ quan.", "Điều 3. Trực luân phiên.")
        second = draft(
            office,
            effective_from=TODAY() + timedelta(days=10),
            text=amended_text,
            note="Sửa Điều 3.",
        )
        assert second.previous == first and second.number == 2
        approve(office, second)
        assert selectors.in_force(office.units["th"]) == first
        assert selectors.in_force(office.units["th"], on=TODAY() + timedelta(days=10)) == second
        assert list(selectors.approved_versions(office.units["th"])) == [second, first]

    def test_a_version_effective_before_the_one_in_force_is_refused(self, office):
        approve(office, draft(office, effective_from=TODAY()))
        for day in (TODAY() - timedelta(days=1), TODAY()):
            with pytest.raises(ValidationError) as error:
                draft(office, effective_from=day, note="Sửa.")
            assert "phải sau ngày có hiệu lực" in error.value.message_dict["effective_from"][0]
        assert RegulationVersion.objects.count() == 1

    def test_an_amendment_says_what_it_changes(self, office):
        approve(office, draft(office, effective_from=TODAY()))
        with pytest.raises(ValidationError, match="Nêu nội dung sửa đổi"):
            draft(office, effective_from=TODAY() + timedelta(days=1))
        assert RegulationVersion.objects.count() == 1

    def test_one_draft_at_a_time(self, office):
        draft(office, effective_from=TODAY())
        with pytest.raises(ValidationError, match="chưa được duyệt"):
            draft(office, effective_from=TODAY() + timedelta(days=1))
        assert RegulationVersion.objects.count() == 1

    def test_submission_checks_the_date_again(self, office):
        """A draft whose date was valid when written is refused once a later version is in."""
        first = approve(office, draft(office, effective_from=TODAY()))
        late = draft(office, effective_from=TODAY() + timedelta(days=5), note="Sửa.")
        late.effective_from = first.effective_from
        with pytest.raises(ValidationError, match="phải sau ngày có hiệu lực"):
            services.regulation_before_submit(late)

    def test_an_edit_to_an_earlier_date_is_refused(self, office):
        approve(office, draft(office, effective_from=TODAY()))
        second = draft(office, effective_from=TODAY() + timedelta(days=5), note="Sửa.")
        with pytest.raises(ValidationError, match="phải sau ngày có hiệu lực"):
            services.regulation_update(
                actor=office["head"],
                version=second,
                title=second.title,
                text=second.text,
                effective_from=TODAY() - timedelta(days=5),
                change_note="Sửa.",
            )
        second.refresh_from_db()
        assert second.effective_from == TODAY() + timedelta(days=5)

    def test_the_difference_from_the_previous_version_is_readable(self, office):
        first = approve(office, draft(office, effective_from=TODAY()))
        second = draft(
            office,
            effective_from=TODAY() + timedelta(days=1),
            text=TEXT_V1.replace("Điều 3. Trực cơ quan.", "Điều 3. Trực luân phiên."),
            note="Sửa Điều 3.",
        )
        diff = [(line.kind, line.text) for line in selectors.version_diff(second)]
        assert ("removed", "Điều 3. Trực cơ quan.") in diff
        assert ("added", "Điều 3. Trực luân phiên.") in diff
        assert ("same", "Điều 2. Báo cáo tuần chiều thứ Sáu.") in diff
        assert all(
            kind == "added"
            for kind, _t in ((line.kind, line.text) for line in selectors.version_diff(first))
        )

    def test_each_member_acknowledges_the_version_in_force_once_per_version(self, office):
        first = approve(office, draft(office, effective_from=TODAY() - timedelta(days=3)))
        assert office["staff"] in set(selectors.not_acknowledged(first))
        services.regulation_acknowledge(actor=office["staff"], version=first)
        services.regulation_acknowledge(actor=office["staff"], version=first)
        assert RegulationAcknowledgment.objects.filter(version=first).count() == 1
        assert office["staff"] not in set(selectors.not_acknowledged(first))
        second = approve(
            office, draft(office, effective_from=TODAY() + timedelta(days=3), note="Sửa.")
        )
        with pytest.raises(ValidationError, match="đang có hiệu lực"):
            services.regulation_acknowledge(actor=office["staff"], version=second)
        assert not RegulationAcknowledgment.objects.filter(version=second).exists()

    def test_another_units_staff_cannot_acknowledge(self, office):
        first = approve(office, draft(office, effective_from=TODAY()))
        with pytest.raises(PermissionDenied):
            services.regulation_acknowledge(actor=office["coord_staff"], version=first)
        assert not RegulationAcknowledgment.objects.exists()

    def test_members_are_asked_to_acknowledge_on_approval(self, office):
        approve(office, draft(office, effective_from=TODAY()))
        assert Notification.objects.filter(
            recipient=office["owner"], url="/che-do/quy-che/don-vi/th/"
        ).exists()

    @pytest.mark.parametrize("who", ["staff", "deputy", "dc_in_charge", "coord_head"])
    def test_only_the_head_drafts(self, office, who):
        with pytest.raises(PermissionDenied):
            draft(office, effective_from=TODAY(), actor=who)
        assert not RegulationVersion.objects.exists()
