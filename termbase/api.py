"""The termbase operations the CLI (and any other front end) calls, one function each.

Importing this module loads what lookup needs and no more: the interchange formats and
the term matcher are imported by the functions that use them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from untm.db import Database
from untm.errors import LanguageError, NotFoundError, UsageError
from untm.text.lang import Lang

from .formats.kinds import TermbaseFormat
from .lookup import lookup as _lookup
from .model import DeleteReport, ImportReport, LookupResult, TermOccurrence
from .store import SqliteTermStore, TermbaseStats

if TYPE_CHECKING:
    from .formats import ColumnMap


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
    source_lang: Lang | None = None,
) -> ImportReport:
    """Read a TBX/TSV/CSV file and merge it into the termbase in one transaction.

    The whole file is read and checked before the database is touched, so a bad file
    changes nothing.
    """
    from .formats import detect_format, read_concepts

    fmt = fmt or detect_format(source)
    reviewed = _reviewed(db, source, fmt, columns, encoding)
    if reviewed is not None:
        return reviewed
    result = read_concepts(
        source,
        fmt,
        columns=columns,
        encoding=encoding,
        source_lang=source_lang,
    )
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


def _reviewed(
    db: Database,
    source: str | os.PathLike[str],
    fmt: TermbaseFormat,
    columns: ColumnMap | None,
    encoding: str | None,
) -> ImportReport | None:
    """The import of a reviewed sheet or proposed TBX of ``untm align terms`` (see
    :mod:`.review`), or None for any other file (standard input is never one)."""
    if str(source) == "-" or columns is not None or fmt is TermbaseFormat.CSV:
        return None
    from untm._io import decode, read_bytes

    from . import review

    data = read_bytes(source)
    if fmt is TermbaseFormat.TSV:
        text = decode(data, source, encoding)
        return review.sheet_file(db, source, text) if review.is_review_sheet(text) else None
    if not review.is_proposal_tbx(data):
        return None
    from .formats import read_concepts

    result = read_concepts(source, fmt)
    accepted, rejected = review.proposal_concepts(result.concepts)
    warnings = [w for w in result.warnings if review.PROPOSAL_PI not in w]
    return review.import_review(db, accepted, rejected, origin=Path(source).name, warnings=warnings)


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What an export wrote: the file, its format and layout, how many concepts."""

    target: str
    format: TermbaseFormat
    #: ``omegat zh-en`` (OmegaT glossary), ``all columns``, a column mapping, or ``TBX``
    layout: str
    concepts: int


def export_file(
    db: Database,
    target: str | os.PathLike[str],
    *,
    fmt: TermbaseFormat | None = None,
    columns: ColumnMap | None = None,
    origins: Sequence[str] = (),
    subjects: Sequence[str] = (),
) -> ExportReport:
    """Write the termbase (``-``: standard output): every concept, or those of any of
    ``origins`` and of any of ``subjects``. An origin or subject the termbase does not
    have is a NotFoundError, raised before anything is written.

    Without ``fmt`` the format follows the file name, and ``.txt``/``.utf8``/``.tab``
    files get OmegaT's glossary layout (see :func:`~.formats.export_layout`).
    """
    from .formats import ColumnMap, export_layout, write_concepts

    store = SqliteTermStore(db)
    for what, given, known in (
        ("origin", origins, store.origins()),
        ("subject", subjects, store.subjects()),
    ):
        missing = [v for v in given if v not in known]
        if missing:
            raise NotFoundError(
                f"no concepts with {what} {missing[0]!r}; `untm termbase stats` lists the {what}s"
            )
    fmt, columns = export_layout(target, fmt, columns)
    chosen = store.select(origins=origins, subjects=subjects)
    n = write_concepts(chosen, target, fmt, columns=columns)
    if fmt.is_xml:
        layout = "TBX-Basic" if fmt is TermbaseFormat.TBX else "TBX-Basic 2 (martif)"
    elif columns is None or columns == ColumnMap.default():
        layout = "all columns"
    elif columns in (ColumnMap.omegat(), ColumnMap.omegat(Lang.EN, Lang.ZH)):
        first = columns.columns[0].role.lang
        layout = f"OmegaT glossary {'zh-en' if first is Lang.ZH else 'en-zh'}"
    else:
        layout = f"columns {columns}"
    return ExportReport("<stdout>" if str(target) == "-" else str(target), fmt, layout, n)


def find_terms(db: Database, source: str | os.PathLike[str]) -> tuple[str, list[TermOccurrence]]:
    """(text, occurrences) of every termbase term in a text file (``-`` for stdin)."""
    from untm._io import read_text

    from .matcher import TermMatcher

    text = read_text(source)
    return text, TermMatcher(SqliteTermStore(db)).find(text)


def stats(db: Database) -> TermbaseStats:
    return SqliteTermStore(db).stats()


def delete(db: Database, *, ids: Sequence[str] = (), origin: str | None = None) -> DeleteReport:
    """Delete concepts by id, or every concept of one origin, in one transaction.

    An id or an origin the termbase does not have is a NotFoundError and deletes
    nothing. Deleting the origin of the shipped glossary takes the glossary out for
    good (:func:`.glossary.delete_shipped`): the concepts the user changed are kept.
    """
    from .glossary import GLOSSARY_ORIGIN, delete_shipped

    if bool(ids) == (origin is not None):
        raise UsageError("give concept ids or an origin to delete, not both")
    store = SqliteTermStore(db)
    if origin is None:
        known = {c.id for c in store.concepts(list(ids))}
        missing = [i for i in dict.fromkeys(ids) if i not in known]
        if missing:
            shown = ", ".join(repr(i) for i in missing)
            many = "s with ids" if len(missing) > 1 else " with id"
            raise NotFoundError(f"no concept{many} {shown}; `untm lookup TERM` shows concept ids")
        return store.delete_concepts(ids)
    if not store.ids_of_origin(origin):
        raise NotFoundError(
            f"no concepts with origin {origin!r}; `untm termbase stats` lists the origins"
        )
    if origin == GLOSSARY_ORIGIN:
        return delete_shipped(db)
    return store.delete_origin(origin)
