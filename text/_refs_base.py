"""What the rule families of :mod:`untm.text.refs` share.

:class:`RefKind` (re-exported by :mod:`untm.text.refs`, where it belongs to the API);
``_Part``, what a rule's builder makes of a match (a Ref without its text) and
``_Item``, one item of a list inside a match; ``_Rule``, a pattern with its builder
and the cheap checks that decide whether it runs; the pattern pieces more than one
family uses; and the helpers that place the Refs of a list (``_spread``) or move a
Ref's start back over a word before the match (``_before``, ``_starting_at``).

Nothing here is API: the names keep the leading underscore they have in the modules
that use them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import NamedTuple


class RefKind(StrEnum):
    """What a :class:`~untm.text.refs.Ref` is; the value is what lint reports call the check."""

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


# --- pattern pieces more than one family uses ------------------------------------------------

_S = r"[ \t\u00a0]*"  # the optional spacing PDF extraction puts around CJK
_ZH_CHARS = "〇零一二三四五六七八九十百千万亿两"
_ZH_LIST_SEP = r"(?:、|,|，|以及|和|及|与|或)"
_EN_LIST_SEP = r"(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s+or\s+)"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"

_c = re.compile


# --- placing the Refs of a match ------------------------------------------------------------


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
