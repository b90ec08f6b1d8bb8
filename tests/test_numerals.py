import pytest

from handbook_kit.core.numerals import NumeralError, parse_chinese_numeral, to_chinese_numeral
from handbook_kit.core.numerals import spellings as accepted_spellings


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("零", 0),
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("一十", 10),
        ("十二", 12),
        ("一十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("九十九", 99),
        ("一百", 100),
        ("一百零五", 105),
        ("一百一十", 110),
        ("一百十", 110),
        ("一百二十三", 123),
        ("两百", 200),
        ("二百", 200),
        ("九百九十九", 999),
        ("一千零一", 1001),
        ("一千零一十", 1010),
        ("三千四百", 3400),
    ],
)
def test_spellings_used_in_regulations(text, value):
    assert parse_chinese_numeral(text) == value


def test_every_number_up_to_999_round_trips():
    spellings = [to_chinese_numeral(n) for n in range(1000)]
    assert len(set(spellings)) == 1000
    assert [parse_chinese_numeral(s) for s in spellings] == list(range(1000))


@pytest.mark.parametrize(("value", "text"), [(12, "十二"), (105, "一百零五"), (110, "一百一十"), (1010, "一千零一十")])
def test_standard_spelling(value, text):
    assert to_chinese_numeral(value) == text


@pytest.mark.parametrize("text", ["", "百二", "十十", "一百五", "零零", "二二", "零一", "一千一十", "12", "第十"])
def test_malformed_numerals_are_rejected(text):
    with pytest.raises(NumeralError, match="is not a Chinese numeral"):
        parse_chinese_numeral(text)


def _evaluate(text: str) -> int:
    """A second, independent reading: digits times their units, 零 a placeholder, 十 alone ten."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
    units = {"十": 10, "百": 100, "千": 1000}
    total, digit = 0, None
    for char in text:
        if char in units:
            total += (1 if digit is None else digit) * units[char]
            digit = None
        elif char != "零":
            digit = digits[char]
    return total + (digit or 0)


def test_every_accepted_spelling_up_to_999_means_what_a_reader_reads():
    spellings = {text: value for value in range(1000) for text in accepted_spellings(value)}
    assert len(spellings) > 1000  # the alternative forms (一十二, 一百十, 两百) are in
    assert all(_evaluate(text) == value for text, value in spellings.items())
    assert all(parse_chinese_numeral(text) == value for text, value in spellings.items())
    # 十 forms: 十 alone, 十一 to 十九, 一十 and 十 after a hundred; never 零十.
    assert [spellings[t] for t in ("十", "十一", "十九", "一百一十", "一百十", "一百一十九")] == [
        10,
        11,
        19,
        110,
        110,
        119,
    ]
    assert "二百零十" not in spellings and "零" not in {t[0] for t in spellings if t != "零"}
