"""The termbase operations the CLI (and any other front end) calls, one function each."""

from __future__ import annotations

import os
from pathlib import Path

from untm._io import read_text
from untm.db import Database
from untm.errors import LanguageError
from untm.text.lang import Lang

from .formats import ColumnMap, TermbaseFormat, detect_format, read_concepts, write_concepts
from .lookup import lookup as _lookup
from .matcher import TermMatcher
from .model import ImportReport, LookupResult, TermOccurrence
from .store import SqliteTermStore, TermbaseStats


def store(db: Database) -> SqliteTermStore:
    return SqliteTermStore(db)


def lookup(
    db: Database,
    query: str,
    *,
    lang: Lang | None = None,
    limit: int = 10,
    min_score: float = 70.0,
) -> LookupResult:
    """Ranked lookup of a term in either language (see :mod:`untm.termbase.lookup`)."""
    return _lookup(SqliteTermStore(db), query, lang=lang, limit=limit, min_score=min_score)


def import_file(
    db: Database,
    source: str | os.PathLike[str],
    *,
    fmt: TermbaseFormat | None = None,
    columns: ColumnMap | None = None,
    encoding: str | None = None,
) -> ImportReport:
    """Read a TBX/TSV/CSV file and merge it into the termbase in one transaction.

    The whole file is read and checked before the database is touched, so a bad file
    changes nothing.
    """
    result = read_concepts(source, fmt or detect_format(source), columns=columns, encoding=encoding)
    if not result.concepts:
        raise LanguageError(source, "no concept with a Chinese or English term")
    origin = "<stdin>" if str(source) == "-" else Path(source).name
    report = SqliteTermStore(db).import_concepts(result.concepts, origin=origin)
    return ImportReport(
        source=origin,
        concepts_added=report.concepts_added,
        concepts_merged=report.concepts_merged,
        terms_added=report.terms_added,
        skipped=result.skipped,
        warnings=result.warnings,
    )


def export_file(
    db: Database,
    target: str | os.PathLike[str],
    *,
    fmt: TermbaseFormat,
    columns: ColumnMap | None = None,
) -> int:
    """Write the whole termbase; returns the number of concepts written."""
    return write_concepts(SqliteTermStore(db).all_concepts(), target, fmt, columns=columns)


def find_terms(db: Database, source: str | os.PathLike[str]) -> tuple[str, list[TermOccurrence]]:
    """(text, occurrences) of every termbase term in a text file (``-`` for stdin)."""
    text = read_text(source)
    return text, TermMatcher(SqliteTermStore(db)).find(text)


def stats(db: Database) -> TermbaseStats:
    return SqliteTermStore(db).stats()
