"""Register tables drawn in Python: escaped, dated in the office's time zone, linked."""

from datetime import UTC, date, datetime

from django.utils.html import format_html

from core.tables import Column, Table, day, full_name, link_to, shorten


class Letters(Table):
    fields = ("id", "sender", "received_at")
    empty = "Không có gì."
    columns = (
        Column("Số", lambda row: link_to("dispatch:letter")(row["id"], row["id"])),
        Column("Người gửi", lambda row: row["sender"]),
        Column(
            "Ngày",
            lambda row: day(row["received_at"]),
            css=lambda row: "text-danger" if row["id"] == 2 else "",
        ),
    )


def test_cells_are_escaped_and_safe_cells_are_kept():
    row = {"id": 7, "sender": '<script>alert("x")</script>', "received_at": None}
    html = Letters([row]).body()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert html.startswith('<tr><td><a href="/van-ban/don-thu/7/">7</a></td>')


def test_links_reverse_the_view_with_the_row_id():
    assert link_to("dispatch:incoming")(42, "<b>") == '<a href="/van-ban/den/42/">&lt;b&gt;</a>'


def test_a_cell_class_comes_from_the_row():
    rows = [
        {"id": 1, "sender": "A", "received_at": None},
        {"id": 2, "sender": "B", "received_at": None},
    ]
    html = Letters(rows).body()
    assert html.count('class="text-danger"') == 1
    assert html.index("B") < html.index('class="text-danger"')


def test_an_empty_table_says_so_across_all_columns():
    assert Letters([]).body() == '<tr><td colspan="3" class="text-muted">Không có gì.</td></tr>'
    assert Letters([]).head() == "<tr><th>Số</th><th>Người gửi</th><th>Ngày</th></tr>"


def test_dates_are_shown_in_the_office_time_zone():
    # 20:00 UTC on 31/12 is already 1 January in Hà Nội.
    assert day(datetime(2026, 12, 31, 20, 0, tzinfo=UTC)) == "01/01/2027"
    assert day(date(2026, 2, 5)) == "05/02/2026"
    assert day(None) == ""


def test_names_and_shortened_text_match_the_template_filters():
    assert full_name("Ngô Thị", "Thư") == "Ngô Thị Thư"
    assert full_name("", "") == ""
    assert shorten("ngắn", 140) == "ngắn"
    assert shorten("a" * 200, 10) == "a" * 9 + "…"
    assert format_html("{}", shorten(None, 5)) == ""


class Registered(Table):
    fields = ("id", "number_and_symbol", "summary")
    columns = (
        Column("Số, ký hiệu", lambda row: row["number_and_symbol"], token=True),
        Column("Trích yếu", lambda row: row["summary"], css=lambda row: "small"),
        Column("Ngày", lambda row: "01/12/2026", token=True, css=lambda row: "text-danger"),
    )


def test_token_columns_mark_their_header_and_cells_so_they_never_wrap():
    table = Registered([{"id": 1, "number_and_symbol": "87-HD/BTGTU", "summary": "Về việc"}])
    assert table.head() == (
        '<tr><th class="cell-token">Số, ký hiệu</th><th>Trích yếu</th>'
        '<th class="cell-token">Ngày</th></tr>'
    )
    assert table.body() == (
        '<tr><td class="cell-token">87-HD/BTGTU</td><td class="small">Về việc</td>'
        '<td class="cell-token text-danger">01/12/2026</td></tr>'
    )
