"""Numbers, dates, times, document symbols and references in Chinese and English UN text.

One parser for the sentence aligner (two sentences that share a date, a symbol or an
article reference are likely translations of each other) and the translation linter
(``2019 年 5 月 31 日`` must come out as ``31 May 2019``, ``第一百二十一条`` as
``article 121``). :func:`find_refs` returns :class:`Ref` records whose ``value`` is
written the same way whatever the language, so that comparing two segments is
comparing the multisets of ``(kind, value)`` (:attr:`Ref.key`).

Values (see :class:`RefKind` for every kind):

* numbers in plain decimal: ``1,000万`` = ``10 million`` = ``10000000``, ``10.5``;
  Chinese numerals when they count (before a measure word: 两场, 三名) or have a unit
  (一百二十一); 一 and "one" alone are not numbers (一名主席 = "a Chairperson", "one
  of"); percentages the number alone (``15%`` = ``百分之十五`` = ``15``); amounts of
  money the number, the currency in ``qualifier`` (``USD``);
* dates ISO 8601: ``2019-05-31``, ``2019-05``, ``--11-06`` without a year; a range is
  an ISO interval ``2017-11-06/2017-11-10``. A date says which days, however they are
  written: ``on 6 and 7 November 2017`` is the range ``2017-11-06/2017-11-07``, as
  the Chinese translation writes it (``6 日至 7 日``); days that do not follow each
  other (``6 and 8 November``) are one DATE each. The weekday, when written, is the
  ``qualifier`` (``friday``). Times ``10:00``, ranges ``10:00/13:00``; years ``2019``,
  ``2016/2019``; four figures from 1900 to 2099 alone are a YEAR, not a NUMBER;
* references by their numbers, Roman and Chinese numerals read as integers: article
  63, paragraph 4 (c) = ``63.4.c`` (Chinese bracketed numerals are letters: 第(三)项 =
  (c)); lists are one Ref per item (``63.4.c`` and ``63.4.d`` for 第(三)和(四)项),
  ranges of numbered things one Ref ``44-46``; chapter IV = ``4``; resolution 7/1 =
  ``7/1`` (the body, when named, in ``qualifier``: ``GA``); rule 22 of the rules of
  procedure (议事规则第 22 条) a RULE ``22``; the seventh session = ``7`` with
  ``qualifier`` ``session`` (``meeting``, ``cycle``, ``resumed-session``: second
  resumed ninth session = 第九届会议第二次续会 = ``9.2``).

A Ref of a list item spans that item; the words the items share (``resolutions``,
``号决议``) belong to the first and last. Refs never overlap: where two readings
overlap the longer wins (a date's ``31`` is not also a NUMBER, a symbol's ``2019``
not a YEAR), and the numbers of paragraph and list markers that open a line (``12.``,
``(a)``) are no Ref at all.

``lang`` chooses the vocabulary (Chinese or English words); symbols, figures,
percentages and times in figures are read in both, and English dates in Chinese too
(the front matter of UN Chinese documents is English). The text is read as given, with
full-width forms and a few traditional characters folded in place, so offsets are
into ``text``; PDF text should be cleaned first (:mod:`untm.text.clean`), which joins
symbols broken across lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from .lang import Lang
from .numerals import (
    MAX_DIGITS,
    MONTHS,
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
from .segment import ITEM_MARKER_RE

__all__ = ["Ref", "RefKind", "find_refs"]


class RefKind(StrEnum):
    """What a :class:`Ref` is; the value is what lint reports call the check."""

    NUMBER = "number"  # 1,000万, 10 million, 两, twenty-one
    PERCENT = "percent"  # 15%, 15 per cent, 百分之十五 (value: 15)
    MONEY = "money"  # US$ 1.5 million, 150万美元 (value: 1500000, qualifier: USD)
    YEAR = "year"  # 2019, 2019 年, 二〇一九年, 2016-2019
    DATE = "date"
    TIME = "time"
    SYMBOL = "symbol"  # CAC/COSP/EG.1/2019/2
    RESOLUTION = "resolution"
    DECISION = "decision"
    ARTICLE = "article"  # of a treaty: 63.4.c
    RULE = "rule"  # of rules of procedure: 议事规则第 22 条
    PARAGRAPH_REF = "paragraph"  # 第 11 段, paragraph 11, subparagraph (c)
    CHAPTER = "chapter"
    ANNEX = "annex"
    ORDINAL = "ordinal"  # of sessions, meetings and review cycles
    AGENDA_ITEM = "agenda-item"


@dataclass(frozen=True, slots=True)
class Ref:
    """One number, date or reference: ``text == source[start:end]``."""

    kind: RefKind
    value: str
    start: int
    end: int
    text: str
    qualifier: str = ""

    @property
    def key(self) -> tuple[RefKind, str]:
        """What two translations of the same sentence have in common."""
        return (self.kind, self.value)


class _Part(NamedTuple):
    kind: RefKind
    value: str
    start: int
    end: int
    qualifier: str = ""


class _Item(NamedTuple):
    """One item of a list inside a match: its value and span."""

    value: str
    start: int
    end: int


_Build = Callable[[re.Match[str]], list[_Part]]


class _Rule(NamedTuple):
    """A pattern and what to make of its matches. The text it runs on is folded (and
    lower-cased if ``lower``: English words, whose case-insensitive patterns would cost
    three times as much); it runs only when that text holds one of ``triggers`` (always
    if there are none) and a digit if ``digit``."""

    pattern: re.Pattern[str]
    build: _Build
    triggers: tuple[str, ...] = ()
    lower: bool = False
    digit: bool = False


# --- text folding and shared pieces ----------------------------------------------------------

#: Full-width ASCII, the ideographic space and the traditional forms of the characters the
#: patterns use, one character for one so that offsets stay valid.
_FOLD = {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: 0x20}
_FOLD |= {
    ord(t): ord(s)
    for t, s in zip("號決議條屆項會兩萬億時規則續週", "号决议条届项会两万亿时规则续周", strict=True)
}

_S = r"[ \t\u00a0]*"  # the optional spacing PDF extraction puts around CJK
_ZN = "[〇零一二三四五六七八九十百千两]+"
_N = rf"(?:\d+|{_ZN})"
_ZH_SEP = r"(?:、|,|，|以及|和|及|与|或|至|到|-|–|—|~)"
_RANGE_RE = re.compile(r"至|到|-|–|—|~|\bto\b|\bthrough\b")
_SUB = r"(?:\((?:[a-z]{1,4}|[一二三四五六七八九十]{1,3}|\d{1,2}|-)\)|[\u3220-\u3229])"
#: A number in figures (1,000 / 1 000 / 10.5), not inside a word, symbol or decimal: the
#: check on what precedes comes after the first digit, so that the regex engine can skip
#: to digits instead of trying the check at every position.
_ARABIC = (
    r"\d(?<![A-Za-z0-9/.,_]\d)(?:\d{0,2}(?:(?:,|[ \u00a0\u202f\u2009])\d{3})+(?!\d)|\d*)"
    r"(?:\.\d+)?"
)
_NUM_END = r"(?![A-Za-z0-9/]|[.,]\d)"


def _zh_list(unit: str, item: str = _N) -> str:
    """A list of numbered items sharing ``unit`` (第二章和第五章, 第十三和第十四款)."""
    one = rf"{item}(?:{_S}{unit})?"
    return rf"{one}(?:{_S}{_ZH_SEP}{_S}(?:第{_S})?{one})*?{_S}{unit}"


_EN_SEP = r"(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s+or\s+|\s+to\s+|\s*[-–]\s*)"
#: What English puts in brackets after a number in a list: articles 46 (mutual legal
#: assistance), 44 (extradition) ... (not a subparagraph: (c), (iii), (2)).
_GLOSS = r"(?:\s*\((?![a-z]{1,4}\)|\d{1,2}\))[^()\d]{3,80}\))"
_GLOSS_RE = re.compile(_GLOSS)
_EN_NUMS = rf"\d+{_GLOSS}?(?:{_EN_SEP}\d+{_GLOSS}?)*(?![\d/])"
_EN_SUB = r"\((?:[a-z]{1,4}|\d{1,2})\)"
_EN_SUBS = rf"{_EN_SUB}(?:{_EN_SEP}{_EN_SUB})*"
_ZH_ITEM_RE = re.compile(rf"\d+|{_ZN}")
_SUB_ITEM_RE = re.compile(rf"{_SUB}|{_EN_SUB}|{_ZN}")


def _sub_value(text: str) -> str | None:
    """A subparagraph as a letter: (c), (三), ㈢, 第三项's 三 and (-) (一 as PDFs render it)
    -> c; (iii) and (2) stay as they are."""
    if len(text) == 1 and "\u3220" <= text <= "\u3229":
        return letter_of(ord(text) - 0x321F)
    inner = text[1:-1] if text.startswith("(") else text
    if inner == "-":
        return "a"
    if inner.isascii():
        return inner
    number = parse_zh_number(inner)
    return letter_of(number) if number is not None else None


def _items(
    m: re.Match[str], group: str, item_re: re.Pattern[str], convert: Callable[[str], str | None]
) -> list[_Item]:
    """The items of a list in ``group``, a range (``2 至 5``, ``44 to 46``) as one ``2-5``."""
    text, base = m.group(group), m.start(group)
    if "(" in text:  # glosses are blanked out, keeping offsets
        text = _GLOSS_RE.sub(lambda g: " " * len(g.group()), text)
    out: list[_Item] = []
    gap_start = 0
    for found in item_re.finditer(text):
        value = convert(found.group())
        if value is None:
            return []
        start, end = base + found.start(), base + found.end()
        if out and _RANGE_RE.search(text, gap_start, found.start()):
            out[-1] = _Item(f"{out[-1].value}-{value}", out[-1].start, end)
        else:
            out.append(_Item(value, start, end))
        gap_start = found.end()
    return out


def _number_items(m: re.Match[str], group: str) -> list[_Item]:
    return _items(m, group, _ZH_ITEM_RE, lambda s: _str(parse_int(s)))


def _sub_items(m: re.Match[str], group: str) -> list[_Item]:
    return _items(m, group, _SUB_ITEM_RE, _sub_value) if m.group(group) else []


def _str(value: int | None) -> str | None:
    return None if value is None else str(value)


def _spread(
    kind: RefKind, leaves: Sequence[_Item], m: re.Match[str], qualifier: str = ""
) -> list[_Part]:
    """Refs for list items: the first from the match's start, the last to its end, the
    others with the 第 before them and the unit after them (第四十四条、第四十六条)."""
    parts = []
    previous_end = m.start()
    for i, leaf in enumerate(leaves):
        start = m.start() if i == 0 else leaf.start
        before = m.string[previous_end:start].rstrip(" \t\u00a0")
        if i and before.endswith("第"):
            start = previous_end + len(before) - 1
        end = m.end() if i == len(leaves) - 1 else leaf.end
        unit = _UNIT_RE.match(m.string, end, leaves[i + 1].start) if i + 1 < len(leaves) else None
        end = unit.end() if unit else end
        parts.append(_Part(kind, leaf.value, start, end, qualifier))
        previous_end = end
    return parts


_UNIT_RE = re.compile(r"[ \t\u00a0]*[条款段章项届次号]")


def _before(m: re.Match[str], pattern: re.Pattern[str]) -> re.Match[str] | None:
    """``pattern`` (anchored with ``$``) just before the match: words that patterns leave
    out of their start (a weekday, "resumed", "a"), so that the regex engine can skip
    ahead to the characters a match must start with."""
    return pattern.search(m.string, max(0, m.start() - 16), m.start())


def _starting_at(parts: list[_Part], start: int) -> list[_Part]:
    return [parts[0]._replace(start=start), *parts[1:]] if parts else parts


# --- references: articles, paragraphs, chapters, resolutions --------------------------------


def _article_leaves(arts: list[_Item], paras: list[_Item], subs: list[_Item]) -> list[_Item]:
    """Article 63, paragraph 4 (c) and (d) -> 63.4.c, 63.4.d: the last article takes the
    paragraphs, the last paragraph the subparagraphs; the first Ref under an article or
    paragraph starts where that does (第四十四条、第四十六条第一款: 46.1 from 第四十六)."""
    if not arts:
        return []
    leaves = list(arts[:-1])
    prefix, start, end = arts[-1].value, arts[-1].start, arts[-1].end
    for i, para in enumerate(paras):
        here = min(start, para.start) if i == 0 else para.start
        if i < len(paras) - 1:
            leaves.append(_Item(f"{prefix}.{para.value}", here, para.end))
        else:
            prefix, start, end = f"{prefix}.{para.value}", here, para.end
    for i, sub in enumerate(subs):
        here = min(start, sub.start) if i == 0 else sub.start
        leaves.append(_Item(f"{prefix}.{sub.value}", here, sub.end))
    return leaves if subs else [*leaves, _Item(prefix, start, end)]


def _zh_article(m: re.Match[str]) -> list[_Part]:
    arts = _number_items(m, "art")
    paras = _number_items(m, "para") if m.group("para") else []
    kind = RefKind.RULE if m.group("rule") else RefKind.ARTICLE
    return _spread(kind, _article_leaves(arts, paras, _sub_items(m, "sub")), m)


def _zh_paragraph(m: re.Match[str]) -> list[_Part]:
    paras = _number_items(m, "para") if m.groupdict().get("para") else []
    subs = _sub_items(m, "sub")
    if not paras:
        return _spread(RefKind.PARAGRAPH_REF, subs, m)
    return _spread(RefKind.PARAGRAPH_REF, _article_leaves(paras, [], subs), m)


def _figures(text: str) -> str:
    return text


def _en_article(m: re.Match[str]) -> list[_Part]:
    """Article 63, paragraph 4 (c); paragraph 4 (c) of article 63; rule 3, paragraph 2."""
    arts = _items(m, "art", _DIGITS_RE, _figures)
    paras = _items(m, "para", _DIGITS_RE, _figures) if m.group("para") else []
    kind = RefKind.RULE if m.group("word").startswith("rule") else RefKind.ARTICLE
    leaves = _article_leaves(arts, paras, _sub_items(m, "sub"))
    return _spread(kind, sorted(leaves, key=lambda leaf: leaf.start), m)


def _en_paragraph(m: re.Match[str]) -> list[_Part]:
    if not m.groupdict().get("para"):
        return _spread(RefKind.PARAGRAPH_REF, _sub_items(m, "sub"), m)
    paras = _items(m, "para", _DIGITS_RE, _figures)
    return _spread(RefKind.PARAGRAPH_REF, _article_leaves(paras, [], _sub_items(m, "sub")), m)


def _numbered(kind: RefKind, convert: Callable[[str], str | None]) -> _Build:
    """A builder for lists of one number each (chapters, annexes)."""

    def build(m: re.Match[str]) -> list[_Part]:
        return _spread(kind, _items(m, "n", _NUMERAL_RE, convert), m)

    return build


def _chapter_number(text: str) -> str | None:
    return _str(parse_roman(text) if text.isascii() and text.isalpha() else parse_int(text))


def _annex_number(text: str) -> str | None:
    if len(text) == 1 and text.isascii() and text.isalpha() and text.upper() not in "IVXLC":
        return text.upper()
    return _chapter_number(text)


_BODIES = {"大会": "GA", "安全理事会": "SC", "安理会": "SC", "经济及社会理事会": "ECOSOC"}
_BODIES |= {"经社理事会": "ECOSOC", "general assembly": "GA", "security council": "SC"}
_BODIES |= {"economic and social council": "ECOSOC"}
_RES_RE = re.compile(r"\d+\s*/\s*\d+")


def _resolution(m: re.Match[str]) -> list[_Part]:
    word = m.group("word")
    kind = RefKind.DECISION if word in ("决定", "decision", "decisions") else RefKind.RESOLUTION
    body = m.group("body")
    qualifier = _BODIES.get(" ".join(body.lower().split()), "") if body else ""
    items = _items(m, "res", _RES_RE, lambda s: "".join(s.split()))
    return _spread(kind, items, m, qualifier)


def _symbol(m: re.Match[str]) -> list[_Part]:
    value = "".join(m.group().split())
    if not any(c.isdigit() for c in value):
        return []
    return [_Part(RefKind.SYMBOL, value, m.start(), m.end())]


_DIGITS_RE = re.compile(r"\d+")
_NUMERAL_RE = re.compile(rf"\b(?:[IVXLCivxlc]+|[A-Za-z])\b|\d+|{_ZN}")


# --- ordinals of sessions, meetings and cycles; agenda items -------------------------------


def _zh_session(m: re.Match[str]) -> list[_Part]:
    items = _number_items(m, "o")
    if m.group("resumed") is None:
        return _spread(RefKind.ORDINAL, items, m, "session")
    count = m.group("count")
    if count:
        items[-1] = items[-1]._replace(value=f"{items[-1].value}.{parse_int(count)}")
    return _spread(RefKind.ORDINAL, items, m, "resumed-session")


def _zh_ordinal(qualifier: str) -> _Build:
    def build(m: re.Match[str]) -> list[_Part]:
        return _spread(RefKind.ORDINAL, _number_items(m, "o"), m, qualifier)

    return build


_RESUMED_RE = re.compile(r"resumed\s+$")


def _en_ordinal(m: re.Match[str]) -> list[_Part]:
    """Seventh session, eighth expert meeting, first review cycle; (the) resumed ninth
    session and second resumed ninth session (``9.2``)."""
    noun = m.group("noun").rstrip("s")
    items = _items(m, "o", _EN_ORDINAL_RE, lambda s: _str(parse_en_ordinal(s)))
    gap = m.group("gap")
    resumed = _before(m, _RESUMED_RE)
    if noun != "session" or not (resumed or "resumed" in gap) or not items:
        return _spread(RefKind.ORDINAL, items, m, noun)
    inner = _EN_ORDINAL_RE.search(gap)
    if inner and gap.startswith("resumed"):
        value = f"{parse_en_ordinal(inner.group())}.{items[-1].value}"
        return [_Part(RefKind.ORDINAL, value, m.start(), m.end(), "resumed-session")]
    parts = _spread(RefKind.ORDINAL, items, m, "resumed-session")
    return _starting_at(parts, resumed.start()) if resumed else parts


_AGENDA_TOKEN_RE = re.compile(rf"\d{{1,2}}|{_SUB}")


def _agenda(m: re.Match[str]) -> list[_Part]:
    """Items 2 to 5, item 7 (a) and (b): numbers, ranges and subitems of the last number."""
    text, base = m.group("items"), m.start("items")
    out: list[_Item] = []
    number, gap_start = "", 0
    for token in _AGENDA_TOKEN_RE.finditer(text):
        start, end, word = base + token.start(), base + token.end(), token.group()
        if word.isdigit():
            if out and _RANGE_RE.search(text, gap_start, token.start()):
                out[-1] = _Item(f"{out[-1].value}-{word}", out[-1].start, end)
            else:
                out.append(_Item(word, start, end))
            number = word
        else:
            sub = _sub_value(word)
            if sub is None or not number:
                return []
            if out and out[-1].value == number:
                out[-1] = _Item(f"{number}.{sub}", out[-1].start, end)
            else:
                out.append(_Item(f"{number}.{sub}", start, end))
        gap_start = token.end()
    return _spread(RefKind.AGENDA_ITEM, out, m)


# --- dates and times ---------------------------------------------------------------------

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ZH_WEEKDAYS = dict(zip("一二三四五六日天", (*_WEEKDAYS, "sunday"), strict=True))


def _date(year: str | None, month: str | None, day: str | None) -> str | None:
    """:func:`iso_date` of the written year, month and day (None if one is not a number)."""
    y = parse_int(year) if year else None
    d = parse_int(day) if day else None
    if (year and y is None) or (day and d is None):
        return None
    return iso_date(y, month_number(month) if month else None, d)


_EN_WEEKDAY_RE = re.compile(rf"({'|'.join(_WEEKDAYS)}),?\s+$")


def _weekday(m: re.Match[str], parts: list[_Part]) -> list[_Part]:
    """``parts`` with the weekday written with the date as qualifier (星期五 after it, in
    the match; Friday, before it)."""
    text = m.groupdict().get("wd")
    if text:
        return [p._replace(qualifier=_ZH_WEEKDAYS[text[-1]]) for p in parts]
    before = _before(m, _EN_WEEKDAY_RE)
    if before is None or not parts:
        return parts
    return _starting_at([p._replace(qualifier=before.group(1)) for p in parts], before.start())


def _dates(m: re.Match[str]) -> list[_Part]:
    """One date, or a range (the first end takes year and month from the second)."""
    g = m.groupdict().get
    year2, month2 = g("y2") or g("y1"), g("m2") or g("m1")
    first = _date(g("y1") or year2, g("m1") or month2, g("d1"))
    if first is None:
        return []
    if g("d2"):
        second = _date(year2, month2, g("d2"))
        if second is None:
            return []
        return _weekday(m, [_Part(RefKind.DATE, f"{first}/{second}", m.start(), m.end())])
    if g("more"):
        return _day_list(m, "more", [_Item(first, m.start(), m.start("more"))])
    return _weekday(m, [_Part(RefKind.DATE, first, m.start(), m.end())])


_DAY_RE = re.compile(r"\d{1,2}|[一二三四五六七八九十]+")


def _day_list(m: re.Match[str], group: str, days: list[_Item]) -> list[_Part]:
    """The dates of 6日和7日 / 6 and 7 November: the days in ``group`` take the month and
    year of the match. Consecutive days are the range they cover (Chinese writes
    6 and 7 November as 6日至7日), other lists one DATE per day."""
    g = m.groupdict().get
    base = m.start(group)
    for day in _DAY_RE.finditer(m.group(group)):
        value = _date(g("y1"), g("m1"), day.group())
        if value is None:
            return []
        days.append(_Item(value, base + day.start(), base + day.end()))
    if len(days) > 1 and consecutive_days([d.value for d in days]):
        value = f"{days[0].value}/{days[-1].value}"
        return _weekday(m, [_Part(RefKind.DATE, value, m.start(), m.end())])
    return _weekday(m, _spread(RefKind.DATE, days, m))


def _en_days(m: re.Match[str]) -> list[_Part]:
    """31 May 2019; 6, 7 and 8 November 2017 (the month and year come last)."""
    return _day_list(m, "days", [])


def _year(m: re.Match[str]) -> list[_Part]:
    """A year or a span of years: 2019 年, 2016-2019, 2018-19 (= 2018/2019)."""
    first, last = m.group("y1"), m.group("y2")
    years = [parse_int(first), parse_int(last) if last else None]
    if years[0] is not None and last and len(last) == 2 and years[1] is not None:
        years[1] += years[0] // 100 * 100
        if years[1] <= years[0]:
            return []
    if not all(y is not None and 1000 <= y <= 2999 for y in years[: 2 if last else 1]):
        return []
    value = "/".join(str(y) for y in years if y is not None)
    return [_Part(RefKind.YEAR, value, m.start(), m.end())]


def _clock(hour: str, minute: str | None, half: str | None, meridiem: str) -> str | None:
    """:func:`clock` of a written hour and minutes (30 for 半)."""
    h = parse_int(hour)
    mi = 30 if half else (parse_int(minute) if minute else 0)
    return None if h is None or mi is None else clock(h, mi, meridiem)


def _times(m: re.Match[str]) -> list[_Part]:
    """A time or a range; an hour without a.m./p.m. takes the other end's when that keeps
    the range in order (``3–6 p.m.`` is 15:00 to 18:00, ``11–1 p.m.`` 11:00 to 13:00)."""
    g = m.groupdict().get
    ap1, ap2 = (g("ap1") or "").lower(), (g("ap2") or "").lower()
    second: str | None = None
    if g("h2") or g("noon2"):
        second = "12:00" if g("noon2") else _clock(g("h2") or "", g("mi2"), g("half2"), ap2 or ap1)
        if second is None:
            return []
    if g("noon1"):
        first: str | None = "12:00"
    else:
        first = _clock(g("h1") or "", g("mi1"), g("half1"), ap1 or ap2)
        if first and not ap1 and second and first > second:
            first = _clock(g("h1") or "", g("mi1"), g("half1"), "")
    if first is None:
        return []
    value = f"{first}/{second}" if second else first
    return [_Part(RefKind.TIME, value, m.start(), m.end())]


def _zh_times(m: re.Match[str]) -> list[_Part]:
    """上午 10 时, 下午 3 时至 6 时; an hour in Chinese numerals needs 上午/下午 (一时 is
    "for a while")."""
    if not m.group("ap1") and not m.group("noon1") and not m.group("h1").isdigit():
        return []
    return _times(m)


def _en_times(m: re.Match[str]) -> list[_Part]:
    """10 a.m., 3–6 p.m., noon: a bare figure is no time."""
    g = m.groupdict().get
    if not (g("ap1") or g("ap2") or g("noon1") or g("noon2")):
        return []
    if any(not 0 < int(h) <= 12 for h in (g("h1"), g("h2")) if h):
        return []
    return _times(m)


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


# --- the patterns --------------------------------------------------------------------------

_ZH_CHARS = "〇零一二三四五六七八九十百千万亿两"
_ZH_SUB_LIST = rf"{_SUB}(?:{_S}{_ZH_SEP}{_S}(?:第{_S})?{_SUB})*"
#: In an article reference, 第三项 is subparagraph (c) as much as 第(三)项 is.
_ZH_ART_SUBS = rf"(?:{_SUB}|{_ZN})(?:{_S}{_ZH_SEP}{_S}(?:第{_S})?(?:{_SUB}|{_ZN}))*"
_ZH_RES = rf"\d{{1,4}}{_S}/{_S}\d{{1,4}}"
_ZH_LIST_SEP = r"(?:、|,|，|以及|和|及|与|或)"
_ZH_RANGE = r"(?:至|到|-|–|—|~)"
_ZY = r"(?:\d{4}|[〇零一二三四五六七八九]{4})"
_ZM = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_ZD = r"(?:3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_ZH_AP = r"(?:上午|下午|中午|晚上|早上|凌晨)"
_ZH_H = r"(?:2[0-4]|1\d|0?\d|十[一二]?|[一二三四五六七八九两])"
_ZH_MIN = r"(?:[0-5]?\d|[一二三四五]?十[一二三四五六七八九]?|[一二三四五六七八九])"
#: Measure words after which a Chinese numeral is a count (两场, 三名, 十个); 一 alone
#: never is one (一名主席 = a Chairperson).
_ZH_MEASURE = (
    "个|名|项|场|次|份|种|类|位|人|国|年|天|周|星期|小时|分钟|倍|轮|页|件|批|组|家|所|套"
    "|本|部|座|张|句|层|票|岁|段|条|款|章|届|节|处|笔|起|支|封|台|吨|公里|美元|欧元"
)
_ZH_NUMERAL = rf"[{_ZH_CHARS}](?<![第数几{_ZH_CHARS}][{_ZH_CHARS}])[{_ZH_CHARS}]*"


def _zh_clock(i: int) -> str:
    return (
        rf"(?:(?P<ap{i}>{_ZH_AP}){_S})?(?<![\d{_ZH_CHARS}])(?P<h{i}>{_ZH_H}){_S}时"
        rf"(?:{_S}(?:(?P<mi{i}>{_ZH_MIN}){_S}分|(?P<half{i}>半)))?"
    )


#: 2019 年 5 月 31 日 (星期五), 5 月, 6 日至 10 日, 28 日至 2 月 1 日, 6 日和 7 日: the range
#: or list only after a day (``(?(d1)...)``).
_ZH_DATE = (
    rf"(?<!\d)(?=[\d{_ZH_CHARS}])(?:(?P<y1>{_ZY}){_S}年{_S})?(?P<m1>{_ZM}){_S}月"
    rf"(?:{_S}(?P<d1>{_ZD}){_S}[日号])?"
    rf"(?(d1)(?:{_S}{_ZH_RANGE}{_S}(?:(?:(?P<y2>{_ZY}){_S}年{_S})?(?P<m2>{_ZM}){_S}月{_S})?"
    rf"(?P<d2>{_ZD}){_S}[日号]|(?P<more>(?:{_S}{_ZH_LIST_SEP}{_S}{_ZD}{_S}[日号])+))?)"
    rf"(?:{_S},?{_S}(?P<wd>(?:星期|礼拜|周)[一二三四五六日天]))?"
)

_c = re.compile

_ZH_RULES = (
    _Rule(
        _c(
            rf"(?=[议规第])(?P<rule>(?:议事)?规则(?:的)?{_S})?第{_S}(?P<art>{_zh_list('条')})"
            rf"(?:{_S}第{_S}(?P<para>{_zh_list('款')}))?"
            rf"(?:{_S}(?:第{_S})?(?P<sub>{_ZH_ART_SUBS}){_S}项)?"
        ),
        _zh_article,
        ("条",),
    ),
    _Rule(
        _c(
            rf"第{_S}(?P<para>{_zh_list('(?:段|款)')})"
            rf"(?:{_S}(?:第{_S})?(?P<sub>{_ZH_SUB_LIST})(?:{_S}(?:项|分段))?)?"
        ),
        _zh_paragraph,
        ("段", "款"),
    ),
    _Rule(
        _c(rf"(?=[第(\u3220-\u3229])(?:第{_S})?(?P<sub>{_ZH_SUB_LIST}){_S}(?:项|分段|段)"),
        _zh_paragraph,
        ("项", "段"),
    ),
    _Rule(
        _c(rf"第{_S}(?P<n>{_zh_list('章')})"), _numbered(RefKind.CHAPTER, _chapter_number), ("章",)
    ),
    _Rule(
        _c(
            rf"附件{_S}(?P<n>(?:{_N}|[IVX]+|[A-Z])(?:{_S}{_ZH_SEP}{_S}(?:附件{_S})?(?:{_N}|[IVX]+))*)"
            r"(?![般些致切直定起样旦律并道贯览])"  # 一般, 一些 ...: 一 in a word
        ),
        _numbered(RefKind.ANNEX, _annex_number),
        ("附件",),
    ),
    _Rule(
        _c(
            rf"(?=[大安经第])(?:(?P<body>大会|安全理事会|安理会|经济及社会理事会|经社理事会){_S})?第{_S}"
            rf"(?P<res>{_ZH_RES}(?:{_S}号)?(?:{_S}{_ZH_LIST_SEP}{_S}(?:第{_S})?{_ZH_RES}(?:{_S}号)?)*)"
            rf"(?<=号){_S}(?P<word>决议|决定)"
        ),
        _resolution,
        ("号",),
    ),
    _Rule(
        _c(
            rf"第{_S}(?P<o>{_zh_list('届')}){_S}(?:会议|常会|特别会议|会)"
            rf"(?P<resumed>{_S}(?:第{_S}(?P<count>{_N}){_S}次{_S})?续会)?"
        ),
        _zh_session,
        ("届",),
    ),
    _Rule(_c(rf"第{_S}(?P<o>{_N}){_S}次{_S}续会"), _zh_ordinal("resumed-session"), ("续会",)),
    _Rule(
        _c(rf"第{_S}(?P<o>{_zh_list('次')})[^第\d，。；：、！？,.;:!?\s()]{{0,40}}?会议"),
        _zh_ordinal("meeting"),
        ("次",),
    ),
    _Rule(
        _c(rf"第{_S}(?P<o>{_N})(?:{_S}[个次])?{_S}(?:审议)?周期"), _zh_ordinal("cycle"), ("周期",)
    ),
    _Rule(
        _c(
            rf"(?:议程{_S})?项目{_S}(?P<items>\d{{1,2}}(?![\d/])(?:{_S}{_SUB})?"
            rf"(?:{_S}{_ZH_SEP}{_S}(?:\d{{1,2}}(?![\d/])(?:{_S}{_SUB})?|{_SUB}))*)"
        ),
        _agenda,
        ("项目",),
        digit=True,
    ),
    _Rule(_c(_ZH_DATE), _dates, ("月",)),
    _Rule(
        _c(
            rf"(?<!\d)(?=[\d{_ZH_CHARS}])(?P<y1>{_ZY})(?:(?:{_S}年)?{_S}{_ZH_RANGE}{_S}(?P<y2>{_ZY}))?{_S}年"
        ),
        _year,
        ("年",),
    ),
    _Rule(
        _c(
            rf"(?=[上下中晚早凌\d{_ZH_CHARS}])(?:(?P<noon1>中午)(?!{_S}[\d十一])|{_zh_clock(1)})"
            rf"(?:{_S}{_ZH_RANGE}{_S}(?:{_zh_clock(2)}|(?P<noon2>中午)))?"
        ),
        _zh_times,
        ("时", "中午"),
    ),
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

_ORD_UNITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_ORD_TEENS = (
    "tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth"
    "|eighteenth|nineteenth"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ORD_TENS = "twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth"
_ORDW = (
    rf"(?:(?:{_TENS})[-\s](?:{_ORD_UNITS})|{_ORD_TENS}|{_ORD_TEENS}|{_ORD_UNITS}"
    r"|(?:one\s+)?hundredth|\d+(?:st|nd|rd|th))"
)
_EN_ORDINAL_RE = re.compile(_ORDW, re.IGNORECASE)
_EN_LIST_SEP = r"(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s+or\s+)"
#: Words that end the run of adjectives between an ordinal and its noun ("the second
#: part of the session" is no second session).
_FUNC = (
    "of|the|a|an|and|or|to|in|at|on|for|by|with|from|its|their|this|that|these|those|which"
    "|who|was|were|is|are|be|been|has|have|had|will|would|shall|should|as|not|into|during"
)
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
_EMON = (
    r"(?:(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december)\b|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.)"
)
_MONTH_TRIGGERS: tuple[str, ...] = MONTHS
_MONTH_TRIGGERS += ("jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "oct.")
_MONTH_TRIGGERS += ("nov.", "dec.")
#: A day of the month, checked on what precedes after its first digit (see _ARABIC); the
#: date's check rejects 0 and 32.
_ED = r"\d(?<![\d.,]\d)\d?(?!\d)"
_EY = r"[12]\d{3}"
_EN_AP = r"(?:[ap]\.\s?m\.?|[ap]m\b)"
_EN_PARA = r"(?:sub)?paragraphs?|(?:sub)?paras?\."


def _en_clock(i: int, meridiem: str = "?") -> str:
    """An hour (checked by _en_times), minutes, a.m. or p.m. (optional if ``meridiem``)."""
    return (
        rf"(?P<h{i}>\d(?<![\d.,/]\d)\d?)(?![\d])(?:[.:](?P<mi{i}>[0-5]\d))?"
        rf"(?:\s?(?P<ap{i}>{_EN_AP})){meridiem}"
    )


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


#: English dates, read in Chinese too: UN Chinese documents carry English front matter
#: (``Distr.: General 31 July 2017``), and month names do not occur in Chinese otherwise.
_EN_DATE_RULES = tuple(
    _Rule(_c(pattern), build, _MONTH_TRIGGERS, lower=True, digit=True)
    for pattern, build in (
        (  # 6–10 November 2017, 28 January–1 February 2008
            rf"(?P<d1>{_ED})(?:\s+(?P<m1>{_EMON})(?:,?\s+(?P<y1>{_EY}))?)?"
            rf"\s*(?:-|–|—|to|until)\s*(?P<d2>\d\d?)\s+(?P<m2>{_EMON})(?:,?\s+(?P<y2>{_EY}))?(?!\d)",
            _dates,
        ),
        (  # 31 May 2019, 6 and 7 November 2017, 6 November
            rf"(?P<days>{_ED}(?:{_EN_LIST_SEP}\d\d?)*)\s+(?P<m1>{_EMON})(?:,?\s+(?P<y1>{_EY}))?(?!\d)",
            _en_days,
        ),
        (  # May 31, 2019; May 2019
            rf"(?P<m1>{_EMON})(?:\s+(?P<d1>\d\d?)(?!\d),?)?\s+(?P<y1>{_EY})(?!\d)",
            _dates,
        ),
    )
)

_EN_RULES = (
    _Rule(
        _c(
            r"(?<!\w)(?:(?P<body>general\s+assembly|security\s+council|economic\s+and\s+social"
            r"\s+council)\s+)?(?P<word>resolutions?|decisions?)\s+"
            rf"(?P<res>\d{{1,4}}\s?/\s?\d{{1,4}}(?:{_EN_LIST_SEP}\d{{1,4}}\s?/\s?\d{{1,4}})*)(?![\d/])"
        ),
        _resolution,
        ("resolution", "decision"),
        lower=True,
        digit=True,
    ),
    _Rule(
        _c(
            rf"(?<!\w)(?P<word>articles?|arts?\.|rules?)\s+(?P<art>{_EN_NUMS})"
            rf"(?:,?\s+(?:paragraphs?|paras?\.)\s+(?P<para>{_EN_NUMS}))?(?:\s*(?P<sub>{_EN_SUBS}))?"
        ),
        _en_article,
        ("art", "rule"),
        lower=True,
        digit=True,
    ),
    _Rule(
        _c(
            rf"(?<!\w)(?:{_EN_PARA})\s+(?P<para>{_EN_NUMS})(?:\s*(?P<sub>{_EN_SUBS}))?"
            r"\s+of\s+(?P<word>article|rule)\s+(?P<art>\d+)"
        ),
        _en_article,
        ("para",),
        lower=True,
        digit=True,
    ),
    _Rule(
        _c(rf"(?<!\w)(?:{_EN_PARA})\s+(?P<para>{_EN_NUMS})(?:\s*(?P<sub>{_EN_SUBS}))?"),
        _en_paragraph,
        ("para",),
        lower=True,
        digit=True,
    ),
    _Rule(
        _c(rf"(?<!\w)(?:{_EN_PARA})\s+(?P<sub>{_EN_SUBS})"), _en_paragraph, ("para",), lower=True
    ),
    _Rule(
        _c(
            r"(?<!\w)chapters?\s+"
            rf"(?P<n>(?:[ivxlc]+|\d+)\b{_GLOSS}?(?:{_EN_SEP}(?:[ivxlc]+|\d+)\b{_GLOSS}?)*)"
        ),
        _numbered(RefKind.CHAPTER, _chapter_number),
        ("chapter",),
        lower=True,
    ),
    _Rule(
        _c(
            r"(?<!\w)annex(?:es)?\s+"
            rf"(?P<n>(?:[ivxlc]+|\d+|[a-z])\b(?:{_EN_SEP}(?:[ivxlc]+|\d+|[a-z])\b)*)"
        ),
        _numbered(RefKind.ANNEX, _annex_number),
        ("annex",),
        lower=True,
    ),
    _Rule(
        _c(
            rf"(?<!\w)(?=[tfsenohd\d])(?=[a-z\d\-]*(?:st|nd|rd|th)\b)"  # see _EW_START
            rf"(?P<o>{_ORDW}(?:{_EN_LIST_SEP}{_ORDW})*)\s+"
            rf"(?P<gap>(?:(?!(?:{_FUNC})\b)[a-z][\w\-]*\s+){{0,5}}?)"
            r"(?P<noun>sessions?|meetings?|cycles?)\b"
        ),
        _en_ordinal,
        ("session", "meeting", "cycle"),
        lower=True,
    ),
    _Rule(
        _c(
            rf"(?<!\w)(?:agenda\s+)?items?\s+(?P<items>\d{{1,2}}(?![\d/])(?:\s?{_EN_SUB})?"
            rf"(?:{_EN_SEP}(?:\d{{1,2}}(?![\d/])(?:\s?{_EN_SUB})?|{_EN_SUB}))*)"
        ),
        _agenda,
        ("item",),
        lower=True,
        digit=True,
    ),
    _Rule(
        _c(rf"(?P<y1>{_EY})(?<![\d/.,\-]....)\s*(?:-|–|—|to)\s*(?P<y2>{_EY}|\d\d)(?![\d/])"),
        _year,
        ("-", "–", "—", " to "),
        lower=True,
        digit=True,
    ),
    _Rule(
        _c(
            rf"{_en_clock(1)}(?:\s*(?:-|–|—|to|until)\s*"
            rf"(?:{_en_clock(2, '')}|(?P<noon2>noon|midday)\b))?"
        ),
        _en_times,
        ("a.m", "p.m", "am", "pm"),
        lower=True,
        digit=True,
    ),
    _Rule(
        _c(rf"(?<!\w)(?P<noon1>noon|midday)\b(?:\s*(?:-|–|—|to|until)\s*{_en_clock(2, '')})?"),
        _en_times,
        ("noon", "midday"),
        lower=True,
    ),
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
_COMMON_RULES = (
    _Rule(
        _c(
            r"[A-Z](?<![A-Za-z0-9/.\-][A-Z])[A-Z0-9]*(?:\.\d+)?"
            r"(?:/(?:[ \t]?\n?[ \t]?(?=[A-Z0-9]))?[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*)+"
        ),
        _symbol,
        ("/",),
        digit=True,
    ),
    _Rule(
        _c(
            r"(?<![\d.:])(?P<h1>[01]?\d|2[0-4]):(?P<mi1>[0-5]\d)(?![\d:])"
            r"(?:\s*[-–—]\s*(?P<h2>[01]?\d|2[0-4]):(?P<mi2>[0-5]\d)(?![\d:]))?"
        ),
        _times,
        (":",),
        digit=True,
    ),
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

#: Paragraph and list markers that open a line: matched so that no NUMBER is read in them.
_MARKER_RE = re.compile("^" + ITEM_MARKER_RE.pattern, re.VERBOSE | re.MULTILINE)
_RULES = {
    Lang.ZH: _COMMON_RULES + _ZH_RULES + _EN_DATE_RULES,
    Lang.EN: _COMMON_RULES + _EN_DATE_RULES + _EN_RULES,
}
_DIGIT_RE = re.compile(r"\d")


class _Candidate(NamedTuple):
    """A match of a rule, built into parts only if it survives the longer ones."""

    length: int  # negated, so that the longest sorts first
    rank: int
    start: int
    match: re.Match[str]
    build: _Build | None  # None: a line's marker, which takes its span and makes no Ref


def find_refs(text: str, lang: Lang) -> list[Ref]:
    """Every number, date, time, symbol and reference in ``text``, by start, not overlapping.

    Each rule of ``lang`` proposes matches; where two overlap, the longer wins (the
    earlier rule when equally long), so a date is not also a year and three numbers.
    """
    folded = text.translate(_FOLD) if not text.isascii() else text
    lower = _lower(folded)
    has_digit = _DIGIT_RE.search(folded) is not None
    found = [_Candidate(m.start() - m.end(), -1, m.start(), m, None) for m in _markers(folded)]
    triggered: dict[tuple[str, ...], bool] = {(): True}  # rules share trigger tuples
    for rank, rule in enumerate(_RULES[lang]):
        if rule.digit and not has_digit:
            continue
        run = triggered.get(rule.triggers)
        if run is None:
            run = triggered[rule.triggers] = any(map(lower.__contains__, rule.triggers))
        if run:
            for m in rule.pattern.finditer(lower if rule.lower else folded):
                found.append(_Candidate(m.start() - m.end(), rank, m.start(), m, rule.build))
    return _resolve(text, found)


def _markers(text: str) -> list[re.Match[str]]:
    return [m for m in _MARKER_RE.finditer(text) if m.group()]


def _lower(text: str) -> str:
    """``text`` lower-cased character for character (``str.lower`` lengthens a few, as
    İ; those keep their case)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _resolve(text: str, found: list[_Candidate]) -> list[Ref]:
    """The non-overlapping candidates, longest first, as Refs in text order. A candidate
    is built only when nothing longer took its place, and gives its place up when its
    builder finds no Ref in it; a weekday or "resumed" before it joins its first Ref
    only if free."""
    taken = bytearray(len(text))
    parts: list[_Part] = []
    for candidate in sorted(found, key=lambda c: c[:3]):
        m = candidate.match
        start, end = m.span()
        if taken.find(1, start, end) >= 0:
            continue
        built = candidate.build(m) if candidate.build else []
        if candidate.build and not built:
            continue
        if built and built[0].start < start:
            if taken.find(1, built[0].start, start) < 0:
                start = built[0].start
            else:
                built[0] = built[0]._replace(start=start)
        end = max(end, built[-1].end) if built else end
        taken[start:end] = b"\x01" * (end - start)
        parts += built
    parts.sort(key=lambda p: p.start)
    return [Ref(p.kind, p.value, p.start, p.end, text[p.start : p.end], p.qualifier) for p in parts]
