"""Clean-up of text extracted from UN PDFs, with a map back to the original.

PDF extraction breaks lines mid-sentence and mid-term (``不限成员名额政府间专⏎家会议``),
puts blank lines between the pieces, and leaves page furniture in the text: job
numbers, barcodes, running headers, page numbers, footnote rules, link lines. Term
matching, segmentation and lint need whole paragraphs, but must report positions in
the user's file, so :func:`clean_pdf_text` returns the clean text together with the
original index of every clean character (:class:`CleanText`).

Every step only deletes characters or replaces a run of whitespace by one space or a
paragraph break, so each clean character is an original character (or whitespace
standing for original whitespace) and the map is monotonic.

Re-joining lines is a heuristic; it decides, for each pair of consecutive text lines,
whether the second continues the paragraph of the first:

* never when the second line opens with a paragraph or list marker (``12.``, ``(a)``,
  ``一.``) - unless it is the next letter of an enumeration run into the paragraph
  ("... (a) ...; (b) ...; and" then "(c) ...") -, when either is a table row (has
  tabs), or across a footnote rule;
* always when the first ends with a comma, an opening bracket, a hyphen or slash, an
  English function word or a Chinese particle, conjunction or preposition (的, 和,
  关于 ...), or the second starts with punctuation (or, in English, with a lower-case
  letter or a bracket: "(CAC/COSP/2017/3)."), or the paragraph so far leaves a bracket
  open ("(see⏎CAC/COSP/EG.1/2019/4), States ...");
* never in English when the first ends with a document symbol in brackets and the
  second starts with a capital: entries of a list of documents;
* in the document's title block (before any list item or sentence end), when the
  second line is the name of a body completing a title of plain words (增进《公约》下
  国际合作⏎不限成员名额政府间专家会议) or, in English, both are a name in title case
  and the second could have wrapped from the first (its first word would not have
  fitted on it); never to or from the venue and dates line ("Vienna, 31 May 2019");
* in extractions that end paragraph lines with a space and broken lines without one
  (most of the seed documents), by that trailing space;
* otherwise by the line's width against the document's right margin: a line that
  reaches the margin and does not end a sentence continues; a shorter one is a
  heading or the end of a paragraph, except from the third line of a paragraph on,
  where three quarters of the margin is enough (ragged margins). In documents whose
  lines are whole paragraphs (no margin), only very long Chinese lines continue
  (English ones never: a broken English line shows in its next line); in texts too
  short to show a margin, a line as wide as a page line (28 CJK characters, 80 Latin)
  continues.

With ``front_matter``, the masthead and the front matter are kept as lines of their own
instead of being dropped (the document reader shows them as its masthead).

A hyphen spaced on one side ("open -ended", "open- ended") is a compound's; spaced on
both sides ("open - ended", or "open -⏎ended" across a break) it is one only when the
document has the compound elsewhere or its first part is one UN English hyphenates
(open, follow, anti, non ...), and otherwise a dash ("items 1 - 3", "report - which").
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from .lang import Lang, detect_lang
from .normalize import cjk_space_spans
from .segment import ABBREVIATIONS, ITEM_MARKER_RE
from .view import Edit as _Edit
from .view import TextView

__all__ = [
    "PARAGRAPH_SEP",
    "VENUE_RE",
    "CleanText",
    "clean_pdf_text",
    "is_footnote_rule",
    "is_page_furniture",
]

#: Between two paragraphs of the clean text (each paragraph is one line).
PARAGRAPH_SEP = "\n\n"


#: The clean text and, for each of its characters, where it came from (a :class:`TextView`).
#: A character that replaced whitespace maps to whitespace: a joining space or paragraph
#: break to the line break it replaced, a collapsed run of spaces to its first space.
CleanText = TextView


def clean_pdf_text(
    text: str, lang: Lang | None = None, *, cjk_spacing: bool = True, front_matter: bool = False
) -> CleanText:
    """Remove page furniture from PDF-extracted ``text`` and re-join its broken lines.

    The result has one paragraph (or heading, list item, table row) per line, with
    :data:`PARAGRAPH_SEP` between them. ``lang`` (detected when None) decides how lines
    are joined: Chinese without a space, English with one. ``cjk_spacing`` removes the
    spaces PDF extraction puts between CJK and digits or Latin letters
    (``2019 年 5 月`` -> ``2019年5月``). ``front_matter`` keeps the masthead (``United
    Nations CAC/COSP/2017/1`` among the first lines) and the front matter (``Distr.:
    General``, its date and languages, ``Original: English``) as paragraphs of their own
    instead of dropping them (what :mod:`untm.text.document` needs to show them).
    """
    draft = TextView.identity(text)
    draft = draft.apply(_break_edits(draft.text))
    draft = draft.apply(_markup_edits(draft.text))
    context = _Context(
        draft.text,
        lang if lang is not None else detect_lang(_sample(draft.text)),
        front_matter=front_matter,
    )
    draft = draft.apply(_join_edits(context))
    draft = draft.apply(_soft_hyphen_edits(draft.text))
    draft = draft.apply(_space_edits(draft.text))
    draft = draft.apply(_hyphen_edits(draft.text))
    if cjk_spacing:
        draft = draft.apply(_cjk_space_edits(draft.text))
    return draft


# --- line breaks and markup ---------------------------------------------------------

#: Line and page breaks other than "\n" (pdftotext puts "\f" between pages), and
#: zero-width characters, which would split words for every later regex.
_BREAK_RE = re.compile(r"[\r\f\v\x1c-\x1e\x85\u2028\u2029\u200b-\u200d\u2060\ufeff]")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
#: Language detection looks at about this many characters, spread over the text.
_LANG_SAMPLE = 100_000
#: Markdown-style links left by some converters: ``[CAC/COSP/2017/CRP.5](#)`` -> the text.
_MD_LINK_RE = re.compile(r"\[([^\[\]\n]+)\]\((?:#[^\s()]*|https?://[^\s()]*)\)")


def _break_edits(text: str) -> list[_Edit]:
    """Every line break becomes "\\n" ("\\r\\n" keeps its "\\n"); zero-width chars go."""
    edits: list[_Edit] = []
    for m in _BREAK_RE.finditer(text):
        start = m.start()
        crlf = m.group() == "\r" and text.startswith("\n", start + 1)
        drop = crlf or m.group() in _ZERO_WIDTH
        edits.append((start, start + 1, "" if drop else "\n"))
    return edits


def _sample(text: str) -> str:
    """Every k-th character of a long text: enough to tell its language, much faster."""
    return text if len(text) <= _LANG_SAMPLE else text[:: len(text) // _LANG_SAMPLE + 1]


def _markup_edits(text: str) -> list[_Edit]:
    edits: list[_Edit] = []
    for m in _MD_LINK_RE.finditer(text):
        edits += ((m.start(), m.start(1), ""), (m.end(1), m.end(), ""))
    return edits


# --- lines and page furniture -------------------------------------------------------

#: Whitespace within a line (after :func:`_break_edits`, every other space is "\n").
_HSPACE = " \t\x1f\xa0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
#: What is stripped from line ends: spaces, and soft hyphens (a line-end one is seen by
#: the join, which drops it).
_EDGE = _HSPACE + "\u00ad"
#: Trailing spaces that PDF extraction leaves at the end of a text block (not tabs,
#: which end table rows).
_TRAILING = " \xa0\u3000"
_HS = "[ \t\xa0\u3000]"

#: A UN document symbol with at least two slashes: CAC/COSP/EG.1/2017/3, A/RES/58/4,
#: CAC/COSP/WG.4/2020/1/Rev.1* (the star marks a reissue).
_SYMBOL = r"[A-Z][A-Z0-9]*(?:\.\d+)?(?:/[A-Za-z0-9]+(?:\.\d+)?){2,}\*?"
#: A job number, its language letter and print dates: V.20-04026 (C) 030820 270820.
_JOB = rf"(?:[A-Z]{{1,2}}\.)?\d{{2}}-\d{{4,5}}(?:{_HS}*\([A-Z]\))?(?:{_HS}+\d{{6}}){{0,2}}"
#: A barcode rendered as text (*2004026*), and a page number "3/6" of a running header.
_BARCODE = r"\*[0-9A-Z]{6,10}\*"
_PAGE_OF = r"\d{1,3}/\d{1,3}"
_HEADER_TOKEN = rf"(?:{_SYMBOL}|{_JOB}|{_BARCODE}|{_PAGE_OF})"

#: A whole line that is page furniture.
_PAGE_FURNITURE_RE = re.compile(
    rf"""{_HEADER_TOKEN}(?:{_HS}+{_HEADER_TOKEN})*   # running header or footer, job number
    | (?:-[ ]?)?\d{{1,3}}(?:[ ]?-)?                     # a standalone page number, "- 3 -"
    | 联{_HS}+合{_HS}+国(?:{_HS}+{_SYMBOL})?            # the letter-spaced masthead 联 合 国
    | United{_HS}+Nations{_HS}+{_SYMBOL}                # the English masthead
    | https?://(?:www\.)?undocs\.org/\S*                # a line left by the PDF's links
    """,
    re.VERBOSE,
)
#: The rule above the footnotes of a page.
_RULE_RE = re.compile(r"_{5,}")
#: The front matter: "Distr.: General", then the date and the language of the version,
#: and "Original: English".
_DISTR_RE = re.compile(r"Distr\.:?[ ]*(?:General|Limited|Restricted)")
_ORIGINAL_RE = re.compile(r"Original:[ ]*[A-Z][a-z]+(?:(?:[ ]*/[ ]*|[ ]+and[ ]+)[A-Z][a-z]+)*")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_FRONT_MATTER_RE = re.compile(
    rf"\d{{1,2}}[ ]+(?:{_MONTHS})[ ]+\d{{4}}|Arabic|Chinese|English|French|Russian|Spanish"
)
#: How many lines after "Distr.:" can still be front matter.
_FRONT_MATTER_LINES = 4
#: The masthead among the first lines of a document: "United Nations" or "联 合 国" with
#: the symbol, or the symbol alone (kept with ``front_matter``; elsewhere page furniture).
_MASTHEAD_RE = re.compile(
    rf"(?:United{_HS}+Nations|联{_HS}*合{_HS}*国)(?:{_HS}+{_SYMBOL})?|{_SYMBOL}"
)
#: How many lines from the top can be the masthead.
_MASTHEAD_LINES = 3


def is_page_furniture(line: str) -> bool:
    """Whether a line (stripped or not) is page furniture that the clean-up drops: a job
    number, barcode, running header or footer, page number or link line."""
    return _PAGE_FURNITURE_RE.fullmatch(line.strip(_EDGE)) is not None


def is_footnote_rule(line: str) -> bool:
    """Whether a line is the rule above the footnotes of a page (``__________``)."""
    return _RULE_RE.fullmatch(line.strip(_EDGE)) is not None


class _Kind(Enum):
    TEXT = "text"
    TABLE = "table"  # a row of a table flattened with tabs: never joined
    RULE = "rule"  # a footnote rule: a paragraph boundary, footnotes follow
    PAGE = "page"  # page furniture: dropped, paragraphs continue across it
    FRONT = "front"  # front matter: dropped, a paragraph boundary


class _Line(NamedTuple):
    start: int  # first non-space character
    end: int  # after the last non-space character
    kind: _Kind
    trailing: bool  # the line ended with a space (a block end in some extractions)
    row: int  # line number, to tell adjacent lines from lines with a blank between
    width: int  # display width: CJK and full-width characters count two


def _scan(text: str, front_matter: bool = False) -> list[_Line]:
    """The non-blank lines of ``text``, classified.

    With ``front_matter``, a masthead among the first lines is front matter, not furniture.
    """
    lines: list[_Line] = []
    pos = 0
    front = 0
    for row, raw in enumerate(text.split("\n")):
        content = raw.strip(_EDGE)
        if content:
            kind, front = _classify(content, front)
            if (
                front_matter
                and kind is _Kind.PAGE
                and len(lines) < _MASTHEAD_LINES
                and _MASTHEAD_RE.fullmatch(content)
            ):
                kind = _Kind.FRONT
            start = pos + raw.find(content)
            width = (len(content.encode("utf-8", "surrogatepass")) + len(content)) // 2
            trailing = raw[-1] in _TRAILING
            lines.append(_Line(start, start + len(content), kind, trailing, row, width))
        pos += len(raw) + 1
    return lines


def _classify(content: str, front: int) -> tuple[_Kind, int]:
    """The kind of a stripped line, and how many more lines may be front matter."""
    if _PAGE_FURNITURE_RE.fullmatch(content):
        return _Kind.PAGE, front
    if _RULE_RE.fullmatch(content):
        return _Kind.RULE, 0
    if _DISTR_RE.fullmatch(content):
        return _Kind.FRONT, _FRONT_MATTER_LINES
    if _ORIGINAL_RE.fullmatch(content) or (front and _FRONT_MATTER_RE.fullmatch(content)):
        return _Kind.FRONT, max(0, front - 1)
    return (_Kind.TABLE if "\t" in content else _Kind.TEXT), 0


# --- the document's layout ----------------------------------------------------------

#: Lines narrower than this are ignored when finding the right margin.
_MIN_WIDTH = 10
#: In a layout with a right margin, the 90th percentile of line widths is at most this
#: much above the 75th; in one with a paragraph per line they spread much wider.
_MARGIN_SPREAD = 1.25
#: A line at least this fraction of the margin reaches it (ragged ends, wide Latin).
_FULL_FRACTION = 0.85
#: Without a margin, only lines this wide (50 CJK characters) are taken as broken.
_LONG_PARAGRAPH_LINE = 100
#: In a text too short to show its margin (a paragraph or two pasted from a PDF), lines
#: at least this wide reach the margin: 28 CJK characters (a Chinese UN page has about
#: 38 a line, headings and title lines rarely more than 25), 80 Latin (about 90).
_SHORT_TEXT_FULL = {Lang.ZH: 56, Lang.EN: 80}


@dataclass(frozen=True, slots=True)
class _Layout:
    trailing_signal: bool  # paragraph lines end with a space, broken lines do not
    full_width: float  # a line at least this wide runs to the right margin
    paragraph_lines: bool  # no right margin: lines are mostly whole paragraphs
    single_spaced: bool  # blank lines separate paragraphs (so adjacency means something)


def _layout(lines: Sequence[_Line], lang: Lang) -> _Layout:
    text_lines = [line for line in lines if line.kind is _Kind.TEXT]
    trailing = sum(line.trailing for line in text_lines)
    plain = len(text_lines) - trailing
    signal = min(trailing, plain) >= 3 and 0.15 <= trailing / len(text_lines) <= 0.9
    widths = sorted(line.width for line in text_lines if line.width >= _MIN_WIDTH)
    full, paragraphs = float("inf"), False
    if len(widths) >= 5:
        p75, p90 = widths[(len(widths) - 1) * 3 // 4], widths[(len(widths) - 1) * 9 // 10]
        paragraphs = p90 > _MARGIN_SPREAD * p75
        full = _LONG_PARAGRAPH_LINE if paragraphs else _FULL_FRACTION * p75
    else:
        full = _SHORT_TEXT_FULL[lang]
    pairs = list(itertools.pairwise(text_lines))
    adjacent = sum(b.row == a.row + 1 for a, b in pairs)
    return _Layout(signal, full, paragraphs, adjacent * 2 > len(pairs))


# --- joining lines ------------------------------------------------------------------

#: Characters a paragraph can end with: a sentence end, with closing quotes/brackets.
_SENTENCE_END_RE = re.compile(r"[。！？!?.][”’」』）)》〉\]\"']*\Z")
_LAST_WORD_RE = re.compile(r"\S+\Z")
#: A line end that cannot end a paragraph: a comma, an opening bracket or quote, a
#: hyphen, dash or slash; in English also a function word.
_CONTINUES_RE = re.compile(r"[，、,（(《〈「『“‘\[{/\-–—]\Z")
_EN_CONTINUES_RE = re.compile(
    r"""(?<![A-Za-z])(?:a|an|and|as|at|between|by|for|from|in|into|its|of|on|or|such
                       |than|that|the|their|to|under|which|with|against)\Z""",
    re.VERBOSE,
)
#: A Chinese line end that cannot end a paragraph or heading: the particle 的 (not in 目的),
#: a conjunction (和, 或, 及, 以及, 并) or a preposition waiting for its object (关于, 对于,
#: 由于, 基于, 鉴于, 根据, 按照, 依照, 为了 and every other ...于). Words that end with these
#: characters but can end a heading (目的, 总和, 缓和, 普及, 合并) are excluded.
_ZH_CONTINUES_RE = re.compile(
    r"(?:(?<!目)的|(?<![总缓调平温共])和|或|(?<![普])及|(?<![合吞兼])并|于|根据|按照|依照|为了)\Z"
)
#: A Chinese title line that continues the line above it in a document's title block:
#: the name of a body (增进《联合国反腐败公约》下国际合作⏎不限成员名额政府间专家会议;
#: 联合国反腐败公约⏎缔约国会议).
_ZH_BODY_NAME_RE = re.compile(r"[^\W\d_]+(?:会议|工作组|专家组|审议组|委员会|理事会|大会)")
#: The venue and dates line of a title block, always a line of its own: "Vienna, 6–10
#: November 2017", "2019 年 5 月 31 日，维也纳".
VENUE_RE = re.compile(
    r"""[A-Z][A-Za-z.'’ -]{1,40},\s+[^.;:]*\b(?:19|20)\d\d
      | (?:19|20)\d\d\s*年[^。；：]*[，,]\s*[\u4e00-\u9fff]{2,8}
      | [\u4e00-\u9fff]{2,8}[，,]\s*(?:19|20)\d\d\s*年[^。；：]*""",
    re.VERBOSE,
)
#: Characters a line cannot start with unless it continues the previous one.
_NEVER_STARTS = frozenset("，。、；：？！）》〉」』”’,.;:?!)]}%")
#: A line ending with a parenthesis holding a document symbol: a list entry
#: "秘书处的说明（CAC/COSP/2017/3）", not a broken sentence, in a paragraph-per-line text.
_REFERENCE_END_RE = re.compile(rf"[（(][^（()）]*{_SYMBOL}[^（()）]*[）)]\Z")
#: A footnote's first line: "1 See ...", "* Reissued ...", "a Agenda item ...".
_FOOTNOTE_START_RE = re.compile(r"(?:\d{1,3}|\*{1,3}|[a-z])[ \t]+\S")
#: After a footnote rule, this many lines may be footnotes (up to the page footer).
_FOOTNOTE_LINES = 15
#: The tail of a line that the end tests look at.
_TAIL = 12
_HYPHENS = "-\u2010"
_SOFT_HYPHEN = "\u00ad"
#: First parts of compounds that keep their hyphen across a line break when the
#: document does not tell (open-ended, follow-up, non-governmental, anti-corruption).
_COMPOUND_HEADS = frozenset(
    (
        *("open", "follow", "non", "anti", "self", "well", "cross", "so", "ex", "capacity"),
        *("high", "long", "short", "medium", "mid", "multi", "full"),
        *("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"),
    )
)
#: An English word or hyphenated compound, also as PDF extraction spaces it on one side
#: of the hyphen ("open -ended", "open- ended"), but not a dash between spaces.
_WORD_RE = re.compile(r"[A-Za-z]+(?:(?:-[ ]?|[ ]-(?=[A-Za-z]))[A-Za-z]+)*")
_LETTERS_END_RE = re.compile(r"[A-Za-z]+\Z")
_LETTERS_RE = re.compile(r"[A-Za-z]+")
#: Words after a spaced hyphen that show it is a dash, not a broken compound.
_NOT_COMPOUND_TAILS = frozenset(
    (
        *("a", "an", "and", "as", "at", "by", "for", "in", "is", "it", "nor", "of", "on", "or"),
        *("that", "the", "this", "to", "was", "which", "who", "with"),
    )
)


def _vocabulary(text: str) -> frozenset[str]:
    """Lower-case English words and hyphenated compounds of ``text`` (spaces dropped)."""
    return frozenset(w.lower().replace(" ", "") for w in _WORD_RE.findall(text))


class _Context:
    """The text being joined, its language and layout, and (lazily) its vocabulary."""

    def __init__(self, text: str, lang: Lang, front_matter: bool = False) -> None:
        self.text = text
        self.lang = lang
        self.front_matter = front_matter
        self.lines = _scan(text, front_matter)
        self.layout = _layout(self.lines, lang)

    @functools.cached_property
    def vocabulary(self) -> frozenset[str]:
        """Lower-case English words and hyphenated compounds of the text."""
        return _vocabulary(self.text)

    def tail(self, line: _Line) -> str:
        return self.text[max(line.start, line.end - _TAIL) : line.end]


def _join_edits(ctx: _Context) -> list[_Edit]:
    """Edits that drop furniture and blank lines and join or separate the text lines."""
    edits: list[_Edit] = []
    prev: _Line | None = None
    boundary = False
    footnotes = 0  # lines left in which a footnote may start
    title = True  # still in the title block: no item marker nor sentence end seen yet
    para = _Paragraph(0, False)  # the paragraph being built: its start, whether joined
    for line in ctx.lines:
        kept_front = line.kind is _Kind.FRONT and ctx.front_matter
        if line.kind in (_Kind.RULE, _Kind.FRONT, _Kind.PAGE) and not kept_front:
            boundary = boundary or line.kind is not _Kind.PAGE
            footnotes = _FOOTNOTE_LINES if line.kind is _Kind.RULE else 0
            continue
        if not kept_front:
            title = title and not (
                ITEM_MARKER_RE.match(ctx.text, line.start) or _ends_sentence(ctx.tail(line))
            )
        if prev is None:
            edits.append((0, line.start, ""))
            para = _Paragraph(line.start, False)
        elif not (boundary or kept_front or (title and _is_venue(ctx, prev, line))) and (
            (title and _continues_title(ctx, prev, line))
            or _joins(ctx, prev, line, footnotes > 0, para)
        ):
            edits += _gap(ctx.text, *_glue(ctx, prev, line), line.start)
            para = _Paragraph(para.start, True)
        else:
            edits += _gap(ctx.text, prev.end, PARAGRAPH_SEP, line.start)
            para = _Paragraph(line.start, False)
        prev, boundary, footnotes = line, kept_front, max(0, footnotes - 1)
    edits.append((prev.end if prev else 0, len(ctx.text), ""))
    return edits


class _Paragraph(NamedTuple):
    start: int  # where the paragraph being built starts
    joined: bool  # its last line was joined to the line before


def _gap(text: str, start: int, glue: str, end: int) -> list[_Edit]:
    """Replace the gap between two lines by ``glue``, which maps to the gap's line break."""
    if not glue:
        return [(start, end, "")]
    newline = text.index("\n", start, end)
    return [(start, newline, ""), (newline, end, glue)]


def _joins(
    ctx: _Context,
    prev: _Line,
    line: _Line,
    in_footnotes: bool,
    para: _Paragraph | None = None,
) -> bool:
    """Whether ``line`` continues the paragraph of ``prev`` (see the module docstring)."""
    text, layout = ctx.text, ctx.layout
    if _Kind.TABLE in (prev.kind, line.kind):
        return False
    tail, first = ctx.tail(prev), text[line.start]
    marker = ITEM_MARKER_RE.match(text, line.start)
    if marker:
        if ctx.lang is Lang.EN and _PROVISION_END_RE.search(tail) and marker.group()[-1] == ")":
            return True  # "in accordance with article 1" then "(b) of the Convention"
        return para is not None and _continues_enumeration(ctx, para, prev, marker.group())
    if in_footnotes and not layout.trailing_signal and _FOOTNOTE_START_RE.match(text, line.start):
        return False
    if text.startswith(_SOFT_HYPHEN, prev.end) or first in _NEVER_STARTS:
        return True
    if _CONTINUES_RE.search(tail):
        return True
    if ctx.lang is Lang.EN and (first.islower() or first == "(" or _EN_CONTINUES_RE.search(tail)):
        return True
    if ctx.lang is Lang.ZH and _ZH_CONTINUES_RE.search(tail):
        return True
    ends = _ends_sentence(tail)
    english = ctx.lang is Lang.EN
    if para is not None and not ends and _open_bracket(text, para.start, prev.end):
        return True
    if ctx.lang is Lang.EN and first.isupper() and _ends_with_reference(ctx, prev):
        return False  # "... (CAC/COSP/2017/12)" then "Note by the Secretariat ...": a list
    if layout.trailing_signal:
        return not prev.trailing
    full = prev.width >= layout.full_width
    if ends:
        return (
            full
            and layout.single_spaced
            and line.row == prev.row + 1
            and not (layout.paragraph_lines and english)
        )
    if layout.paragraph_lines and (ctx.lang is Lang.EN or _is_entry(ctx, prev)):
        return False  # whole paragraphs per line: English breaks show in the next line
    if para is not None and para.joined and not _ends_clause(tail):
        # the third line of a paragraph or later: a line that ends without a stop ends
        # a paragraph only when it is short (its last line)
        return prev.width >= _CONTINUED_FRACTION * layout.full_width
    return full


#: In a paragraph already two lines long, a line at least this fraction of the margin
#: that ends without a stop does not end it.
_CONTINUED_FRACTION = 0.75
_CLAUSE_END_RE = re.compile(r"[:;：；][”’」』）)\]\"']*\Z")
#: A lower-case letter item marker: "(c)" continues "... (a) ...; (b) ...; and".
_LETTER_ITEM_RE = re.compile(r"[ \t]*\(([b-z])\)\Z")


#: A line end that a subparagraph marker on the next line completes: "article 1", "(b)".
_PROVISION_END_RE = re.compile(
    r"\b(?:article|paragraph|subparagraph|item|rule)s?[ ]+\d{1,3}\Z", re.IGNORECASE
)


def _ends_clause(tail: str) -> bool:
    return _ends_sentence(tail) or _CLAUSE_END_RE.search(tail) is not None


def _open_bracket(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` leaves a parenthesis open (a line break inside it)."""
    part = text[start:end]
    return part.count("(") + part.count("（") > part.count(")") + part.count("）")


def _continues_enumeration(ctx: _Context, para: _Paragraph, prev: _Line, marker: str) -> bool:
    """Whether an item marker at a line start continues an enumeration run into the
    paragraph ("... related to: (a) ...; (b) ...; and" then "(c) the absence ...")."""
    m = _LETTER_ITEM_RE.fullmatch(marker)
    if m is None or _ends_sentence(ctx.tail(prev)):
        return False
    before = f"({chr(ord(m.group(1)) - 1)})"
    found = ctx.text.find(before, para.start, prev.end)
    return found > para.start and not ctx.text[para.start : found].isspace()


#: A line of an English name in title case: "Open-ended Intergovernmental Expert Meeting
#: to Enhance", "International Cooperation under the United Nations".
_EN_TITLE_WORD = r"(?:[A-Z][A-Za-z'’]*(?:-[A-Za-z]+)*|of|the|to|under|against|and|on|for|in|with)"
_EN_TITLE_LINE_RE = re.compile(rf"{_EN_TITLE_WORD}(?:[ ]+{_EN_TITLE_WORD})*")


def _is_venue(ctx: _Context, prev: _Line, line: _Line) -> bool:
    """Whether either line is the venue and dates line of the title block."""
    return any(
        VENUE_RE.fullmatch(ctx.text, x.start, x.end) is not None
        for x in (prev, line)
        if x.end - x.start <= 60
    )


def _continues_title(ctx: _Context, prev: _Line, line: _Line) -> bool:
    """Whether ``line`` is the rest of a title begun on ``prev``.

    Only in the title block. In Chinese, for two lines of plain words (no punctuation
    but title marks, no digits) where the second is the name of a body and the first
    does not already end with one: a title broken before the body's name. In English,
    for two lines of a name in title case (every word capitalized but function words),
    in a layout with a right margin (in a paragraph per line, each is a whole title).
    """
    if _Kind.TABLE in (prev.kind, line.kind):
        return False
    if ctx.lang is Lang.EN:
        return (
            not ctx.layout.paragraph_lines
            and _could_wrap(ctx, prev, line)
            and _EN_TITLE_LINE_RE.fullmatch(ctx.text, prev.start, prev.end) is not None
            and _EN_TITLE_LINE_RE.fullmatch(ctx.text, line.start, line.end) is not None
        )
    first = ctx.text[prev.start : prev.end].replace("《", "").replace("》", "")
    second = ctx.text[line.start : line.end]
    return (
        _ZH_BODY_NAME_RE.fullmatch(second) is not None
        and re.fullmatch(r"[^\W\d_]+", first) is not None
        and _ZH_BODY_NAME_RE.fullmatch(first) is None
    )


def _could_wrap(ctx: _Context, prev: _Line, line: _Line) -> bool:
    """Whether ``line`` can be the wrapped rest of ``prev``: its first word would not
    have fitted on ``prev`` in a column as wide as ``line`` ("against Corruption" is not
    wrapped before the longer "Open-ended Intergovernmental Expert Meeting ...")."""
    word = _FIRST_WORD_RE.match(ctx.text, line.start, line.end)
    first = len(word.group()) if word else 0
    return prev.width + 1 + first >= line.width


_FIRST_WORD_RE = re.compile(r"\S+")


def _ends_sentence(tail: str) -> bool:
    """Whether a line ending in ``tail`` ends a sentence (``para.`` does not)."""
    m = _SENTENCE_END_RE.search(tail)
    if m is None:
        return False
    if tail[m.start()] != ".":
        return True
    word = _LAST_WORD_RE.search(tail, 0, m.start() + 1)
    return word is None or word.group() not in ABBREVIATIONS


def _is_entry(ctx: _Context, line: _Line) -> bool:
    """A heading or list entry: opens with a marker or ends with a document reference."""
    return ITEM_MARKER_RE.match(ctx.text, line.start) is not None or _ends_with_reference(ctx, line)


def _ends_with_reference(ctx: _Context, line: _Line) -> bool:
    """Whether a line ends with a document symbol in brackets: ``... (CAC/COSP/2017/3)``."""
    end = ctx.text[max(line.start, line.end - 80) : line.end]
    return _REFERENCE_END_RE.search(end) is not None


def _glue(ctx: _Context, prev: _Line, line: _Line) -> tuple[int, str]:
    """Where the join of ``line`` to ``prev`` starts, and what goes between them.

    Nothing (Chinese, a hyphen or slash), one space (English, Latin words in Chinese);
    a line-end hyphen is dropped when it only split a word (and a soft hyphen always).
    """
    text = ctx.text
    last, first = text[prev.end - 1], text[line.start]
    before = text[prev.end - 2] if prev.end - prev.start >= 2 else " "
    if text.startswith(_SOFT_HYPHEN, prev.end):
        return prev.end, ""
    if last in _HYPHENS and before.isalpha() and first.isalpha():
        drop = first.islower() and not _keeps_hyphen(ctx, prev, line)
        return (prev.end - 1 if drop else prev.end), ""
    if last == "-" and before == " " and first.islower() and _spaced_compound(ctx, prev, line):
        return prev.end, ""  # "open -⏎ended" -> "open -ended", repaired by _hyphen_edits
    if last == "/" or first in _NEVER_STARTS or (last in "-–" and not before.isspace()):
        return prev.end, ""
    latin = last.isascii() and last.isalnum() and first.isascii() and first.isalnum()
    return prev.end, " " if ctx.lang is Lang.EN or latin else ""


def _spaced_compound(ctx: _Context, prev: _Line, line: _Line) -> bool:
    """Whether "open -⏎ended" (a space before the line-end hyphen) is a compound."""
    head = _LETTERS_END_RE.search(ctx.text, max(prev.start, prev.end - 40), prev.end - 2)
    rest = _LETTERS_RE.match(ctx.text, line.start)
    if head is None or rest is None:
        return False
    return _is_compound(head.group(), rest.group(), ctx.vocabulary)


def _is_compound(head: str, rest: str, vocabulary: frozenset[str]) -> bool:
    """Whether ``head``, a hyphen and ``rest`` spaced apart make a compound, not a dash.

    When the document has the compound elsewhere, or ``head`` is one of the first
    parts UN English hyphenates, unless ``rest`` is a function word (``full - the``).
    """
    a, b = head.lower(), rest.lower()
    if b in _NOT_COMPOUND_TAILS:
        return False
    return f"{a}-{b}" in vocabulary or a in _COMPOUND_HEADS


def _keeps_hyphen(ctx: _Context, prev: _Line, line: _Line) -> bool:
    """Whether "inter-⏎governmental" is a compound (keep "-") or a hyphenated word.

    The document decides when it has either form elsewhere; otherwise a few first parts
    that UN English hyphenates keep it.
    """
    head = _LETTERS_END_RE.search(ctx.text, max(prev.start, prev.end - 40), prev.end - 1)
    rest = _LETTERS_RE.match(ctx.text, line.start)
    if head is None or rest is None:
        return True
    a, b = head.group().lower(), rest.group().lower()
    if f"{a}-{b}" in ctx.vocabulary:
        return True
    if a + b in ctx.vocabulary:
        return False
    return a in _COMPOUND_HEADS


# --- within lines -------------------------------------------------------------------

#: A run of spaces, or one odd space (no-break, ideographic): one space, or a tab if
#: the run has one (tabs separate the cells of flattened tables).
_NEWLINE_RE = re.compile(r"\n")
_SOFT_HYPHEN_RE = re.compile(_SOFT_HYPHEN + "+")
_SPACE_RUN_RE = re.compile(r"[^\S\n]{2,}|[^\S\n \t]")
#: The space PDF extraction puts on one side of a compound's hyphen:
#: "open -ended", "open- ended" -> "open-ended". Not in "pre- and post-trial" (a
#: suspended hyphen) nor "items 1 - 3" (a dash between spaces).
_HYPHEN_SPACE_RE = re.compile(
    r"(?<=[A-Za-z])[ ](?=-[a-z])|(?<=[A-Za-z]-)[ ](?!(?:and|or|nor|to)\b)(?=[a-z])"
)


def _soft_hyphen_edits(text: str) -> list[_Edit]:
    """Soft hyphens left inside lines (those ending a line went with the join)."""
    return [(m.start(), m.end(), "") for m in _SOFT_HYPHEN_RE.finditer(text)]


def _space_edits(text: str) -> list[_Edit]:
    return [
        (m.start(), m.end(), "\t" if "\t" in m.group() else " ")
        for m in _SPACE_RUN_RE.finditer(text)
    ]


#: A hyphen with a space on both sides between two words: a dash, or a compound that
#: PDF extraction spaced ("open - ended"); :func:`_is_compound` decides.
_SPACED_HYPHEN_RE = re.compile(r"\b([A-Za-z]+)[ ]-[ ]([a-z]+)\b")


def _hyphen_edits(text: str) -> list[_Edit]:
    """Spaces around the hyphens of compounds: "open -ended", "open- ended", and
    "open - ended" when it is a compound (not "items 1 - 3" nor "report - which")."""
    edits = [(m.start(), m.end(), "") for m in _HYPHEN_SPACE_RE.finditer(text)]
    if " - " in text:
        vocabulary = _vocabulary(text)
        for m in _SPACED_HYPHEN_RE.finditer(text):
            if _is_compound(m.group(1), m.group(2), vocabulary):
                edits += ((m.end(1), m.end(1) + 1, ""), (m.start(2) - 1, m.start(2), ""))
    return sorted(edits)


def _cjk_space_edits(text: str) -> list[_Edit]:
    """The spaces :func:`~untm.text.normalize.fold_cjk_spacing` removes.

    Except tabs (table cells) and the space after a marker opening a paragraph, which
    is what marks "(a) 会议开幕" as a list item.
    """
    markers = _marker_ends(text)
    return [
        (s, e, "")
        for s, e in cjk_space_spans(text)
        if s not in markers and text.find("\t", s, e) < 0
    ]


def _marker_ends(text: str) -> set[int]:
    """Where the paragraph markers (``(a)``, ``1.``) of ``text`` end."""
    starts = [0, *(m.end() for m in _NEWLINE_RE.finditer(text))]
    return {m.end() for m in (ITEM_MARKER_RE.match(text, s) for s in starts) if m}
