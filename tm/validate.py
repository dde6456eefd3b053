"""The one check every importer (TMX, TSV, line-aligned text) makes of a unit.

A unit is skipped, and reported with its line, when a segment is empty, longer than
:data:`MAX_SEGMENT_CHARS` or holds control characters, or when a side is not in its
language:

* the Chinese side has no Chinese while the English side is Chinese: the languages
  look swapped (a file made mostly of such units has the wrong ``--source-lang``);
* the Chinese side has Latin letters and no Chinese, and is not the English side left
  untranslated (``hello`` / ``world``; ``UNODC`` / ``UNODC`` and ``CAC/COSP/2019/1``
  pass, as do numbers and punctuation, which have no language);
* the English side is Chinese as well (an English sentence quoting a Chinese term is
  English: see :func:`untm.text.lang.detect_lang`).

Each format names the two sides its own way (``the zh-CN variant``, ``column 1``, ``the
line of a.zh.txt``): :class:`Sides` carries those names into the messages, and is
built only for a unit that fails, so the check of a good unit costs a few regular
expression searches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from untm.text.lang import Lang, detect_lang, has_cjk
from untm.text.normalize import fold_width

MAX_SEGMENT_CHARS = 20_000
# C0 and C1 controls and DEL; tab, line feed and carriage return are text
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LATIN = re.compile(r"[A-Za-z\uff21-\uff3a\uff41-\uff5a]")


class Kind(Enum):
    EMPTY = "is empty"
    TOO_LONG = "is too long"
    CONTROL = "contains control characters"
    SWAPPED = "swapped"
    NOT_CHINESE = "not Chinese"
    NOT_ENGLISH = "not English"


@dataclass(frozen=True, slots=True)
class Sides:
    """What messages call the sides of a unit: each segment (``zh-CN segment``,
    ``column 1``) and each side as a whole (``the zh-CN variant``)."""

    zh_segment: str
    en_segment: str
    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a unit is skipped: what is wrong, and with which side (``lang``)."""

    kind: Kind
    lang: Lang
    length: int = 0  # of the segment, for TOO_LONG

    @property
    def swapped(self) -> bool:
        return self.kind is Kind.SWAPPED

    def reason(self, sides: Sides) -> str:
        """The message of the skipped unit, with the format's names of the sides."""
        segment = sides.zh_segment if self.lang is Lang.ZH else sides.en_segment
        if self.kind is Kind.TOO_LONG:
            return (
                f"{segment} is too long ({self.length:,} characters; the limit is "
                f"{MAX_SEGMENT_CHARS:,})"
            )
        if self.kind is Kind.SWAPPED:
            return f"languages look swapped: {sides.zh} has no Chinese and {sides.en} is Chinese"
        if self.kind is Kind.NOT_CHINESE:
            return f"language mismatch: {sides.zh} has Latin letters and no Chinese"
        if self.kind is Kind.NOT_ENGLISH:
            return f"language mismatch: {sides.en} is Chinese too"
        return f"{segment} {self.kind.value}"


def segment_problem(text: str, lang: Lang) -> Problem | None:
    """What makes one segment unusable, if anything (empty, too long, control characters)."""
    if not text or text.isspace():
        return Problem(Kind.EMPTY, lang)
    if len(text) > MAX_SEGMENT_CHARS:
        return Problem(Kind.TOO_LONG, lang, len(text))
    # isprintable() is False for every control character, and fast: search only then
    if not text.isprintable() and _CONTROL.search(text):
        return Problem(Kind.CONTROL, lang)
    return None


def unit_problem(zh: str, en: str) -> Problem | None:
    """What makes a unit unusable, if anything: its segments, then their languages."""
    # the common case in one expression: printable, not blank, not too long
    if not (
        zh.isprintable()
        and en.isprintable()
        and len(zh) <= MAX_SEGMENT_CHARS
        and len(en) <= MAX_SEGMENT_CHARS
        and zh.strip()
        and en.strip()
    ):
        problem = segment_problem(zh, Lang.ZH) or segment_problem(en, Lang.EN)
        if problem is not None:
            return problem
    en_cjk = not en.isascii() and has_cjk(en)  # isascii() is a flag: most English is
    if has_cjk(zh):
        if en_cjk and detect_lang(en) is Lang.ZH:
            return Problem(Kind.NOT_ENGLISH, Lang.EN)
        return None
    if en_cjk and detect_lang(en) is Lang.ZH:
        return Problem(Kind.SWAPPED, Lang.ZH)
    if _LATIN.search(zh) and _loose(zh) != _loose(en):
        return Problem(Kind.NOT_CHINESE, Lang.ZH)
    return None


def swapped_sides(zh: str, en: str) -> bool:
    """True when the Chinese side has no Chinese character and the English side is Chinese.

    Numbers, document symbols (``CAC/COSP/2019/1``) and names left untranslated have no
    Chinese on either side and pass, as does an English sentence quoting a Chinese term
    (see :func:`untm.text.lang.detect_lang`).
    """
    return not has_cjk(zh) and has_cjk(en) and detect_lang(en) is Lang.ZH


def _loose(text: str) -> str:
    """``text`` compared loosely: width and case folded, white space removed."""
    return "".join(fold_width(text).casefold().split())
