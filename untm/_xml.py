"""Safe XML parsing shared by the TBX and TMX readers.

untm never resolves external entities, never loads a DTD or anything over the network,
and refuses any document whose DOCTYPE declares entities at all: that is where both
external-entity attacks and entity-expansion bombs live, and no TBX or TMX file needs
one. The check runs on the prolog before the parser sees the document, so a refused file
costs no memory and reads nothing else.
"""

from __future__ import annotations

import os
import re
from typing import IO, Any

from lxml import etree

from .errors import EncodingError, FormatError, InputError, UnsafeInputError

_DOCTYPE_RE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY_RE = re.compile(rb"<!ENTITY", re.IGNORECASE)
_PROLOG_LIMIT = 1 << 20  # an internal DTD subset longer than this is refused too


def _prolog_bytes(head: bytes) -> bytes:
    """``head`` transcoded to UTF-8 when it is UTF-16/32 (BOM or XML declaration sniffed)."""
    for bom, enc in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            usable = len(head) - (len(head) - len(bom)) % (4 if "32" in enc else 2)
            return head[len(bom) : usable].decode(enc, errors="replace").encode("utf-8")
    if head.startswith(b"<\x00?\x00"):
        return head[: len(head) // 2 * 2].decode("utf-16-le", errors="replace").encode()
    if head.startswith(b"\x00<\x00?"):
        return head[: len(head) // 2 * 2].decode("utf-16-be", errors="replace").encode()
    return head


def check_prolog(head: bytes, source: str | os.PathLike[str]) -> None:
    """Refuse entity declarations in the DOCTYPE of a document starting with ``head``.

    ``head`` should hold at least the prolog (callers pass the first megabyte).
    """
    prolog = _prolog_bytes(head)
    m = _DOCTYPE_RE.search(prolog)
    if not m:
        return
    rest = prolog[m.end() :]
    gt, bracket = rest.find(b">"), rest.find(b"[")
    if bracket < 0 or (0 <= gt < bracket):
        return  # no internal subset: nothing is declared, nothing will be loaded
    close = rest.find(b"]", bracket)
    subset = rest[bracket:] if close < 0 else rest[bracket:close]
    entity = _ENTITY_RE.search(subset)
    if entity:
        line = prolog[: m.end() + bracket + entity.start()].count(b"\n") + 1
        raise UnsafeInputError(
            source,
            "the DOCTYPE declares entities, which untm refuses to expand or fetch "
            "(remove the <!ENTITY> declarations)",
            line=line,
        )
    if close < 0:
        raise UnsafeInputError(source, "the DOCTYPE internal subset is too large or unclosed")


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


def syntax_error(exc: etree.XMLSyntaxError, source: str | os.PathLike[str]) -> InputError:
    """Turn an lxml syntax error into a one-line FormatError (or EncodingError) with its line."""
    msg = str(exc.msg if getattr(exc, "msg", None) else exc)
    msg = re.sub(r",? line \d+, column \d+.*$", "", msg).strip()
    msg = re.sub(r"\s*\(<string>.*\)$", "", msg)
    line = exc.lineno or None
    low = msg.lower()
    if "encoding" in low or "utf-8" in low or "bytes:" in low:
        return EncodingError(source, f"not well-formed XML: {msg}", line=line)
    return FormatError(source, f"not well-formed XML: {msg}", line=line)


def parse(data: bytes, source: str | os.PathLike[str]) -> etree._ElementTree:
    """Parse a whole document safely; errors name the file and line."""
    if not data.strip():
        raise FormatError(source, "the file is empty")
    check_prolog(data[:_PROLOG_LIMIT], source)
    parser = etree.XMLParser(**parser_options())
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise syntax_error(exc, source) from None
    return etree.ElementTree(root)


def iterparse(stream: IO[bytes], source: str | os.PathLike[str], tag: str | None = None) -> Any:
    """A safe ``lxml.etree.iterparse`` over ``stream`` for ``end`` events.

    The caller must have run :func:`check_prolog` on the first megabyte.
    """
    opts = parser_options()
    opts.pop("dtd_validation")
    return etree.iterparse(stream, events=("end",), tag=tag, **opts)
