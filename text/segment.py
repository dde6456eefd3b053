"""Sentence segmentation of Chinese and English UN text (one paragraph per line).

Segments are the units of translation memory and alignment, so a wrong split costs
more than a missed one: a split inside ``para. 12``, ``CAC/COSP/2017/1`` or a book
title ``《公约》`` produces two segments that match nothing. The rules therefore only
split where UN usage is unambiguous and leave doubtful cases whole:

* Chinese splits after 。！？ (with the closing quotes and brackets that follow them),
  never inside （）《》“”「」; a semicolon or colon never ends a segment.
* English splits after . ! ? followed by a space and a capital, digit or opening
  quote, except after UN abbreviations (``para.``, ``No.``, ``e.g.``...), single
  initials (``J. Smith``) and paragraph or item numbers (``12.``, ``II.``) that open
  a sentence.

Every line (paragraph) is at least one segment, and segments never cross lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lang import Lang, detect_lang

__all__ = ["ABBREVIATIONS", "ITEM_MARKER_RE", "Span", "split_sentences"]


@dataclass(frozen=True)
class Span:
    """A segment: ``text == source[start:end]``, without surrounding whitespace."""

    start: int
    end: int
    text: str


#: Abbreviations after which a full stop does not end an English sentence.
ABBREVIATIONS = frozenset(
    (
        *("para.", "paras.", "No.", "Nos.", "e.g.", "i.e.", "a.m.", "p.m.", "Mr.", "Mrs."),
        *("Ms.", "Dr.", "art.", "arts.", "Art.", "vol.", "Vol.", "Corr.", "Add.", "Rev."),
        *("Suppl.", "approx.", "etc.", "viz.", "cf.", "Inc.", "Ltd.", "Co.", "St.", "U.S."),
    )
)

#: A paragraph number or list marker opening a line, followed by a space: ``12.``,
#: ``1.2.``, ``II.``, ``A.``, ``(a)``, ``(iii)``, ``3 (a)``, ``3(a)``, ``一.``, ``一、``,
#: ``（一）``, ``㈠``, and Markdown-style ``- (a)`` or bullets. Shared with the PDF
#: clean-up, where such a line never continues the previous one.
ITEM_MARKER_RE = re.compile(
    r"""[ \t]*
    (?: [-•▪●◦][ \t]+ )?                             # bullet before the marker
    (?: \d{1,3}[ \t]?\([a-z]{1,4}\)                   # agenda item 3 (a), 3(a)
      | \d{1,3}(?:\.\d{1,2})*\.                       # paragraph 12. or 1.2.
      | [IVXLC]{1,6}\. | [A-Z]\.                      # section II. or A.
      | \([a-z]{1,4}\) | \([A-Z]\) | \(\d{1,3}\)      # item (a), (iii), (A), (1)
      | [一二三四五六七八九十]{1,3}[.、．]             # Chinese section 一. or 一、
      | [（(][一二三四五六七八九十]{1,3}[)）]           # Chinese item （一）
      | [\u3220-\u3229]                               # ㈠ .. ㈩
      | [•▪●◦]                                        # a bare bullet
    )
    (?=[ \t\u3000\n]|$)                               # the marker is a word of its own
    """,
    re.VERBOSE,
)

# --- Chinese ------------------------------------------------------------------------

#: A sentence end: 。！？ (ASCII ! ? only when not inside a URL or code), then any
#: closing quotes or brackets, which belong to the sentence they close.
_ZH_STOP = r"(?P<stop>[。！？]+|[!?]+(?![A-Za-z0-9=&/]))(?P<close>[”’」』）)》〉\]\"']*)"
#: Stops and brackets, in the order they occur; brackets are counted so that a stop
#: inside （）《》“”「」 does not end the sentence.
_ZH_EVENT_RE = re.compile(rf"{_ZH_STOP}|[（(《〈“「『）)》〉”」』]")

#: Bracket kinds: opener chars, closer chars.
_ZH_BRACKETS = (("（(", "）)"), ("《〈", "》〉"), ("“", "”"), ("「『", "」』"))
_OPENER_KIND = {c: i for i, (opens, _) in enumerate(_ZH_BRACKETS) for c in opens}
_CLOSER_KIND = {c: i for i, (_, closes) in enumerate(_ZH_BRACKETS) for c in closes}


def _zh_cuts(para: str, ignored: frozenset[int] = frozenset()) -> list[int]:
    """Positions in ``para`` after which a Chinese sentence ends.

    A bracket kind left open at the end of the paragraph (a typo, or a quote cut by a
    line break) would suppress every later split, so the paragraph is then split
    again with that kind ``ignored``.
    """
    depth = [0] * len(_ZH_BRACKETS)
    cuts: list[int] = []
    for m in _ZH_EVENT_RE.finditer(para):
        if m.group("stop") is None:
            _count_bracket(depth, m.group(), ignored)
            continue
        for char in m.group("close"):
            _count_bracket(depth, char, ignored)
        if not any(depth):
            cuts.append(m.end())
    unclosed = frozenset(kind for kind, open_ in enumerate(depth) if open_)
    return _zh_cuts(para, ignored | unclosed) if unclosed else cuts


def _count_bracket(depth: list[int], char: str, ignored: frozenset[int]) -> None:
    """Update the open-bracket ``depth`` per kind for an opening or closing ``char``."""
    kind = _OPENER_KIND.get(char)
    if kind is not None:
        if kind not in ignored:
            depth[kind] += 1
        return
    kind = _CLOSER_KIND.get(char)
    if kind is not None and depth[kind]:
        depth[kind] -= 1


# --- English ------------------------------------------------------------------------

#: A candidate English sentence end: the word the stop follows (so that it can be
#: checked against the abbreviations), the stop with closing quotes or brackets, then
#: a space and a capital, a digit or an opening quote or bracket.
_EN_CANDIDATE_RE = re.compile(
    r"""(?<!\S)(?P<word>[^\s.!?]*(?:\.[^\s.!?]+)*)   # the word: para, e.g, 12, U.S
    (?P<stop>[.!?]+)["'”’)\]]*                       # the stop and its closers
    (?=\s+["'“‘(\[]*[A-Z0-9])                        # what a new sentence starts with
    """,
    re.VERBOSE,
)
#: A single capital: an initial as in "J. Smith".
_INITIAL_RE = re.compile(r"[A-Z]")
#: A number that, opening a sentence, is a paragraph or item number: 12. II. (b).
_ITEM_NUMBER_RE = re.compile(r"\d{1,3}|[IVXLC]{1,6}|\(?[a-z]{1,4}\)")
_NON_SPACE_RE = re.compile(r"\S")
_OPENING_PUNCT = "([\"'“‘"


def _en_cuts(para: str) -> list[int]:
    """Positions in ``para`` after which an English sentence ends."""
    marker = ITEM_MARKER_RE.match(para)
    marker_end = marker.end() if marker else 0
    sentence_start = _skip_spaces(para, 0)
    cuts: list[int] = []
    for m in _EN_CANDIDATE_RE.finditer(para):
        if m.start("stop") < marker_end or _is_non_final_stop(m, sentence_start):
            continue
        cuts.append(m.end())
        sentence_start = _skip_spaces(para, m.end())
    return cuts


def _skip_spaces(text: str, pos: int) -> int:
    """The position of the first non-space character at or after ``pos``."""
    m = _NON_SPACE_RE.search(text, pos)
    return m.start() if m else len(text)


def _is_non_final_stop(m: re.Match[str], sentence_start: int) -> bool:
    """An abbreviation, an initial, or an item number opening the sentence (``12. The``)."""
    if m.group("stop") != ".":
        return False
    word = m.group("word").lstrip(_OPENING_PUNCT)
    if word + "." in ABBREVIATIONS or _INITIAL_RE.fullmatch(word):
        return True
    return m.start("word") == sentence_start and _ITEM_NUMBER_RE.fullmatch(word) is not None


# --- both ---------------------------------------------------------------------------


def split_sentences(text: str, lang: Lang | None = None) -> list[Span]:
    """Split ``text`` into sentence spans, paragraph (line) by paragraph.

    ``lang`` applies to every line; when None, each line's language is detected, so
    that English front matter in a Chinese document is split as English. Spans never
    include leading or trailing whitespace, and together they cover every
    non-whitespace character of ``text`` exactly once, in order.
    """
    spans: list[Span] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if not line.isspace():
            line_lang = lang if lang is not None else detect_lang(line)
            cuts = _zh_cuts(line) if line_lang is Lang.ZH else _en_cuts(line)
            _emit(text, pos, line, cuts, spans)
        pos += len(line)
    return spans


def _emit(text: str, pos: int, line: str, cuts: list[int], out: list[Span]) -> None:
    """Append the stripped, non-empty pieces of ``line`` between ``cuts`` to ``out``."""
    start = 0
    for end in [*cuts, len(line)]:
        piece = line[start:end]
        stripped = piece.strip()
        if stripped:
            first = pos + start + (len(piece) - len(piece.lstrip()))
            out.append(Span(first, first + len(stripped), stripped))
        start = end
