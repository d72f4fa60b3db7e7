"""The asset register (Điều 9.6, 10.3): QT registers an asset, hands it over to a custodian who
accepts it on the site, changes its location and state; the yearly inventory counts it and an
approved liquidation takes it out of use."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audited_bulk_create, audited_save, in_office_language
from core.services import notify
from facilities import permissions as rules
from facilities.choices import AssetState, Handling
from facilities.models import (
    Asset,
    AssetCategory,
    AssetHandover,
    FundingSource,
    InventoryCampaign,
    InventoryLine,
)
from units import approvals, ownership, permissions
from units.choices import ApprovalStatus, Designation
from units.designations import designated_unit


def _require_qt(actor, message: str) -> None:
    if not rules.is_qt_staff(actor):
        raise PermissionDenied(message)


def _qt_unit():
    unit = designated_unit(Designation.FACILITIES)
    if unit is None:
        raise ValidationError(_("Chưa có đơn vị được giao quản trị cơ sở vật chất."))
    return unit


@transaction.atomic
@in_office_language
def asset_register(
    *,
    actor,
    code: str,
    name: str,
    category: AssetCategory,
    funding: FundingSource,
    purchased_on: date,
    purchase_value: Decimal,
    location: str,
    owner=None,
) -> Asset:
    _require_qt(actor, _("Chỉ Phòng Quản trị ghi sổ tài sản."))
    if purchased_on > timezone.localdate():
        raise ValidationError({"purchased_on": _("Ngày mua không được sau hôm nay.")})
    asset = Asset(
        lead_unit=_qt_unit(),
        owner=owner or actor,
        code=code.strip(),
        name=name,
        category=category,
        funding=funding,
        purchased_on=purchased_on,
        purchase_value=purchase_value,
        location=location,
    )
    asset.full_clean()
    audited_save(asset, actor=actor, reason=_("Ghi sổ tài sản"))
    ownership.record_assignment(asset, actor=actor, reason=_("Ghi sổ tài sản"))
    return asset


@transaction.atomic
@in_office_language
def asset_update(*, actor, asset: Asset, location: str, state: str, reason: str) -> Asset:
    _require_qt(actor, _("Chỉ Phòng Quản trị cập nhật sổ tài sản."))
    if asset.state == AssetState.LIQUIDATED:
        raise ValidationError(_("Tài sản đã thanh lý, không cập nhật được."))
    if state == AssetState.LIQUIDATED:
        raise ValidationError(
            {"state": _("Tài sản chỉ được thanh lý theo quyết định của lãnh đạo sau kiểm kê.")}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do thay đổi.")})
    asset.location = location
    asset.state = state
    asset.full_clean()
    return audited_save(
        asset, actor=actor, reason=reason, update_fields=["location", "state", "updated_at"]
    )


@transaction.atomic
@in_office_language
def asset_hand_over(
    *, actor, asset: Asset, custodian, location: str, note: str = ""
) -> AssetHandover:
    """QT hands the asset over; the custodian accepts it on the site (`handover_accept`)."""
    _require_qt(actor, _("Chỉ Phòng Quản trị bàn giao tài sản."))
    if asset.state == AssetState.LIQUIDATED:
        raise ValidationError(_("Tài sản đã thanh lý, không bàn giao được."))
    if permissions.viewer_for(custodian).position == "":
        raise ValidationError({"custodian": _("Người nhận phải là cán bộ đang công tác.")})
    if asset.handovers.filter(accepted_at__isnull=True).exists():
        raise ValidationError(_("Tài sản đang chờ người nhận xác nhận một lần bàn giao khác."))
    handover = AssetHandover(
        asset=asset, custodian=custodian, location=location, handed_by=actor, note=note
    )
    handover.full_clean()
    audited_save(handover, actor=actor, reason=_("Bàn giao tài sản"))
    permissions.grant_view(asset, custodian)
    notify(
        about=asset,
        recipients=[custodian],
        title=_("Nhận bàn giao tài sản: %(asset)s") % {"asset": asset},
        url=asset.get_absolute_url(),
    )
    return handover


@transaction.atomic
@in_office_language
def handover_accept(*, actor, handover: AssetHandover) -> AssetHandover:
    if handover.custodian_id != actor.pk:
        raise PermissionDenied(_("Chỉ người nhận xác nhận bàn giao."))
    if handover.accepted_at is not None:
        raise ValidationError(_("Đã xác nhận nhận bàn giao."))
    handover.accepted_at = timezone.now()
    audited_save(
        handover, actor=actor, reason=_("Xác nhận nhận bàn giao"), update_fields=["accepted_at"]
    )
    asset = handover.asset
    previous = asset.custodian
    asset.custodian = actor
    asset.custodian_since = timezone.localdate()
    asset.location = handover.location
    audited_save(
        asset,
        actor=actor,
        reason=_("Xác nhận nhận bàn giao"),
        update_fields=["custodian", "custodian_since", "location", "updated_at"],
    )
    if previous is not None and previous.pk != actor.pk and previous.pk != asset.owner_id:
        permissions.revoke_view(asset, previous)
    return handover


# The yearly inventory -----------------------------------------------------------------------


@transaction.atomic
@in_office_language
def inventory_open(*, actor, year: int, title: str) -> InventoryCampaign:
    """A campaign with one line per asset in use, at its recorded location."""
    _require_qt(actor, _("Chỉ Phòng Quản trị mở đợt kiểm kê."))
    campaign = InventoryCampaign(lead_unit=_qt_unit(), owner=actor, year=year, title=title)
    campaign.full_clean()
    audited_save(campaign, actor=actor, reason=_("Mở đợt kiểm kê"))
    ownership.record_assignment(campaign, actor=actor, reason=_("Mở đợt kiểm kê"))
    assets = Asset.objects.exclude(state=AssetState.LIQUIDATED).order_by("pk")
    audited_bulk_create(
        InventoryLine,
        [
            InventoryLine(campaign=campaign, asset=asset, location=asset.location)
            for asset in assets
        ],
        actor=actor,
        reason=_("Mở đợt kiểm kê"),
    )
    return campaign


def _editable(actor, campaign: InventoryCampaign) -> None:
    if not permissions.can_edit(actor, campaign):
        raise PermissionDenied(_("Bạn không có quyền ghi kết quả kiểm kê."))
    if campaign.approval_status not in (ApprovalStatus.DRAFT, ApprovalStatus.RETURNED):
        raise ValidationError(_("Đợt kiểm kê đã trình lãnh đạo."))


@transaction.atomic
@in_office_language
def inventory_count(
    *,
    actor,
    line: InventoryLine,
    found: bool,
    found_state: str = "",
    discrepancy: str = "",
    proposal: str = Handling.NONE,
) -> InventoryLine:
    _editable(actor, line.campaign)
    if not found and not discrepancy.strip():
        raise ValidationError(
            {"discrepancy": _("Tài sản không có trên thực tế: cần ghi nguyên nhân.")}
        )
    line.found = found
    line.found_state = found_state
    line.discrepancy = discrepancy
    line.proposal = proposal
    line.full_clean()
    return audited_save(
        line,
        actor=actor,
        reason=_("Ghi kết quả kiểm kê"),
        update_fields=["found", "found_state", "discrepancy", "proposal"],
    )


@transaction.atomic
@in_office_language
def inventory_submit(*, actor, campaign: InventoryCampaign, minutes: str) -> InventoryCampaign:
    """The minutes and the handling proposals go to the deputy chief in charge of QT."""
    _editable(actor, campaign)
    if campaign.lines.filter(found__isnull=True).exists():
        raise ValidationError(_("Còn tài sản chưa kiểm đếm."))
    if not minutes.strip():
        raise ValidationError({"minutes": _("Cần ghi biên bản kiểm kê.")})
    campaign.minutes = minutes
    audited_save(
        campaign,
        actor=actor,
        reason=_("Ghi biên bản kiểm kê"),
        update_fields=["minutes", "updated_at"],
    )
    return approvals.approval_submit(actor=actor, obj=campaign)


def inventory_approved(campaign: InventoryCampaign, actor) -> None:
    """Effect of leadership's approval: the liquidations proposed leave the register's use."""
    for line in campaign.lines.filter(proposal=Handling.LIQUIDATE).select_related("asset"):
        asset = line.asset
        asset.state = AssetState.LIQUIDATED
        audited_save(
            asset,
            actor=actor,
            reason=_("Thanh lý theo quyết định sau kiểm kê: %(campaign)s") % {"campaign": campaign},
            update_fields=["state", "updated_at"],
        )
