"""The blocks of a Word document (.docx), read with python-docx.

A .docx already has the structure a PDF loses: one paragraph is one block, list numbers
are Word's numbering (rendered here as Word shows them: ``1.``, ``(a)``, ``一、``),
headings have heading styles, tables have rows, and footnotes live in their own part.
:func:`read` renders the body into a text, one block per line with a blank line between,
table rows with their cells separated by tabs, and the footnotes at the end (each
opening with its number, which the body shows where the footnote is referred to), and
returns the blocks with what the styles say about their kind.

Paragraphs in footnote styles, and paragraphs with a footnote mark after a footnote
rule (``__________``, as in a document converted from PDF), are footnotes too.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from os import PathLike
from typing import Any

from ..errors import FormatError
from .clean import is_footnote_rule
from .extract import BlockSpan, Extracted

__all__ = ["read"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
#: Elements whose content is not text of the paragraph: deleted text, field codes,
#: drawings and text boxes (page furniture), properties.
_SKIP = frozenset(
    _W + tag
    for tag in (
        "del",
        "delText",
        "instrText",
        "drawing",
        "pict",
        "object",
        "pPr",
        "rPr",
        "footnoteRef",
        "endnoteRef",
        "commentReference",
    )
) | {_MC + "AlternateContent"}
_FOOTNOTE_MARK_RE = re.compile(r"(?:\*{1,3}|\d{1,3}|[a-z])[ \t]+\S")


def read(data: bytes, source: str | PathLike[str]) -> Extracted:
    """The text and blocks of the .docx ``data`` (the bytes of ``source``)."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors...
        raise FormatError(source, f"not a readable .docx file: {exc}") from None
    return _Reader(document).render()


class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.numbering = _Numbering(document)
        self.footnotes = _footnotes(document)
        self.references: dict[str, int] = {}  # footnote id -> its number, in order
        self.pieces: list[str] = []
        self.blocks: list[BlockSpan] = []
        self.deferred: list[tuple[str, str]] = []  # footnote-like body paragraphs
        self.size = 0
        from docx.enum.style import WD_STYLE_TYPE

        self.styles = {s.style_id: s for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}

    def render(self) -> Extracted:
        after_rule = False
        for kind, element in _body_items(self.document.element.body):
            if kind == "tbl":
                for row in _rows(element, self._text):
                    self._add(row, "table_row", "")
                after_rule = False
                continue
            text = self._text(element)
            style = self._style_name(element)
            if is_footnote_rule(text):
                after_rule = True
                continue
            if not text.strip():
                continue
            mark = _FOOTNOTE_MARK_RE.match(text.strip())
            if "footnote" in style or (after_rule and mark):
                self.deferred.append((text, mark.group().split()[0] if mark else ""))
                continue
            after_rule = False
            label = self.numbering.label(element, self.styles)
            if label:
                text = f"{label} {text}"
            self._add(text, _hint(style), "")
        for text, label in self.deferred:
            self._add(text, "footnote", label)
        for note_id, number in sorted(self.references.items(), key=lambda kv: kv[1]):
            body = " ".join(t for t in self.footnotes.get(note_id, []) if t.strip())
            if body.strip():
                self._add(f"{number} {body}", "footnote", str(number))
        return Extracted("".join(self.pieces), "docx", self.blocks)

    def _add(self, text: str, hint: str, label: str) -> None:
        if self.pieces:
            self.pieces.append("\n\n")
            self.size += 2
        self.blocks.append((self.size, self.size + len(text), hint, label))
        self.pieces.append(text)
        self.size += len(text)

    def _text(self, paragraph: Any) -> str:
        return _paragraph_text(paragraph, self.references)

    def _style_name(self, paragraph: Any) -> str:
        style_id = _val(paragraph, "pPr", "pStyle")
        style = self.styles.get(style_id) if style_id else None
        return (style.name or "").lower() if style is not None else ""


def _paragraph_text(paragraph: Any, references: dict[str, int]) -> str:
    """The text of a paragraph as Word shows it; a footnote reference is its number
    (numbered in the order of ``references``, which it extends)."""
    parts: list[str] = []
    _walk(paragraph, parts, references)
    return "".join(parts).replace("\n", " ")


def _walk(element: Any, parts: list[str], references: dict[str, int]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag in (_W + "tab", _W + "br", _W + "cr"):
            parts.append(" ")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        elif tag == _W + "footnoteReference":
            number = references.setdefault(child.get(_W + "id", ""), len(references) + 1)
            parts.append(str(number))
        else:
            _walk(child, parts, references)


def _val(element: Any, *path: str) -> str:
    """The ``w:val`` of the child reached by ``path`` (tag names without prefix), or ""."""
    for tag in path:
        element = element.find(_W + tag)
        if element is None:
            return ""
    return str(element.get(_W + "val", ""))


def _hint(style: str) -> str:
    if style in ("title", "subtitle"):
        return "title"
    if style.startswith("heading"):
        return "heading"
    return ""


def _body_items(body: Any) -> Iterator[tuple[str, Any]]:
    """The paragraphs and tables of the body in order (content controls opened)."""
    for child in body:
        if child.tag == _W + "p":
            yield "p", child
        elif child.tag == _W + "tbl":
            yield "tbl", child
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _body_items(content)


def _rows(table: Any, text: Any) -> Iterator[str]:
    """Each row of a table as its cells' texts separated by tabs (a cell merged with the
    one above is left out; nested tables are read into their cell)."""
    for tr in table.iter(_W + "tr"):
        if tr.getparent() is not table:
            continue
        cells: list[str] = []
        for tc in tr.findall(_W + "tc"):
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None and merge.get(_W + "val", "continue") == "continue":
                continue
            words = " ".join(text(p) for p in tc.iter(_W + "p")).strip()
            if words:
                cells.append(words)
        if cells:
            yield "\t".join(cells)


def _footnotes(document: Any) -> dict[str, list[str]]:
    """The footnotes' paragraphs' texts by footnote id (separators left out)."""
    from docx.oxml import parse_xml

    for rel in document.part.rels.values():
        if rel.reltype == _FOOTNOTES_REL and not rel.is_external:
            root = parse_xml(rel.target_part.blob)
            break
    else:
        return {}
    notes: dict[str, list[str]] = {}
    for note in root.iter(_W + "footnote"):
        if note.get(_W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        notes[note.get(_W + "id", "")] = [_paragraph_text(p, {}) for p in note.iter(_W + "p")]
    return notes


# --- list numbers -----------------------------------------------------------------------

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_CHINESE = "〇一二三四五六七八九十"


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _chinese(n: int) -> str:
    if n <= 10:
        return _CHINESE[n]
    if n < 20:
        return "十" + _CHINESE[n % 10]
    tens, ones = divmod(n, 10)
    return _CHINESE[tens] + "十" + (_CHINESE[ones] if ones else "")


def _format(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "ideographTraditional",
        "taiwaneseCounting",
        "japaneseCounting",
    ):
        return _chinese(n)
    return str(n)


class _Numbering:
    """Word's list numbering: the number each numbered paragraph shows."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> levels
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iter(_W + "abstractNum"):
            levels = {}
            for lvl in node.findall(_W + "lvl"):
                ilvl = int(lvl.get(_W + "ilvl", "0"))
                fmt = _val(lvl, "numFmt") or "decimal"
                text = _val(lvl, "lvlText")
                start = int(_val(lvl, "start") or "1")
                levels[ilvl] = (fmt, text, start)
            abstract[node.get(_W + "abstractNumId", "")] = levels
        for num in root.iter(_W + "num"):
            ref = _val(num, "abstractNumId")
            self.levels[num.get(_W + "numId", "")] = abstract.get(ref, {})

    def label(self, paragraph: Any, styles: dict[str, Any]) -> str:
        num_id, ilvl = _num_pr(paragraph, styles)
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""

        def value(m: re.Match[str]) -> str:
            level = int(m.group(1)) - 1
            level_fmt = levels.get(level, ("decimal", "", 1))[0]
            n = counters.get(level, levels.get(level, ("", "", 1))[2])
            return _format(n, fmt if level == ilvl else level_fmt)

        return re.sub(r"%(\d)", value, text).strip()


def _num_pr(paragraph: Any, styles: dict[str, Any]) -> tuple[str, int]:
    """(numId, ilvl) of a paragraph, from its own properties or its styles."""
    num_id = _val(paragraph, "pPr", "numPr", "numId")
    ilvl = _val(paragraph, "pPr", "numPr", "ilvl")
    style_id = _val(paragraph, "pPr", "pStyle")
    seen = set()
    while not num_id and style_id and style_id not in seen:
        seen.add(style_id)
        style = styles.get(style_id)
        if style is None:
            break
        element = style.element
        num_id = _val(element, "pPr", "numPr", "numId")
        ilvl = ilvl or _val(element, "pPr", "numPr", "ilvl")
        style_id = _val(element, "basedOn")
    return num_id, int(ilvl or 0)
