"""In headless Chromium, under the real Content-Security-Policy: the main pages of the site and
the admin report no violation (`securitypolicyviolation`, also logged to the console) and still
work (a task is assigned through its form; the admin's search and theme switch run)."""

import pytest
from django.urls import reverse

from tests.kit.otp import browser_second_factor

PASSWORD = "matkhau-thu-2026"

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(
    event.violatedDirective + " " + (event.blockedURI || "inline") + " " + event.sourceFile
  );
});
"""


@pytest.fixture
def watched(page):
    """The page, with every CSP violation of every document it loads collected."""
    console: list[str] = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.csp_console = console
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []") + page.csp_console


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    page.wait_for_load_state("load")
    assert violations(page) == [], url


def login(page, live_server, username):
    page.context.clear_cookies()
    visit(page, live_server.url + reverse("login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    browser_second_factor(page, username)
    page.wait_for_url(live_server.url + "/")
    assert violations(page) == []


@pytest.mark.browser
def test_site_pages_run_under_the_policy(watched, live_server, transactional_db, office, work):
    page = watched
    login(page, live_server, "th_head")
    for name in (
        "units:tasks",
        "units:escalations",
        "units:consultations",
        "units:units",
        "units:delegations",
        "core:notifications",
        "workprograms:programs",
        "workprograms:calendar",
        "workprograms:meetings",
        "dispatch:incoming-list",
        "dispatch:register-export",
    ):
        visit(page, live_server.url + reverse(name))
    visit(page, live_server.url + work["task"].get_absolute_url())

    visit(page, live_server.url + reverse("units:task-create"))
    page.fill("#id_title", "Tổng hợp ý kiến góp ý dự thảo")
    page.select_option("#id_owner", label="Cán bộ th_owner")
    page.fill("#id_due_working_days", "3")
    page.click("main button[type=submit]")
    page.wait_for_selector("#task-status")
    assert page.inner_text("#task-status") == "Đã giao"
    assert violations(page) == []

    page.set_viewport_size({"width": 600, "height": 800})
    page.click("button.navbar-toggler")
    page.wait_for_selector("#main-nav.show")
    assert violations(page) == []


@pytest.mark.browser
def test_admin_pages_run_under_the_policy(watched, live_server, transactional_db, office, work):
    page = watched
    page.context.clear_cookies()
    visit(page, live_server.url + reverse("admin:login"))
    page.fill("input[name=username]", "chief")
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    browser_second_factor(page, "chief")
    page.wait_for_url(live_server.url + reverse("admin:index"))
    assert violations(page) == []
    escalation = work["escalation"]
    for url in (
        reverse("admin:index"),
        reverse("admin:units_task_changelist"),
        reverse("admin:units_task_changelist") + "?q=quý",
        reverse("admin:units_escalation_change", args=[escalation.pk]),
        reverse("admin:units_task_history", args=[work["task"].pk]),
    ):
        visit(page, live_server.url + url)

    visit(page, live_server.url + reverse("admin:units_escalation_change", args=[escalation.pk]))
    assert page.eval_on_selector(".decision-page", "e => getComputedStyle(e).clear") == "both"

    visit(page, live_server.url + reverse("admin:units_task_changelist"))
    page.fill("#searchbar", "mật")
    page.click("#changelist-search input[type=submit]")
    page.wait_for_url("**/?q=*")
    assert "Rà soát tài liệu mật" in page.inner_text("#result_list")
    assert "Báo cáo tình hình quý" not in page.inner_text("#result_list")
    before = page.eval_on_selector("html", "e => e.dataset.theme || ''")
    page.click("button.theme-toggle")
    assert page.eval_on_selector("html", "e => e.dataset.theme || ''") != before
    assert violations(page) == []
