"""Termbase interchange: TBX v3, TBX 2, TSV and CSV, read into and written from Concepts.

One entry point per direction, for every format::

    result = read_concepts("glossary.tbx")            # format from the file
    write_concepts(result.concepts, "out.tbx", TermbaseFormat.TBX)

``"-"`` reads standard input or writes standard output. Files are written atomically:
a failed export leaves no half file and keeps the previous one. What each format keeps
of the model is in the docstring of its module (``tbx3``, ``tbx2``, ``tabular``).

The TBX modules load lxml, and the TSV/CSV module its column rules, only when a file of
their format is read or written; :mod:`.kinds` names the formats without loading any.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from untm._io import atomic_binary, decode, read_bytes
from untm.errors import FormatError, UsageError

from .kinds import OMEGAT_EXTENSIONS, TABULAR_EXTENSIONS, TBX_EXTENSIONS, TermbaseFormat

if TYPE_CHECKING:
    from untm.text.lang import Lang

    from ..model import Concept
    from ._common import ReadResult
    from .tabular import Column, ColumnMap, Field, Role

_LAZY = {
    "Column": "tabular",
    "ColumnMap": "tabular",
    "Field": "tabular",
    "Role": "tabular",
    "ReadResult": "_common",
}
_SNIFF_BYTES = 1 << 16


def __getattr__(name: str) -> Any:
    """``ColumnMap`` and friends, imported from their module on first use."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def detect_format(path: str | os.PathLike[str]) -> TermbaseFormat:
    """The format of ``path`` from its extension; a ``.tbx`` (or ``.xml``) file is TBX 2
    if its root element is ``martif`` and TBX v3 if it is ``tbx``."""
    if str(path) == "-":
        raise UsageError("the format of standard input cannot be detected: give it explicitly")
    suffix = Path(path).suffix.lower()
    if suffix in TABULAR_EXTENSIONS:
        return TABULAR_EXTENSIONS[suffix]
    if suffix not in TBX_EXTENSIONS:
        raise UsageError(
            f"{path}: cannot tell the format from the extension {suffix or '(none)'!r}; "
            "give it explicitly (tbx, tbx2, tsv or csv)"
        )
    return _sniff_tbx(read_bytes(path)[:_SNIFF_BYTES], path)


def _sniff_tbx(head: bytes, source: str | os.PathLike[str]) -> TermbaseFormat:
    from lxml import etree

    from untm._xml import check_prolog, is_blank, parse, parser_options, syntax_error

    if len(head) < _SNIFF_BYTES and is_blank(head):
        raise FormatError(source, "the file is empty")  # also only a BOM or blanks
    check_prolog(head, source)
    options = {k: v for k, v in parser_options().items() if k != "dtd_validation"}
    parser = etree.XMLPullParser(events=("start",), **options)
    try:
        parser.feed(head)
        root = next((el for _, el in parser.read_events() if isinstance(el, etree._Element)), None)
    except etree.XMLSyntaxError as exc:
        raise syntax_error(exc, source) from None
    if root is None and len(head) < _SNIFF_BYTES:
        parse(head, source)  # the whole file, without a root element: the parser says why
    name = etree.QName(root).localname if root is not None else ""
    if name == "martif":
        return TermbaseFormat.TBX2
    if name == "tbx":
        return TermbaseFormat.TBX
    if not name:
        raise FormatError(source, "not a TBX file: no root element in the first 64 KB")
    raise FormatError(source, f"not a TBX file: the root element is <{name}>")


def export_layout(
    target: str | os.PathLike[str],
    fmt: TermbaseFormat | None = None,
    columns: ColumnMap | None = None,
) -> tuple[TermbaseFormat, ColumnMap | None]:
    """The format and columns of an export to ``target`` where not given.

    The format follows the extension: ``.tbx`` is TBX v3, ``.tsv`` and ``.csv`` get every
    column with a header (:meth:`ColumnMap.default`), and ``.txt``, ``.utf8`` and
    ``.tab`` are OmegaT glossaries (zh TAB en TAB comment, no header:
    :meth:`ColumnMap.omegat`). ``columns`` given always wins. ``None`` columns means the
    writer's default. Standard output (``-``) needs ``fmt``.
    """
    suffix = Path(target).suffix.lower() if str(target) != "-" else ""
    if fmt is None:
        if suffix == ".tbx":
            fmt = TermbaseFormat.TBX
        elif suffix in TABULAR_EXTENSIONS:
            fmt = TABULAR_EXTENSIONS[suffix]
        elif str(target) == "-":
            raise UsageError("give the format of standard output (tbx, tbx2, tsv or csv)")
        else:
            raise UsageError(
                f"{target}: cannot tell the format from the extension {suffix or '(none)'!r}; "
                "give it explicitly (tbx, tbx2, tsv or csv)"
            )
    if columns is None and fmt is TermbaseFormat.TSV and suffix in OMEGAT_EXTENSIONS:
        from .tabular import ColumnMap

        columns = ColumnMap.omegat()
    return fmt, columns


def read_concepts(
    source: str | os.PathLike[str],
    fmt: TermbaseFormat | None = None,
    *,
    columns: ColumnMap | None = None,
    encoding: str | None = None,
    source_lang: Lang | None = None,
) -> ReadResult:
    """Read a termbase file (``-``: standard input) into concepts.

    ``fmt`` defaults to :func:`detect_format`. For TBX the root element decides between
    TBX v3 and TBX 2, so either value reads both. ``columns`` and ``encoding`` apply to
    TSV and CSV; an XML file declares its own encoding (an ``encoding`` given for one is
    reported as ignored). ``source_lang`` is the language of column 1 of a table without
    a header (an OmegaT glossary), zh unless given; it cannot go with ``columns``, which
    say it themselves, nor with TBX. Errors are :class:`~untm.errors.InputError` subclasses whose
    message names the file and, when known, the line.
    """
    fmt = fmt or detect_format(source)
    if columns is not None and fmt.is_xml:
        raise UsageError("column mappings apply to TSV and CSV files, not TBX")
    if source_lang is not None and (fmt.is_xml or columns is not None):
        raise UsageError(
            "--source-lang applies to TSV and CSV files without a header, "
            + ("not TBX" if fmt.is_xml else "and a column mapping says it already")
        )
    data = read_bytes(source)
    if fmt.is_xml:
        result = _read_tbx(data, source)
        if encoding:
            note = f"the encoding {encoding!r} was ignored: a TBX file declares its own"
            result = replace(result, warnings=(*result.warnings, note))
        return result
    from . import tabular

    text = decode(data, source, encoding)
    delimiter = "\t" if fmt is TermbaseFormat.TSV else ","
    return tabular.read(
        text, str(source), delimiter=delimiter, columns=columns, source_lang=source_lang
    )


def _read_tbx(data: bytes, source: str | os.PathLike[str]) -> ReadResult:
    from lxml import etree

    from untm._xml import parse

    from . import tbx2, tbx3

    tree = parse(data, source, keep_pis=True)  # <?untm-...?> carry untm's own data
    if etree.QName(tree.getroot()).localname == "martif":
        return tbx2.read(tree, source)
    return tbx3.read(tree, source)


def write_concepts(
    concepts: Iterable[Concept],
    target: str | os.PathLike[str],
    fmt: TermbaseFormat,
    *,
    columns: ColumnMap | None = None,
    title: str = "untm termbase",
) -> int:
    """Write ``concepts`` to ``target`` (``-``: standard output); returns how many.

    The document is built in full before the file is touched, and written atomically.
    Concepts without a term in the format's languages are left out; if none is left, a
    UsageError is raised and nothing is written. ``columns`` picks TSV/CSV columns
    (default :meth:`ColumnMap.default`; :meth:`ColumnMap.omegat` for an OmegaT glossary).
    """
    if columns is not None and fmt.is_xml:
        raise UsageError("column mappings apply to TSV and CSV files, not TBX")
    if fmt is TermbaseFormat.TBX:
        from . import tbx3

        data, count = tbx3.write(concepts, title)
    elif fmt is TermbaseFormat.TBX2:
        from . import tbx2

        data, count = tbx2.write(concepts, title)
    else:
        from . import tabular

        delimiter = "\t" if fmt is TermbaseFormat.TSV else ","
        text, count = tabular.write(concepts, delimiter=delimiter, columns=columns)
        data = text.encode("utf-8-sig" if fmt is TermbaseFormat.CSV else "utf-8")
    with atomic_binary(target) as fh:
        fh.write(data)
    return count


__all__ = [
    "Column",
    "ColumnMap",
    "Field",
    "ReadResult",
    "Role",
    "TermbaseFormat",
    "detect_format",
    "export_layout",
    "read_concepts",
    "write_concepts",
]
