"""Footnotes and tables found in the lines of a text extracted from a UN PDF.

The PDF clean-up (:mod:`untm.text.clean`) re-joins broken lines into paragraphs, which
is right for running text and wrong for two things a document reader must keep apart:

* **footnotes**: the lines under a footnote rule (``__________``), each opening with
  its mark (``*``, ``1``, ``a``) and running until the page's footer, the end of the
  footnote or the text that resumes; table notes (``^a ...``, or ``a ...`` in an annex)
  without a rule; and a ``Footnotes`` section that converters put at the end;
* **tables** flattened to lines: the organization of work of a meeting (``Date  Time
  Item  Title or description``), whose rows start with a date, a time or an agenda item
  number and whose cells wrap onto the next lines.

:func:`find_regions` reads the lines once and returns both, as spans of the original
text, so that the reader can take them out of the running text before it is cleaned,
rebuild each row and each footnote as one line, and put the footnotes at the end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .clean import is_footnote_rule, is_page_furniture
from .lang import Lang
from .segment import ITEM_MARKER_RE

__all__ = ["Footnote", "Line", "Regions", "Row", "Table", "find_regions", "scan_lines"]

#: What separates lines: line and page breaks (pdftotext and untm's PDF reader put "\f"
#: between pages).
_LINE_RE = re.compile(r"[^\n\r\f\v\x1c-\x1e\x85\u2028\u2029]+")
_EDGE = " \t\xa0\u3000\u1680\u202f\u205f\u00ad\u200b\u200c\u200d\u2060\ufeff" + "".join(
    map(chr, range(0x2000, 0x200B))
)


class Line(NamedTuple):
    """A non-blank line: where its content (without surrounding spaces) is in the text."""

    start: int
    end: int
    page_break: bool  # a page break ("\f") comes before it
    indent: int  # spaces or tabs before the content (a tab counts four)


def scan_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``."""
    lines: list[Line] = []
    last = 0
    for m in _LINE_RE.finditer(text):
        raw = m.group()
        content = raw.strip(_EDGE)
        if not content:
            continue
        lead = raw[: len(raw) - len(raw.lstrip(_EDGE))]
        start = m.start() + len(lead)
        page_break = "\f" in text[last : m.start()]
        lines.append(Line(start, start + len(content), page_break, len(lead.expandtabs(4))))
        last = m.end()
    return lines


@dataclass(frozen=True)
class Footnote:
    """A footnote: its mark (``*``, ``1``, ``a``; empty when the PDF lost it) and lines."""

    label: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Row:
    """A table row: its lines, and for each line after the first whether it starts a new
    cell (an item number after a time, an indented cell) or continues a wrapped one."""

    lines: tuple[Line, ...]
    new_cell: tuple[bool, ...]


@dataclass(frozen=True)
class Table:
    """A table: its rows, or none when its lines could not be read as rows."""

    start: int
    end: int
    rows: tuple[Row, ...]


@dataclass
class Regions:
    """What :func:`find_regions` found; ``cut`` are the spans of the text they occupy."""

    footnotes: list[Footnote] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    #: (start, end) of every footnote block (rule and "Footnotes" headings included)
    footnote_spans: list[tuple[int, int]] = field(default_factory=list)


# --- footnotes ------------------------------------------------------------------------

#: A footnote's mark at the start of its first line: ``*``, ``1``, ``^a`` or ``a``.
_MARK_RE = re.compile(r"(?P<mark>\*{1,3}|\d{1,3}|\^?[a-z])[ \t\u3000]+(?P<next>\S)")
#: The heading converters put above the footnotes they collect at the end.
_FOOTNOTES_HEADING_RE = re.compile(r"(?i:footnotes|notes)|脚注|注释|注")
#: A table note without a rule: ``^a Agenda item 3 ...``; in an annex also ``a 议程项目``.
_CARET_NOTE_RE = re.compile(r"\^[a-z][ \t]+\S")
_LETTER_NOTE_RE = re.compile(r"[a-z][ \t\u3000]+[A-Z\u3400-\u9fff]")
_ANNEX_RE = re.compile(
    r"(?:Annex|ANNEX|Appendix)(?:[ \t]+[IVX\d]+)?|附件(?:[一二三四五六七八九十]+)?"
)
_STOP_END_RE = re.compile(r"[。！？!?.][”’」』）)》〉\]\"']*\Z")


def _ends_sentence(line: str) -> bool:
    return _STOP_END_RE.search(line) is not None


class _Marks:
    """The footnote marks seen so far, to tell a footnote from a line that starts with a
    number: digits run 1, 2, 3 over the document, letters a, b, c."""

    def __init__(self) -> None:
        self.number: int | None = None
        self.letter: str | None = None

    def plausible(self, mark: str, after: str) -> bool:
        mark = mark.lstrip("^")
        if mark.startswith("*"):
            return True
        if mark.isdigit():
            if after in "时分月日年" or after == "/":
                return False
            return self.number is None or int(mark) == self.number + 1
        if not (after.isupper() or "\u3400" <= after <= "\u9fff"):
            return False  # "a panel discussion ..." is a line of text
        return mark == "a" or (self.letter is not None and ord(mark) == ord(self.letter) + 1)

    def take(self, mark: str) -> None:
        mark = mark.lstrip("^")
        if mark.isdigit():
            self.number = int(mark)
        elif mark.isalpha():
            self.letter = mark


def _scan_footnotes(
    text: str, lines: Sequence[Line], i: int, marks: _Marks, lang: Lang, *, unmarked: bool
) -> tuple[list[Footnote], int]:
    """The footnotes from line ``i`` on, and the index of the first line after them.

    ``unmarked``: the first line is a footnote even without a mark (right under a rule).
    """
    notes: list[Footnote] = []
    current: list[Line] = []
    label = ""
    j = i
    while j < len(lines):
        line = lines[j]
        content = text[line.start : line.end]
        if (line.page_break and current) or is_page_furniture(content):
            break
        if is_footnote_rule(content):
            break
        m = _MARK_RE.match(content)
        if m and marks.plausible(m.group("mark"), m.group("next")):
            if current:
                notes.append(Footnote(label, tuple(current)))
            marks.take(m.group("mark"))
            label, current = m.group("mark").lstrip("^"), [line]
        elif ITEM_MARKER_RE.match(content):
            break
        elif not current and unmarked:
            label, current = "", [line]
        elif current and _continues(text, current[-1], content, lang):
            current.append(line)
        else:
            break
        j += 1
    if current:
        notes.append(Footnote(label, tuple(current)))
    return notes, j


def _continues(text: str, last: Line, content: str, lang: Lang) -> bool:
    """Whether a line continues the footnote whose last line so far is ``last``."""
    if not _ends_sentence(text[max(last.start, last.end - 12) : last.end]):
        return True
    return lang is Lang.EN and content[0].islower()


# --- tables ---------------------------------------------------------------------------

_MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"
_WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
#: The header of an organization-of-work table.
_HEADER_RE = re.compile(
    r"""(?:.*Title\ or\ description.*)
      | (?:Date\b.*\b(?:Time|Item)\b.*)
      | (?:.*标题或说明.*)
      | (?:日期.*(?:时间|项目).*)""",
    re.VERBOSE,
)
_SEP = r"[ \t\u3000,，、]*"
_DATE_RE = re.compile(
    rf"""(?:(?:{_WEEKDAY}),?[ \t]+\d{{1,2}}[ \t]+(?:{_MONTH})(?:[ \t]+\d{{4}})?
         |(?:[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?,[ \t]+)?\d{{1,2}}(?:[–-]\d{{1,2}})?[ \t]+(?:{_MONTH})
           (?:[ \t]+\d{{4}})?(?:,?[ \t]+\(?(?:{_WEEKDAY})\)?)?
         |(?:{_MONTH})[ \t]+\d{{1,2}}(?:,[ \t]+\d{{4}})?
         |\d{{4}}[ \t]*年(?:[ \t]*\d{{1,2}}[ \t]*月(?:[ \t]*\d{{1,2}}[ \t]*日)?)?
           (?:{_SEP}星期[一二三四五六日天])?(?:{_SEP}[\u4e00-\u9fff]{{2,4}}(?=[ \t]|$))?
         |\d{{1,2}}[ \t]*月[ \t]*\d{{1,2}}[ \t]*日(?:{_SEP}星期[一二三四五六日天])?
        )""",
    re.VERBOSE,
)
_AMPM = r"(?:a\.m\.|p\.m\.|noon)"
_ZH_PART = r"(?:上午|下午|中午|晚上)"
_ZH_MINUTE = r"(?:[ \t]*\d{1,2}[ \t]*分)?"
_ZH_HOUR = rf"\d{{1,2}}[ \t]*时{_ZH_MINUTE}"
_TIME_RE = re.compile(
    rf"""(?:\d{{1,2}}(?:[.:]\d{{2}})?[ \t]*(?:[ap]\.m\.)?[ \t]*[–-][ \t]*\d{{1,2}}(?:[.:]\d{{2}})?
           [ \t]*{_AMPM}
         |\d{{1,2}}(?:[.:]\d{{2}})?[ \t]*[ap]\.m\.
         |{_ZH_PART}[ \t]*{_ZH_HOUR}
           (?:[ \t]*至[ \t]*{_ZH_PART}?[ \t]*(?:\d{{1,2}}(?:[ \t]*时{_ZH_MINUTE})?)?)?
        )""",
    re.VERBOSE,
)
_ONE_ITEM = r"\d{1,2}(?![\d/.:–-])(?:[ \t]*\([a-z]{1,3}\))?"
_ITEM_RE = re.compile(
    rf"""{_ONE_ITEM}(?:[ \t]*(?:and|和|及|、|,|，)[ \t]*(?:{_ONE_ITEM}|\([a-z]{{1,3}}\)))*
        (?![ \t]*(?:时|分|月|日|年|[ap]\.m\.|noon))
        (?=[ \t\u3000]|$|[\u3400-\u9fff《“（])   # "1 会议开幕", "1会议开幕" as extracted""",
    re.VERBOSE,
)
_GAP_RE = re.compile(r"[ \t\u3000,，]*")


class _Start(NamedTuple):
    date: bool
    time: bool
    item: bool

    @property
    def any(self) -> bool:
        return self.date or self.time or self.item


def _row_start(content: str) -> _Start:
    """What a table line starts with: a date, then maybe a time, then maybe an item."""
    pos = 0
    date = time = item = False
    m = _DATE_RE.match(content)
    if m:
        date, pos = True, _GAP_RE.match(content, m.end()).end()  # type: ignore[union-attr]
    m = _TIME_RE.match(content, pos)
    if m:
        time, pos = True, _GAP_RE.match(content, m.end()).end()  # type: ignore[union-attr]
    if (date or time) and pos >= len(content):
        return _Start(date, time, False)
    if _ITEM_RE.match(content, pos):
        item = True
    return _Start(date, time, item)


#: A cell of an organization-of-work table wraps over at most this many lines.
_MAX_WRAPPED = 6


def _scan_table(
    text: str, lines: Sequence[Line], i: int
) -> tuple[list[tuple[list[Line], list[bool]]], int, int]:
    """The rows of the table whose header is line ``i``, the index after the table, and
    how many rows were recognized by their start (a date, a time or an item)."""
    rows: list[tuple[list[Line], list[bool]]] = [([lines[i]], [])]
    state = _Start(True, True, True)  # the header row is complete
    recognized = 0
    run: list[int] = []  # indexes of the continuation lines in a row so far
    j = i + 1
    while j < len(lines):
        line = lines[j]
        content = text[line.start : line.end]
        if is_page_furniture(content):
            j += 1
            continue
        if (
            is_footnote_rule(content)
            or _CARET_NOTE_RE.match(content)
            or _LETTER_NOTE_RE.match(content)
            or _FOOTNOTES_HEADING_RE.fullmatch(content)
            or _ANNEX_RE.fullmatch(content)
            or _HEADER_RE.fullmatch(content)
        ):
            break
        start = _row_start(content)
        if not start.any:
            if ITEM_MARKER_RE.match(content) or (len(content) > 60 and _ends_sentence(content)):
                break  # a numbered paragraph, a sentence: the text after the table
            run.append(j)
            if len(run) > _MAX_WRAPPED:
                # no cell wraps over so many lines: the table ended before them
                del rows[-1][0][-_MAX_WRAPPED:], rows[-1][1][-_MAX_WRAPPED:]
                j = run[0]
                break
            rows[-1][0].append(line)
            rows[-1][1].append(line.indent >= 2)
            j += 1
            continue
        run = []
        if start.item and not (start.date or start.time) and state.time and not state.item:
            rows[-1][0].append(line)  # "上午 11 时至下午 1 时" then "1(a) 会议开幕"
            rows[-1][1].append(True)
            state = _Start(state.date, state.time, True)
        else:
            rows.append(([line], []))
            state = start
            recognized += 1
        j += 1
    return rows, j, recognized


# --- both -----------------------------------------------------------------------------


def find_regions(text: str, lines: Sequence[Line], lang: Lang) -> Regions:
    """The footnotes and organization-of-work tables among the ``lines`` of ``text``."""
    regions = Regions()
    marks = _Marks()
    annex = False
    i = 0
    while i < len(lines):
        line = lines[i]
        content = text[line.start : line.end]
        j = i
        notes: list[Footnote] = []
        if is_footnote_rule(content):
            notes, j = _scan_footnotes(text, lines, i + 1, marks, lang, unmarked=True)
        elif _FOOTNOTES_HEADING_RE.fullmatch(content) and i + 1 < len(lines):
            notes, j = _scan_footnotes(text, lines, i + 1, marks, lang, unmarked=False)
        elif _CARET_NOTE_RE.match(content) or (annex and _LETTER_NOTE_RE.match(content)):
            notes, j = _scan_footnotes(text, lines, i, marks, lang, unmarked=False)
        elif _HEADER_RE.fullmatch(content) and not _ends_sentence(content):
            rows, j, recognized = _scan_table(text, lines, i)
            end = max(r[0][-1].end for r in rows)
            table_rows = tuple(Row(tuple(ls), tuple(cells)) for ls, cells in rows)
            regions.tables.append(Table(line.start, end, table_rows if recognized else ()))
            i = j
            continue
        if notes:
            regions.footnotes += notes
            regions.footnote_spans.append((line.start, notes[-1].lines[-1].end))
            i = j
            continue
        annex = annex or _ANNEX_RE.fullmatch(content) is not None
        i += 1
    return regions
