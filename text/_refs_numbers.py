"""The rules for numbers, percentages and amounts of money, for :mod:`untm.text.refs`.

Numbers in figures and in words of either language, in plain decimal (``1,000万`` =
``10 million`` = ``10000000``); four figures from 1900 to 2099 alone are a YEAR;
percentages the number alone; money the number with the currency as qualifier. Each
rule table is in the order the engine ranks equally long matches by.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ._refs_base import _S, _TENS, _ZH_CHARS, RefKind, _before, _c, _Part, _Rule
from .numerals import (
    MAX_DIGITS,
    canonical_number,
    parse_arabic,
    parse_en_number,
    parse_zh_number,
    scale_of,
)

# --- numbers -------------------------------------------------------------------------------

_CURRENCIES = {"us$": "USD", "$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP"}
_CURRENCIES |= {"美元": "USD", "欧元": "EUR", "英镑": "GBP", "dollars": "USD", "euros": "EUR"}


def _amount(m: re.Match[str]) -> Decimal | None:
    """The number in groups ``n`` (figures) or ``w`` (words, Chinese or English) times the
    scale word in ``sc``."""
    g = m.groupdict()
    if g.get("n"):
        value = parse_arabic(g["n"])
    elif g.get("w"):
        words = g["w"]
        number = parse_zh_number(words) if not words.isascii() else parse_en_number(words)
        value = None if number is None else Decimal(number)
    else:
        return None
    if value is not None and g.get("sc"):
        scale = scale_of("".join(g["sc"].split()))
        value = None if scale is None else value * scale
    return value


def _number(m: re.Match[str]) -> list[_Part]:
    """NUMBER, or YEAR for four figures from 1900 to 2099 written without separators."""
    text, g = m.group(), m.groupdict().get
    if text.isdigit() and text.isascii():  # most numbers: no Decimal needed
        if len(text) > MAX_DIGITS:
            return []
        kind = RefKind.YEAR if len(text) == 4 and 1900 <= int(text) <= 2099 else RefKind.NUMBER
        return [_Part(kind, str(int(text)), m.start(), m.end())]
    if g("w") in ("一", "one") and not g("sc"):
        return []  # 一名主席 = a Chairperson, one of: an article more often than a count
    value = _amount(m)
    return [] if value is None else [_Part(RefKind.NUMBER, canonical_number(value), *m.span())]


def _percent(m: re.Match[str]) -> list[_Part]:
    value = _amount(m)
    return [] if value is None else [_Part(RefKind.PERCENT, canonical_number(value), *m.span())]


def _money(m: re.Match[str]) -> list[_Part]:
    value = _amount(m)
    currency = m.group("cur").lower()
    code = _CURRENCIES.get(currency) or _CURRENCIES.get(currency.split()[-1], "")
    if value is None:
        return []
    return [_Part(RefKind.MONEY, canonical_number(value), m.start(), m.end(), code)]


# --- the patterns ---------------------------------------------------------------------------

#: A number in figures (1,000 / 1 000 / 10.5), not inside a word, symbol or decimal: the
#: check on what precedes comes after the first digit, so that the regex engine can skip
#: to digits instead of trying the check at every position.
_ARABIC = (
    r"\d(?<![A-Za-z0-9/.,_]\d)(?:\d{0,2}(?:(?:,|[ \u00a0\u202f\u2009])\d{3})+(?!\d)|\d*)"
    r"(?:\.\d+)?"
)
_NUM_END = r"(?![A-Za-z0-9/]|[.,]\d)"
#: Measure words after which a Chinese numeral is a count (两场, 三名, 十个); 一 alone
#: never is one (一名主席 = a Chairperson).
_ZH_MEASURE = (
    "个|名|项|场|次|份|种|类|位|人|国|年|天|周|星期|小时|分钟|倍|轮|页|件|批|组|家|所|套"
    "|本|部|座|张|句|层|票|岁|段|条|款|章|届|节|处|笔|起|支|封|台|吨|公里|美元|欧元"
)
_ZH_NUMERAL = rf"[{_ZH_CHARS}](?<![第数几{_ZH_CHARS}][{_ZH_CHARS}])[{_ZH_CHARS}]*"


ZH_RULES: tuple[_Rule, ...] = (
    _Rule(_c(rf"百分之{_S}(?:(?P<n>{_ARABIC})|(?P<w>[{_ZH_CHARS}]+))"), _percent, ("百分之",)),
    _Rule(
        _c(
            rf"(?=[\d{_ZH_CHARS}])(?:(?P<n>{_ARABIC})(?:{_S}(?P<sc>[百千万亿]{{1,2}}))?|(?P<w>{_ZH_NUMERAL}))"
            rf"{_S}(?P<cur>美元|欧元|英镑)"
        ),
        _money,
        ("美元", "欧元", "英镑"),
    ),
    _Rule(
        _c(rf"(?P<n>{_ARABIC}){_NUM_END}(?:{_S}(?P<sc>[百千万亿]{{1,2}}))?"), _number, digit=True
    ),
    _Rule(
        _c(
            rf"(?P<w>{_ZH_NUMERAL})(?=(?:{_ZH_MEASURE}))"
            rf"|(?P<big>[一二三四五六七八九两十〇](?<![第数几{_ZH_CHARS}][一二三四五六七八九两十〇])"
            rf"[{_ZH_CHARS}]*[百千万亿〇][{_ZH_CHARS}]*)(?![{_ZH_CHARS}月日号])"
        ),
        lambda m: _number(m) if m.group("w") else _zh_big_number(m),
        tuple(_ZH_CHARS),
    ),
)


def _zh_big_number(m: re.Match[str]) -> list[_Part]:
    """一百二十一, 三千万: a numeral with a unit is a number without a measure word; so are
    digits written with 〇 (二〇一九, a YEAR as 2019 would be)."""
    value = parse_zh_number(m.group("big"))
    if value is None:
        return []
    kind = RefKind.YEAR if len(m.group()) == 4 and 1900 <= value <= 2099 else RefKind.NUMBER
    return [_Part(kind, str(value), m.start(), m.end())]


# English patterns run on lower-cased text (see _Rule).

_EW = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    f"|fifteen|sixteen|seventeen|eighteen|nineteen|{_TENS}|hundred|thousand|million|billion"
    "|trillion"
)
_EW_RE = re.compile(rf"(?:{_EW})(?:[\s-]+(?:{_EW}))*")
_SCALE_WORDS = ("hundred", "thousand", "million", "billion", "trillion")
#: Not inside a word, and what a number word starts with: checked first, these make the
#: scan of a sentence for number words twice as fast.
_EW_START = "(?<!\\w)(?=[zotfsenhmb])"
_EN_SCALE = r"(?:\s+(?P<sc>hundred|thousand|million|billion|trillion)\b)?"


_A_RE = re.compile(r"(?<!\w)a\s+$")


def _en_words(m: re.Match[str]) -> list[_Part]:
    """Number words (a million, twenty-one); a run that is not one number (two and three)
    is read piece by piece."""
    words = m.group("w")
    article = _before(m, _A_RE) if words.startswith(_SCALE_WORDS) else None
    if article:
        value = parse_en_number("one " + words)
        if value is not None:
            return [_Part(RefKind.NUMBER, str(value), article.start(), m.end())]
    if parse_en_number(words) is not None:
        return _number(m)
    parts = []
    base = m.start("w")
    for piece in _EW_RE.finditer(words):
        number = parse_en_number(piece.group())
        if number is not None and piece.group() != "one":
            start, end = base + piece.start(), base + piece.end()
            parts.append(_Part(RefKind.NUMBER, str(number), start, end))
    return parts


EN_RULES: tuple[_Rule, ...] = (
    _Rule(
        _c(rf"(?<!\w)(?P<w>{_EW_RE.pattern})\s+(?:per\s?cent|percent)\b"),
        _percent,
        ("cent",),
        lower=True,
    ),
    _Rule(
        _c(
            rf"(?P<n>{_ARABIC}){_NUM_END}{_EN_SCALE}\s+"
            r"(?P<cur>(?:(?:united\s+states|us|u\.s\.)\s+)?(?:dollars|euros))\b"
        ),
        _money,
        ("dollar", "euro"),
        lower=True,
    ),
    _Rule(_c(rf"(?P<n>{_ARABIC}){_NUM_END}{_EN_SCALE}"), _number, lower=True, digit=True),
    _Rule(
        _c(rf"{_EW_START}(?P<w>{_EW_RE.pattern}(?:\s+and\s+{_EW_RE.pattern})*)(?!\w)"),
        _en_words,
        lower=True,
    ),
)

#: Read in both languages.
COMMON_RULES: tuple[_Rule, ...] = (
    _Rule(
        _c(rf"(?P<n>{_ARABIC})[ \t\u00a0]?(?:%|per\s?cent\b|percent\b)"),
        _percent,
        ("%", "cent"),
        lower=True,
        digit=True,
    ),
    _Rule(
        _c(
            rf"(?P<cur>us\$|\$|usd|€|eur|£)[ \u00a0]?(?P<n>{_ARABIC}){_NUM_END}"
            rf"(?:(?:\s+|{_S})(?P<sc>(?:thousand|million|billion|trillion)\b|[百千万亿]{{1,2}}))?"
        ),
        _money,
        ("$", "usd", "€", "eur", "£"),
        lower=True,
        digit=True,
    ),
)
