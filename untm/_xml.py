"""Safe XML parsing shared by the TBX and TMX readers.

untm never resolves external entities, never loads a DTD or anything over the network,
and refuses any document whose DOCTYPE declares entities at all: that is where both
external-entity attacks and entity-expansion bombs live, and no TBX or TMX file needs
one. The check runs on the prolog before the parser sees the document, so a refused file
costs no memory and reads nothing else.

A DOCTYPE that names an external DTD (``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``, as CAT
tools write) is accepted, and the DTD is never read. A reference to an entity that only
such a DTD could declare (``&ext;``) is refused as unsafe input, with its line: the
parser reports it as an undeclared entity, which would otherwise be kept as the literal
text ``&ext;`` or, in an attribute, silently dropped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from lxml import etree

from .errors import EncodingError, FormatError, InputError, UnsafeInputError

_ENTITY_RE = re.compile(rb"<!ENTITY", re.IGNORECASE)
_COMMENT_RE = re.compile(rb"<!--.*?-->", re.DOTALL)
_PROLOG_LIMIT = 1 << 20  # a prolog (DOCTYPE internal subset included) longer than this is refused
_SPACE = b" \t\r\n"


def _prolog_bytes(head: bytes) -> bytes:
    """``head`` as ASCII-compatible bytes: UTF-16/32 (by BOM or by the NUL pattern of a
    leading ``<``) is transcoded to UTF-8, a UTF-8 BOM is dropped."""
    if head.startswith(b"\xef\xbb\xbf"):
        return head[3:]
    for bom, enc in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            return _transcode(head[len(bom) :], enc)
    for pattern, enc in (
        (b"<\x00\x00\x00", "utf-32-le"),
        (b"\x00\x00\x00<", "utf-32-be"),
        (b"<\x00", "utf-16-le"),
        (b"\x00<", "utf-16-be"),
    ):
        if head.startswith(pattern):
            return _transcode(head, enc)
    return head


def is_blank(data: bytes) -> bool:
    """True if ``data`` holds nothing but white space (and a byte-order mark), in any
    of the encodings an XML file may use."""
    return not _prolog_bytes(data).strip()


def _transcode(data: bytes, enc: str) -> bytes:
    unit = 4 if "32" in enc else 2
    return data[: len(data) // unit * unit].decode(enc, errors="replace").encode("utf-8")


def _skip_literal(prolog: bytes, i: int) -> int:
    """Index after the quoted literal starting at ``i`` (or len(prolog) if unclosed)."""
    close = prolog.find(prolog[i : i + 1], i + 1)
    return len(prolog) if close < 0 else close + 1


def _skip_past(prolog: bytes, i: int, end: bytes) -> int:
    """Index after the first ``end`` at or after ``i`` (or len(prolog) if none)."""
    found = prolog.find(end, i)
    return len(prolog) if found < 0 else found + len(end)


def _doctype_subset(
    prolog: bytes, i: int, source: str | os.PathLike[str]
) -> tuple[int, int, int] | None:
    """Start and end of the internal subset of the DOCTYPE at ``i`` and the index after
    the declaration, or None if there is no subset.

    Quoted literals and comments are skipped, so a ``>`` or ``]`` inside a system
    identifier or an entity value cannot end the declaration early and hide what follows.
    A subset that does not end within the prolog is refused, as an entity-expansion
    attack when it declares entities (a large bomb is a long subset).
    """
    n = len(prolog)
    while i < n and prolog[i : i + 1] not in (b">", b"["):
        i = _skip_literal(prolog, i) if prolog[i : i + 1] in (b'"', b"'") else i + 1
    if i >= n or prolog[i : i + 1] == b">":
        return None
    start = i = i + 1
    while i < n:
        c = prolog[i : i + 1]
        if c in (b'"', b"'"):
            i = _skip_literal(prolog, i)
        elif prolog.startswith(b"<!--", i):
            i = _skip_past(prolog, i + 4, b"-->")
        elif c == b"]":
            return start, i, _skip_past(prolog, i, b">")
        else:
            i += 1
    _refuse_entities(prolog, start, n, source)
    raise UnsafeInputError(
        source,
        "the DOCTYPE internal subset is unclosed or longer than 1 MB, where an "
        "entity-expansion attack would hide; untm refuses it (TMX and TBX need none)",
    )


@dataclass(frozen=True, slots=True)
class Prolog:
    """What the prolog of a document says: whether it has a DOCTYPE, and the name of the
    root element (None when the prolog does not end within the bytes given)."""

    doctype: bool
    root: str | None


_NAME = re.compile(rb"<([^\s/>?!]+)")


def inspect_prolog(head: bytes, source: str | os.PathLike[str]) -> Prolog:
    """Refuse entity declarations in the DOCTYPE of a document starting with ``head``;
    say whether there is a DOCTYPE and what the root element is called.

    ``head`` should hold at least the prolog (callers pass the first megabyte). The
    prolog is scanned the way a parser reads it (XML declaration, comments, processing
    instructions, DOCTYPE) up to the root element, so a DOCTYPE cannot hide behind a
    comment or a quoted ``>``; a prolog that does not end within ``head`` is refused.
    """
    prolog = _prolog_bytes(head)
    n, i, doctype = len(prolog), 0, False
    while True:
        while i < n and prolog[i] in _SPACE:
            i += 1
        if i >= n:
            if len(head) >= _PROLOG_LIMIT:
                _refuse_entities(prolog, 0, n, source)
                raise UnsafeInputError(
                    source,
                    "the XML prolog (before the root element) is longer than 1 MB, where an "
                    "entity-expansion attack would hide; untm refuses it",
                )
            return Prolog(doctype, None)  # a truncated document: the parser reports it
        if prolog.startswith(b"<?", i):
            i = _skip_past(prolog, i + 2, b"?>")
        elif prolog.startswith(b"<!--", i):
            i = _skip_past(prolog, i + 4, b"-->")
        elif prolog[i : i + 9].upper() == b"<!DOCTYPE" and not doctype:
            doctype = True
            subset = _doctype_subset(prolog, i + 9, source)
            if subset is None:
                i = _skip_declaration(prolog, i + 9)
            else:
                _refuse_entities(prolog, subset[0], subset[1], source)
                i = subset[2]
        else:
            name = _NAME.match(prolog, i)
            return Prolog(doctype, name.group(1).decode("utf-8", "replace") if name else None)


def _skip_declaration(prolog: bytes, i: int) -> int:
    """Index after the ``>`` that ends a DOCTYPE without internal subset."""
    n = len(prolog)
    while i < n and prolog[i : i + 1] != b">":
        i = _skip_literal(prolog, i) if prolog[i : i + 1] in (b'"', b"'") else i + 1
    return i + 1


def check_prolog(head: bytes, source: str | os.PathLike[str]) -> bool:
    """:func:`inspect_prolog`, saying only whether the document has a DOCTYPE."""
    return inspect_prolog(head, source).doctype


def _refuse_entities(prolog: bytes, start: int, end: int, source: str | os.PathLike[str]) -> None:
    """Raise UnsafeInputError if ``prolog[start:end]`` declares an entity outside comments
    (whole comments: an unclosed one, as at the end of a cut prolog, is searched)."""
    blanked = _COMMENT_RE.sub(lambda m: b" " * len(m.group()), prolog[start:end])
    entity = _ENTITY_RE.search(blanked)
    if entity:
        raise UnsafeInputError(
            source,
            "the DOCTYPE declares entities, which untm refuses to expand or fetch "
            "(remove the <!ENTITY> declarations)",
            line=prolog[: start + entity.start()].count(b"\n") + 1,
        )


def parser_options() -> dict[str, Any]:
    """Keyword arguments for lxml parsers that make them safe."""
    return {
        "resolve_entities": False,
        "no_network": True,
        "load_dtd": False,
        "dtd_validation": False,
        "huge_tree": False,
        "remove_comments": True,
        "remove_pis": True,
    }


#: libxml2's resource limits as untm words them (libxml2 suggests XML_PARSE_HUGE, an
#: option untm never sets: the limits are what keeps a hostile file from costing memory).
_LIMITS = (
    (
        re.compile(r"text node too long|huge text node", re.I),
        "an element holds more than 10,000,000 characters of text, more than untm reads",
    ),
    (
        re.compile(r"excessive depth in document: (\d+)", re.I),
        "elements are nested more than {0} deep, more than untm reads",
    ),
    (
        re.compile(r"buffer size limit exceeded|huge input lookup", re.I),
        "an attribute value or name is longer than untm reads (10,000,000 characters)",
    ),
)
_ENTITY_ATTACK = re.compile(r"entity reference loop|amplification|entity.*(too large|loop)", re.I)
_HINT = re.compile(r"[,;:]?\s*(try|use|see)\s+(XML_PARSE_HUGE|xmlCtxtSetMax\w+)(\s+option)?", re.I)


def syntax_error(exc: etree.XMLSyntaxError, source: str | os.PathLike[str]) -> InputError:
    """Turn an lxml syntax error into a one-line FormatError (or EncodingError) with its line.

    libxml2's hints to its callers ("try XML_PARSE_HUGE") never reach the user: its
    resource limits are reworded, an entity expansion it stopped is an UnsafeInputError.
    """
    msg = str(exc.msg if getattr(exc, "msg", None) else exc)
    msg = re.sub(r",? line \d+, column \d+.*$", "", msg, flags=re.S).strip()
    msg = re.sub(r"\s*\(<string>.*\)$", "", msg)
    line = exc.lineno or None
    low = msg.lower()
    if "char 0x0 out of allowed range" in low:
        return EncodingError(
            source,
            "contains NUL characters: a UTF-16 file needs a byte-order mark "
            "(or convert the file to UTF-8)",
            line=line,
        )
    if _ENTITY_ATTACK.search(msg):
        return UnsafeInputError(
            source,
            "an entity-expansion attack: entities that expand without end, which untm "
            "refuses to expand (remove the <!ENTITY> declarations)",
            line=line,
        )
    for pattern, words in _LIMITS:
        found = pattern.search(msg)
        if found:
            return FormatError(source, words.format(*found.groups()), line=line)
    msg = _HINT.sub("", msg).strip()
    if "encoding" in low or "utf-8" in low or "bytes:" in low:
        return EncodingError(source, f"not well-formed XML: {msg}", line=line)
    return FormatError(source, f"not well-formed XML: {msg}", line=line)


def parse(
    data: bytes, source: str | os.PathLike[str], *, keep_pis: bool = False
) -> etree._ElementTree:
    """Parse a whole document safely; errors name the file and line.

    Processing instructions are dropped unless ``keep_pis`` (TBX carries untm's own data
    in them)."""
    head = data[:_PROLOG_LIMIT]
    if len(data) <= _PROLOG_LIMIT and is_blank(head):
        raise FormatError(source, "the file is empty")  # also a UTF-16 BOM and blanks
    check_prolog(head, source)
    parser = etree.XMLParser(**(parser_options() | {"remove_pis": not keep_pis}))
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise syntax_error(exc, source) from None
    refuse_undeclared_entities(parser.error_log, source)
    return etree.ElementTree(root)


_UNDECLARED = frozenset({"WAR_UNDECLARED_ENTITY", "ERR_UNDECLARED_ENTITY"})
_ENTITY_NAME = re.compile(r"Entity '([^']*)'")


def refuse_undeclared_entities(log: Any, source: str | os.PathLike[str]) -> None:
    """Raise UnsafeInputError for the first reference to an undeclared entity in a parser's
    error log (``&ext;`` in a document whose DOCTYPE names an external DTD)."""
    for entry in log:
        if entry.type_name in _UNDECLARED:
            m = _ENTITY_NAME.search(entry.message or "")
            name = f"&{m.group(1)};" if m else "an entity"
            raise UnsafeInputError(
                source,
                f"{name} is not declared in the file; only an external DTD could declare it, "
                "and untm never reads one (replace the entity with its text)",
                line=entry.line or None,
            )


def iterparse(
    stream: IO[bytes],
    source: str | os.PathLike[str],
    tag: str | tuple[str, ...] | None = None,
    *,
    doctype: bool = True,
) -> Any:
    """A safe ``lxml.etree.iterparse`` over ``stream`` for ``end`` events.

    The caller must have run :func:`check_prolog` on the first megabyte, and says with
    ``doctype`` what it returned. A reference to an undeclared entity raises
    UnsafeInputError before the element holding it is yielded; the parser's syntax
    errors come out as ``etree.XMLSyntaxError``. Only a document with a DOCTYPE can hold
    such a reference (without an external DTD it is a fatal error of the parser), so
    only then is every element checked, which costs a few microseconds each.
    """
    opts = parser_options()
    opts.pop("dtd_validation")
    events = etree.iterparse(stream, events=("end",), tag=tag, **opts)
    return _checked(events, source) if doctype else events


def _checked(events: Any, source: str | os.PathLike[str]) -> Iterator[tuple[str, Any]]:
    seen = 0  # log entries already checked (other warnings may stay in the log)
    for item in events:
        log = events.error_log
        if len(log) > seen:  # nothing new for a clean file: one length check per element
            refuse_undeclared_entities(list(log)[seen:], source)
            seen = len(log)
        yield item
    refuse_undeclared_entities(list(events.error_log)[seen:], source)
