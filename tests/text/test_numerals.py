"""The numeral converters of untm.text.numerals, against tables and naive generators.

The generators below write numbers the way a Chinese or English UN text would, by
rules of their own (not the parser's), so that a round trip tests the parser against
an independent reading of the same convention.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from untm.text.numerals import (
    canonical_number,
    clock,
    consecutive_days,
    iso_date,
    letter_of,
    month_number,
    parse_arabic,
    parse_en_number,
    parse_en_ordinal,
    parse_int,
    parse_roman,
    parse_zh_number,
    scale_of,
)

# --- naive writers ----------------------------------------------------------------------

ZH_DIGIT = "零一二三四五六七八九"


def zh_section(n: int) -> str:
    """0 < n < 10000 in Chinese, with 零 for every run of missing units inside it."""
    out, pending_zero = "", False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit_value % 10
        if digit:
            out += ("零" if pending_zero else "") + ZH_DIGIT[digit] + unit
            pending_zero = False
        elif out:
            pending_zero = True
    return out


def zh_numeral(n: int, short_ten: bool = True, liang: bool = False) -> str:
    """n as a Chinese numeral: 亿 and 万 groups of sections, 零 where a group or a
    section has a gap (一万零五十), 十一 rather than 一十一 at the start if ``short_ten``,
    两 for a 2 before 百, 千, 万 or 亿 if ``liang``."""
    if n == 0:
        return "零"
    out, gap = "", False
    for group_value, group in ((10**8, "亿"), (10**4, "万"), (1, "")):
        part = n // group_value % 10**4 if group_value < 10**8 else n // group_value
        if part == 0:
            gap = bool(out)
            continue
        if out and (gap or part < 1000):
            out += "零"
        out += (zh_numeral(part) if part >= 10**4 else zh_section(part)) + group
        gap = False
    if short_ten and out.startswith("一十"):
        out = out[1:]
    if liang:
        for unit in "百千万亿":
            out = out.replace("二" + unit, "两" + unit)
    return out


EN_UNITS = [
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
]
EN_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def en_below_thousand(n: int, british_and: bool) -> str:
    hundreds, rest = divmod(n, 100)
    words = []
    if hundreds:
        words.append(f"{EN_UNITS[hundreds]} hundred")
    if rest:
        if hundreds and british_and:
            words.append("and")
        tens, unit = divmod(rest, 10)
        if rest < 20:
            words.append(EN_UNITS[rest])
        else:
            words.append(EN_TENS[tens] + (f"-{EN_UNITS[unit]}" if unit else ""))
    return " ".join(words)


def en_number(n: int, british_and: bool = True) -> str:
    """n in English words, with "and" after hundred as UN English writes it."""
    if n == 0:
        return "zero"
    words = []
    for scale_value, scale in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
        part, n = divmod(n, scale_value)
        if part:
            words.append(f"{en_below_thousand(part, british_and)} {scale}")
    if n:
        words.append(en_below_thousand(n, british_and))
    return " ".join(words)


def roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out, n = out + letters, n - value
    return out


# --- Chinese -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十一", 11),
        ("一十一", 11),
        ("二十", 20),
        ("一百二十一", 121),
        ("一百零五", 105),
        ("一千〇五", 1005),
        ("两百", 200),
        ("三千五", 3500),  # abbreviated: 三千五百
        ("一百二", 120),
        ("一万五", 15000),
        ("一万零五百", 10500),
        ("十万", 100000),
        ("一千万", 10**7),
        ("三亿五千万", 350000000),
        ("十亿", 10**9),
        ("一万亿", 10**12),
        ("零", 0),
        ("二〇一九", 2019),  # digit by digit: how years are written
        ("一九九九", 1999),
    ],
)
def test_zh_numbers(text: str, value: int) -> None:
    assert parse_zh_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "十十", "百", "一百十", "零十", "万一", "千万", "一万万", "三a"]
)
def test_zh_non_numbers(text: str) -> None:
    assert parse_zh_number(text) is None


@settings(max_examples=800, deadline=None)
@given(st.integers(0, 10**9), st.booleans(), st.booleans())
def test_zh_round_trip(n: int, short_ten: bool, liang: bool) -> None:
    assert parse_zh_number(zh_numeral(n, short_ten, liang)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(10, 10**9))
def test_zh_digit_by_digit(n: int) -> None:
    assert (
        parse_zh_number(str(n).translate(str.maketrans("0123456789", "〇一二三四五六七八九"))) == n
    )


def test_zh_writer_examples() -> None:
    """The naive writer writes what UN Chinese writes (so that the round trip means something)."""
    assert zh_numeral(121) == "一百二十一"
    assert zh_numeral(10050) == "一万零五十"
    assert zh_numeral(100000) == "十万"
    assert zh_numeral(105000000) == "一亿零五百万"
    assert zh_numeral(200, liang=True) == "两百"


def test_parse_int() -> None:
    assert parse_int("12") == 12
    assert parse_int("十二") == 12
    assert parse_int("１２") is None  # full width is folded by the caller, not here
    assert parse_int("x") is None


# --- English ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two", 2),
        ("Twenty-one", 21),
        ("twenty one", 21),
        ("one hundred and five", 105),
        ("a thousand", 1000),
        ("a million", 10**6),
        ("two thousand and nineteen", 2019),
        ("one million two hundred thousand", 1_200_000),
        ("zero", 0),
    ],
)
def test_en_numbers(text: str, value: int) -> None:
    assert parse_en_number(text) == value


@pytest.mark.parametrize("text", ["one two", "thousand", "twenty zero", "hundred five", "ten ten"])
def test_en_non_numbers(text: str) -> None:
    assert parse_en_number(text) is None


@settings(max_examples=500, deadline=None)
@given(st.integers(0, 10**9), st.booleans())
def test_en_round_trip(n: int, british_and: bool) -> None:
    assert parse_en_number(en_number(n, british_and)) == n


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("first", 1),
        ("second", 2),
        ("seventh", 7),
        ("eighth", 8),
        ("twelfth", 12),
        ("twentieth", 20),
        ("twenty-first", 21),
        ("ninety-ninth", 99),
        ("hundredth", 100),
        ("one hundredth", 100),
        ("one hundred and first", 101),
        ("7th", 7),
        ("22nd", 22),
    ],
)
def test_en_ordinals(text: str, value: int) -> None:
    assert parse_en_ordinal(text) == value


@pytest.mark.parametrize("text", ["both", "month", "seven", "fourthly"])
def test_en_non_ordinals(text: str) -> None:
    assert parse_en_ordinal(text) is None


@given(st.integers(1, 99))
def test_en_ordinals_to_one_hundred(n: int) -> None:
    """Every ordinal up to ninety-ninth, written from the cardinal by the spelling rules."""
    word = en_number(n)
    last = word.split("-")[-1].split()[-1]
    irregular = {"one": "first", "two": "second", "three": "third", "five": "fifth"}
    irregular |= {"eight": "eighth", "nine": "ninth", "twelve": "twelfth"}
    if last in irregular:
        ordinal = irregular[last]
    elif last.endswith("y"):
        ordinal = last[:-1] + "ieth"
    else:
        ordinal = last + "th"
    assert parse_en_ordinal(word[: len(word) - len(last)] + ordinal) == n


@given(st.integers(1, 3999))
def test_roman_round_trip(n: int) -> None:
    assert parse_roman(roman(n)) == n
    assert parse_roman(roman(n).lower()) == n


@pytest.mark.parametrize("text", ["", "IIII", "VX", "IVX", "ABC"])
def test_non_roman(text: str) -> None:
    assert parse_roman(text) is None


# --- figures, scales, values ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,000", "1000"),
        ("1 000", "1000"),
        ("1\u00a0000", "1000"),
        ("10.5", "10.5"),
        ("10.50", "10.5"),
        ("１２", "12"),
        ("007", "7"),
    ],
)
def test_arabic(text: str, value: str) -> None:
    number = parse_arabic(text)
    assert number is not None and canonical_number(number) == value


def test_scales() -> None:
    assert scale_of("million") == 10**6
    assert scale_of("万") == 10**4
    assert scale_of("百万") == 10**6
    assert scale_of("万亿") == 10**12
    assert scale_of("十") is None and scale_of("") is None
    assert canonical_number(Decimal("3.5") * scale_of("亿")) == "350000000"  # type: ignore[operator]


def test_letters() -> None:
    assert [letter_of(n) for n in (1, 3, 26, 0, 27)] == ["a", "c", "z", None, None]


def test_dates_and_times() -> None:
    assert month_number("May") == month_number("五") == month_number("05") == 5
    assert month_number("Sept.") == 9 and month_number("maybe") is None
    assert iso_date(2019, 5, 31) == "2019-05-31"
    assert iso_date(2019, 5, None) == "2019-05"
    assert iso_date(None, 11, 6) == "--11-06"
    assert iso_date(None, 2, 29) == "--02-29"
    assert iso_date(2019, 2, 29) is None and iso_date(2019, 13, 1) is None
    assert consecutive_days(["2017-11-06", "2017-11-07", "2017-11-08"])
    assert consecutive_days(["--02-28", "--02-29"]) and not consecutive_days(["--11-06", "--11-08"])
    assert clock(3, 0, "下午") == clock(3, 0, "p.m.") == "15:00"
    assert clock(12, 0, "a.m.") == "00:00" and clock(12, 0, "p.m.") == "12:00"
    assert clock(1, 0, "中午") == "13:00" and clock(10, 30) == "10:30"
    assert clock(25, 0) is None
