"""UN documents read into segments: what the sentence aligner and the memory take in.

:func:`read_document` reads a Chinese or English UN document, as text extracted from a
PDF (``.txt``), as ``.pdf`` (its text layer) or as ``.docx``, and returns a
:class:`Document`: a sequence of :class:`Segment` in document order, each a sentence,
heading, agenda item, list item, table row or footnote with its :class:`BlockKind`, its
label (``12.``, ``(a)``, a footnote's mark) and its place in the original text. Both
languages go through the same steps:

1. **Regions** (:mod:`untm.text.regions`): footnotes (under a footnote rule, table notes,
   a ``Footnotes`` section) and organization-of-work tables are found in the lines and
   taken out of the running text; each footnote and each table row becomes one line.
2. **Clean-up** (:func:`untm.text.clean.clean_pdf_text`): page furniture removed,
   broken lines re-joined, the masthead and front matter kept as lines of their own.
3. **Structure**: each paragraph gets its kind: the masthead (``United Nations``, the
   symbol, ``Distr.: General``, date, languages, ``Original: English``), the title block
   (body, session, venue and date, the document's title), agenda items and sub-items
   (in the agenda and as headings of the annotations), headings, numbered paragraphs,
   list items (after a colon, in a list of documents), table rows. A heading that the
   clean-up ran into the paragraph after it (a page break between them) is split off
   when the agenda has it.
4. **Sentences** (:func:`untm.text.segment.split_sentences`): paragraphs, list items and
   footnotes are split into sentences; headings, the masthead, title lines and table
   rows are one segment each. Sentences of one paragraph share its ``block``.

Footnotes come last, in their order, with kind ``FOOTNOTE``. A table whose lines cannot
be read as rows is left out and reported in :attr:`Document.left_out`.

:func:`read_presegmented` reads a file that already has one segment per line (the
corpus's sentence files) into the same record.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from os import PathLike

import numpy as np

from .._io import decode, display_name, read_bytes
from ..errors import FormatError, LanguageError
from .clean import PARAGRAPH_SEP, VENUE_RE, clean_pdf_text
from .extract import Extracted, LeftOut, extract
from .lang import Lang, detect_lang, has_cjk
from .normalize import cjk_space_spans
from .regions import Footnote, Row, find_regions, scan_lines
from .segment import ITEM_MARKER_RE, split_sentences
from .view import Edit, TextView

__all__ = [
    "BlockKind",
    "Document",
    "LeftOut",
    "Segment",
    "document_from_text",
    "read_document",
    "read_presegmented",
]


class BlockKind(StrEnum):
    """What a segment is in the document's structure."""

    MASTHEAD = "masthead"  # United Nations, the symbol, Distr.: General, date, Original: ...
    TITLE = "title"  # body, session, venue and date, the document's title
    AGENDA_ITEM = "agenda_item"  # "1. Opening of the meeting.", in the agenda or as a heading
    SUB_ITEM = "sub_item"  # "(a) Election of officers"
    HEADING = "heading"  # "I. Introduction", "Documentation", "附件"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"  # "(a) ...;" after a colon, an entry of a list of documents
    TABLE_ROW = "table_row"  # one row, cells separated by two spaces
    FOOTNOTE = "footnote"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Segment:
    """One segment: ``text`` is clean and on one line; ``start:end`` is where it is in
    :attr:`Document.text` (what was removed inside, a line break or page furniture,
    included). ``label`` is its block's paragraph number, item marker or footnote mark
    (the text of the block's first segment starts with it); ``block`` is the index of
    its block, shared by the sentences of a paragraph."""

    kind: BlockKind
    text: str
    start: int
    end: int
    label: str = ""
    block: int = 0


@dataclass(frozen=True)
class Document:
    """A document read into segments (see the module docstring)."""

    name: str  # the file as given ("<stdin>" for "-")
    lang: Lang
    symbol: str | None  # the document symbol, when found (CAC/COSP/EG.1/2019/1)
    segments: tuple[Segment, ...]
    #: The text that segment offsets point into: the file's text, or the text taken
    #: from a PDF's text layer or a .docx.
    text: str = field(repr=False)
    format: str = "text"  # "text", "pdf", "docx", "segments"
    left_out: tuple[LeftOut, ...] = ()

    @property
    def tables_dropped(self) -> int:
        """How many tables were left out because they could not be read as rows."""
        return sum(item.kind == "table" for item in self.left_out)

    def blocks(self) -> Iterator[tuple[Segment, ...]]:
        """The segments grouped by block (a paragraph's sentences together)."""
        group: list[Segment] = []
        for segment in self.segments:
            if group and segment.block != group[-1].block:
                yield tuple(group)
                group = []
            group.append(segment)
        if group:
            yield tuple(group)


# --- reading --------------------------------------------------------------------------


def read_document(source: str | PathLike[str], lang: Lang | None = None) -> Document:
    """Read a UN document (``.txt``, ``.pdf`` or ``.docx``, by extension and content).

    ``lang`` is the language the document must be in (detected when None); a document
    in the other language raises :class:`~untm.errors.LanguageError`. Files that cannot
    be used (empty, undecodable, a PDF without a text layer, a damaged .docx) raise
    :class:`~untm.errors.InputError` with the file's name.
    """
    data = read_bytes(source)
    extracted = extract(data, source)
    return _document(source, extracted, lang)


def document_from_text(
    text: str, lang: Lang | None = None, name: str = "<text>", *, format: str = "text"
) -> Document:
    """:func:`read_document` for a text already in memory (PDF-extracted or clean)."""
    return _document(name, Extracted(text, format), lang)


def read_presegmented(source: str | PathLike[str], lang: Lang | None = None) -> Document:
    """Read a file with one segment per line (a sentence file), as it is.

    Lines are not joined, split or cleaned; each is its own block, with its kind
    guessed from the line: the masthead and title lines at the top, agenda items,
    headings and list items by their markers, table rows by their cell gaps, footnotes
    by their marks at the end of the file, and paragraphs otherwise.
    """
    text = decode(read_bytes(source), source)
    lang = _checked_lang(source, text, lang)
    blocks: list[_Block] = []
    view = TextView.identity(text)
    pos = 0
    for raw in text.splitlines(keepends=True):
        content = raw.strip()
        if content:
            start = pos + raw.index(content)
            hint = BlockKind.TABLE_ROW if _CELL_GAP_RE.search(content) else None
            blocks.append(_Block(_sub(view, start, start + len(content)), hint))
        pos += len(raw)
    _mark_trailing_footnotes(blocks)
    return _finish(source, lang, text, "segments", blocks, [], split=False)


# --- the pipeline ---------------------------------------------------------------------


@dataclass
class _Block:
    view: TextView  # one line of clean text, with offsets into the document's text
    hint: BlockKind | None = None  # kind known from the source (a table row, a footnote)
    label: str = ""


#: Stands in the running text for a table taken out of it, so that the clean-up does
#: not join the paragraphs on either side (a line with a tab is a table row to it).
_PLACEHOLDER = "\ue000\t\ue000"
_CELL_GAP_RE = re.compile(r"\S(?:[ ]{2,}|\t)\S")


def _document(source: str | PathLike[str], extracted: Extracted, lang: Lang | None) -> Document:
    text = extracted.text
    lang = _checked_lang(source, text, lang)
    left_out = list(extracted.left_out)
    if extracted.blocks is not None:
        view = _tidy(TextView.identity(text))
        blocks = []
        for start, end, hint, label in extracted.blocks:
            a, b = _view_span(view, start, end)
            if a < b:
                blocks.append(_Block(_sub(view, a, b), BlockKind(hint) if hint else None, label))
    else:
        blocks = _text_blocks(text, lang, left_out)
    return _finish(source, lang, text, extracted.format, blocks, left_out, split=True)


def _checked_lang(source: str | PathLike[str], text: str, lang: Lang | None) -> Lang:
    step = max(1, len(text) // 200_000)
    found = detect_lang(text[::step])
    if lang is not None and found is not lang:
        raise LanguageError(
            source,
            f"the text is in {_LANG_NAMES[found]}, not {_LANG_NAMES[lang]}: "
            "is this the other file of the pair?",
        )
    return found if lang is None else lang


_LANG_NAMES = {Lang.ZH: "Chinese", Lang.EN: "English"}


def _text_blocks(raw: str, lang: Lang, left_out: list[LeftOut]) -> list[_Block]:
    """The blocks of a PDF-extracted (or clean) text, tables and footnotes included."""
    lines = scan_lines(raw)
    regions = find_regions(raw, lines, lang)
    identity = TextView.identity(raw)
    cuts: list[Edit] = [(a, b, "") for a, b in regions.footnote_spans]
    cuts += [(t.start, t.end, _PLACEHOLDER) for t in regions.tables]
    body = identity.apply(sorted(cuts))
    clean = body.then(clean_pdf_text(body.text, lang, front_matter=True))
    blocks = [
        _Block(_sub(clean, a, b), BlockKind.TABLE_ROW if "\t" in clean.text[a:b] else None)
        for a, b in _paragraphs(clean.text)
        if "\ue000" not in clean.text[a:b]
    ]
    rows: list[Row] = []
    for table in regions.tables:
        if table.rows:
            rows += table.rows
        else:
            left_out.append(
                LeftOut("table", table.start, table.end, "its lines could not be read as rows")
            )
    blocks += [_Block(view, BlockKind.TABLE_ROW) for view in _row_views(identity, rows, lang)]
    blocks.sort(key=lambda block: int(block.view.offsets[0]))
    for view, label in _footnote_views(identity, regions.footnotes, lang):
        blocks.append(_Block(view, BlockKind.FOOTNOTE, label))
    return blocks


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    while start < len(text):
        end = text.find(PARAGRAPH_SEP, start)
        end = len(text) if end < 0 else end
        if end > start:
            yield start, end
        start = end + len(PARAGRAPH_SEP)


def _sub(view: TextView, start: int, end: int) -> TextView:
    """``view.text[start:end]`` as a view of its own (offsets into the same source)."""
    return TextView(view.text[start:end], view.offsets[start : end + 1].copy())


def _view_span(view: TextView, start: int, end: int) -> tuple[int, int]:
    """The span of ``view.text`` whose characters come from ``start:end`` of the source."""
    a = int(np.searchsorted(view.offsets[:-1], start, side="left"))
    b = int(np.searchsorted(view.offsets[:-1], end, side="left"))
    return a, b


def _glue(lang: Lang, before: str, after: str) -> str:
    """What joins two pieces of one line: a space in English (and between Latin words or
    digits in Chinese), nothing in Chinese."""
    if lang is Lang.EN:
        return " "
    latin = before[-1:].isascii() and before[-1:].isalnum() and after[:1].isascii()
    return " " if latin and after[:1].isalnum() else ""


def _row_views(identity: TextView, rows: Sequence[Row], lang: Lang) -> list[TextView]:
    """Each table row on one line, cells separated by tabs (all rows tidied at once)."""
    if not rows:
        return []
    raw = identity.text
    edits: list[Edit] = []
    done = 0
    for row in rows:
        edits.append((done, row.lines[0].start, "\n" if done else ""))
        for prev, line, new_cell in zip(row.lines[:-1], row.lines[1:], row.new_cell, strict=True):
            glue = "\t" if new_cell else _glue(lang, raw[prev.end - 1 : prev.end], raw[line.start])
            edits.append((prev.end, line.start, glue))
        for line in row.lines:
            edits += [
                (m.start(), m.end(), "\t") for m in _CELL_SEP_RE.finditer(raw, line.start, line.end)
            ]
        done = row.lines[-1].end
    edits.append((done, len(raw), ""))
    view = _tidy(identity.apply(sorted(edits)))
    out = []
    start = 0
    for piece in view.text.split("\n"):
        if piece:
            out.append(_sub(view, start, start + len(piece)))
        start += len(piece) + 1
    return out


_CELL_SEP_RE = re.compile(r"[ \u3000\xa0]{2,}|[ \u3000\xa0]*\t[ \t\u3000\xa0]*")


#: Put between footnotes cleaned together: a footnote rule, which the clean-up never
#: joins across.
_FOOTNOTE_BREAK = "\n__________\n"


def _footnote_views(
    identity: TextView, notes: Sequence[Footnote], lang: Lang
) -> Iterator[tuple[TextView, str]]:
    """Each footnote cleaned like running text, on one line, with its label.

    All footnotes are cleaned in one go (one clean-up per footnote would cost a
    megabyte-sized document a second), a rule between each two.
    """
    if not notes:
        return
    spans = [(note.lines[0].start, note.lines[-1].end) for note in notes]
    edits: list[Edit] = [(0, spans[0][0], "")]
    edits += [
        (a_end, b_start, _FOOTNOTE_BREAK) for (_, a_end), (b_start, _) in itertools.pairwise(spans)
    ]
    edits.append((spans[-1][1], len(identity.text), ""))
    joined = identity.apply(edits)
    clean = joined.then(clean_pdf_text(joined.text, lang))
    paragraphs = list(_paragraphs(clean.text))
    starts = [int(clean.offsets[a]) for a, _ in paragraphs]
    first = 0
    for note, (_, end) in zip(notes, spans, strict=True):
        last = bisect.bisect_left(starts, end, first)
        if first < last:
            a, b = paragraphs[first][0], paragraphs[last - 1][1]
            view = _sub(clean, a, b)
            seps = [m.start() for m in _PARAGRAPH_SEP_RE.finditer(view.text)]
            view = view.apply(
                [
                    (i, i + len(PARAGRAPH_SEP), _glue(lang, view.text[i - 1], view.text[i + 2]))
                    for i in seps
                ]
            )
            yield view, note.label
        first = max(first, last)


_PARAGRAPH_SEP_RE = re.compile(re.escape(PARAGRAPH_SEP))


# --- tidying text that does not go through the clean-up (.docx, table rows) ------------

_INVISIBLE_RE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]+")
_MD_LINK_RE = re.compile(r"\[([^\[\]\n]+)\]\((?:#[^\s()]*|https?://[^\s()]*)\)")
_SPACES_RE = re.compile(r"[^\S\n]+")


def _tidy(view: TextView) -> TextView:
    """Invisible characters and Markdown links removed, spaces collapsed (a run with a
    tab becomes a tab: a cell gap), lines stripped, CJK spacing removed."""
    text = view.text
    edits: list[Edit] = [(m.start(), m.end(), "") for m in _INVISIBLE_RE.finditer(text)]
    for m in _MD_LINK_RE.finditer(text):
        edits += ((m.start(), m.start(1), ""), (m.end(1), m.end(), ""))
    view = view.apply(sorted(edits))
    text = view.text
    edits = []
    for m in _SPACES_RE.finditer(text):
        a, b = m.span()
        at_edge = a == 0 or b == len(text) or text[a - 1] == "\n" or text[b] == "\n"
        edits.append((a, b, "" if at_edge else ("\t" if "\t" in m.group() else " ")))
    view = view.apply(edits)
    text = view.text
    return view.apply([(a, b, "") for a, b in cjk_space_spans(text) if "\t" not in text[a:b]])


# --- structure ------------------------------------------------------------------------

#: A UN document symbol (as in :mod:`untm.text.clean`): CAC/COSP/EG.1/2017/3, A/RES/58/4.
_SYMBOL = r"[A-Z][A-Z0-9]*(?:\.\d+)?(?:/[A-Za-z0-9]+(?:\.\d+)?){2,}\*?"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_LANGUAGES = "Arabic|Chinese|English|French|Russian|Spanish"
_UN_RE = re.compile(rf"(?P<un>United\s+Nations|联\s*合\s*国)(?:\s*(?P<symbol>{_SYMBOL}))?")
_SYMBOL_RE = re.compile(_SYMBOL)
_DISTR_RE = re.compile(r"Distr\.:?\s*(?:General|Limited|Restricted)")
_DATE_RE = re.compile(rf"\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}")
_LANGUAGE_RE = re.compile(rf"(?:{_LANGUAGES})(?:\s*(?:/|,|and)\s*(?:{_LANGUAGES}))*")
_ORIGINAL_RE = re.compile(rf"Original:\s*(?:{_LANGUAGES})(?:\s*(?:/|,|and)\s*(?:{_LANGUAGES}))*")
#: How many blocks from the top can be the masthead.
_MASTHEAD_ZONE = 14
_VENUE_RE = VENUE_RE
#: A heading that announces the agenda, and a paragraph that introduces it.
_AGENDA_HEADING_RE = re.compile(r"(?i:(?:provisional\s+)?agenda)|(?:临时)?议程")
_AGENDA_INTRO_RE = re.compile(r"(?i:\bagenda\s*:)\Z|议程\s*[:：]\Z")
_DOCUMENTATION_RE = re.compile(r"(?i:documentation|documents)|文件")
#: Kinds of item markers.
_NUMBER_RE = re.compile(r"\d{1,3}(?:\.\d{1,2})*\.")
_SECTION_RE = re.compile(r"[IVXLC]{1,6}\.|[A-Z]\.|[一二三四五六七八九十]{1,3}[.、．]")
_SUB_RE = re.compile(
    r"\([a-z]{1,4}\)|\([A-Z]\)|\(\d{1,3}\)|\d{1,3}[ \t]?\([a-z]{1,4}\)"
    r"|[（(][一二三四五六七八九十]{1,3}[)）]|[\u3220-\u3229]"
)
_BULLETS = "•▪●◦"
_MD_BULLET_RE = re.compile(r"-[ \t]+(?=\S)")
_FINAL_PUNCT_RE = re.compile(r"[。.!?！？;；:：,，][”’」』）)》〉\]\"']*\Z")
_REFERENCE_END_RE = re.compile(rf"[（(][^（()）]*{_SYMBOL}[^（()）]*[）)]\Z")
_HEADING_MAX = {Lang.ZH: 120, Lang.EN: 240}
_LETTERS_RE = re.compile(r"[^\W_]")
#: A footnote's mark at the start of a line of a sentence file.
_MARK_RE = re.compile(
    r"(?P<mark>\*{1,3}|\d{1,3}|\^[a-z]|[a-z](?=[ \t]+[A-Z\u3400-\u9fff]))[ \t]+\S"
)


def _finish(
    source: str | PathLike[str],
    lang: Lang,
    text: str,
    format: str,
    blocks: list[_Block],
    left_out: list[LeftOut],
    *,
    split: bool,
) -> Document:
    blocks = [b for b in (_strip_bullet(b) for b in blocks) if b.view.text]
    structured = _structure(blocks, lang)
    segments: list[Segment] = []
    for index, (block, kind, label) in enumerate(structured):
        view = block.view
        if kind is BlockKind.TABLE_ROW:
            view = view.apply([(m.start(), m.end(), "  ") for m in _TAB_RE.finditer(view.text)])
        for start, end in _segment_spans(view.text, kind, lang, split):
            a, b = view.origin(start, end)
            segments.append(Segment(kind, view.text[start:end], a, b, label, index))
    if not segments:
        raise FormatError(source, "no text found in it (only page furniture or blank lines)")
    return Document(
        display_name(source),
        lang,
        _symbol(structured, text),
        tuple(segments),
        text,
        format,
        tuple(left_out),
    )


_TAB_RE = re.compile(r"\t+")
_UNSPLIT = frozenset((BlockKind.MASTHEAD, BlockKind.TITLE, BlockKind.TABLE_ROW))


def _segment_spans(text: str, kind: BlockKind, lang: Lang, split: bool) -> list[tuple[int, int]]:
    if not split or kind in _UNSPLIT:
        return [(0, len(text))]
    if lang is Lang.ZH and not has_cjk(text):
        lang = Lang.EN  # an English line in a Chinese document
    spans: list[tuple[int, int]] = []
    for span in split_sentences(text, lang):
        if spans and _REFERENCE_MARK_RE.fullmatch(span.text):
            spans[-1] = (spans[-1][0], span.end)  # "……举行。1": a footnote's number
        else:
            spans.append((span.start, span.end))
    return spans


#: A footnote reference standing after a sentence's stop, split off as if a sentence.
_REFERENCE_MARK_RE = re.compile(r"\d{1,3}|\*{1,3}")


def _strip_bullet(block: _Block) -> _Block:
    """A Markdown bullet ("- (a) ...", "- text") left by a converter goes."""
    if block.hint in (BlockKind.FOOTNOTE, BlockKind.TABLE_ROW):
        return block
    m = _MD_BULLET_RE.match(block.view.text)
    if m is None:
        return block
    return _Block(_sub(block.view, m.end(), len(block.view.text)), block.hint, block.label)


def _symbol(structured: Sequence[tuple[_Block, BlockKind, str]], text: str) -> str | None:
    """The symbol of the masthead, else the symbol of the running headers."""
    for block, kind, _ in structured:
        if kind is BlockKind.MASTHEAD:
            m = _SYMBOL_RE.fullmatch(block.view.text)
            if m:
                return m.group().rstrip("*")
    counts: dict[str, int] = {}
    for m in _HEADER_SYMBOL_RE.finditer(text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    best = max(counts.items(), key=lambda kv: kv[1], default=None)
    return best[0].rstrip("*") if best and best[1] >= 2 else None


_HEADER_SYMBOL_RE = re.compile(rf"^[ \t]*({_SYMBOL})[ \t]*$", re.MULTILINE)


@dataclass
class _Agenda:
    """The agenda's items by number, and the titles of its items and sub-items."""

    items: dict[str, str] = field(default_factory=dict)  # "2" -> its title
    titles: set[str] = field(default_factory=set)
    sub_items: bool = False


#: Kinds that do not change what the blocks around them are (the text flows past them).
_OUTSIDE = frozenset((BlockKind.MASTHEAD, BlockKind.TITLE, BlockKind.TABLE_ROW, BlockKind.FOOTNOTE))


@dataclass
class _State:
    """What the blocks before tell about the next one."""

    in_agenda: bool = False  # after "Provisional agenda" or "... the following agenda:"
    in_list: bool = False  # after a colon or a list item that does not end the list
    in_documents: bool = False  # after a "Documentation" heading


def _structure(blocks: list[_Block], lang: Lang) -> list[tuple[_Block, BlockKind, str]]:
    """Each block with its kind and label (the masthead line "United Nations CAC/..."
    and a heading run into its paragraph are split first)."""
    blocks = _split_masthead(blocks)
    kinds: list[BlockKind | None] = [b.hint for b in blocks]
    masthead_end = _mark_masthead(blocks, kinds)
    body = _mark_title(blocks, kinds, masthead_end)
    agenda = _Agenda()
    state = _State()
    out: list[tuple[_Block, BlockKind, str]] = []
    for i, block in enumerate(blocks):
        text = block.view.text
        kind = kinds[i]
        marker = ITEM_MARKER_RE.match(text)
        if kind is None and i < body and not marker:
            kind = BlockKind.TITLE
        if kind is not None:
            out.append((block, kind, block.label))
            if kind not in _OUTSIDE:
                state = _next_state(state, kind, text, marker is not None)
            continue
        label = marker.group().strip() if marker else ""
        title = _FINAL_PUNCT_RE.sub("", text[marker.end() :].strip()) if marker else ""
        if marker and state.in_agenda and (kind := _agenda_kind(label)) is not None:
            if kind is BlockKind.AGENDA_ITEM:
                agenda.items.setdefault(label.rstrip("."), title)
            else:
                agenda.sub_items = True
            agenda.titles.add(title)
            out.append((block, kind, label))
            continue
        state.in_agenda = False
        if marker:
            split = _split_heading(block, marker.end(), agenda.items.get(label.rstrip(".")))
            if split is not None:
                head, rest = split
                out.append((head, BlockKind.AGENDA_ITEM, label))
                blocks_kind = _unmarked_kind(rest.view.text, lang, state)
                out.append((rest, blocks_kind, ""))
                state = _State()
                continue
            kind = _marked_kind(label, title, _heading_like(text, lang), agenda, state)
        else:
            kind = _unmarked_kind(text, lang, state)
        out.append((block, kind, label))
        state = _next_state(state, kind, text, marker is not None)
    return out


def _next_state(state: _State, kind: BlockKind, text: str, marked: bool) -> _State:
    documents = _DOCUMENTATION_RE.fullmatch(text) is not None
    item = kind is BlockKind.LIST_ITEM and marked
    return _State(
        in_agenda=_AGENDA_HEADING_RE.fullmatch(text) is not None
        or _AGENDA_INTRO_RE.search(text) is not None,
        in_list=_opens_list(text) or (item and not _ends_list(text)),
        in_documents=documents or (state.in_documents and kind is BlockKind.LIST_ITEM),
    )


def _split_masthead(blocks: list[_Block]) -> list[_Block]:
    """ "United Nations CAC/COSP/2017/1" (one line of the PDF) is two lines of the masthead;
    the letter-spaced "联 合 国" loses its spaces."""
    out: list[_Block] = []
    for i, block in enumerate(blocks):
        m = _UN_RE.fullmatch(block.view.text) if i < _MASTHEAD_ZONE else None
        if m is None or block.hint is not None:
            out.append(block)
            continue
        un = _sub(block.view, m.start("un"), m.end("un"))
        if un.text.startswith("联"):
            un = un.apply([(s.start(), s.end(), "") for s in re.finditer(r"\s+", un.text)])
        if un.text == "联合国" or m.group("symbol"):
            out.append(_Block(un, BlockKind.MASTHEAD))
        else:
            out.append(_Block(un))
        if m.group("symbol"):
            symbol = _sub(block.view, m.start("symbol"), m.end("symbol"))
            out.append(_Block(symbol, BlockKind.MASTHEAD))
    return out


def _mark_masthead(blocks: Sequence[_Block], kinds: list[BlockKind | None]) -> int:
    """Mark the masthead and front matter among the first blocks; return the index after
    the last of them."""
    end = 0
    distr = -10
    for i, block in enumerate(blocks[:_MASTHEAD_ZONE]):
        text = block.view.text
        if kinds[i] is not None and kinds[i] is not BlockKind.MASTHEAD:
            continue
        if _DISTR_RE.fullmatch(text):
            distr = i
        masthead = (
            kinds[i] is BlockKind.MASTHEAD
            or distr == i
            or _ORIGINAL_RE.fullmatch(text) is not None
            or (i - distr <= 4 and (_DATE_RE.fullmatch(text) or _LANGUAGE_RE.fullmatch(text)))
            or (i <= 2 and (_SYMBOL_RE.fullmatch(text) or text in ("United Nations", "联合国")))
        )
        if masthead:
            kinds[i] = BlockKind.MASTHEAD
            end = i + 1
    return end


def _mark_title(blocks: Sequence[_Block], kinds: list[BlockKind | None], start: int) -> int:
    """The index where the title block ends: after the venue-and-date line and the
    document title that follows it, or at the first item marker."""
    first_marker = next(
        (i for i, b in enumerate(blocks) if kinds[i] is None and ITEM_MARKER_RE.match(b.view.text)),
        len(blocks),
    )
    limit = min(first_marker, _MASTHEAD_ZONE + 4)
    for i in range(limit):
        if kinds[i] is None and _VENUE_RE.fullmatch(blocks[i].view.text):
            after = i + 1
            while after < limit and kinds[after] is not None:
                after += 1
            if after < len(blocks) and _AGENDA_HEADING_RE.fullmatch(blocks[after].view.text):
                return after  # no document title: the agenda follows the venue
            return min(after + 1, first_marker)
    return first_marker if first_marker <= _MASTHEAD_ZONE else 0


def _agenda_kind(label: str) -> BlockKind | None:
    if _NUMBER_RE.fullmatch(label):
        return BlockKind.AGENDA_ITEM
    if _SUB_RE.fullmatch(label):
        return BlockKind.SUB_ITEM
    return None


def _marked_kind(
    label: str, title: str, heading: bool, agenda: _Agenda, state: _State
) -> BlockKind:
    """The kind of a block that opens with an item marker."""
    if label[:1] in _BULLETS:
        return BlockKind.LIST_ITEM
    if _NUMBER_RE.fullmatch(label):
        if label.rstrip(".") in agenda.items and (heading or title in agenda.titles):
            return BlockKind.AGENDA_ITEM
        return BlockKind.HEADING if heading else BlockKind.PARAGRAPH
    if _SECTION_RE.fullmatch(label):
        return BlockKind.HEADING if heading else BlockKind.PARAGRAPH
    if state.in_list:
        return BlockKind.LIST_ITEM
    if agenda.sub_items and (heading or title in agenda.titles):
        return BlockKind.SUB_ITEM
    return BlockKind.HEADING if heading else BlockKind.LIST_ITEM


def _unmarked_kind(text: str, lang: Lang, state: _State) -> BlockKind:
    """The kind of a block without an item marker."""
    if not _LETTERS_RE.search(text):
        return BlockKind.OTHER
    if _DOCUMENTATION_RE.fullmatch(text):
        return BlockKind.HEADING
    if _REFERENCE_END_RE.search(text):
        return BlockKind.LIST_ITEM  # an entry of a list of documents
    if state.in_documents and not _FINAL_PUNCT_RE.search(text):
        return BlockKind.LIST_ITEM
    return BlockKind.HEADING if _heading_like(text, lang) else BlockKind.PARAGRAPH


def _heading_like(text: str, lang: Lang) -> bool:
    """Short, one sentence, and not ended by punctuation."""
    if len(text) > _HEADING_MAX[lang] or _FINAL_PUNCT_RE.search(text):
        return False
    return len(split_sentences(text)) == 1


def _opens_list(previous: str) -> bool:
    return previous.rstrip("”’\"' ").endswith((":", "："))


def _ends_list(text: str) -> bool:
    return text.rstrip("”’\"' ").endswith(("。", "."))


def _split_heading(
    block: _Block, marker_end: int, title: str | None
) -> tuple[_Block, _Block] | None:
    """An agenda item's heading that the clean-up ran into the paragraph after it
    ("2. Review of implementation ... Corruption In accordance with ..."): the two."""
    if not title:
        return None
    text = block.view.text
    start = len(text) - len(text[marker_end:].lstrip())
    end = start + len(title)
    if not text.startswith(title, start) or end + 1 >= len(text) or text[end] != " ":
        return None
    nxt = text[end + 1]
    if not (nxt.isupper() or "\u3400" <= nxt <= "\u9fff"):
        return None
    head = _Block(_sub(block.view, 0, end))
    rest = _Block(_sub(block.view, end + 1, len(text)))
    return head, rest


def _mark_trailing_footnotes(blocks: list[_Block]) -> None:
    """In a sentence file: the run of lines with footnote marks at its end are footnotes."""
    i = len(blocks)
    while i > 0:
        m = _MARK_RE.match(blocks[i - 1].view.text)
        if m is None or blocks[i - 1].hint is BlockKind.TABLE_ROW:
            break
        i -= 1
    for block in blocks[i:]:
        m = _MARK_RE.match(block.view.text)
        assert m is not None
        block.hint, block.label = BlockKind.FOOTNOTE, m.group("mark").lstrip("^")
