"""Chinese numerals as used in regulation headings (第十二条, 第一百零五条, 第三章).

Rather than a hand-written parser with many special cases, the accepted
spellings of a number are generated from the rules of the written language: a
numeral is read for the value it would have, and accepted only if it is one of
that value's spellings. Tests can therefore cover the whole range exhaustively.
"""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
UNITS = {"十": 10, "百": 100, "千": 1000}
LARGEST = 9999


class NumeralError(ValueError):
    """Text that is not a well-formed Chinese numeral."""


def parse_chinese_numeral(text: str) -> int:
    """Value of a Chinese numeral from 零 to 九千九百九十九.

    Accepted: the standard form (十二, 一百零五, 一百一十), 一十二 for 十二,
    一百十 for 一百一十, and 两 for a leading 2 before 百 or 千 (两百).
    """
    value = _reading(text)
    if value is None or value > LARGEST or text not in spellings(value):
        raise NumeralError(f"{text!r} is not a Chinese numeral between 零 and 九千九百九十九")
    return value


def to_chinese_numeral(number: int) -> str:
    """Standard spelling of 0..9999 (12 -> 十二, 105 -> 一百零五, 110 -> 一百一十)."""
    if not 0 <= number <= LARGEST:
        raise NumeralError(f"{number} is outside 0..{LARGEST}")
    return min(spellings(number), key=_standardness)


def _reading(text: str) -> int | None:
    """The value `text` has if it is a well-formed numeral: digits times the units after them."""
    total, digit = 0, None
    for char in text:
        if char in UNITS:
            total += (1 if digit is None else digit) * UNITS[char]  # a bare 十 is 一十
            digit = None
        elif char in DIGITS or char == "两":
            digit = 2 if char == "两" else DIGITS.index(char)
        else:
            return None
    return total + (digit or 0) if text else None


def _standardness(spelling: str) -> tuple[bool, bool, bool]:
    # The standard form avoids 两, writes a bare 十 only at the very start (十二,
    # not 一十二) and spells out 一十 after 百, 千 or 零 (一百一十, not 一百十).
    bare_ten_inside = any(char == "十" and spelling[i - 1] not in DIGITS[1:] for i, char in enumerate(spelling) if i)
    return ("两" in spelling, bare_ten_inside, spelling.startswith("一十"))


def spellings(number: int) -> set[str]:
    """All accepted spellings of a number."""
    if number < 10:
        return {DIGITS[number]}
    if number < 100:
        tens, ones = divmod(number, 10)
        tail = DIGITS[ones] if ones else ""
        spellings = {DIGITS[tens] + "十" + tail}
        if tens == 1:
            spellings.add("十" + tail)  # 十二; also written 一百十二 after 百
        return spellings
    if number < 1000:
        return _with_unit(number, 100, "百")
    return _with_unit(number, 1000, "千")


def _with_unit(number: int, size: int, unit: str) -> set[str]:
    head, rest = divmod(number, size)
    heads = {DIGITS[head]} | ({"两"} if head == 2 else set())
    if rest == 0:
        tails = {""}
    elif rest < size // 10:
        tails = {"零" + spelling for spelling in spellings(rest)}
    else:
        tails = spellings(rest)
    return {h + unit + t for h in heads for t in tails}
