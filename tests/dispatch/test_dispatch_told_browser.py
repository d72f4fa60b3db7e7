"""In Chromium: the deputy chief named as signer finds on his home what awaits his decision,
the same count on the admin index, and the notice's link opens the draft to sign."""

import pytest

from tests.dispatch.test_dispatch_outgoing import to_signature
from tests.dispatch.test_dispatch_workflow_browser import signed_in
from units import services as unit_services

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_a_leaders_home_counts_what_awaits_him_and_the_notice_opens_it(
    browser, live_server, office, draft
):
    document = to_signature(office, draft(signer=office["dc_other"]))
    unit_services.escalation_create(
        actor=office["tc_head"], unit=office.units["tc"], title="Kiến nghị", dossier="Hồ sơ"
    )
    context, page = signed_in(browser, live_server, "dc2")
    page.goto(f"{live_server.url}/")
    assert "2 nội dung chờ anh/chị quyết định" in page.inner_text("#awaiting-decision")
    page.click("#awaiting-decision a")
    page.wait_for_selector("#awaiting-total")
    assert page.inner_text("#awaiting-total") == "2"
    page.goto(f"{live_server.url}/")
    notice = page.locator("li", has_text=f"Chờ quyết định: {document}")
    notice.get_by_role("button", name="Xem").click()
    page.wait_for_url(f"**/admin/dispatch/outgoingdocument/{document.pk}/change/")
    assert document.summary in page.content()
    context.close()
