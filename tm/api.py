"""The memory operations the CLI (and any other front end) calls, one function each."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from untm._io import display_name
from untm.db import Database
from untm.errors import DatabaseError, InputError, LanguageError, NotFoundError, UsageError
from untm.text.lang import Lang, has_cjk

from . import concordance as _concordance
from . import lookup as _lookup
from ._batch import Batch
from ._pipeline import Prepared, prepared_batches
from .model import (
    Concordance,
    HeaderProps,
    Match,
    Notice,
    SkippedUnit,
    TmDeleteReport,
    TmImportReport,
    TmStats,
    TranslationUnit,
    UnitWarning,
)
from .parallel import read_parallel, read_tsv, write_parallel, write_tsv
from .store import TmStore
from .tmx import read_tmx, read_tmx_header, write_tmx

MAX_EXAMPLES = 5


class TmFormat(StrEnum):
    TMX = "tmx"
    TSV = "tsv"
    TEXT = "text"  # two line-aligned files

    @classmethod
    def of(cls, path: str | os.PathLike[str]) -> TmFormat:
        if str(path) == "-":
            raise UsageError(
                "- (standard input or output) has no file name to tell the format from; "
                "give --format tmx or --format tsv"
            )
        suffix = Path(path).suffix.lower()
        if suffix in (".tmx", ".xml"):
            return cls.TMX
        if suffix in (".tsv", ".tab"):
            return cls.TSV
        if suffix == ".txt":
            return cls.TEXT
        raise UsageError(f"{path}: cannot tell the format from the name; give --format")


def _format(
    path: str | os.PathLike[str], fmt: TmFormat | None, second: str | os.PathLike[str] | None
) -> TmFormat:
    """The format given, else line-aligned text when a second file is, else by name."""
    if fmt is None:
        fmt = TmFormat.TEXT if second is not None else TmFormat.of(path)
    if fmt is TmFormat.TEXT and second is None:
        raise UsageError("line-aligned text needs the English or translation file (--target)")
    if fmt is not TmFormat.TEXT and second is not None:
        raise UsageError(f"--target is for line-aligned text (--format text), not {fmt.value}")
    return fmt


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

    ``-`` reads standard input (``fmt`` is then required); its units' origin is
    ``<stdin>`` unless ``origin`` says otherwise. Bad units are skipped and counted (the
    first few with their lines), as are warnings about what was dropped from good ones.
    The import fails, leaving the database unchanged, if no usable unit is left, if
    most units of a TSV or text import have their languages the wrong way round, or if
    the database cannot be written (a full disk) or the input read to its end: every
    such failure is one :class:`~untm.errors.UntmError`.
    A TMX header's props and notes are kept for the origin (see :func:`header_props`).
    """
    fmt = _format(source, fmt, target)
    shown = display_name(source)
    name = origin or (shown if str(source) == "-" else Path(source).name)
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        path = stack.enter_context(_local_copy(source))
        second = None if target is None else stack.enter_context(_local_copy(target))
        names = (shown, display_name(target) if target is not None else "")
        job = _Input(fmt, path, second, names, source_lang, name, encoding)
        with _faults(db, source):
            header = read_tmx_header(path, origin=name, name=shown) if job.is_tmx else ()
            tally, added, read = _store(db, job, header, on_bytes, source)
    return TmImportReport(
        source=name,
        read=read + tally.skipped,
        added=added,
        merged=read - added,
        skipped=tally.skipped,
        skipped_examples=tuple(tally.skipped_examples),
        seconds=time.perf_counter() - started,
        warnings=tally.warnings,
        warning_examples=tuple(tally.warning_examples),
    )


@dataclass(frozen=True)
class _Input:
    """What an import reads: the format, the local files, the names messages use."""

    fmt: TmFormat
    path: str
    second: str | None  # the other file of a line-aligned pair
    names: tuple[str, str]  # what messages call path and second
    source_lang: Lang
    origin: str
    encoding: str | None

    @property
    def is_tmx(self) -> bool:
        return self.fmt is TmFormat.TMX

    def items(self, progress: Callable[[int], None]) -> Iterable[TranslationUnit | Notice]:
        """The units and notices of the input (run in the reader process)."""
        shown = self.names[0]
        if self.fmt is TmFormat.TMX:
            return read_tmx(self.path, origin=self.origin, on_bytes=progress, name=shown)
        if self.fmt is TmFormat.TSV:
            return read_tsv(
                self.path,
                source_lang=self.source_lang,
                origin=self.origin,
                encoding=self.encoding,
                name=shown,
            )
        assert self.second is not None  # see _format
        return read_parallel(
            self.path,
            self.second,
            source_lang=self.source_lang,
            origin=self.origin,
            encoding=self.encoding,
            names=self.names,
        )


def _store(
    db: Database,
    job: _Input,
    header: tuple[HeaderProps, ...],
    on_bytes: Callable[[int], None] | None,
    source: str | os.PathLike[str],
) -> tuple[_Tally, int, int]:
    """Read and store the units in one transaction; returns (tally, added, read)."""
    tally = _Tally()
    judge = not job.is_tmx  # TSV and text say nothing of their languages
    shown = job.names[0]
    with db.transaction(), contextlib.closing(prepared_batches(job.items, name=shown)) as batches:
        added, read = TmStore(db).add_batches(_collect(batches, tally, on_bytes, judge=judge))
        if judge and tally.swapped > tally.chinese:
            raise LanguageError(source, _swapped_message(tally, job.fmt, job.source_lang))
        if read == 0:
            first = tally.skipped_examples[:1]
            where = f" (line {first[0].line}: {first[0].reason})" if first else ""
            raise LanguageError(source, f"no usable Chinese-English unit{where}")
        TmStore(db).save_headers(header)
    return tally, added, read


@contextlib.contextmanager
def _faults(db: Database, source: str | os.PathLike[str]) -> Iterator[None]:
    """Failures of the machine during an import (the transaction has rolled back) as one
    UntmError: a full disk or another database error, a read error of the input."""
    shown = display_name(source)
    try:
        yield
    except sqlite3.Error as exc:
        if _disk_full(exc):
            raise DatabaseError(
                f"{db.path}: the disk is full; the import of {shown} changed nothing "
                "(free some space and import again)"
            ) from None
        raise DatabaseError(
            f"{db.path}: cannot write ({exc}); the import of {shown} changed nothing"
        ) from None
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise DatabaseError(
                f"{db.path}: the disk is full ({exc.strerror}); the import of {shown} "
                "changed nothing (free some space and import again)"
            ) from None
        raise InputError(
            source, f"cannot read: {exc.strerror or exc}; nothing was imported"
        ) from None
    except MemoryError:
        raise InputError(source, "out of memory while importing it; nothing was imported") from None


def _disk_full(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL" or "disk is full" in str(exc)


@contextlib.contextmanager
def _local_copy(source: str | os.PathLike[str]) -> Iterator[str]:
    """``source``, or for ``-`` a temporary copy of standard input.

    The import reads its input in a worker process, which does not inherit standard
    input, and a TMX is read twice (its header first); copying in 1 MB blocks keeps
    memory flat.
    """
    if str(source) != "-":
        yield str(source)
        return
    with tempfile.NamedTemporaryFile(prefix="untm-stdin-") as tmp:
        try:
            shutil.copyfileobj(sys.stdin.buffer, tmp, 1 << 20)
            tmp.flush()
        except OSError as exc:  # a full /tmp
            raise InputError(
                source, f"cannot keep a copy of standard input: {exc.strerror or exc}"
            ) from None
        yield tmp.name


@dataclass
class _Tally:
    """What the import set aside: counts and the first examples (memory stays bounded)."""

    skipped: int = 0
    swapped: int = 0  # skipped because their languages look swapped
    chinese: int = 0  # kept with Chinese in the Chinese side (when counted)
    warnings: int = 0
    skipped_examples: list[SkippedUnit] = field(default_factory=list)
    warning_examples: list[UnitWarning] = field(default_factory=list)
    first_swapped: SkippedUnit | None = None

    def add(self, item: Notice) -> None:
        if isinstance(item, UnitWarning):
            self.warnings += 1
            if len(self.warning_examples) < MAX_EXAMPLES:
                self.warning_examples.append(item)
            return
        self.skipped += 1
        if len(self.skipped_examples) < MAX_EXAMPLES:
            self.skipped_examples.append(item)
        if item.swapped:
            self.swapped += 1
            self.first_swapped = self.first_swapped or item


def _collect(
    prepared: Iterable[Prepared],
    tally: _Tally,
    on_bytes: Callable[[int], None] | None,
    *,
    judge: bool = False,
) -> Iterator[Batch]:
    """The batches, tallying what was set aside (and, if ``judge``, units with Chinese)."""
    for p in prepared:
        for item in p.notices:
            tally.add(item)
        if judge:
            tally.chinese += sum(1 for row in p.batch.rows if has_cjk(row.zh))
        if on_bytes:
            on_bytes(p.bytes_read)
        yield p.batch


def _swapped_message(tally: _Tally, fmt: TmFormat, source_lang: Lang) -> str:
    """Why a TSV or text import is refused: most lines that show their languages (have
    Chinese on one side) have it on the side that ``--source-lang`` makes English."""
    first = tally.first_swapped.line if tally.first_swapped else None
    counted = (
        f"{tally.swapped:,} of the {tally.swapped + tally.chinese:,} lines with Chinese "
        f"(the first at line {first}) have it"
    )
    lang, other = source_lang.value, source_lang.other.value
    if fmt is TmFormat.TSV:
        column = 2 if source_lang is Lang.ZH else 1
        return (
            f"the columns look swapped: {counted} in column {column}, which --source-lang "
            f"{lang} makes the English one; use --source-lang {other}"
        )
    file = "the --target file" if source_lang is Lang.ZH else "the first file"
    return (
        f"the files look swapped: {counted} in {file}, which --source-lang {lang} makes "
        f"the English one; use --source-lang {other}"
    )


def export_file(
    db: Database,
    target: str | os.PathLike[str],
    *,
    fmt: TmFormat | None = None,
    second: str | os.PathLike[str] | None = None,
    origin: str | None = None,
) -> int:
    """Export the memory (or the units of one origin); returns the number of units.

    ``-`` writes to standard output (``fmt`` is then required). An origin with no units
    is a NotFoundError, raised before anything is written. A TMX export carries, in its
    header, the header props and notes of the origins it covers.
    """
    fmt = _format(target, fmt, second)
    store = TmStore(db)
    if origin and not store.source_tags(origin=origin):
        raise NotFoundError(f"no units with origin {origin!r}; `untm tm stats` lists the origins")
    units = store.iter_units(origin=origin)
    if fmt is TmFormat.TMX:
        return write_tmx(
            units,
            target,
            srclang=_header_srclang(store, origin),
            header=header_props(db, origin=origin or None),
        )
    if fmt is TmFormat.TSV:
        return write_tsv(units, target)
    assert second is not None
    return write_parallel(units, target, second)


def header_props(db: Database, *, origin: str | None = None) -> tuple[HeaderProps, ...]:
    """The TMX header props and notes kept for ``origin`` (or for every origin, by name)."""
    return TmStore(db).header_props(origin=origin)


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
) -> Concordance:
    """The units containing ``phrase``, newest first (at most ``limit``), and how many
    there are in all (see :mod:`untm.tm.concordance`)."""
    return _concordance.concordance(TmStore(db), phrase, lang=lang, limit=limit)


def stats(db: Database) -> TmStats:
    return TmStore(db).stats()


def delete(db: Database, *, origin: str) -> TmDeleteReport:
    """Take an origin (a file's units and kept TMX header) out of the memory: units no
    other origin holds are deleted. An unknown origin is a NotFoundError."""
    store = TmStore(db)
    with db.transaction():
        known = bool(store.source_tags(origin=origin) or store.header_props(origin=origin))
        if not known:
            raise NotFoundError(
                f"no units with origin {origin!r}; `untm tm stats` lists the origins"
            )
        return store.delete(origin=origin)
