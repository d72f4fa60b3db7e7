"""Procurement (Điều 9.6): request → quotes → approval (the requester's head, then QT's deputy
chief) → purchase with its commitment → receipt into the register or the stationery stock; bad
input refused with a Vietnamese message and nothing written; the pages, their constant queries
and the admin decision page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from facilities.models import (
    Asset,
    AssetCategory,
    FundingSource,
    Procurement,
    ProcurementLine,
    ProcurementStage,
    Quote,
    ReceiveInto,
    StockItem,
    StockMovement,
)
from facilities.services import procurement as services
from facilities.services.procurement import LineInput
from tests.dispatch.conftest import PDF_BYTES
from tests.kit.decision_page import assert_decision_page, decision_page
from units import approvals
from units.choices import ApprovalStatus, DecisionKind


def client_for(user) -> Client:
    http = Client()
    http.force_login(user)
    return http


PAPER = LineInput(item="Giấy A4", quantity=20, estimated_price=Decimal(70000), unit="ram")
PENS = LineInput(item="Bút bi", quantity=50, estimated_price=Decimal(4000))


class Buying:
    def __init__(self, office):
        self.office = office

    def ask(self, into=ReceiveInto.STOCK, lines=(PAPER, PENS), who="staff"):
        return services.procurement_create(
            actor=self.office[who], title="Văn phòng phẩm", lines=list(lines), receive_into=into
        )

    def quoted(self, procurement, amount=Decimal(1500000)):
        qt = self.office["qt_cv"]
        services.quote_add(actor=qt, procurement=procurement, supplier="Hồng Hà", amount=amount + 1)
        quote = services.quote_add(
            actor=qt, procurement=procurement, supplier="Tiến Thọ", amount=amount
        )
        services.quote_choose(actor=qt, procurement=procurement, quote=quote)
        return procurement

    def approved(self, into=ReceiveInto.STOCK, lines=(PAPER, PENS)):
        procurement = self.quoted(self.ask(into, lines))
        services.procurement_submit(actor=self.office["staff"], procurement=procurement)
        for who in ("head", "dc_qt"):
            approvals.approval_decide(
                actor=self.office[who], obj=procurement, kind=DecisionKind.APPROVE
            )
        procurement.refresh_from_db()
        return procurement

    def bought(self, into=ReceiveInto.STOCK, lines=(PAPER, PENS), amount=Decimal(1500000)):
        procurement = self.approved(into, lines)
        return services.purchase_record(
            actor=self.office["qt_cv"],
            procurement=procurement,
            purchased_on=timezone.localdate(),
            invoice_no="0001234",
            amount=amount,
            budget_line="Mục 6550 – Vật tư văn phòng",
        )


@pytest.fixture
def buying(office):
    return Buying(office)


class TestFlow:
    def test_the_path_is_the_requesters_head_then_qts_deputy_chief(self, office, buying):
        procurement = buying.quoted(buying.ask())
        services.procurement_submit(actor=office["staff"], procurement=procurement)
        assert approvals.can_decide(office["head"], procurement)
        assert not approvals.can_decide(office["dc_qt"], procurement)
        approvals.approval_decide(actor=office["head"], obj=procurement, kind=DecisionKind.APPROVE)
        procurement.refresh_from_db()
        assert procurement.approval_status == ApprovalStatus.SUBMITTED
        assert approvals.can_decide(office["dc_qt"], procurement)
        assert not approvals.can_decide(office["dc"], procurement)
        approvals.approval_decide(actor=office["dc_qt"], obj=procurement, kind=DecisionKind.APPROVE)
        procurement.refresh_from_db()
        assert procurement.approval_status == ApprovalStatus.APPROVED

    def test_the_purchase_records_its_commitment_and_the_stock_receives_it(self, office, buying):
        procurement = buying.bought()
        assert procurement.stage == ProcurementStage.PURCHASED
        assert procurement.amount == Decimal(1500000)
        assert procurement.budget_line == "Mục 6550 – Vật tư văn phòng"
        services.receive_into_stock(actor=office["qt_cv"], procurement=procurement)
        paper = StockItem.objects.get(name="Giấy A4")
        assert (paper.on_hand, paper.unit) == (20, "ram")
        assert StockItem.objects.get(name="Bút bi").on_hand == 50
        # A second purchase of the same item adds to the same card.
        services.receive_into_stock(
            actor=office["qt_cv"], procurement=buying.bought(lines=(PAPER,))
        )
        paper.refresh_from_db()
        assert paper.on_hand == 40 and StockItem.objects.count() == 2
        services.stock_issue(
            actor=office["qt_cv"], item=paper, quantity=15, issued_to=office["hc_staff"]
        )
        paper.refresh_from_db()
        assert paper.on_hand == 25
        assert paper.movements.filter(direction="out").get().issued_to == office["hc_staff"]

    def test_the_register_receives_one_asset_per_unit_at_its_share(self, office, buying):
        printers = LineInput(item="Máy in", quantity=2, estimated_price=Decimal(4000000))
        screen = LineInput(item="Màn hình", quantity=1, estimated_price=Decimal(2000000))
        procurement = buying.bought(
            ReceiveInto.REGISTER, lines=(printers, screen), amount=Decimal(9000000)
        )
        assets = services.receive_into_register(
            actor=office["qt_cv"],
            procurement=procurement,
            category=AssetCategory.objects.get(code="5.2"),
            funding=FundingSource.objects.get(code="ngan-sach-dang"),
            location="Phòng Tổng hợp",
        )
        assert sorted((a.name, a.purchase_value) for a in assets) == [
            ("Màn hình", Decimal(1800000)),
            ("Máy in", Decimal(3600000)),
            ("Máy in", Decimal(3600000)),
        ]
        assert Asset.objects.filter(location="Phòng Tổng hợp").count() == 3
        procurement.refresh_from_db()
        assert procurement.stage == ProcurementStage.RECEIVED
        assert {a.purchased_on for a in assets} == {procurement.purchased_on}


class TestBadInput:
    @pytest.mark.parametrize("quantity", [-3, 0])
    def test_a_line_without_a_positive_quantity_is_refused(self, office, buying, quantity):
        bad = LineInput(item="Giấy", quantity=quantity, estimated_price=Decimal(1))
        with pytest.raises(ValidationError) as error:
            buying.ask(lines=(PAPER, bad))
        assert "Dòng 2: số lượng phải lớn hơn 0." in error.value.messages
        assert not Procurement.objects.exists() and not ProcurementLine.objects.exists()

    def test_a_negative_price_is_refused(self, office, buying):
        bad = LineInput(item="Giấy", quantity=1, estimated_price=Decimal(-1))
        with pytest.raises(ValidationError, match="đơn giá không được âm"):
            buying.ask(lines=(bad,))
        assert not Procurement.objects.exists()

    def test_the_form_shows_the_message_and_writes_nothing(self, office):
        http = client_for(office["staff"])
        response = http.post(
            reverse("facilities:procurement-create"),
            {"title": "Giấy", "receive_into": "stock", "lines": "Giấy A4; -5; 70000; ram"},
        )
        assert response.status_code == 200
        assert "Dòng 1: số lượng phải lớn hơn 0." in response.content.decode()
        response = http.post(
            reverse("facilities:procurement-create"),
            {"title": "Giấy", "receive_into": "stock", "lines": "Giấy A4; năm; 70000"},
        )
        assert "Dòng 1: số lượng và đơn giá phải là số." in response.content.decode()
        assert not Procurement.objects.exists()

    def test_receipt_before_the_purchase_is_refused(self, office, buying):
        procurement = buying.approved()
        with pytest.raises(ValidationError) as error:
            services.receive_into_stock(actor=office["qt_cv"], procurement=procurement)
        assert error.value.messages == ["Chưa ghi việc mua sắm: chưa nhập hàng được."]
        procurement.refresh_from_db()
        assert procurement.stage == ProcurementStage.QUOTING
        assert not StockItem.objects.exists() and not StockMovement.objects.exists()

    def test_a_second_receipt_is_refused(self, office, buying):
        procurement = buying.bought()
        services.receive_into_stock(actor=office["qt_cv"], procurement=procurement)
        with pytest.raises(ValidationError, match="Hàng đã được nhập"):
            services.receive_into_stock(actor=office["qt_cv"], procurement=procurement)
        assert StockItem.objects.get(name="Giấy A4").on_hand == 20

    def test_issuing_more_than_on_hand_is_refused(self, office, buying):
        services.receive_into_stock(actor=office["qt_cv"], procurement=buying.bought())
        paper = StockItem.objects.get(name="Giấy A4")
        with pytest.raises(ValidationError) as error:
            services.stock_issue(
                actor=office["qt_cv"], item=paper, quantity=21, issued_to=office["staff"]
            )
        assert error.value.messages == ["Chỉ còn 20 ram Giấy A4 trong kho."]
        paper.refresh_from_db()
        assert paper.on_hand == 20 and not paper.movements.filter(direction="out").exists()
        http = client_for(office["qt_cv"])
        response = http.post(
            reverse("facilities:stock-item", args=[paper.pk]),
            {"quantity": 21, "issued_to": office["staff"].pk},
        )
        assert "Chỉ còn 20 ram Giấy A4 trong kho." in response.content.decode()
        paper.refresh_from_db()
        assert paper.on_hand == 20

    def test_the_purchase_waits_for_the_approval(self, office, buying):
        procurement = buying.quoted(buying.ask())
        with pytest.raises(ValidationError, match="chưa được duyệt"):
            services.purchase_record(
                actor=office["qt_cv"],
                procurement=procurement,
                purchased_on=timezone.localdate(),
                invoice_no="1",
                amount=Decimal(1),
                budget_line="Mục 6550",
            )
        procurement.refresh_from_db()
        assert procurement.stage == ProcurementStage.QUOTING and procurement.amount is None

    def test_a_purchase_dated_tomorrow_or_without_budget_line_is_refused(self, office, buying):
        procurement = buying.approved()
        base = {
            "actor": office["qt_cv"],
            "procurement": procurement,
            "invoice_no": "1",
            "amount": Decimal(10),
        }
        with pytest.raises(ValidationError, match="Ngày mua không được sau hôm nay"):
            services.purchase_record(
                **base,
                purchased_on=timezone.localdate() + timedelta(days=1),
                budget_line="Mục 6550",
            )
        with pytest.raises(ValidationError, match="Cần ghi dòng dự toán cam kết chi"):
            services.purchase_record(**base, purchased_on=timezone.localdate(), budget_line=" ")
        procurement.refresh_from_db()
        assert procurement.stage == ProcurementStage.QUOTING and procurement.budget_line == ""

    def test_no_submission_without_a_chosen_quote(self, office, buying):
        procurement = buying.ask()
        with pytest.raises(ValidationError, match="Cần chọn một báo giá"):
            services.procurement_submit(actor=office["staff"], procurement=procurement)
        procurement.refresh_from_db()
        assert procurement.approval_status == ApprovalStatus.DRAFT

    def test_only_qt_takes_quotes_and_issues(self, office, buying):
        procurement = buying.ask()
        with pytest.raises(PermissionDenied):
            services.quote_add(
                actor=office["staff"], procurement=procurement, supplier="X", amount=Decimal(1)
            )
        assert not Quote.objects.exists()

    def test_quotes_are_frozen_once_submitted(self, office, buying):
        procurement = buying.quoted(buying.ask())
        services.procurement_submit(actor=office["staff"], procurement=procurement)
        with pytest.raises(ValidationError, match="không thay đổi báo giá"):
            services.quote_add(
                actor=office["qt_cv"], procurement=procurement, supplier="Y", amount=Decimal(1)
            )
        assert procurement.quotes.count() == 2


class TestPages:
    def test_the_whole_flow_through_the_pages(self, office, buying):
        staff, qt = client_for(office["staff"]), client_for(office["qt_cv"])
        response = staff.post(
            reverse("facilities:procurement-create"),
            {
                "title": "Giấy in",
                "receive_into": "stock",
                "lines": "Giấy A4; 10; 70000; ram\nBút bi; 20; 4000",
            },
        )
        procurement = Procurement.objects.get()
        assert response.url == procurement.get_absolute_url()
        url = procurement.get_absolute_url()
        qt.post(
            url,
            {
                "action": "quote",
                "quote-supplier": "Tiến Thọ",
                "quote-amount": "780000",
                "quote-file": SimpleUploadedFile("bao-gia.pdf", PDF_BYTES),
            },
        )
        quote = Quote.objects.get()
        assert quote.file.name.endswith(".pdf")
        download = qt.get(reverse("facilities:quote-file", args=[quote.pk]))
        assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
        assert (
            client_for(office["hc_staff"])
            .get(reverse("facilities:quote-file", args=[quote.pk]))
            .status_code
            == 404
        )
        fake = qt.post(
            url,
            {
                "action": "quote",
                "quote-supplier": "Giả",
                "quote-amount": "1",
                "quote-file": SimpleUploadedFile("x.pdf", b"not a pdf at all"),
            },
        )
        assert fake.status_code == 200 and Quote.objects.count() == 1
        qt.post(url, {"action": "choose", "choose-quote": quote.pk})
        staff.post(url, {"action": "submit"})
        procurement.refresh_from_db()
        assert procurement.chosen_quote == quote
        assert procurement.approval_status == ApprovalStatus.SUBMITTED
        for who in ("head", "dc_qt"):
            approvals.approval_decide(actor=office[who], obj=procurement, kind=DecisionKind.APPROVE)
        qt.post(
            url,
            {
                "action": "purchase",
                "purchase-purchased_on": timezone.localdate().strftime("%d/%m/%Y"),
                "purchase-invoice_no": "0009",
                "purchase-amount": "780000",
                "purchase-budget_line": "Mục 6550",
            },
        )
        qt.post(url, {"action": "receive_stock"})
        procurement.refresh_from_db()
        assert procurement.stage == ProcurementStage.RECEIVED
        page = qt.get(url).content.decode()
        assert "780000 đồng — Mục 6550" in page
        stock = qt.get(reverse("facilities:stock")).content.decode()
        assert "Giấy A4" in stock
        assert client_for(office["staff"]).get(reverse("facilities:stock")).status_code == 404
        assert client_for(office["hc_staff"]).get(url).status_code == 404

    def test_the_lists_cost_the_same_queries_for_one_or_many(
        self, office, buying, django_assert_max_num_queries
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        qt = client_for(office["qt_cv"])
        services.receive_into_stock(actor=office["qt_cv"], procurement=buying.bought())
        urls = [reverse("facilities:procurements"), reverse("facilities:stock")]

        def count(url):
            with CaptureQueriesContext(connection) as captured:
                assert qt.get(url).status_code == 200
            return len(captured.captured_queries)

        few = {url: count(url) for url in urls}
        for index in range(6):
            lines = (LineInput(item=f"Vật tư {index}", quantity=3, estimated_price=Decimal(1)),)
            procurement = buying.bought(lines=lines)
            if index % 2:
                services.receive_into_stock(actor=office["qt_cv"], procurement=procurement)
        assert {url: count(url) for url in urls} == few

    def test_the_admin_decision_page_reads_the_lines_and_quotes(self, office, buying):
        procurement = buying.quoted(buying.ask())
        services.procurement_submit(actor=office["staff"], procurement=procurement)
        approvals.approval_decide(actor=office["head"], obj=procurement, kind=DecisionKind.APPROVE)
        html = decision_page(client_for(office["dc_qt"]), procurement)
        assert_decision_page(html, submitter=office["staff"])
        assert "Giấy A4: 20 ram × 70000 đồng" in html
        assert "Báo giá Tiến Thọ: 1500000 đồng (được chọn)" in html
