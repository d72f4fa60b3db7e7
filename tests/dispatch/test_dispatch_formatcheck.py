"""The format checker's rules, one by one, on plain values (DOMAIN §6)."""

import pytest

from dispatch.formatcheck import Draft, check_draft, check_number_and_symbol, check_signer_authority

ISSUERS = ["TW", "VPTW", "TU", "VPTU", "BTCTU", "UBKTTU"]


@pytest.mark.parametrize(
    "value", ["21-HD/VPTW", "05-CV/VPTU", "112-CTr/TU", "01-QĐ/TU", "10-TTr/BTCTU", "Số 21-HD/VPTW"]
)
def test_party_numbers_pass(value):
    assert check_number_and_symbol(value, issuer_codes=ISSUERS) == []


def test_the_state_order_is_refused_with_its_own_message():
    [message] = check_number_and_symbol("21/HD-VPTW")
    assert "kiểu văn bản nhà nước" in message
    assert "21-HD/VPTW" in message


def test_a_number_below_ten_needs_its_zero():
    [message] = check_number_and_symbol("5-CV/VPTU")
    assert "05" in message


@pytest.mark.parametrize("value", ["00-CV/VPTU", "021-CV/VPTU"])
def test_zero_and_padded_big_numbers_are_refused(value):
    assert len(check_number_and_symbol(value)) == 1


@pytest.mark.parametrize("value", ["HD/VPTW", "21-HD", "21 - HD / VPTW", ""])
def test_malformed_numbers_are_refused(value):
    assert len(check_number_and_symbol(value)) == 1


def test_type_code_must_match_the_type():
    [message] = check_number_and_symbol("21-CV/VPTW", type_code="HD")
    assert "“CV”" in message and "HD" in message


def test_issuer_code_must_be_known_sub_units_allowed():
    assert check_number_and_symbol("03-QĐ/TU/BTC", issuer_codes=ISSUERS) == []
    [message] = check_number_and_symbol("03-QĐ/XYZ", issuer_codes=ISSUERS)
    assert "“XYZ”" in message


def test_signer_authority_is_needed_unless_the_head_signs():
    assert check_signer_authority(authority="", signer_is_head=True) == []
    assert check_signer_authority(authority="K/T", signer_is_head=False) == []
    assert "T/M, K/T, T/L hoặc TUQ" in check_signer_authority(authority="", signer_is_head=False)[0]
    assert "không hợp lệ" in check_signer_authority(authority="KT", signer_is_head=False)[0]


def good_draft(**changes) -> Draft:
    values = {
        "type_name": "Hướng dẫn",
        "type_code": "HD",
        "issuer_code": "VPTU",
        "known_issuer_codes": ISSUERS,
        "summary": "Về thể thức văn bản của Đảng",
        "has_content": True,
        "signer_name": "Nguyễn Văn Chánh",
        "signer_title": "Phó Chánh Văn phòng",
        "signer_authority": "K/T",
        "signer_is_head": False,
        "recipients": ["Các ban đảng"],
    }
    values.update(changes)
    return Draft(**values)


def test_a_complete_draft_passes():
    assert check_draft(good_draft()) == []


def test_every_missing_component_is_named():
    messages = check_draft(
        good_draft(summary=" ", has_content=False, signer_title="", recipients=[])
    )
    assert len(messages) == 4
    assert any("trích yếu" in m for m in messages)
    assert any("nơi nhận" in m for m in messages)


def test_a_type_without_code_and_an_unknown_issuer_are_reported():
    messages = check_draft(good_draft(type_code="", issuer_code="ABC"))
    assert len(messages) == 2
