"""Printed documents of Party finance in the Party layout (settlement, periodic dues report)
and the settlement's XLSX, with amounts in words."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import to_xlsx
from core.pdf import heading, number_line, person_name, recipients, render_pdf, signer_block
from finance import selectors
from finance.models import FinanceInspection, Settlement
from finance.words import amount_in_words

SETTLEMENT_TEMPLATE = "finance/pdf/settlement.html"
DUES_REPORT_TEMPLATE = "finance/pdf/dues_report.html"
INSPECTION_TEMPLATE = "finance/pdf/inspection.html"


def _heading() -> dict:
    return heading(issuer_parent=settings.OFFICE_PARENT_NAME, issuer=_("VĂN PHÒNG"))


def settlement_context(settlement: Settlement) -> dict:
    lines = list(settlement.lines.select_related("budget_unit", "budget_line"))
    estimate_total = sum(line.estimate_amount for line in lines)
    actual_total = sum(line.actual_amount for line in lines)
    return {
        **_heading(),
        "number": number_line(None, "BC", "VPTU", unit_code="TC"),
        "date": timezone.localdate(),
        "doc_type": _("BÁO CÁO"),
        "summary": _("Quyết toán ngân sách năm %(year)s") % {"year": settlement.year},
        "settlement": settlement,
        "lines": lines,
        "estimate_total": estimate_total,
        "actual_total": actual_total,
        "actual_in_words": amount_in_words(actual_total),
        **signer_block(title=_("TRƯỞNG PHÒNG TÀI CHÍNH ĐẢNG"), name=person_name(settlement.owner)),
        **recipients(_("Thường trực Tỉnh ủy (để b/c)"), _("Lãnh đạo Văn phòng"), _("Lưu VT, TC")),
    }


def settlement_pdf(settlement: Settlement) -> bytes:
    return render_pdf(SETTLEMENT_TEMPLATE, settlement_context(settlement))


def settlement_xlsx(settlement: Settlement) -> bytes:
    lines = settlement.lines.select_related("budget_unit", "budget_line")
    return to_xlsx(
        _("Quyết toán %(year)s") % {"year": settlement.year},
        [settings.OFFICE_NAME, str(settlement)],
        [
            _("Đơn vị dự toán"),
            _("Chương"),
            _("Loại – Khoản"),
            _("Mục"),
            _("Tiểu mục"),
            _("Nội dung"),
            _("Dự toán (đồng)"),
            _("Thực hiện (đồng)"),
            _("Chênh lệch (đồng)"),
            _("Giải trình"),
        ],
        [
            [
                line.budget_unit.name,
                line.budget_line.chapter,
                line.budget_line.type_item,
                line.budget_line.section,
                line.budget_line.subsection,
                line.budget_line.name,
                int(line.estimate_amount),
                int(line.actual_amount),
                int(line.variance),
                line.explanation,
            ]
            for line in lines
        ],
        widths=[28, 8, 10, 8, 10, 36, 16, 16, 16, 40],
        wrap_columns=[5, 9],
    )


def dues_report_context(year: int, quarter: int, user) -> dict:
    statuses = selectors.organisations_status(year, quarter)
    reported = [status for status in statuses if status.report]
    collected = sum(status.report.collected for status in reported)
    kept = sum(status.report.kept for status in reported)
    remitted = sum(status.report.remitted for status in reported)
    return {
        **_heading(),
        "number": number_line(None, "BC", "VPTU", unit_code="TC"),
        "date": timezone.localdate(),
        "doc_type": _("BÁO CÁO"),
        "summary": _("Tình hình thu, nộp đảng phí quý %(quarter)s năm %(year)s")
        % {"quarter": quarter, "year": year},
        "statuses": statuses,
        "collected": collected,
        "kept": kept,
        "remitted": remitted,
        "remitted_in_words": amount_in_words(remitted),
        "missing": [status for status in statuses if not status.reported],
        **signer_block(title=_("TRƯỞNG PHÒNG TÀI CHÍNH ĐẢNG"), name=person_name(user)),
        **recipients(
            _("Văn phòng Trung ương Đảng (để b/c)"), _("Thường trực Tỉnh ủy"), _("Lưu VT, TC")
        ),
    }


def dues_report_pdf(year: int, quarter: int, user) -> bytes:
    return render_pdf(DUES_REPORT_TEMPLATE, dues_report_context(year, quarter, user))


def inspection_context(inspection: FinanceInspection) -> dict:
    return {
        **_heading(),
        "number": number_line(None, "KL", "VPTU", unit_code="TC"),
        "date": inspection.concluded_on or timezone.localdate(),
        "doc_type": _("KẾT LUẬN"),
        "summary": _("Kiểm tra tài chính đảng tại %(organisation)s")
        % {"organisation": inspection.organisation.name},
        "inspection": inspection,
        "findings": list(inspection.findings.all()),
        **signer_block(title=_("TRƯỞNG ĐOÀN KIỂM TRA"), name=person_name(inspection.owner)),
        **recipients(
            inspection.organisation.name, _("Lãnh đạo Văn phòng (để b/c)"), _("Lưu VT, TC")
        ),
    }


def inspection_pdf(inspection: FinanceInspection) -> bytes:
    return render_pdf(INSPECTION_TEMPLATE, inspection_context(inspection))
