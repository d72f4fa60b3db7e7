"""#9: axe-core (vendored for the tests only: tests/vendor/axe.min.js, `npm pack axe-core`,
MPL-2.0) finds no serious or critical accessibility violation on the home page with "Việc của
tôi" filled, nor on the incoming register list."""

from pathlib import Path

import pytest
from django.urls import reverse

from dispatch import services
from tests.dispatch.conftest import PASSWORD
from tests.kit.otp import browser_second_factor

AXE = (Path(__file__).resolve().parents[1] / "vendor" / "axe.min.js").read_text()
SERIOUS = {"serious", "critical"}


def _login(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    browser_second_factor(page, username)
    page.wait_for_url(live_server.url + "/")


def serious_violations(page) -> list[str]:
    page.evaluate(AXE)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in result["violations"]
        if violation["impact"] in SERIOUS
    ]


@pytest.mark.browser
def test_home_and_register_list_have_no_serious_violations(
    page, live_server, transactional_db, office, register, distribute, draft, media_root
):
    document = distribute(register())
    services.incoming_assign(actor=office["th_head"], document=document, owner=office["th_staff"])
    draft()
    page.set_viewport_size({"width": 1366, "height": 768})
    _login(page, live_server, "th_staff")
    assert page.locator("ul.my-work li").count() >= 2
    assert serious_violations(page) == []
    _login(page, live_server, "clerk1")
    page.goto(live_server.url + reverse("dispatch:incoming-list"))
    assert serious_violations(page) == []
