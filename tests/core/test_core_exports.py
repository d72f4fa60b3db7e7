"""Spreadsheet exports: a text that looks like a formula stays a text."""

import csv
import io

import pytest
from openpyxl import load_workbook

from core.exports import csv_safe, to_csv, to_xlsx


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_leading_formula_character_is_quoted_in_csv(text):
    assert csv_safe(text) == "'" + text
    rows = list(csv.reader(io.StringIO(to_csv(["cột"], [[text]]).decode("utf-8-sig"))))
    assert rows[1] == ["'" + text]


@pytest.mark.parametrize("text", ["Về hội nghị", "1-2", "a=b", "", "Số 12/TB-VPTU"])
def test_ordinary_text_is_kept_as_typed(text):
    assert csv_safe(text) == text


def test_xlsx_stores_formula_like_text_as_strings_and_drops_control_characters():
    content = to_xlsx("Sổ", ["Sổ văn bản đến"], ["Trích yếu"], [["=1+1"], ["Về\x07 hội nghị"], [7]])
    sheet = load_workbook(io.BytesIO(content)).active
    cells = {cell.coordinate: cell for row in sheet.iter_rows() for cell in row}
    assert cells["A3"].value == "=1+1" and cells["A3"].data_type == "s"
    assert cells["A4"].value == "Về hội nghị"
    assert cells["A5"].value == 7
