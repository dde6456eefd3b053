"""The rules for dates, years and times, for :mod:`untm.text.refs`.

Dates as ISO 8601 (``2019-05-31``, ``--11-06``, ranges ``2017-11-06/2017-11-10``, the
weekday as qualifier), years and spans of years (``2016/2019``), times (``10:00``,
``10:00/13:00``). English dates are read in Chinese text too (``EN_DATE_RULES``). Each
rule table is in the order the engine ranks equally long matches by.
"""

from __future__ import annotations

import re

from ._refs_base import (
    _EN_LIST_SEP,
    _S,
    _ZH_CHARS,
    _ZH_LIST_SEP,
    RefKind,
    _before,
    _c,
    _Item,
    _Part,
    _Rule,
    _spread,
    _starting_at,
)
from .numerals import MONTHS, clock, consecutive_days, iso_date, month_number, parse_int

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


# --- the patterns ---------------------------------------------------------------------------

_ZH_RANGE = r"(?:至|到|-|–|—|~)"
_ZY = r"(?:\d{4}|[〇零一二三四五六七八九]{4})"
_ZM = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_ZD = r"(?:3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_ZH_AP = r"(?:上午|下午|中午|晚上|早上|凌晨)"
_ZH_H = r"(?:2[0-4]|1\d|0?\d|十[一二]?|[一二三四五六七八九两])"
_ZH_MIN = r"(?:[0-5]?\d|[一二三四五]?十[一二三四五六七八九]?|[一二三四五六七八九])"


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


ZH_RULES: tuple[_Rule, ...] = (
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
)


# English patterns run on lower-cased text (see _Rule).

_EMON = (
    r"(?:(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december)\b|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.)"
)
_MONTH_TRIGGERS: tuple[str, ...] = MONTHS
_MONTH_TRIGGERS += ("jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "oct.")
_MONTH_TRIGGERS += ("nov.", "dec.")
#: A day of the month, checked on what precedes after its first digit (see _ARABIC in
#: _refs_numbers); the date's check rejects 0 and 32.
_ED = r"\d(?<![\d.,]\d)\d?(?!\d)"
_EY = r"[12]\d{3}"
_EN_AP = r"(?:[ap]\.\s?m\.?|[ap]m\b)"


def _en_clock(i: int, meridiem: str = "?") -> str:
    """An hour (checked by _en_times), minutes, a.m. or p.m. (optional if ``meridiem``)."""
    return (
        rf"(?P<h{i}>\d(?<![\d.,/]\d)\d?)(?![\d])(?:[.:](?P<mi{i}>[0-5]\d))?"
        rf"(?:\s?(?P<ap{i}>{_EN_AP})){meridiem}"
    )


#: English dates, read in Chinese too: UN Chinese documents carry English front matter
#: (``Distr.: General 31 July 2017``), and month names do not occur in Chinese otherwise.
EN_DATE_RULES: tuple[_Rule, ...] = tuple(
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

EN_RULES: tuple[_Rule, ...] = (
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
)

#: Read in both languages.
COMMON_RULES: tuple[_Rule, ...] = (
    _Rule(
        _c(
            r"(?<![\d.:])(?P<h1>[01]?\d|2[0-4]):(?P<mi1>[0-5]\d)(?![\d:])"
            r"(?:\s*[-–—]\s*(?P<h2>[01]?\d|2[0-4]):(?P<mi2>[0-5]\d)(?![\d:]))?"
        ),
        _times,
        (":",),
        digit=True,
    ),
)
