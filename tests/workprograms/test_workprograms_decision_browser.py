"""In Chromium at 1366×768: the deputy chief opens a program awaiting him in the admin, finds
the decision buttons above the fold, and returns it with a comment."""

import re

import pytest

from tests.workprograms.test_workprograms_browser import sign_in
from units import approvals
from units.choices import ApprovalStatus


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_deputy_chief_returns_a_program_from_the_top_of_the_page(
    live_server, page, office, flow, password
):
    program = flow.program(items=8)
    flow.discuss(program)
    approvals.approval_submit(actor=office["head"], obj=program)
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server.url, "dc1", password)
    page.goto(f"{live_server.url}/admin/workprograms/workprogram/?cho=toi")
    page.click(f"#result_list a:has-text('{program.title}')")
    return_button = page.locator("#decision-buttons button[value=return]")
    assert return_button.inner_text() == "Trả lại với ý kiến"
    for button in page.locator("#decision-buttons button").all():
        box = button.bounding_box()
        assert box is not None and box["y"] + box["height"] < 768
    last_row = page.locator("#items-diff tbody tr").last
    last_row.scroll_into_view_if_needed()
    row_box = last_row.bounding_box()
    top = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('tr') !== null",
        [row_box["x"] + row_box["width"] / 2, row_box["y"] + row_box["height"] / 2],
    )
    assert top, "nothing covers the last row of the items"
    page.fill("#decision-form textarea[name=comment]", "Bổ sung sản phẩm dự kiến.")
    return_button.click()
    page.wait_for_url(re.compile(r".*cho=toi.*"))
    program.refresh_from_db()
    assert program.approval_status == ApprovalStatus.RETURNED
    assert program.decision_comment == "Bổ sung sản phẩm dự kiến."
