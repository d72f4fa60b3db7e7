"""The decision page of a unit regulation (the shared kit, tests/kit/decision_page.py): decision
buttons first, the submitter by name and position, the text to read and the line difference from
the version in force; the list of what awaits the deputy chief in charge."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from regime import selectors
from regime.models import RegulationVersion
from tests.kit.decision_page import (
    assert_decision_page,
    assert_readable_changelist,
    decision_page,
)
from tests.regime.helpers import TEXT_V1, approve, discuss, draft
from units import approvals


def _submitted_amendment(office):
    today = timezone.localdate()
    approve(office, draft(office, effective_from=today - timedelta(days=10)))
    amended = draft(
        office,
        effective_from=today,
        text=TEXT_V1.replace("Điều 3. Trực cơ quan.", "Điều 3. Trực luân phiên."),
        note="Sửa Điều 3.",
    )
    discuss(office, amended)
    approvals.approval_submit(actor=office["head"], obj=amended)
    return amended


def test_the_deputy_chief_reads_the_difference_before_deciding(office):
    amended = _submitted_amendment(office)
    http = Client()
    http.force_login(office["dc_in_charge"])
    html = decision_page(http, amended)
    assert_decision_page(html, submitter=office["head"])
    diff = html[html.find('id="items-diff"') :]
    assert "<del>− Điều 3. Trực cơ quan.</del>" in diff
    assert "<ins>+ Điều 3. Trực luân phiên.</ins>" in diff
    assert "lần 1 → lần 2" in diff
    assert_readable_changelist(http, RegulationVersion, str(amended), submitter=office["head"])


def test_a_long_text_shows_only_the_changed_parts():
    old = "\n".join(f"Điều {n}." for n in range(1, 21))
    new = old.replace("Điều 10.", "Điều 10 (sửa).")
    kinds = [line.kind for line in selectors.text_diff(old, new)]
    assert kinds == ["gap", "same", "same", "removed", "added", "same", "same"]
