"""Line-aligned parallel text and TSV (source TAB target) for the memory.

Line-aligned text is two files with the same number of lines, line *n* of one being the
translation of line *n* of the other (the format of OPUS corpora and of most aligners).
Each unit records its neighbours as context, which is what line-aligned text offers.

Segments are kept exactly as they are, spaces at either end and inside included. What a
line cannot hold is escaped as in linear TSV: ``\\t`` (tab), ``\\n`` (line feed),
``\\r`` (carriage return) and ``\\\\`` (a backslash); any other backslash is text. Exports
write the same escapes, so exporting a memory and importing the export adds nothing.

Neither format says which language is where, so each line goes through the check every
importer makes (:mod:`untm.tm.validate`): a line whose Chinese side has no Chinese while
its English side is Chinese is skipped as swapped, and :func:`untm.tm.api.import_file`
refuses a file made mostly of such lines (the wrong ``--source-lang``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from untm._io import atomic_text, decode, display_name, read_bytes
from untm.errors import FormatError
from untm.text.lang import Lang

from .model import Segment, SkippedUnit, TranslationUnit
from .validate import Sides, unit_problem

_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}
_UNESCAPE = re.compile(r"\\([tnr\\])")
_ESCAPE = re.compile(r"[\t\n\r\\]")
_ESCAPED = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\\": "\\\\"}


def escape(text: str) -> str:
    """``text`` on one line: tab, line feed, carriage return and backslash escaped."""
    return _ESCAPE.sub(lambda m: _ESCAPED[m.group()], text)


def unescape(field: str) -> str:
    """The text an escaped field stands for (see :func:`escape`)."""
    if "\\" not in field:
        return field
    return _UNESCAPE.sub(lambda m: _ESCAPES[m.group(1)], field)


def _lines(
    path: str | os.PathLike[str], encoding: str | None, shown: str | os.PathLike[str]
) -> list[str]:
    text = decode(read_bytes(path), shown, encoding)
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")


def read_parallel(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    source_lang: Lang,
    origin: str = "",
    encoding: str | None = None,
    names: tuple[str, str] | None = None,
) -> Iterator[TranslationUnit | SkippedUnit]:
    """Units from two line-aligned files; a line count mismatch is an error.

    ``names`` are what messages call the two files (``<stdin>`` for a copy of it).
    """
    shown_src, shown_tgt = names or (display_name(source), display_name(target))
    src = [unescape(line) for line in _lines(source, encoding, shown_src)]
    tgt = [unescape(line) for line in _lines(target, encoding, shown_tgt)]
    if len(src) != len(tgt):
        raise FormatError(
            shown_tgt,
            f"has {len(tgt):,} lines but {Path(shown_src).name} has {len(src):,}; "
            "line-aligned files must have the same number of lines",
        )
    zh_name, en_name = (shown_src, shown_tgt) if source_lang is Lang.ZH else (shown_tgt, shown_src)
    zh_name, en_name = Path(zh_name).name, Path(en_name).name  # the report names the import
    sides = Sides(
        f"the line of {zh_name}",
        f"the line of {en_name}",
        f"the line of {zh_name} (Chinese by --source-lang {source_lang.value})",
        f"the line of {en_name}",
    )
    for n, (s, t) in enumerate(zip(src, tgt, strict=True), start=1):
        skipped = _check(s, t, source_lang, sides, n)
        if skipped is not None:
            yield skipped
            continue
        yield TranslationUnit(
            source=Segment(s, source_lang),
            target=Segment(t, source_lang.other),
            origin=origin,
            context_prev=src[n - 2] if n > 1 else "",
            context_next=src[n] if n < len(src) else "",
        )


def read_tsv(
    path: str | os.PathLike[str],
    *,
    source_lang: Lang,
    origin: str = "",
    encoding: str | None = None,
    name: str | None = None,
) -> Iterator[TranslationUnit | SkippedUnit]:
    """Units from ``source TAB target`` lines (extra columns are ignored; blank lines too).

    ``name`` is what messages call the file (``<stdin>`` for a copy of it).
    """
    shown = name or display_name(path)
    zh_col, en_col = (1, 2) if source_lang is Lang.ZH else (2, 1)
    sides = Sides(
        f"column {zh_col}",
        f"column {en_col}",
        f"column {zh_col} (Chinese by --source-lang {source_lang.value})",
        f"column {en_col}",
    )
    for n, line in enumerate(_lines(path, encoding, shown), start=1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            raise FormatError(shown, "expected source<TAB>target", line=n)
        s, t = unescape(cols[0]), unescape(cols[1])
        skipped = _check(s, t, source_lang, sides, n)
        if skipped is not None:
            yield skipped
            continue
        yield TranslationUnit(
            source=Segment(s, source_lang), target=Segment(t, source_lang.other), origin=origin
        )


def _check(s: str, t: str, source_lang: Lang, sides: Sides, line: int) -> SkippedUnit | None:
    """The line skipped, if the check every importer makes finds a problem."""
    problem = unit_problem(s, t) if source_lang is Lang.ZH else unit_problem(t, s)
    if problem is None:
        return None
    return SkippedUnit(line, problem.reason(sides), swapped=problem.swapped)


def write_tsv(
    units: Iterable[TranslationUnit],
    target: str | os.PathLike[str],
    *,
    source_lang: Lang = Lang.ZH,
) -> int:
    """``source TAB target`` per unit, segments exactly as stored (escaped: see above).

    A TSV file has no language tags, so every line has ``source_lang`` in its first column
    (the import's default), whatever each unit's own direction.
    """
    n = 0
    with atomic_text(target) as fh:
        for u in units:
            src, tgt = u.side(source_lang), u.side(source_lang.other)
            fh.write(f"{escape(src.text)}\t{escape(tgt.text)}\n")
            n += 1
    return n


def write_parallel(
    units: Iterable[TranslationUnit],
    source_target: str | os.PathLike[str],
    other_target: str | os.PathLike[str],
    *,
    source_lang: Lang = Lang.ZH,
) -> int:
    """Two line-aligned files: the ``source_lang`` side of every unit in the first, the
    other side in the second (segments exactly as stored, escaped: see above)."""
    n = 0
    with atomic_text(source_target) as first, atomic_text(other_target) as second:
        for u in units:
            first.write(escape(u.side(source_lang).text) + "\n")
            second.write(escape(u.side(source_lang.other).text) + "\n")
            n += 1
    return n
