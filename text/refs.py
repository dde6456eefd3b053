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

The engine and the API are here; the rules live with their builders, by family:
``_refs_references`` (symbols, resolutions and decisions, articles, rules,
paragraphs, chapters, annexes, ordinals of sessions, meetings and cycles, agenda
items), ``_refs_dates`` (dates, years, times) and ``_refs_numbers`` (numbers,
percentages, money), with what they share in ``_refs_base``. A family's rules are
one table per language (and one for both); :data:`_RULES` puts them together in the
order that breaks ties between equally long matches. The numerals themselves are read
by :mod:`untm.text.numerals`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from . import _refs_dates, _refs_numbers, _refs_references
from ._refs_base import RefKind, _Build, _Part, _Rule
from .lang import Lang
from .segment import ITEM_MARKER_RE

__all__ = ["Ref", "RefKind", "find_refs"]


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


# --- text folding and the rules -------------------------------------------------------------

#: Full-width ASCII, the ideographic space and the traditional forms of the characters the
#: patterns use, one character for one so that offsets stay valid.
_FOLD = {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: 0x20}
_FOLD |= {
    ord(t): ord(s)
    for t, s in zip("號決議條屆項會兩萬億時規則續週", "号决议条届项会两万亿时规则续周", strict=True)
}


#: The rules of each language, in the order that ranks equally long matches: those read
#: in both languages first, then the language's own, family by family (references, dates
#: and times, numbers); English dates follow the Chinese rules in Chinese and precede the
#: other English ones in English.
_COMMON_RULES = (
    _refs_references.COMMON_RULES + _refs_dates.COMMON_RULES + _refs_numbers.COMMON_RULES
)
_RULES: dict[Lang, tuple[_Rule, ...]] = {
    Lang.ZH: (
        _COMMON_RULES
        + _refs_references.ZH_RULES
        + _refs_dates.ZH_RULES
        + _refs_numbers.ZH_RULES
        + _refs_dates.EN_DATE_RULES
    ),
    Lang.EN: (
        _COMMON_RULES
        + _refs_dates.EN_DATE_RULES
        + _refs_references.EN_RULES
        + _refs_dates.EN_RULES
        + _refs_numbers.EN_RULES
    ),
}

#: Paragraph and list markers that open a line: matched so that no NUMBER is read in them.
_MARKER_RE = re.compile("^" + ITEM_MARKER_RE.pattern, re.VERBOSE | re.MULTILINE)

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
