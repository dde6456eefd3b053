"""Numerals of UN Chinese and English and the values they write: Chinese numerals,
English number and ordinal words, Roman numerals, Arabic numbers with separators and
scale words; dates and clock times in ISO 8601.

These are the converters behind :mod:`untm.text.refs`; they take one numeral (already
found by a pattern) and return its value, or None when the string is not a numeral
of that writing, so that a pattern may be generous and the converter decides.

* Chinese numerals are read positionally (``一百二十一`` = 121, ``十一`` = ``一十一`` =
  11, ``一百零五`` = 105, ``三千五`` = 3500) up to 亿 groups, or digit by digit when the
  string has no unit (``二〇一九`` = 2019), which is how years are written.
* English number words cover what UN text spells out: ``two``, ``twenty-one``,
  ``one hundred and five``, ``10 million`` (with :func:`scale_of`), ``a thousand``.
* Ordinals in words and in figures (``seventh``, ``twenty-first``, ``one hundredth``,
  ``7th``) and Roman numerals (``IV``) for chapters, annexes and sessions.
* Dates as ISO 8601 (``2019-05-31``, ``2019-05``, ``--11-06`` without a year) and times
  on the 24-hour clock (``下午 3 时`` = ``3 p.m.`` = ``15:00``).
"""

from __future__ import annotations

import datetime
import functools
import itertools
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

__all__ = [
    "ZH_DIGITS",
    "ZH_NUMERAL_CHARS",
    "canonical_number",
    "clock",
    "consecutive_days",
    "iso_date",
    "letter_of",
    "month_number",
    "parse_arabic",
    "parse_en_number",
    "parse_en_ordinal",
    "parse_int",
    "parse_roman",
    "parse_zh_number",
    "scale_of",
]

#: Longer runs of digits are codes (barcodes, job numbers), not numbers; they also stay
#: within what int() converts from a string.
MAX_DIGITS = 30

#: Chinese digit characters and their values (〇 and 零 are both zero; 两 is two).
ZH_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
ZH_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_ZH_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG_UNITS = {"万": 10**4, "亿": 10**8}
#: Every character a Chinese numeral is written with.
ZH_NUMERAL_CHARS = "".join(ZH_DIGITS) + "".join(_ZH_SMALL_UNITS) + "".join(_ZH_BIG_UNITS)


def parse_zh_number(text: str) -> int | None:
    """The value of a Chinese numeral, or None if ``text`` is not one.

    A string of digit characters only (no unit) of two or more characters is read
    digit by digit (``二〇一九`` = 2019); anything else positionally.
    """
    if not text or len(text) > MAX_DIGITS or any(c not in ZH_NUMERAL_CHARS for c in text):
        return None
    if len(text) > 1 and all(c in ZH_DIGITS for c in text):
        return int("".join(str(ZH_DIGITS[c]) for c in text))
    return _zh_positional(text)


def parse_int(text: str) -> int | None:
    """Figures or a Chinese numeral as an integer (``12``, ``十二``), else None."""
    return int(text) if text.isdigit() and text.isascii() else parse_zh_number(text)


def _zh_positional(text: str) -> int | None:
    """A positional Chinese numeral: sections below 万, grouped by 万 and 亿.

    ``digit`` is the digit waiting for its unit (None: none), ``last_unit`` the last
    unit of the section (units must fall: 千 > 百 > 十), ``after_unit`` says the
    waiting digit came straight after a unit, as in the abbreviated 三千五.
    """
    total = group = section = 0
    digit: int | None = None
    last_unit, after_unit, prev_unit = 10**5, False, 0
    for char in text:
        if char in ZH_DIGITS:
            if digit is not None and digit != 0:
                return None  # 二三: two digits without a unit between them
            after_unit = digit is None and prev_unit > 0
            digit = ZH_DIGITS[char]
            continue
        unit = _ZH_SMALL_UNITS.get(char)
        if unit is not None:
            if unit >= last_unit or digit == 0 or (digit is None and (unit != 10 or section)):
                return None
            section, last_unit, prev_unit = section + (digit or 1) * unit, unit, unit
        else:
            big = _ZH_BIG_UNITS[char]
            part = section + (digit or 0)
            if big == 10**4:
                if part == 0 or group:
                    return None
                group = part * big
            else:
                if part + group == 0:
                    return None
                total, group = (total + group + part) * big, 0
            section, last_unit, prev_unit = 0, 10**5, big
        digit, after_unit = None, False
    if digit and after_unit and prev_unit > 10:
        digit *= prev_unit // 10  # 三千五 = 3500, 一百二 = 120, 一万五 = 15000
    return total + group + section + (digit or 0)


# --- English ------------------------------------------------------------------------

_EN_UNITS = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
)
_EN_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_EN_SMALL = {w: i for i, w in enumerate(_EN_UNITS)} | {
    w: 20 + 10 * i for i, w in enumerate(_EN_TENS)
}
_EN_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN_SPLIT = re.compile(r"[\s\-\u2010\u2011]+")


def scale_of(word: str) -> int | None:
    """The multiplier of a scale word: ``million`` -> 10**6; Chinese 万, 亿, 百万, 千万."""
    word = word.lower()
    if word == "hundred":
        return 100
    if word in _EN_SCALES:
        return _EN_SCALES[word]
    value = 1
    for char in word:
        unit = _ZH_BIG_UNITS.get(char) or (_ZH_SMALL_UNITS.get(char) if char != "十" else None)
        if unit is None:
            return None
        value *= unit
    return value if word else None


@functools.lru_cache(maxsize=4096)
def parse_en_number(text: str) -> int | None:
    """The value of English number words (``twenty-one``, ``one hundred and five``,
    ``a thousand``), or None. Case and the hyphens and ``and`` between words are free."""
    words = [w for w in _EN_SPLIT.split(text.lower()) if w and w != "and"]
    if len(words) > 1 and words[0] == "a" and words[1] in ("hundred", *_EN_SCALES):
        words[0] = "one"
    if not words:
        return None
    total, last_scale = 0, 10**15
    current: int | None = None
    tens = False  # the last word was twenty, thirty ...: a unit may follow
    for word in words:
        if word in _EN_SMALL:
            value = _EN_SMALL[word]
            if current is None:
                current = value
            elif value and ((tens and value < 10) or (current % 100 == 0 and current >= 100)):
                current += value
            else:
                return None
            tens = value >= 20
        elif word == "hundred" and current is not None and 0 < current < 10:
            current, tens = current * 100, False
        elif word in _EN_SCALES and current and _EN_SCALES[word] < last_scale:
            last_scale = _EN_SCALES[word]
            total, current, tens = total + current * last_scale, None, False
        else:
            return None
    return total + (current or 0) if current is not None or total else None


_ORDINAL_ENDINGS = {
    "first": "one",
    "second": "two",
    "third": "three",
    "fifth": "five",
    "eighth": "eight",
    "ninth": "nine",
    "twelfth": "twelve",
}
_FIGURE_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def parse_en_ordinal(text: str) -> int | None:
    """The value of an English ordinal: ``seventh`` = 7, ``twenty-first`` = 21,
    ``one hundredth`` = 100, ``7th`` = 7; None if ``text`` is not one."""
    match = _FIGURE_ORDINAL.fullmatch(text.strip())
    if match:
        return int(match.group(1))
    words = _EN_SPLIT.split(text.strip().lower())
    last = words[-1]
    if last in _ORDINAL_ENDINGS:
        cardinal = _ORDINAL_ENDINGS[last]
    elif last.endswith("ieth"):
        cardinal = last[:-4] + "y"
    elif last.endswith("th"):
        cardinal = last[:-2]
    else:
        return None
    if cardinal not in _EN_SMALL and cardinal != "hundred" and cardinal not in _EN_SCALES:
        return None
    if len(words) == 1 and (cardinal == "hundred" or cardinal in _EN_SCALES):
        return scale_of(cardinal)  # hundredth, thousandth
    return parse_en_number(" ".join([*words[:-1], cardinal]))


_ROMAN_RE = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def parse_roman(text: str) -> int | None:
    """The value of a Roman numeral in canonical form (``IV``, ``XIV``; either case)."""
    upper = text.upper()
    if not upper or not _ROMAN_RE.fullmatch(upper):
        return None
    total = 0
    for i, char in enumerate(upper):
        value = _ROMAN[char]
        total += -value if i + 1 < len(upper) and _ROMAN[upper[i + 1]] > value else value
    return total


# --- Arabic -------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[,\s\u00a0\u202f\u2009']")


def parse_arabic(text: str) -> Decimal | None:
    """``1,000`` / ``1 000`` / ``10.5`` / full-width digits as a Decimal, or None."""
    digits = _SEPARATORS.sub("", text)
    if not digits or len(digits) > MAX_DIGITS or not digits.replace(".", "", 1).isdigit():
        return None
    try:
        return Decimal(digits.translate(_FULLWIDTH_DIGITS))
    except InvalidOperation:  # pragma: no cover - guarded by isdigit
        return None


_FULLWIDTH_DIGITS = {0xFF10 + i: 0x30 + i for i in range(10)}


def canonical_number(value: Decimal | int) -> str:
    """The language-independent spelling of a number: ``10000000``, ``10.5``, ``0.25``."""
    if isinstance(value, int):
        return str(value)
    if value == value.to_integral_value():
        return format(value.to_integral_value(), "f")
    return format(value.normalize(), "f")


def letter_of(number: int) -> str | None:
    """The subparagraph letter that Chinese numbers in brackets stand for: 3 -> ``c``."""
    return chr(ord("a") + number - 1) if 1 <= number <= 26 else None


# --- dates and times ----------------------------------------------------------------

MONTHS = (
    *("january", "february", "march", "april", "may", "june", "july", "august"),
    *("september", "october", "november", "december"),
)
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}


def month_number(text: str) -> int | None:
    """1 to 12 for ``May``, ``Sept.``, ``5`` or ``五``; None for anything else."""
    word = text.lower().rstrip(".")
    if word.isalpha() and word.isascii():
        if word in MONTHS or (len(word) <= 4 and word in _MONTH_ABBR):
            return _MONTH_ABBR[word[:3]]
        return None
    number = parse_int(text)
    return number if number is not None and 1 <= number <= 12 else None


def iso_date(year: int | None, month: int | None, day: int | None) -> str | None:
    """ISO 8601 for a date, a month (``2019-05``) or a day without a year (``--11-06``);
    None if there is no such day or only a month without a year."""
    if month is None or not 1 <= month <= 12 or (year is not None and not 1000 <= year <= 2999):
        return None
    if day is None:
        return f"{year:04d}-{month:02d}" if year else None
    try:
        datetime.date(year or 2000, month, day)  # 2000 is a leap year: 29 February exists
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def consecutive_days(dates: Sequence[str]) -> bool:
    """Whether ISO dates (``--11-06`` without a year) follow each other day by day."""
    days = [datetime.date.fromisoformat(d.replace("--", "2000-")).toordinal() for d in dates]
    return all(b - a == 1 for a, b in itertools.pairwise(days))


#: Words for the half of the day, Chinese and English (lower case, without dots).
_PM = frozenset(("下午", "晚上", "pm", "p.m.", "p.m"))
_AM = frozenset(("上午", "早上", "凌晨", "am", "a.m.", "a.m"))


def clock(hour: int, minute: int, meridiem: str = "") -> str | None:
    """``HH:MM`` on the 24-hour clock: ``clock(3, 0, "下午")`` = ``clock(3, 0, "p.m.")`` =
    ``15:00``; 中午 (noon) takes hours up to 5 into the afternoon."""
    meridiem = meridiem.replace(" ", "")
    if (meridiem in _PM and hour < 12) or (meridiem == "中午" and hour < 6):
        hour += 12
    elif meridiem in _AM and hour == 12:
        hour = 0
    if not 0 <= hour <= 24 or not 0 <= minute <= 59:
        return None
    return f"{hour:02d}:{minute:02d}"
