"""The one door to translate-toolkit (``translate.*``): an independent check of our exports, and
the reader of the XLIFF and PO files ``untm lint`` checks.

translate-toolkit is what many localization pipelines (Pootle, Weblate, Virtaal) read
TBX and OmegaT glossaries with, so reading our exports with it proves they interoperate.
It is not used for untm's own reading of glossaries: its OmegaT reader knows no comment
lines, no header, no line numbers in errors and decodes ``.tab`` files in the system
encoding. It is the reader of the translation files ``untm lint`` checks (XLIFF 1.2 and
2.x, PO): :func:`read_xliff` and :func:`read_po` give :class:`BilingualFile` records of
plain strings.

translate-toolkit is imported inside the functions (it costs a noticeable fraction of a
second), and nothing of it leaves this module: callers get tuples of strings, and its
exceptions become :class:`~untm.errors.FormatError`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from .errors import FormatError, LanguageError


def read_tbx_with_ttk(path: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """(source term, target term) of each entry of a TBX 2 file, as translate-toolkit
    reads it: the first term of the first and of the second language section."""
    from translate.storage import tbx

    try:
        with open(path, "rb") as fh:
            store = tbx.tbxfile(fh)
        return [(str(u.source or ""), str(u.target or "")) for u in store.units]
    except Exception as exc:  # whatever translate-toolkit raises, one error of ours
        raise FormatError(path, f"translate-toolkit cannot read it: {exc}") from exc


def read_omegat_with_ttk(path: str | os.PathLike[str]) -> list[tuple[str, str, str]]:
    """(source, target, comment) of each line of an OmegaT glossary (UTF-8, ``.utf8``),
    as translate-toolkit reads it."""
    from translate.storage import omegat

    try:
        with open(path, "rb") as fh:
            store = omegat.OmegaTFile(fh)
        return [
            (str(u.source or ""), str(u.target or ""), str(u.getnotes() or "")) for u in store.units
        ]
    except Exception as exc:
        raise FormatError(path, f"translate-toolkit cannot read it: {exc}") from exc


def read_tmx_with_ttk(path: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """(first variant, second variant) of each unit of a TMX file, as translate-toolkit
    reads it (inline markup flattened to text the way translate-toolkit does)."""
    from translate.storage import tmx

    try:
        with open(path, "rb") as fh:
            store = tmx.tmxfile(fh)
        return [(str(u.source or ""), str(u.target or "")) for u in store.units]
    except Exception as exc:
        raise FormatError(path, f"translate-toolkit cannot read it: {exc}") from exc


# --- translation files for lint: XLIFF 1.2 and 2.x, PO --------------------------------------


@dataclass(frozen=True, slots=True)
class BilingualFile:
    """What lint needs of an XLIFF or PO file, as plain strings: the languages it
    declares ("" when it declares none) and its units."""

    format: str  # "xliff-1.2", "xliff-2", "po"
    source_lang: str
    target_lang: str
    units: tuple[BilingualUnit, ...]


@dataclass(frozen=True, slots=True)
class BilingualUnit:
    """One unit: its id as the file names it, source, target ("" when it has none) and
    the line it starts on (None when unknown). Inline markup is flattened to its text,
    the way translate-toolkit flattens it (``<g>`` content kept, ``<x/>`` dropped)."""

    id: str
    source: str
    target: str
    line: int | None


_XLIFF_NS = {
    "urn:oasis:names:tc:xliff:document:1.1": "xliff-1.2",
    "urn:oasis:names:tc:xliff:document:1.2": "xliff-1.2",
    "urn:oasis:names:tc:xliff:document:2.0": "xliff-2",
    "urn:oasis:names:tc:xliff:document:2.1": "xliff-2",
    "urn:oasis:names:tc:xliff:document:2.2": "xliff-2",
}
_ROOT_NS = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?xliff\b[^>]*?\bxmlns(?::\w+)?\s*=\s*[\"']([^\"']+)")
_VERSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?xliff\b[^>]*?\bversion\s*=\s*[\"']([^\"']+)")


def read_xliff(path: str | os.PathLike[str], data: bytes | None = None) -> BilingualFile:
    """The units of an XLIFF 1.2 or 2.x file, read by translate-toolkit.

    The prolog is checked by untm first (no entity declarations: nothing is expanded or
    fetched; translate-toolkit's parser resolves no entities and reads no network
    either); a file that is not XLIFF, or not well-formed, is a FormatError with its line.
    """
    from lxml import etree

    from . import _xml

    if data is None:
        with open(path, "rb") as fh:
            data = fh.read()
    if _xml.is_blank(data[: 1 << 20]):
        raise FormatError(path, "the file is empty")
    prolog = _xml.inspect_prolog(data[: 1 << 20], path)
    root = (prolog.root or "").rsplit(":", 1)[-1]
    if root != "xliff":
        found = f"root element <{prolog.root}>" if prolog.root else "no root element"
        raise FormatError(path, f"not an XLIFF file ({found})")
    fmt = _xliff_format(data[: 1 << 20], path)
    store: Any
    try:
        if fmt == "xliff-2":
            from translate.storage.xliff2 import Xliff2File

            store = Xliff2File(data)
        else:
            from translate.storage.xliff import xlifffile

            store = xlifffile(data)
    except etree.XMLSyntaxError as exc:
        raise _xml.syntax_error(exc, path) from None
    except Exception as exc:  # whatever translate-toolkit raises, one error of ours
        raise FormatError(path, f"not a readable XLIFF file: {exc}") from None
    src, tgt = _xliff_langs(store, fmt, path)
    units = []
    ids: dict[str, int] = {}
    for u in store.units:
        if u.isheader() or not u.istranslatable():
            continue
        uid = _xliff_id(u, fmt)
        ids[uid] = ids.get(uid, 0) + 1
        target = u.target
        units.append(
            BilingualUnit(
                uid,
                str(u.source or ""),
                "" if target is None else str(target),
                getattr(u.xmlelement, "sourceline", None),
            )
        )
    if not units and not list(store.units):
        raise FormatError(path, "the XLIFF file has no units")
    dup = next((i for i, n in ids.items() if n > 1), None)
    if dup is not None:
        raise FormatError(path, f"unit id {dup!r} is used more than once")
    return BilingualFile(fmt, src, tgt, tuple(units))


def _xliff_format(head: bytes, path: str | os.PathLike[str]) -> str:
    ns = _ROOT_NS.search(head)
    if ns is not None and ns.group(1).decode("ascii", "replace") in _XLIFF_NS:
        return _XLIFF_NS[ns.group(1).decode("ascii", "replace")]
    version = _VERSION.search(head)
    if version is not None:
        v = version.group(1).decode("ascii", "replace")
        if v.startswith("2"):
            return "xliff-2"
        if v.startswith("1"):
            return "xliff-1.2"
        raise FormatError(path, f"XLIFF version {v} is not supported (1.2 and 2.x are)")
    raise FormatError(path, "an XLIFF file needs the XLIFF namespace or a version attribute")


def _xliff_langs(store: Any, fmt: str, path: str | os.PathLike[str]) -> tuple[str, str]:
    if fmt == "xliff-2":
        return str(store.getsourcelanguage() or ""), str(store.gettargetlanguage() or "")
    files = list(store.document.getroot().iterchildren(store.namespaced("file")))
    if not files:
        raise FormatError(path, "an XLIFF 1.2 file needs a <file> element")
    pairs = {(f.get("source-language") or "", f.get("target-language") or "") for f in files}
    if len(pairs) > 1:
        shown = ", ".join(f"{s or '?'}→{t or '?'}" for s, t in sorted(pairs))
        raise LanguageError(path, f"its <file> elements have different languages ({shown})")
    return next(iter(pairs))


def _xliff_id(unit: Any, fmt: str) -> str:
    if fmt == "xliff-2":
        return str(unit.getid() or "")
    own = unit.xmlelement.get("id")
    if own:
        return str(own)
    return str(unit.getid() or "").rsplit("\x04", 1)[-1]


_PO_MSGID = re.compile(r"^msgid\s", re.MULTILINE)


def read_po(path: str | os.PathLike[str], data: bytes | None = None) -> BilingualFile:
    """The entries of a PO file, read by translate-toolkit (the header and obsolete
    entries left out). The id of an entry is its msgid, after ``msgctxt::`` when it has
    a context; its target the first msgstr of a plural entry. The source language is the
    header's ``X-Source-Language`` when there is one (gettext names only the target's)."""
    from translate.storage import po

    if data is None:
        with open(path, "rb") as fh:
            data = fh.read()
    if not data.strip():
        raise FormatError(path, "the file is empty")
    try:
        store = po.pofile(data)
    except Exception as exc:
        raise FormatError(path, f"not a readable PO file: {_one_line(exc)}") from None
    parse_header = getattr(store, "parseheader")  # noqa: B009 (untyped in translate-toolkit)
    header = parse_header() if store.units and store.units[0].isheader() else {}
    lines = _po_lines(data)
    units = []
    k = 0
    for u in store.units:
        if u.isobsolete():
            continue
        line = lines[k] if k < len(lines) else None
        k += 1
        if u.isheader():
            continue
        ctx = str(u.getcontext() or "")
        source = str(u.source or "")
        units.append(
            BilingualUnit(f"{ctx}::{source}" if ctx else source, source, str(u.target or ""), line)
        )
    if not units:
        raise FormatError(path, "the PO file has no entries")
    return BilingualFile(
        "po",
        str(header.get("X-Source-Language", "") or ""),
        str(header.get("Language", "") or ""),
        tuple(units),
    )


def _po_lines(data: bytes) -> list[int]:
    """Line of each (non-obsolete) entry's msgid, in order."""
    text = data.decode("utf-8", errors="replace")
    return [text.count("\n", 0, m.start()) + 1 for m in _PO_MSGID.finditer(text)]


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
