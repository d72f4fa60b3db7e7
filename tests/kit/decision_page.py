"""What every admin decision page (`units.admin.ApprovalAdmin`) must show, checked the same way
for each approvable kind: the decision buttons before the details, the submitter by full name
and position, Vietnamese labels only, files through the door and never by their storage path."""

from django.urls import reverse

ENGLISH_LABELS = ("Period key", "Type key", "Show counts", "Approval status", "Submitted at")


def decision_page(client, obj) -> str:
    opts = obj._meta
    response = client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    )
    assert response.status_code == 200
    return response.content.decode()


def assert_decision_page(html, *, submitter, approve_label="Duyệt", storage_paths=()):
    buttons = html.find('id="decision-buttons"')
    summary = html.find('id="decision-summary"')
    assert 0 < buttons < summary, "the decision buttons come before the details"
    button_row = html[buttons : html.find("</div>", buttons)]
    assert f">{approve_label}</button>" in button_row
    assert ">Trả lại với ý kiến</button>" in button_row
    details = html[summary:]
    assert f"{submitter.get_full_name()} ({submitter.staff.get_position_display()})" in details
    assert f">{submitter.username}<" not in html
    for label in ENGLISH_LABELS:
        assert label not in html
    for path in storage_paths:
        assert path and path not in html


def assert_readable_changelist(client, model, title, *, submitter):
    opts = model._meta
    response = client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), {"cho": "toi"}
    )
    html = response.content.decode()
    assert title in html
    assert f"{submitter.get_full_name()} ({submitter.staff.get_position_display()})" in html
    for header in ("Nội dung trình", "Đơn vị chủ trì", "Người trình", "Trình lúc", "Bước"):
        assert header in html
    for label in ENGLISH_LABELS:
        assert label not in html
