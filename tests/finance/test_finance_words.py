"""Amounts in words on printed documents: each reading convention with its own example."""

from decimal import Decimal

import pytest

from finance.words import amount_in_words, money, number_words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (55, "năm mươi lăm"),
        (101, "một trăm linh một"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (1000, "một nghìn"),
        (1005, "một nghìn không trăm linh năm"),
        (1050, "một nghìn không trăm năm mươi"),
        (2_000_500, "hai triệu năm trăm"),
        (1_050_000, "một triệu không trăm năm mươi nghìn"),
        (1_234_000, "một triệu hai trăm ba mươi tư nghìn"),
        (5_000_000_000, "năm tỷ"),
        (1_000_000_000_000, "một nghìn tỷ"),
        (-15, "âm mười lăm"),
    ],
)
def test_reading_conventions(number, words):
    assert number_words(number) == words


def test_amount_in_words_is_capitalised_and_says_dong():
    assert amount_in_words(Decimal("1234000")) == "Một triệu hai trăm ba mươi tư nghìn đồng"
    assert amount_in_words(Decimal("0")) == "Không đồng"
    assert amount_in_words(Decimal("5000.4")) == "Năm nghìn đồng"


def test_money_groups_thousands_with_dots():
    assert money(Decimal("1234567")) == "1.234.567 đ"
    assert money(Decimal("-500")) == "-500 đ"
    assert money(Decimal("999.5")) == "1.000 đ"
    assert money(None) == ""
