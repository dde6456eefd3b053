"""The files lint reads, as segments with a direction.

* XLIFF 1.2 and 2.x and PO through translate-toolkit (:mod:`untm._ttk`, the one adapter
  module): the unit id is the segment id;
* TMX with untm's safe XML parsing (:mod:`untm._xml`): the ``tuid``, or the unit's
  1-based position when it has none. A TMX memory's own reader (:mod:`untm.tm.tmx`)
  skips the units lint must see (an empty target, Chinese in the English variant);
* TSV and CSV of two columns, source then target: the segment is the 1-based row of the
  file (a header row, when there is one, is row 1). A header names the languages
  (``zh``, ``en-US``...) or says ``source``/``target``;
* two whole documents: read and aligned by :func:`untm.align.api.align_documents`
  (``lint.api``), the segment being the 1-based number of the source sentence.

The direction comes from the file (XLIFF's and TMX's language attributes, PO's
``Language`` header, a TSV header), from ``--from/--to``, or from the texts; a file that
names other languages, or whose texts contradict what it says, is a LanguageError.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from untm import _io, _xml
from untm.errors import FormatError, LanguageError, UsageError
from untm.text.lang import Lang, has_cjk, lang_of_tag, parse_lang

from .model import Direction, LintSegment

FORMATS = ("xliff", "po", "tmx", "tsv", "csv")
_EXTENSIONS = {
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".sdlxliff": "xliff",
    ".mqxliff": "xliff",
    ".po": "po",
    ".pot": "po",
    ".tmx": "tmx",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".csv": "csv",
}


@dataclass(frozen=True)
class LintInput:
    """A file read for lint: its format (``xliff-1.2``, ``xliff-2``, ``po``, ``tmx``,
    ``tsv``, ``csv``), the direction and the segments."""

    name: str
    format: str
    direction: Direction
    segments: tuple[LintSegment, ...]


def format_of(path: str | os.PathLike[str], data: bytes) -> str:
    """The format of a file: by its extension, else by what it starts with."""
    ext = Path(str(path)).suffix.lower()
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        root = _xml.inspect_prolog(data[: 1 << 20], path).root or ""
        if root.rsplit(":", 1)[-1] == "xliff":
            return "xliff"
        if root == "tmx":
            return "tmx"
        raise FormatError(path, f"an XML file that is neither XLIFF nor TMX (root <{root}>)")
    if b"msgid " in head:
        return "po"
    if b"\t" in head:
        return "tsv"
    raise FormatError(
        path,
        "cannot tell the format: name the file .xlf, .po, .tmx, .tsv or .csv (or give --format)",
    )


def read_input(
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    source: Lang | None = None,
    target: Lang | None = None,
) -> LintInput:
    """Read a translation file; ``source``/``target`` are ``--from``/``--to``."""
    name = _io.display_name(path)
    data = _io.read_bytes(path)
    fmt = fmt or format_of(name, data)
    declared: tuple[str, str]
    if fmt == "xliff":
        from untm import _ttk

        bf = _ttk.read_xliff(name, data)
        fmt, declared = bf.format, (bf.source_lang, bf.target_lang)
        segs = [LintSegment(u.id, u.source, u.target, u.line) for u in bf.units]
    elif fmt == "po":
        from untm import _ttk

        bf = _ttk.read_po(name, data)
        declared = (bf.source_lang, bf.target_lang)
        segs = [LintSegment(u.id, u.source, u.target, u.line) for u in bf.units]
    elif fmt == "tmx":
        declared, segs = _read_tmx(name, data, source, target)
    elif fmt in ("tsv", "csv"):
        declared, segs = _read_table(name, data, fmt)
    else:
        raise UsageError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    direction = resolve_direction(name, declared, source, target, segs)
    return LintInput(name, fmt, direction, tuple(segs))


# --- direction -------------------------------------------------------------------------------


def _declared_lang(path: str, tag: str, side: str) -> Lang | None:
    if not tag:
        return None
    lang = lang_of_tag(tag)
    if lang is None:
        raise LanguageError(
            path, f"the {side} language is {tag!r}; untm lint checks Chinese and English"
        )
    return lang


def resolve_direction(
    path: str,
    declared: tuple[str, str],
    source: Lang | None,
    target: Lang | None,
    segments: Sequence[LintSegment],
) -> Direction:
    """The direction from the file, ``--from/--to`` and the texts (see the module)."""
    if source is not None and target is not None and source is target:
        raise UsageError(f"--from and --to are both {source.value}")
    src = _declared_lang(path, declared[0], "source")
    tgt = _declared_lang(path, declared[1], "target")
    if src is not None and tgt is not None and src is tgt:
        raise LanguageError(path, f"source and target are both {src.value}")
    for given, found, opt in ((source, src, "--from"), (target, tgt, "--to")):
        if given is not None and found is not None and given is not found:
            said = "source" if opt == "--from" else "target"
            raise LanguageError(
                path, f"the file's {said} language is {found.value}, not {given.value} ({opt})"
            )
    src = source or src or (target.other if target else None) or (tgt.other if tgt else None)
    if src is None:
        src = _guess_source(path, segments)
    direction = Direction(src, src.other)
    _check_texts(path, direction, segments)
    return direction


def _shares(segments: Sequence[LintSegment]) -> tuple[float | None, float | None]:
    """Share of segments with Chinese characters among those with letters, per side
    (None when a side has no such segment); at most 500 segments are looked at."""
    out: list[float | None] = []
    for side in ("source", "target"):
        texts = [getattr(s, side) for s in segments[:500]]
        texts = [t for t in texts if any(c.isalpha() for c in t)]
        out.append(sum(has_cjk(t) for t in texts) / len(texts) if texts else None)
    return out[0], out[1]


def _guess_source(path: str, segments: Sequence[LintSegment]) -> Lang:
    src, tgt = _shares(segments)
    if src is not None and src > 0.5 and (tgt is None or tgt < 0.5):
        return Lang.ZH
    if src is not None and src < 0.5 and (tgt is None or tgt > 0.5):
        return Lang.EN
    raise LanguageError(
        path, "the file names no languages and its texts do not tell: give --from and --to"
    )


def _check_texts(path: str, direction: Direction, segments: Sequence[LintSegment]) -> None:
    """A LanguageError when the texts are mostly of the other language than said."""
    shares = _shares(segments)
    langs = (direction.source, direction.target)
    for side, lang, share in zip(("source", "target"), langs, shares, strict=True):
        if share is None:
            continue
        if (lang is Lang.ZH and share < 0.2) or (lang is Lang.EN and share > 0.8):
            other = "English" if lang is Lang.ZH else "Chinese"
            raise LanguageError(
                path,
                f"mismatched languages: the {side} should be {_NAMES[lang]} ({direction}) but "
                f"its texts are {other}",
            )


_NAMES = {Lang.ZH: "Chinese", Lang.EN: "English"}


def parse_direction_option(value: str | None, option: str) -> Lang | None:
    if value is None:
        return None
    try:
        return parse_lang(value)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


# --- TMX -------------------------------------------------------------------------------------

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CODE_TAGS = frozenset({"bpt", "ept", "ph", "it", "ut"})


def _read_tmx(
    path: str, data: bytes, source: Lang | None, target: Lang | None
) -> tuple[tuple[str, str], list[LintSegment]]:
    from lxml import etree

    if _xml.is_blank(data[: 1 << 20]):
        raise FormatError(path, "the file is empty")
    prolog = _xml.inspect_prolog(data[: 1 << 20], path)
    if prolog.root is not None and prolog.root != "tmx":
        raise FormatError(path, f"not a TMX file (root element <{prolog.root}>)")
    srclang = ""
    rows: list[tuple[str, dict[Lang, str], int | None]] = []
    seen_root = False
    events = _xml.iterparse(
        io.BytesIO(data), path, tag=("tmx", "header", "tu"), doctype=prolog.doctype
    )
    try:
        for _event, el in events:
            if el.tag == "header":
                srclang = el.get("srclang", "")
            elif el.tag == "tu":
                rows.append((el.get("tuid", ""), _tmx_variants(path, el), el.sourceline))
                el.clear(keep_tail=False)
            seen_root = True
    except etree.XMLSyntaxError as exc:
        raise _xml.syntax_error(exc, path) from None
    if not seen_root:
        raise FormatError(path, "not a TMX file (no <tmx> root element)")
    if not rows:
        raise FormatError(path, "the TMX file has no units")
    src = source or (target.other if target else None)
    if src is None and srclang and srclang.lower() != "*all*":
        src = _declared_lang(path, srclang, "source")
    if src is None:
        src = Lang.ZH if sum(has_cjk(v.get(Lang.ZH, "")) for _, v, _ in rows[:50]) else Lang.EN
    segs = []
    for n, (tuid, variants, line) in enumerate(rows, 1):
        segs.append(
            LintSegment(
                tuid or str(n), variants.get(src, ""), variants.get(src.other, ""), line or None
            )
        )
    return (src.value, src.other.value), segs


def _tmx_variants(path: str, tu: object) -> dict[Lang, str]:
    out: dict[Lang, str] = {}
    for tuv in tu.iterchildren("tuv"):  # type: ignore[attr-defined]
        tag = tuv.get(_XML_LANG) or tuv.get("lang") or ""
        lang = lang_of_tag(tag) if tag else None
        if lang is None:
            raise LanguageError(
                path,
                f"line {tuv.sourceline}: a variant in {tag or 'no language'}; "
                "untm lint checks Chinese and English",
            )
        seg = tuv.find("seg")
        out[lang] = "" if seg is None else _plain(seg)
    return out


def _plain(el: object) -> str:
    """The text of a ``<seg>``: inline codes (bpt, ept, ph, it, ut) left out."""
    parts = [el.text or ""]  # type: ignore[attr-defined]
    for child in el:  # type: ignore[attr-defined]
        if child.tag not in _CODE_TAGS:
            parts.append(_plain(child))
        parts.append(child.tail or "")
    return "".join(parts)


# --- TSV and CSV -----------------------------------------------------------------------------

_HEADER_WORDS = {"source": "", "target": "", "src": "", "tgt": ""}


def _read_table(path: str, data: bytes, fmt: str) -> tuple[tuple[str, str], list[LintSegment]]:
    text = _io.decode(data, path)
    if not text.strip():
        raise FormatError(path, "the file is empty")
    rows = _csv_rows(path, text) if fmt == "csv" else _tsv_rows(path, text)
    if not rows:
        raise FormatError(path, "the file has no rows")
    declared = ("", "")
    first = rows[0][1]
    if _is_header(first):
        tags = tuple("" if c.strip().lower() in _HEADER_WORDS else c.strip() for c in first)
        declared = (tags[0], tags[1])
        rows = rows[1:]
    segs = [LintSegment(str(line), cells[0], cells[1], line) for line, cells in rows]
    if not segs:
        raise FormatError(path, "the file has a header and no rows")
    return declared, segs


def _is_header(cells: Sequence[str]) -> bool:
    words = [c.strip() for c in cells]
    return all(
        w.lower() in _HEADER_WORDS or (lang_of_tag(w) is not None and len(w) <= 10) for w in words
    ) and any(w for w in words)


def _tsv_rows(path: str, text: str) -> list[tuple[int, list[str]]]:
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) > 2 and not any(c.strip() for c in cells[2:]):
            cells = cells[:2]
        if len(cells) != 2:
            raise FormatError(
                path,
                f"{len(cells)} columns; a TSV to lint has two, source TAB target",
                line=n,
            )
        rows.append((n, cells))
    return rows


def _csv_rows(path: str, text: str) -> list[tuple[int, list[str]]]:
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        start = 1
        for cells in reader:
            n = start
            start = reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > 2 and not any(c.strip() for c in cells[2:]):
                cells = cells[:2]
            if len(cells) != 2:
                raise FormatError(
                    path, f"{len(cells)} columns; a CSV to lint has two, source,target", line=n
                )
            rows.append((n, cells))
    except csv.Error as exc:
        raise FormatError(path, f"not valid CSV: {exc}", line=reader.line_num or None) from None
    return rows


__all__ = ["FORMATS", "LintInput", "format_of", "read_input", "resolve_direction"]
