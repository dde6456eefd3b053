"""Line-aligned parallel text and TSV (source TAB target) for the memory.

Line-aligned text is two files with the same number of lines, line *n* of one being the
translation of line *n* of the other (the format of OPUS corpora and of most aligners).
Each unit records its neighbours as context, which is what line-aligned text offers.

Neither format says which language is where, so each line is checked: one whose Chinese
side has no Chinese while its English side is Chinese is skipped as swapped (see
:func:`untm.tm.tmx.swapped_sides`), and :func:`untm.tm.api.import_file` refuses a file
made mostly of such lines (the wrong ``--source-lang``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from untm._io import atomic_text, decode, display_name, read_bytes
from untm.errors import FormatError
from untm.text.lang import Lang

from .model import Segment, SkippedUnit, TranslationUnit
from .tmx import MAX_SEGMENT_CHARS, swapped_sides


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
    src, tgt = _lines(source, encoding, shown_src), _lines(target, encoding, shown_tgt)
    if len(src) != len(tgt):
        raise FormatError(
            shown_tgt,
            f"has {len(tgt):,} lines but {Path(shown_src).name} has {len(src):,}; "
            "line-aligned files must have the same number of lines",
        )
    zh_name, en_name = (shown_src, shown_tgt) if source_lang is Lang.ZH else (shown_tgt, shown_src)
    swapped = (
        f"languages look swapped: the line of {zh_name} (Chinese by --source-lang "
        f"{source_lang.value}) has no Chinese and that of {en_name} is Chinese"
    )
    for n, (s, t) in enumerate(zip(src, tgt, strict=True), start=1):
        problem = _problem(s, t)
        if problem:
            yield SkippedUnit(n, problem)
            continue
        if _swapped(s, t, source_lang):
            yield SkippedUnit(n, swapped, swapped=True)
            continue
        yield TranslationUnit(
            source=Segment(s.strip(), source_lang),
            target=Segment(t.strip(), source_lang.other),
            origin=origin,
            context_prev=src[n - 2].strip() if n > 1 else "",
            context_next=src[n].strip() if n < len(src) else "",
        )


def read_tsv(
    path: str | os.PathLike[str],
    *,
    source_lang: Lang,
    origin: str = "",
    encoding: str | None = None,
    name: str | None = None,
) -> Iterator[TranslationUnit | SkippedUnit]:
    """Units from ``source TAB target`` lines (extra columns are ignored).

    ``name`` is what messages call the file (``<stdin>`` for a copy of it).
    """
    shown = name or display_name(path)
    zh_col, en_col = (1, 2) if source_lang is Lang.ZH else (2, 1)
    swapped = (
        f"languages look swapped: column {zh_col} (Chinese by --source-lang "
        f"{source_lang.value}) has no Chinese and column {en_col} is Chinese"
    )
    for n, line in enumerate(_lines(path, encoding, shown), start=1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            raise FormatError(shown, "expected source<TAB>target", line=n)
        problem = _problem(cols[0], cols[1])
        if problem:
            yield SkippedUnit(n, problem)
            continue
        if _swapped(cols[0], cols[1], source_lang):
            yield SkippedUnit(n, swapped, swapped=True)
            continue
        yield TranslationUnit(
            source=Segment(cols[0].strip(), source_lang),
            target=Segment(cols[1].strip(), source_lang.other),
            origin=origin,
        )


def _swapped(s: str, t: str, source_lang: Lang) -> bool:
    return swapped_sides(s, t) if source_lang is Lang.ZH else swapped_sides(t, s)


def _problem(s: str, t: str) -> str:
    if not s.strip() or not t.strip():
        return "empty segment"
    if max(len(s), len(t)) > MAX_SEGMENT_CHARS:
        return f"segment longer than {MAX_SEGMENT_CHARS:,} characters"
    return ""


def write_tsv(
    units: Iterable[TranslationUnit],
    target: str | os.PathLike[str],
    *,
    source_lang: Lang = Lang.ZH,
) -> int:
    """``source TAB target`` per unit (tabs and line breaks inside segments become spaces).

    A TSV file has no language tags, so every line has ``source_lang`` in its first column
    (the import's default), whatever each unit's own direction.
    """
    n = 0
    with atomic_text(target) as fh:
        for u in units:
            src, tgt = u.side(source_lang), u.side(source_lang.other)
            fh.write(f"{_flat(src.text)}\t{_flat(tgt.text)}\n")
            n += 1
    return n


def write_parallel(
    units: Iterable[TranslationUnit],
    zh_target: str | os.PathLike[str],
    en_target: str | os.PathLike[str],
) -> int:
    """Two line-aligned files, Chinese and English."""
    n = 0
    with atomic_text(zh_target) as zh, atomic_text(en_target) as en:
        for u in units:
            zh.write(_flat(u.side(Lang.ZH).text) + "\n")
            en.write(_flat(u.side(Lang.EN).text) + "\n")
            n += 1
    return n


def _flat(text: str) -> str:
    return " ".join(text.split())
