"""The memory operations the CLI (and any other front end) calls, one function each."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path

from untm.db import Database
from untm.errors import LanguageError, UsageError
from untm.text.lang import Lang

from . import concordance as _concordance
from . import lookup as _lookup
from .model import ConcordanceHit, Match, SkippedUnit, TmImportReport, TmStats, TranslationUnit
from .parallel import read_parallel, read_tsv, write_parallel, write_tsv
from .store import TmStore
from .tmx import read_tmx, write_tmx

MAX_EXAMPLES = 5


class TmFormat(StrEnum):
    TMX = "tmx"
    TSV = "tsv"
    TEXT = "text"  # two line-aligned files

    @classmethod
    def of(cls, path: str | os.PathLike[str]) -> TmFormat:
        suffix = Path(path).suffix.lower()
        if suffix in (".tmx", ".xml"):
            return cls.TMX
        if suffix in (".tsv", ".tab"):
            return cls.TSV
        if suffix == ".txt":
            return cls.TEXT
        raise UsageError(f"{path}: cannot tell the format from the name; give --format")


def import_file(
    db: Database,
    source: str | os.PathLike[str],
    *,
    fmt: TmFormat | None = None,
    target: str | os.PathLike[str] | None = None,
    source_lang: Lang = Lang.ZH,
    origin: str | None = None,
    encoding: str | None = None,
    on_bytes: Callable[[int], None] | None = None,
) -> TmImportReport:
    """Import a TMX, TSV or pair of line-aligned files in one transaction.

    Bad units are skipped and counted (the first few with their lines); if no usable unit
    is left the import fails and the database is unchanged.
    """
    fmt = fmt or TmFormat.of(source)
    name = origin or Path(source).name
    started = time.perf_counter()
    if fmt is TmFormat.TMX:
        items: Iterable[TranslationUnit | SkippedUnit] = read_tmx(
            source, origin=name, on_bytes=on_bytes
        )
    elif fmt is TmFormat.TSV:
        items = read_tsv(source, source_lang=source_lang, origin=name, encoding=encoding)
    else:
        if target is None:
            raise UsageError("line-aligned import needs the translation file too (--target)")
        items = read_parallel(
            source, target, source_lang=source_lang, origin=name, encoding=encoding
        )
    skipped: list[SkippedUnit] = []
    store = TmStore(db)
    with db.transaction():
        added, read = store.add_units(_units_only(items, skipped))
        if read == 0:
            first = f" (line {skipped[0].line}: {skipped[0].reason})" if skipped else ""
            raise LanguageError(source, f"no usable Chinese-English unit{first}")
    return TmImportReport(
        source=name,
        read=read + len(skipped),
        added=added,
        merged=read - added,
        skipped=len(skipped),
        skipped_examples=tuple(skipped[:MAX_EXAMPLES]),
        seconds=time.perf_counter() - started,
    )


def _units_only(
    items: Iterable[TranslationUnit | SkippedUnit], skipped: list[SkippedUnit]
) -> Iterator[TranslationUnit]:
    for item in items:
        if isinstance(item, SkippedUnit):
            skipped.append(item)
        else:
            yield item


def export_file(
    db: Database,
    target: str | os.PathLike[str],
    *,
    fmt: TmFormat | None = None,
    second: str | os.PathLike[str] | None = None,
    origin: str | None = None,
) -> int:
    """Export the memory (or the units of one origin); returns the number of units."""
    fmt = fmt or TmFormat.of(target)
    store = TmStore(db)
    units = store.iter_units(origin=origin)
    if fmt is TmFormat.TMX:
        return write_tmx(units, target, srclang=_header_srclang(store, origin))
    if fmt is TmFormat.TSV:
        return write_tsv(units, target)
    if second is None:
        raise UsageError("line-aligned export needs a second file for English (--target)")
    return write_parallel(units, target, second)


def _header_srclang(store: TmStore, origin: str | None) -> str:
    """The one source language tag of the units, or ``*all*`` when they differ."""
    tags = store.source_tags(origin=origin)
    if len(tags) == 1:
        return tags[0]
    return "*all*" if tags else "zh-CN"


def lookup(
    db: Database,
    query: str,
    *,
    lang: Lang | None = None,
    min_score: float = 70.0,
    limit: int = 5,
) -> list[Match]:
    """Fuzzy matches for ``query`` (see :mod:`untm.tm.lookup`)."""
    return _lookup.lookup(TmStore(db), query, lang=lang, min_score=min_score, limit=limit)


def concordance(
    db: Database, phrase: str, *, lang: Lang | None = None, limit: int = 50
) -> list[ConcordanceHit]:
    return _concordance.concordance(TmStore(db), phrase, lang=lang, limit=limit)


def stats(db: Database) -> TmStats:
    return TmStore(db).stats()


def delete(db: Database, *, origin: str) -> int:
    return TmStore(db).delete(origin=origin)
