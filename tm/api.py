"""The memory operations the CLI (and any other front end) calls, one function each."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path

from untm.db import Database
from untm.errors import LanguageError, NotFoundError, UsageError
from untm.text.lang import Lang

from . import concordance as _concordance
from . import lookup as _lookup
from ._batch import Batch
from ._pipeline import Prepared, prepared_batches
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
    if fmt is TmFormat.TEXT and target is None:
        raise UsageError("line-aligned import needs the translation file too (--target)")

    def items(progress: Callable[[int], None]) -> Iterable[TranslationUnit | SkippedUnit]:
        if fmt is TmFormat.TMX:
            return read_tmx(source, origin=name, on_bytes=progress)
        if fmt is TmFormat.TSV:
            return read_tsv(source, source_lang=source_lang, origin=name, encoding=encoding)
        assert target is not None
        return read_parallel(
            source, target, source_lang=source_lang, origin=name, encoding=encoding
        )

    skipped: list[SkippedUnit] = []
    with db.transaction():
        added, read = TmStore(db).add_batches(_collect(prepared_batches(items), skipped, on_bytes))
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


def _collect(
    prepared: Iterable[Prepared],
    skipped: list[SkippedUnit],
    on_bytes: Callable[[int], None] | None,
) -> Iterator[Batch]:
    for p in prepared:
        skipped.extend(p.skipped)
        if on_bytes:
            on_bytes(p.bytes_read)
        yield p.batch


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
    """Delete the units of one origin; an origin with no units is a NotFoundError."""
    n = TmStore(db).delete(origin=origin)
    if n == 0:
        raise NotFoundError(f"no units with origin {origin!r}; `untm tm stats` lists the origins")
    return n
