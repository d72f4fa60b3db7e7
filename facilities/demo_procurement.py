"""Procurement demo data: a stationery purchase bought, received into the stock and partly
issued (hc.cv asked for it), and a printer for TH with two quotes, the cheaper chosen,
waiting for th.truong's decision."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from facilities.models import Procurement, ReceiveInto, StockItem
from facilities.services import procurement as services
from facilities.services.procurement import LineInput
from units import approvals
from units.choices import DecisionKind


def _decide_all(procurement: Procurement, users: dict) -> None:
    """Each step of the path decided by the demo user who holds it."""
    while procurement.approval_status == "submitted":
        decider = next(user for user in users.values() if approvals.can_decide(user, procurement))
        approvals.approval_decide(actor=decider, obj=procurement, kind=DecisionKind.APPROVE)
        procurement.refresh_from_db()


def seed(users: dict) -> None:
    if Procurement.objects.exists():
        return
    qt = users["qt.cv"]
    paper = services.procurement_create(
        actor=users["hc.cv"],
        title="Văn phòng phẩm quý IV",
        reason="Phục vụ công tác văn thư, lưu trữ",
        lines=[
            LineInput(
                item="Giấy A4 Double A", quantity=40, estimated_price=Decimal(70000), unit="ram"
            ),
            LineInput(item="Bút bi Thiên Long", quantity=100, estimated_price=Decimal(5000)),
        ],
    )
    services.quote_add(
        actor=qt, procurement=paper, supplier="Công ty Hồng Hà", amount=Decimal(3250000)
    )
    cheaper = services.quote_add(
        actor=qt, procurement=paper, supplier="Nhà sách Tiến Thọ", amount=Decimal(3180000)
    )
    services.quote_choose(actor=qt, procurement=paper, quote=cheaper)
    services.procurement_submit(actor=users["hc.cv"], procurement=paper)
    _decide_all(paper, users)
    services.purchase_record(
        actor=qt,
        procurement=paper,
        purchased_on=timezone.localdate(),
        invoice_no="HĐ 0001234",
        amount=Decimal(3180000),
        budget_line="Mục 6550 – Vật tư văn phòng",
    )
    services.receive_into_stock(actor=qt, procurement=paper)
    services.stock_issue(
        actor=qt,
        item=StockItem.objects.get(name="Giấy A4 Double A"),
        quantity=5,
        issued_to=users["hc.vanthu1"],
        note="Văn thư",
    )
    printer = services.procurement_create(
        actor=users["th.cv1"],
        title="Máy in laser cho Phòng Tổng hợp",
        receive_into=ReceiveInto.REGISTER,
        lines=[
            LineInput(item="Máy in Canon LBP 2900", quantity=1, estimated_price=Decimal(4500000))
        ],
    )
    services.quote_add(
        actor=qt, procurement=printer, supplier="Công ty Phong Vũ", amount=Decimal(4390000)
    )
    chosen = services.quote_add(
        actor=qt, procurement=printer, supplier="Công ty An Khang", amount=Decimal(4250000)
    )
    services.quote_choose(actor=qt, procurement=printer, quote=chosen)
    services.procurement_submit(actor=users["th.cv1"], procurement=printer)
