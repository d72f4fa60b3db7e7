"""Actual spending from the accounting software's exports (CSV or XLSX): the columns are
mapped once and remembered; a file is previewed (its rows checked, rejected rows listed with
their reasons) before it is imported. A file that cannot be read or lacks a mapped column is
refused whole: nothing is written."""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audited_save, in_office_language
from finance import permissions
from finance.choices import IMPORT_FIELDS, ImportStatus
from finance.models import ActualSpending, BudgetLine, BudgetUnit, ImportMapping, SpendingImport

BATCH = 5000
#: rejected rows kept for the report (a file of only bad rows says so and shows the first ones)
REJECTED_KEPT = 1000
REQUIRED = [name for name, _label, required in IMPORT_FIELDS if required]


def _require_importer(actor) -> None:
    if not permissions.may_import(actor):
        raise ValidationError(_("Chỉ Phòng Tài chính đảng nhập số liệu chi."))


@transaction.atomic
@in_office_language
def mapping_save(
    *, actor, name: str, columns: dict, date_format: str = "%d/%m/%Y"
) -> ImportMapping:
    """TC names, once, the column of the export that holds each field."""
    _require_importer(actor)
    columns = {
        key: (value or "").strip() for key, value in columns.items() if (value or "").strip()
    }
    missing = [
        str(label) for key, label, required in IMPORT_FIELDS if required and key not in columns
    ]
    if missing:
        raise ValidationError(_("Cần chỉ cột cho: %(fields)s.") % {"fields": ", ".join(missing)})
    if len(set(columns.values())) != len(columns):
        raise ValidationError(_("Mỗi cột chỉ ứng với một trường."))
    try:
        datetime.strptime(date.today().strftime(date_format), date_format)
    except ValueError as error:
        raise ValidationError({"date_format": _("Định dạng ngày không hợp lệ.")}) from error
    mapping = ImportMapping.objects.filter(name=name).first() or ImportMapping(name=name)
    mapping.columns, mapping.date_format = columns, date_format
    mapping.full_clean()
    return audited_save(mapping, actor=actor, reason=gettext_lazy("Lưu mẫu nhập số liệu chi"))


# Reading a file --------------------------------------------------------------------------------


def read_table(content: bytes, name: str) -> tuple[list[str], list[list]]:
    """Header and rows of a CSV (UTF-8, comma or semicolon) or XLSX file; anything else is
    refused with a message."""
    if name.lower().endswith(".xlsx"):
        if not zipfile.is_zipfile(io.BytesIO(content)):
            raise ValidationError({"file": _("Tệp không phải bảng tính XLSX hợp lệ.")})
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
            values = [list(row) for row in sheet.iter_rows(values_only=True)]
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise ValidationError({"file": _("Không đọc được bảng tính XLSX.")}) from error
    elif name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError({"file": _("Tệp CSV phải mã hóa UTF-8.")}) from error
        if "\x00" in text:
            raise ValidationError({"file": _("Tệp CSV chứa ký tự không hợp lệ.")})
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        values = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    else:
        raise ValidationError({"file": _("Chỉ nhận tệp CSV hoặc XLSX.")})
    values = [row for row in values if any(cell not in (None, "") for cell in row)]
    if not values:
        raise ValidationError({"file": _("Tệp không có dữ liệu.")})
    header = [str(cell).strip() if cell is not None else "" for cell in values[0]]
    return header, values[1:]


def parse_amount(value) -> Decimal:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        text = str(value or "").strip().replace(" ", "").replace("đ", "")
        if not text:
            raise ValueError(_("thiếu số tiền"))
        # Vietnamese exports group thousands with dots (1.234.567) or commas.
        text = text.replace(".", "").replace(",", "")
        try:
            amount = Decimal(text)
        except InvalidOperation as error:
            raise ValueError(_("số tiền “%(value)s” không hợp lệ") % {"value": value}) from error
    if amount != amount.to_integral_value():
        raise ValueError(_("số tiền phải là số đồng nguyên"))
    if amount < 0:
        raise ValueError(_("số tiền âm (%(value)s)") % {"value": value})
    if amount == 0:
        raise ValueError(_("số tiền bằng 0"))
    if amount >= Decimal(10) ** 18:
        raise ValueError(_("số tiền quá lớn"))
    return amount


def _date(value, date_format: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.strptime(str(value or "").strip(), date_format).date()
    except ValueError as error:
        raise ValueError(
            _("ngày “%(value)s” không đúng định dạng") % {"value": value or ""}
        ) from error


@dataclass
class Checked:
    total: int = 0
    good: list[ActualSpending] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    rejected_count: int = 0


def check_rows(
    content: bytes, name: str, mapping: ImportMapping, year: int, *, keep_good: bool
) -> Checked:
    header, rows = read_table(content, name)
    positions = {}
    missing = []
    for key, column in mapping.columns.items():
        if column in header:
            positions[key] = header.index(column)
        else:
            missing.append(column)
    if missing or any(key not in positions for key in REQUIRED):
        raise ValidationError(
            {
                "file": _(
                    "Tệp thiếu cột theo mẫu “%(mapping)s”: %(columns)s. Các cột của tệp: %(found)s."
                )
                % {
                    "mapping": mapping.name,
                    "columns": ", ".join(missing) or "—",
                    "found": ", ".join(header) or "—",
                }
            }
        )
    units = {unit.code: unit.pk for unit in BudgetUnit.objects.all()}
    lines = {
        (line.chapter, line.type_item, line.section, line.subsection): line.pk
        for line in BudgetLine.objects.filter(is_active=True)
    }
    checked = Checked()
    width = len(header)

    def cell(row, key):
        index = positions.get(key)
        if index is None or index >= len(row):
            return ""
        return row[index]

    def text(row, key):
        value = cell(row, key)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value if value is not None else "").strip()

    for number, row in enumerate(rows, start=2):
        checked.total += 1
        reasons = []
        spent_on = amount = unit_id = line_id = None
        try:
            spent_on = _date(cell(row, "spent_on"), mapping.date_format)
            if spent_on.year != year:
                reasons.append(
                    _("ngày %(day)s không thuộc năm %(year)s")
                    % {"day": f"{spent_on:%d/%m/%Y}", "year": year}
                )
        except ValueError as error:
            reasons.append(str(error))
        try:
            amount = parse_amount(cell(row, "amount"))
        except ValueError as error:
            reasons.append(str(error))
        unit_code = text(row, "unit")
        unit_id = units.get(unit_code)
        if unit_id is None:
            reasons.append(_("không có đơn vị dự toán mã “%(code)s”") % {"code": unit_code})
        key = tuple(text(row, part) for part in ("chapter", "type_item", "section", "subsection"))
        line_id = lines.get(key)
        if line_id is None:
            reasons.append(_("không có mục lục ngân sách %(code)s") % {"code": ".".join(key)})
        if reasons:
            checked.rejected_count += 1
            if len(checked.rejected) < REJECTED_KEPT:
                checked.rejected.append(
                    {
                        "row": number,
                        "values": [
                            str(value if value is not None else "")[:60] for value in row[:width]
                        ],
                        "reason": "; ".join(reasons),
                    }
                )
            continue
        if keep_good:
            checked.good.append(
                ActualSpending(
                    row_number=number,
                    year=year,
                    budget_unit_id=unit_id,
                    budget_line_id=line_id,
                    spent_on=spent_on,
                    voucher=text(row, "voucher")[:60],
                    description=text(row, "description")[:500],
                    amount=amount,
                )
            )
    if not checked.total:
        raise ValidationError({"file": _("Tệp không có dòng số liệu nào.")})
    return checked


def _content(upload) -> bytes:
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError({"file": _("Tệp quá lớn.")})
    upload.seek(0)
    return upload.read()


@transaction.atomic
@in_office_language
def import_preview(*, actor, year: int, mapping: ImportMapping, upload) -> SpendingImport:
    """Check a file and keep it for confirmation; a file that cannot be read or lacks a
    mapped column is refused and nothing is kept."""
    _require_importer(actor)
    content = _content(upload)
    checked = check_rows(content, upload.name, mapping, year, keep_good=False)
    spending_import = SpendingImport(
        year=year,
        mapping=mapping,
        original_name=upload.name[:255],
        rows_total=checked.total,
        rows_ok=checked.total - checked.rejected_count,
        rejected=checked.rejected,
        uploaded_by=actor,
    )
    upload.seek(0)
    spending_import.file.save(upload.name, upload, save=False)
    return audited_save(
        spending_import, actor=actor, reason=gettext_lazy("Tải tệp số liệu chi, xem trước")
    )


@transaction.atomic
@in_office_language
def import_confirm(*, actor, spending_import: SpendingImport) -> SpendingImport:
    """Write the good rows of a previewed file; the rejected ones stay listed with reasons."""
    _require_importer(actor)
    if spending_import.status != ImportStatus.PREVIEW:
        raise ValidationError(_("Tệp này đã được nhập."))
    spending_import.file.open("rb")
    try:
        content = spending_import.file.read()
    finally:
        spending_import.file.close()
    checked = check_rows(
        content,
        spending_import.original_name,
        spending_import.mapping,
        spending_import.year,
        keep_good=True,
    )
    if not checked.good:
        raise ValidationError(_("Không có dòng hợp lệ nào để nhập."))
    for row in checked.good:
        row.spending_import = spending_import
    # Imported rows are never edited (see ActualSpending): the import's own history records them.
    ActualSpending.objects.bulk_create(checked.good, batch_size=BATCH)
    spending_import.status = ImportStatus.DONE
    spending_import.rows_total, spending_import.rows_ok = checked.total, len(checked.good)
    spending_import.rejected = checked.rejected
    spending_import.imported_at = timezone.now()
    return audited_save(
        spending_import,
        actor=actor,
        reason=_("Nhập %(count)s dòng số liệu chi") % {"count": len(checked.good)},
    )


PAYROLL_CARD, PAYROLL_AMOUNT = "Số thẻ", "Số tiền"


def read_payroll(content: bytes, name: str) -> list[tuple[str, Decimal]]:
    """Payroll's month as (card number, amount): a CSV or XLSX with the columns “Số thẻ” and
    “Số tiền”; any bad row refuses the file, naming the rows."""
    header, rows = read_table(content, name)
    if PAYROLL_CARD not in header or PAYROLL_AMOUNT not in header:
        raise ValidationError(
            {
                "file": _("Tệp bảng lương cần hai cột “%(card)s” và “%(amount)s”.")
                % {"card": PAYROLL_CARD, "amount": PAYROLL_AMOUNT}
            }
        )
    card_at, amount_at = header.index(PAYROLL_CARD), header.index(PAYROLL_AMOUNT)
    found, errors = [], []
    for number, row in enumerate(rows, start=2):
        card = str(row[card_at] if card_at < len(row) and row[card_at] is not None else "").strip()
        try:
            amount = parse_amount(row[amount_at] if amount_at < len(row) else "")
        except ValueError as error:
            errors.append(_("Dòng %(n)s: %(reason)s.") % {"n": number, "reason": error})
            continue
        found.append((card, amount))
    if errors:
        raise ValidationError({"file": errors[:20]})
    return found
