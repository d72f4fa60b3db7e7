"""Money as printed on the office's financial documents: `1.234.567 đ`, and the amount in words
("Một triệu hai trăm ba mươi tư nghìn đồng") as Vietnamese accounting papers write it.

Reading conventions (the Northern standard used by State Treasury vouchers):
- tens: "mười" for 10–19, "mươi" for 20–90 (hai mươi);
- units after a ten: 1 is "mốt" from 21 on (but "mười một"), 4 is "tư" from 24 on (but
  "mười bốn"), 5 is "lăm" (mười lăm, hai mươi lăm);
- a unit without its ten inside a number: "linh" (một trăm linh năm);
- a group of three after a larger one keeps its hundreds: "một triệu không trăm năm mươi
  nghìn"; a group of three zeros is left out (hai triệu năm trăm);
- groups: nghìn, triệu, tỷ; beyond that "nghìn tỷ", "triệu tỷ"."""

from decimal import ROUND_HALF_UP, Decimal

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
GROUPS = ["", "nghìn", "triệu", "tỷ"]


def _three(number: int, *, full: bool) -> list[str]:
    """Words of 0 < number < 1000; `full` when a larger group precedes it (keep its hundreds)."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units == 1:
        words.append("mốt" if tens > 1 else "một")
    elif units == 4:
        words.append("tư" if tens > 1 else "bốn")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _group_name(index: int) -> list[str]:
    """nghìn, triệu, tỷ, nghìn tỷ, triệu tỷ, tỷ tỷ …"""
    names: list[str] = []
    while index >= 3:
        names.insert(0, "tỷ")
        index -= 3
    if index:
        names.insert(0, GROUPS[index])
    return names


def number_words(number: int) -> str:
    """The integer in Vietnamese words, lower case ("không" for 0, "âm …" below 0)."""
    if number == 0:
        return DIGITS[0]
    if number < 0:
        return f"âm {number_words(-number)}"
    groups: list[int] = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        words += _three(group, full=bool(words))
        words += _group_name(index)
    return " ".join(words)


def whole_dong(amount) -> int:
    """The amount rounded to the đồng (half up): the đồng has no smaller unit in use."""
    return int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def amount_in_words(amount) -> str:
    """`Decimal("1234000")` → "Một triệu hai trăm ba mươi tư nghìn đồng"."""
    text = number_words(whole_dong(amount))
    return f"{text[0].upper()}{text[1:]} đồng"


def money(amount) -> str:
    """`1234567` → "1.234.567 đ" (dots between thousands, no decimals)."""
    if amount is None or amount == "":
        return ""
    value = whole_dong(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}{abs(value):,}".replace(",", ".") + " đ"
