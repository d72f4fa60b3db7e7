"""The format check (kiểm tra thể thức) of a Party document before signature (DOMAIN §6).

Pure functions: they take plain values and return a list of Vietnamese messages, empty when the
draft passes, so each rule is tested on its own and the clerk sees every failure at once."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

#: 21-HD/VPTW, 05-CV/VPTU, 112-CTr/TU, 03-QĐ/TU/BTC (an issuing sub-unit after a second slash)
NUMBER_AND_SYMBOL = re.compile(
    r"^(?P<number>\d+)-(?P<type>[A-ZĐ][A-Za-zĐđ]*)/(?P<issuer>[A-ZĐ]+)(?P<sub>(/[A-ZĐ]+)*)$"
)
#: The State-body order (21/HD-VPTW) that Party documents must not use.
STATE_ORDER = re.compile(r"^\d+/[A-ZĐ][A-Za-zĐđ]*-[A-ZĐ]+")
SIGNER_AUTHORITIES = ("T/M", "K/T", "T/L", "TUQ")


def check_number_and_symbol(
    value: str, *, type_code: str | None = None, issuer_codes: Iterable[str] | None = None
) -> list[str]:
    """Number, hyphen, type code, slash, issuer code; the number zero-padded below 10."""
    value = value.strip().removeprefix("Số").strip()
    if not value:
        return [_("Thiếu số và ký hiệu văn bản.")]
    if STATE_ORDER.match(value):
        return [
            _(
                "Số và ký hiệu “%(value)s” viết theo kiểu văn bản nhà nước. Văn bản của Đảng "
                "viết: số, gạch nối, tên loại, gạch chéo, cơ quan ban hành (ví dụ 21-HD/VPTW)."
            )
            % {"value": value}
        ]
    match = NUMBER_AND_SYMBOL.match(value)
    if match is None:
        return [
            _(
                "Số và ký hiệu “%(value)s” không đúng mẫu: số, gạch nối, tên loại, gạch chéo, "
                "cơ quan ban hành (ví dụ 21-HD/VPTW)."
            )
            % {"value": value}
        ]
    messages = []
    number = match["number"]
    if int(number) == 0:
        messages.append(_("Số văn bản bắt đầu từ 01."))
    elif int(number) < 10 and len(number) != 2:
        messages.append(
            _("Số dưới 10 phải viết hai chữ số, có số 0 phía trước (%(padded)s, không phải %(n)s).")
            % {"padded": f"{int(number):02d}", "n": number}
        )
    elif int(number) >= 10 and number.startswith("0"):
        messages.append(_("Số từ 10 trở lên không viết số 0 phía trước."))
    if type_code is not None and match["type"] != type_code:
        messages.append(
            _("Ký hiệu tên loại “%(found)s” không khớp loại văn bản (%(expected)s).")
            % {"found": match["type"], "expected": type_code}
        )
    if issuer_codes is not None and match["issuer"] not in set(issuer_codes):
        messages.append(
            _("Ký hiệu cơ quan ban hành “%(code)s” không có trong danh mục.")
            % {"code": match["issuer"]}
        )
    return messages


def check_signer_authority(*, authority: str, signer_is_head: bool) -> list[str]:
    """Only the head of the issuing body signs without a prefix; anyone else signs on behalf
    (T/M), as deputy (K/T), by order (T/L) or by authorisation (TUQ)."""
    authority = authority.strip().upper()
    if authority and authority not in SIGNER_AUTHORITIES:
        return [
            _("Thẩm quyền ký “%(value)s” không hợp lệ: dùng T/M, K/T, T/L hoặc TUQ.")
            % {"value": authority}
        ]
    if not authority and not signer_is_head:
        return [
            _(
                "Người ký không phải người đứng đầu cơ quan ban hành: phải ghi thẩm quyền ký "
                "(T/M, K/T, T/L hoặc TUQ)."
            )
        ]
    return []


@dataclass
class Draft:
    """What the check needs to know about a draft, in plain values."""

    type_name: str
    type_code: str
    issuer_code: str
    known_issuer_codes: Iterable[str]
    summary: str
    has_content: bool
    signer_name: str
    signer_title: str
    signer_authority: str
    signer_is_head: bool
    recipients: list[str] = field(default_factory=list)
    number_and_symbol: str = ""


def check_draft(draft: Draft) -> list[str]:
    """Every rule of the format check on one draft. The number is assigned after signature, so
    before it the symbol is checked with the first number of the sequence."""
    messages = []
    if not draft.type_code:
        messages.append(
            _("Loại văn bản “%(type)s” chưa có ký hiệu trong danh mục.") % {"type": draft.type_name}
        )
    if draft.issuer_code not in set(draft.known_issuer_codes):
        messages.append(
            _("Ký hiệu cơ quan ban hành “%(code)s” không có trong danh mục.")
            % {"code": draft.issuer_code}
        )
    elif draft.type_code:
        symbol = draft.number_and_symbol or f"01-{draft.type_code}/{draft.issuer_code}"
        messages += check_number_and_symbol(
            symbol, type_code=draft.type_code, issuer_codes=draft.known_issuer_codes
        )
    required = [
        (draft.summary.strip(), _("Thiếu trích yếu nội dung.")),
        (draft.has_content, _("Thiếu tệp nội dung văn bản.")),
        (draft.signer_name.strip(), _("Thiếu họ tên người ký.")),
        (draft.signer_title.strip(), _("Thiếu chức vụ người ký.")),
        (draft.recipients, _("Thiếu nơi nhận.")),
    ]
    messages += [message for present, message in required if not present]
    messages += check_signer_authority(
        authority=draft.signer_authority, signer_is_head=draft.signer_is_head
    )
    return messages
