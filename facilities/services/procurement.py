"""Procurement (Điều 9.6): request → quotes → approval → purchase → receipt.

A member of a unit asks to buy (lines with item, quantity and estimated price); QT collects the
suppliers' quotes and chooses one; the requester submits it, and his head then QT's deputy chief
decide (`units.approvals`). QT records the purchase (date, invoice number, amount) with the
budget line it is committed against, then the receipt: assets of the register (through
`asset_register`) or stationery into the stock (`StockMovement` in), from which QT issues
(`stock_issue`, never more than on hand)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audited_bulk_create, audited_save, in_office_language
from core.numbering import number_next, sequence_key
from core.services import notify
from facilities import permissions as rules
from facilities.models import (
    Asset,
    AssetCategory,
    FundingSource,
    MovementDirection,
    Procurement,
    ProcurementLine,
    ProcurementStage,
    Quote,
    ReceiveInto,
    StockItem,
    StockMovement,
)
from facilities.services.assets import asset_register
from facilities.services.requests import qt_staff_users
from units import approvals, ownership, permissions
from units.choices import ApprovalStatus
from units.models import Unit


@dataclass(frozen=True)
class LineInput:
    item: str
    quantity: int
    estimated_price: Decimal
    unit: str = "cái"


def _require_qt(actor, message: str) -> None:
    if not rules.is_qt_staff(actor):
        raise PermissionDenied(message)


def _check_lines(lines: list[LineInput]) -> None:
    if not lines:
        raise ValidationError({"lines": _("Cần ít nhất một dòng hàng hóa.")})
    for number, line in enumerate(lines, start=1):
        if not line.item.strip():
            raise ValidationError({"lines": _("Dòng %(n)s: cần ghi tên hàng hóa.") % {"n": number}})
        if line.quantity is None or line.quantity <= 0:
            raise ValidationError(
                {"lines": _("Dòng %(n)s: số lượng phải lớn hơn 0.") % {"n": number}}
            )
        if line.estimated_price is None or line.estimated_price < 0:
            raise ValidationError(
                {"lines": _("Dòng %(n)s: đơn giá không được âm.") % {"n": number}}
            )


@transaction.atomic
@in_office_language
def procurement_create(
    *,
    actor,
    title: str,
    lines: list[LineInput],
    receive_into: str = ReceiveInto.STOCK,
    reason: str = "",
) -> Procurement:
    if not rules.may_request(actor):
        raise PermissionDenied(_("Chỉ cán bộ của một đơn vị mới đề nghị mua sắm."))
    if not title.strip():
        raise ValidationError({"title": _("Cần ghi nội dung mua sắm.")})
    _check_lines(lines)
    year = timezone.localdate().year
    procurement = Procurement(
        lead_unit=Unit.objects.get(pk=permissions.viewer_for(actor).unit_id),
        owner=actor,
        title=title,
        reason=reason,
        receive_into=receive_into,
        year=year,
        number=0,
    )
    procurement.full_clean(exclude=["number"])
    procurement.number = number_next(sequence_key("facilities.procurement", year))
    audited_save(procurement, actor=actor, reason=_("Đề nghị mua sắm"))
    ownership.record_assignment(procurement, actor=actor, reason=_("Đề nghị mua sắm"))
    audited_bulk_create(
        ProcurementLine,
        [
            ProcurementLine(
                procurement=procurement,
                item=line.item.strip(),
                unit=line.unit or "cái",
                quantity=line.quantity,
                estimated_price=line.estimated_price,
            )
            for line in lines
        ],
        actor=actor,
        reason=_("Đề nghị mua sắm"),
    )
    notify(
        about=procurement,
        recipients=qt_staff_users(),
        title=_("Cần lấy báo giá: %(item)s") % {"item": procurement},
        url=procurement.get_absolute_url(),
    )
    return procurement


def _quoting(procurement: Procurement) -> None:
    if procurement.stage != ProcurementStage.QUOTING or procurement.approval_status not in (
        ApprovalStatus.DRAFT,
        ApprovalStatus.RETURNED,
    ):
        raise ValidationError(_("Đề nghị đã trình duyệt: không thay đổi báo giá được nữa."))


@transaction.atomic
@in_office_language
def quote_add(
    *, actor, procurement: Procurement, supplier: str, amount: Decimal, file=None
) -> Quote:
    _require_qt(actor, _("Chỉ Phòng Quản trị lấy báo giá."))
    _quoting(procurement)
    if amount is None or amount < 0:
        raise ValidationError({"amount": _("Giá chào không được âm.")})
    quote = Quote(
        procurement=procurement, supplier=supplier, amount=amount, added_by=actor, file=file
    )
    quote.full_clean()
    return audited_save(quote, actor=actor, reason=_("Nhận báo giá"))


@transaction.atomic
@in_office_language
def quote_choose(*, actor, procurement: Procurement, quote: Quote) -> Procurement:
    _require_qt(actor, _("Chỉ Phòng Quản trị chọn báo giá."))
    _quoting(procurement)
    if quote.procurement_id != procurement.pk:
        raise ValidationError({"quote": _("Báo giá không thuộc đề nghị này.")})
    procurement.chosen_quote = quote
    audited_save(
        procurement,
        actor=actor,
        reason=_("Chọn báo giá: %(supplier)s") % {"supplier": quote.supplier},
        update_fields=["chosen_quote", "updated_at"],
    )
    notify(
        about=procurement,
        recipients=[procurement.owner],
        title=_("Đã chọn báo giá, có thể trình duyệt: %(item)s") % {"item": procurement},
        url=procurement.get_absolute_url(),
    )
    return procurement


@transaction.atomic
@in_office_language
def procurement_submit(*, actor, procurement: Procurement) -> Procurement:
    """The requester submits once a quote is chosen: his head, then QT's deputy chief."""
    _quoting(procurement)
    if procurement.chosen_quote_id is None:
        raise ValidationError(_("Cần chọn một báo giá trước khi trình duyệt."))
    return approvals.approval_submit(actor=actor, obj=procurement)


def procurement_approved(procurement: Procurement, actor) -> None:
    """Effect of the last approval: QT is told to buy."""
    notify(
        about=procurement,
        recipients=qt_staff_users(),
        title=_("Đã duyệt, cần mua: %(item)s") % {"item": procurement},
        url=procurement.get_absolute_url(),
    )


@transaction.atomic
@in_office_language
def purchase_record(
    *,
    actor,
    procurement: Procurement,
    purchased_on: date,
    invoice_no: str,
    amount: Decimal,
    budget_line: str,
) -> Procurement:
    """The purchase and its commitment against a budget line (its text and the amount)."""
    _require_qt(actor, _("Chỉ Phòng Quản trị ghi việc mua sắm."))
    if procurement.approval_status != ApprovalStatus.APPROVED:
        raise ValidationError(_("Đề nghị chưa được duyệt: chưa mua được."))
    if procurement.stage != ProcurementStage.QUOTING:
        raise ValidationError(_("Đã ghi việc mua sắm."))
    if purchased_on > timezone.localdate():
        raise ValidationError({"purchased_on": _("Ngày mua không được sau hôm nay.")})
    if amount is None or amount < 0:
        raise ValidationError({"amount": _("Số tiền không được âm.")})
    if not invoice_no.strip():
        raise ValidationError({"invoice_no": _("Cần ghi số hóa đơn.")})
    if not budget_line.strip():
        raise ValidationError({"budget_line": _("Cần ghi dòng dự toán cam kết chi.")})
    procurement.purchased_on = purchased_on
    procurement.invoice_no = invoice_no.strip()
    procurement.amount = amount
    procurement.budget_line = budget_line.strip()
    procurement.stage = ProcurementStage.PURCHASED
    procurement.full_clean()
    return audited_save(
        procurement,
        actor=actor,
        reason=_("Ghi việc mua sắm, cam kết chi"),
        update_fields=[
            "purchased_on",
            "invoice_no",
            "amount",
            "budget_line",
            "stage",
            "updated_at",
        ],
    )


def _shares(procurement: Procurement, lines: list[ProcurementLine]) -> list[Decimal]:
    """The purchase amount split over the lines' units in proportion to their estimates: the
    value of one unit of each line."""
    estimated = sum((line.quantity * line.estimated_price for line in lines), Decimal(0))
    if estimated == 0:
        total_units = sum(line.quantity for line in lines)
        return [
            (procurement.amount / total_units).quantize(Decimal("1"), ROUND_HALF_UP)
            for _line in lines
        ]
    return [
        (procurement.amount * line.estimated_price / estimated).quantize(
            Decimal("1"), ROUND_HALF_UP
        )
        for line in lines
    ]


def _received(actor, procurement: Procurement) -> None:
    if procurement.stage == ProcurementStage.RECEIVED:
        raise ValidationError(_("Hàng đã được nhập."))
    if procurement.stage != ProcurementStage.PURCHASED:
        raise ValidationError(_("Chưa ghi việc mua sắm: chưa nhập hàng được."))
    procurement.stage = ProcurementStage.RECEIVED
    procurement.received_at = timezone.now()
    audited_save(
        procurement,
        actor=actor,
        reason=_("Nhập hàng mua sắm"),
        update_fields=["stage", "received_at", "updated_at"],
    )


@transaction.atomic
@in_office_language
def receive_into_register(
    *,
    actor,
    procurement: Procurement,
    category: AssetCategory,
    funding: FundingSource,
    location: str,
) -> list[Asset]:
    """One asset of the register per unit bought, valued at its share of the purchase."""
    _require_qt(actor, _("Chỉ Phòng Quản trị nhập hàng."))
    if procurement.receive_into != ReceiveInto.REGISTER:
        raise ValidationError(_("Đề nghị này nhập kho văn phòng phẩm, không ghi sổ tài sản."))
    _received(actor, procurement)
    lines = list(procurement.lines.all())
    assets = []
    for line, value in zip(lines, _shares(procurement, lines), strict=True):
        for index in range(1, line.quantity + 1):
            assets.append(
                asset_register(
                    actor=actor,
                    code=f"MS{procurement.year}-{procurement.number}-{line.pk}-{index}",
                    name=line.item,
                    category=category,
                    funding=funding,
                    purchased_on=procurement.purchased_on,
                    purchase_value=value,
                    location=location,
                )
            )
    return assets


@transaction.atomic
@in_office_language
def receive_into_stock(*, actor, procurement: Procurement) -> list[StockMovement]:
    """Each line into the stock item of its name (created at its first receipt)."""
    _require_qt(actor, _("Chỉ Phòng Quản trị nhập hàng."))
    if procurement.receive_into != ReceiveInto.STOCK:
        raise ValidationError(_("Đề nghị này ghi sổ tài sản, không nhập kho văn phòng phẩm."))
    _received(actor, procurement)
    movements = []
    for line in procurement.lines.all():
        item = StockItem.objects.select_for_update().filter(name=line.item, unit=line.unit).first()
        if item is None:
            item = StockItem(
                code=f"vpp-{procurement.year}-{procurement.number}-{line.pk}",
                name=line.item,
                unit=line.unit,
            )
            audited_save(item, actor=actor, reason=_("Mở thẻ kho vật tư"))
        movements.append(
            _move(
                actor,
                item,
                MovementDirection.IN,
                line.quantity,
                procurement=procurement,
                reason=_("Nhập kho theo đề nghị mua sắm"),
            )
        )
    return movements


def _move(actor, item, direction, quantity, *, reason, procurement=None, issued_to=None, note=""):
    movement = StockMovement(
        item=item,
        direction=direction,
        quantity=quantity,
        procurement=procurement,
        issued_to=issued_to,
        note=note,
        moved_by=actor,
    )
    movement.full_clean()
    audited_save(movement, actor=actor, reason=reason)
    # The caller holds the item's row locked (select_for_update) or has just created it.
    item.on_hand += quantity if direction == MovementDirection.IN else -quantity
    audited_save(item, actor=actor, reason=reason, update_fields=["on_hand"])
    return movement


@transaction.atomic
@in_office_language
def stock_issue(*, actor, item: StockItem, quantity: int, issued_to, note: str = ""):
    """QT issues stationery; never more than on hand (the row is locked while counted)."""
    _require_qt(actor, _("Chỉ Phòng Quản trị xuất kho."))
    if quantity is None or quantity <= 0:
        raise ValidationError({"quantity": _("Số lượng phải lớn hơn 0.")})
    locked = StockItem.objects.select_for_update().get(pk=item.pk)
    if quantity > locked.on_hand:
        raise ValidationError(
            {
                "quantity": _("Chỉ còn %(on_hand)s %(unit)s %(name)s trong kho.")
                % {"on_hand": locked.on_hand, "unit": locked.unit, "name": locked.name}
            }
        )
    movement = _move(
        actor,
        locked,
        MovementDirection.OUT,
        quantity,
        issued_to=issued_to,
        note=note,
        reason=_("Xuất kho văn phòng phẩm"),
    )
    item.on_hand = locked.on_hand
    return movement
