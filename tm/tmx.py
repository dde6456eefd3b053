"""TMX 1.4b, streaming in both directions (lxml iterparse / xmlfile).

Reading keeps memory flat however large the file: each ``<tu>`` is turned into a
:class:`TranslationUnit` and freed. A unit that cannot be used (no Chinese or no English
variant, an empty or oversized segment, control characters) is skipped and reported with
its line; a file that is not well-formed stops the import with the line of the fault.

Language tags are matched on the primary subtag (``zh``, ``zh-CN``, ``ZH-CN``,
``zh_CN``, ``zh-Hans`` are Chinese) and the original tag is kept for export. TMX 1.1's
``lang=`` is accepted in place of ``xml:lang``. Inline markup (``bpt``, ``ept``, ``ph``,
``it``, ``ut``, ``hi``) is kept verbatim for export and stripped for matching (the content
of ``bpt``/``ept``/``ph``/``it``/``ut`` is native code, not text).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from lxml import etree

from untm import _xml
from untm._io import atomic_binary
from untm._version import __version__
from untm.errors import FormatError, InputError
from untm.text.lang import Lang, lang_of_tag, normalize_tag

from .model import Prop, Segment, SkippedUnit, TranslationUnit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_SEGMENT_CHARS = 20_000
_CODE_TAGS = frozenset({"bpt", "ept", "ph", "it", "ut"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_TMX_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$")

#: untm's own props, read back into TranslationUnit fields rather than kept as props.
P_ORIGIN, P_DOCUMENT = "x-untm-origin", "x-untm-document"
P_PREV, P_NEXT = "x-untm-context-prev", "x-untm-context-next"
_OWN_PROPS = frozenset({P_ORIGIN, P_DOCUMENT, P_PREV, P_NEXT})
#: <tu> attributes that may be on a <tuv> instead (OmegaT puts them on the target <tuv>);
#: they are used when the <tu> has none, the latest date winning for those in _LATEST.
_TUV_ATTRS = (
    "creationdate",
    "creationid",
    "changedate",
    "changeid",
    "usagecount",
    "lastusagedate",
)
_LATEST = frozenset({"changedate", "lastusagedate"})


@dataclass(frozen=True, slots=True)
class TmxHeader:
    srclang: str = ""
    creationtool: str = ""
    segtype: str = ""


class _CountingReader:
    """A file wrapper that counts bytes read, for the progress bar."""

    def __init__(self, raw: IO[bytes], on_bytes: Callable[[int], None] | None) -> None:
        self.raw = raw
        self.done = 0
        self.on_bytes = on_bytes

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(n)
        self.done += len(data)
        if self.on_bytes:
            self.on_bytes(self.done)
        return data


def read_tmx(
    path: str | os.PathLike[str],
    *,
    origin: str = "",
    on_bytes: Callable[[int], None] | None = None,
) -> Iterator[TranslationUnit | SkippedUnit]:
    """Stream the zh-en units of a TMX file; bad units come out as SkippedUnit."""
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed in finally, generator-owned
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot open") from None
    try:
        head = raw.read(1 << 20)
        if not head.strip():
            raise FormatError(path, "the file is empty")
        _xml.check_prolog(head, path)
        raw.seek(0)
        yield from _units(_CountingReader(raw, on_bytes), path, origin)
    finally:
        raw.close()


def _units(
    stream: _CountingReader, path: str | os.PathLike[str], origin: str
) -> Iterator[TranslationUnit | SkippedUnit]:
    header = TmxHeader()
    seen_root = False
    events = _xml.iterparse(stream, path, tag=("tmx", "header", "tu"))  # type: ignore[arg-type]
    try:
        for _event, elem in events:
            tag = elem.tag
            if tag == "header":
                header = TmxHeader(
                    elem.get("srclang", ""), elem.get("creationtool", ""), elem.get("segtype", "")
                )
                seen_root = True
            elif tag == "tu":
                seen_root = True
                yield _tu(elem, header, origin)
                elem.clear(keep_tail=False)
                parent = elem.getparent()
                while parent is not None and elem.getprevious() is not None:
                    del parent[0]
            elif tag == "tmx":
                seen_root = True
    except etree.XMLSyntaxError as exc:
        raise _xml.syntax_error(exc, path) from None
    if not seen_root:
        raise FormatError(path, "not a TMX file (no <tmx> root element)")


def _tu(tu: etree._Element, header: TmxHeader, origin: str) -> TranslationUnit | SkippedUnit:
    """One ``<tu>`` as a unit (hot path of every import: kept lean)."""
    sides: dict[Lang, Segment] = {}
    props: list[Prop] = []
    tuv_attrs: dict[str, str] = {}  # dates and ids some tools (OmegaT) put on a <tuv>
    for child in tu:
        tag = child.tag
        if tag == "tuv":
            lang_tag = child.get(XML_LANG) or child.get("lang") or ""
            lang = lang_of_tag(lang_tag) if lang_tag else None
            if lang is None or lang in sides:
                continue  # other languages of a multilingual unit
            if len(child.attrib) > 1:  # more than its language
                for name in _TUV_ATTRS:
                    value = child.get(name)
                    if value and (
                        name not in tuv_attrs or (name in _LATEST and value > tuv_attrs[name])
                    ):
                        tuv_attrs[name] = value
            seg_el = None
            for part in child:
                if part.tag == "seg":
                    seg_el = part
                elif part.tag in ("prop", "note"):
                    props.append(_prop(part, lang.value))
            if seg_el is None:
                return SkippedUnit(_line(child), f"{lang_tag} variant has no <seg>")
            if len(seg_el):
                text, markup = _plain(seg_el), _markup(seg_el)
            else:
                text, markup = seg_el.text or "", None
            problem = _segment_problem(text)
            if problem:
                return SkippedUnit(_line(child), f"{lang_tag} segment {problem}")
            sides[lang] = Segment(text, lang, _clean_tag(lang_tag), markup)
        elif tag == "prop" or tag == "note":
            props.append(_prop(child, "tu"))
    if len(sides) < 2:
        missing = " or ".join(lang.value for lang in (Lang.ZH, Lang.EN) if lang not in sides)
        return SkippedUnit(_line(tu), f"no {missing} variant")
    src_tag = tu.get("srclang") or header.srclang
    src = lang_of_tag(src_tag) if src_tag and src_tag != "*all*" else None
    if src is None:
        src = next(iter(sides))
    own: dict[str, str] = {}
    if props:
        own = {p.type: p.value for p in props if p.where == "tu" and p.type in _OWN_PROPS}
        props = [p for p in props if not (p.where == "tu" and p.type in _OWN_PROPS)]

    def get(name: str) -> str | None:
        return tu.get(name) or tuv_attrs.get(name)

    return TranslationUnit(
        source=sides[src],
        target=sides[src.other],
        origin=own.get(P_ORIGIN, origin),
        document=own.get(P_DOCUMENT, ""),
        created=iso_date(get("creationdate") or ""),
        changed=iso_date(get("changedate") or ""),
        creator=get("creationid") or "",
        changer=get("changeid") or "",
        usage_count=_int(get("usagecount")),
        last_used=iso_date(get("lastusagedate") or ""),
        context_prev=own.get(P_PREV, ""),
        context_next=own.get(P_NEXT, ""),
        tuid=get("tuid") or "",
        props=tuple(props),
    )


def _line(el: etree._Element) -> int | None:
    line = el.sourceline
    return line if isinstance(line, int) else None


@functools.lru_cache(maxsize=256)
def _clean_tag(tag: str) -> str:
    try:
        return normalize_tag(tag)
    except ValueError:
        return tag


def _prop(el: etree._Element, where: str) -> Prop:
    return Prop(
        value=el.text or "",
        type=el.get("type") if el.tag == "prop" else None,
        where=where,
        lang=el.get(XML_LANG) or el.get("lang") or "",
    )


def _markup(seg: etree._Element) -> str:
    """Inner XML of a ``<seg>`` with inline elements, kept verbatim for export."""
    return _escape(seg.text or "") + "".join(
        etree.tostring(c, encoding="unicode", with_tail=True) for c in seg
    )


def _plain(el: etree._Element) -> str:
    """Text of an element without the native code inside bpt/ept/ph/it/ut."""
    parts = [el.text or ""]
    for child in el:
        if child.tag not in _CODE_TAGS:
            parts.append(_plain(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _segment_problem(text: str) -> str:
    if not text or text.isspace():
        return "is empty"
    if len(text) > MAX_SEGMENT_CHARS:
        return f"is too long ({len(text):,} characters; the limit is {MAX_SEGMENT_CHARS:,})"
    if _CONTROL.search(text):
        return "contains control characters"
    return ""


def _int(value: str | None) -> int:
    try:
        return max(0, int(value or 0))
    except ValueError:
        return 0


def iso_date(value: str) -> str:
    """TMX ``20190531T100000Z`` to ISO ``2019-05-31T10:00:00Z``; other forms kept."""
    if not value:
        return ""
    m = _TMX_DATE.match(value.strip())
    if not m:
        return value.strip()
    y, mo, d, h, mi, s = m.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}Z"


def tmx_date(value: str) -> str:
    """ISO ``2019-05-31T10:00:00Z`` to TMX ``20190531T100000Z``; others kept."""
    m = _ISO_DATE.match(value.strip())
    if not m:
        return value.strip()
    return "{}{}{}T{}{}{}Z".format(*m.groups())


# -- writing -----------------------------------------------------------------------------


def write_tmx(
    units: Iterable[TranslationUnit],
    target: str | os.PathLike[str],
    *,
    srclang: str,
) -> int:
    """Write units as TMX 1.4 (valid against the TMX 1.4 DTD); returns how many.

    ``srclang`` is the header's source language tag (``zh-CN``, ``en``, or ``*all*``).
    Written to a temporary file and renamed, so a failure leaves no partial file.
    """
    count = 0
    with atomic_binary(target) as fh, etree.xmlfile(fh, encoding="UTF-8") as xf:
        xf.write_declaration()
        xf.write(etree.Comment(" exported by untm "), pretty_print=True)
        with xf.element("tmx", version="1.4"):
            xf.write("\n")
            xf.write(_header(srclang), pretty_print=True)
            with xf.element("body"):
                xf.write("\n")
                for unit in units:
                    # indented by _tu_element itself: pretty_print would also indent the
                    # inside of a <seg> holding only inline elements, changing its text
                    xf.write(_tu_element(unit, srclang))
                    count += 1
            xf.write("\n")
    return count


def _header(srclang: str) -> etree._Element:
    return etree.Element(
        "header",
        attrib={
            "creationtool": "untm",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "untm",
            "adminlang": "en",
            "srclang": srclang,
            "datatype": "plaintext",
        },
    )


def _tu_element(u: TranslationUnit, header_src: str) -> etree._Element:
    tu = etree.Element("tu")
    attrs = {
        "tuid": u.tuid,
        "srclang": u.source.bcp47 if u.source.bcp47 != header_src else "",
        "creationdate": tmx_date(u.created),
        "creationid": u.creator,
        "changedate": tmx_date(u.changed),
        "changeid": u.changer,
        "usagecount": str(u.usage_count) if u.usage_count else "",
        "lastusagedate": tmx_date(u.last_used),
    }
    for k, v in attrs.items():
        if v:
            tu.set(k, v)
    own = [
        (P_ORIGIN, u.origin),
        (P_DOCUMENT, u.document),
        (P_PREV, u.context_prev),
        (P_NEXT, u.context_next),
    ]
    for p in [p for p in u.props if p.where == "tu"] + [Prop(v, t) for t, v in own if v]:
        _add_prop(tu, p)
    for seg in (u.source, u.target):
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: seg.bcp47})
        for p in u.props:
            if p.where == seg.lang.value:
                _add_prop(tuv, p)
        tuv.append(_seg_element(seg))
    _indent(tu)
    return tu


def _indent(tu: etree._Element) -> None:
    """Indent the element-only structure of a <tu> (never the mixed content of a <seg>)."""
    tu.text, tu.tail = "\n  ", "\n"
    for child in tu:
        child.tail = "\n  "
        if child.tag == "tuv":
            child.text = "\n    "
            for part in child:
                part.tail = "\n    "
            part.tail = "\n  "
    child.tail = "\n"


def _add_prop(parent: etree._Element, p: Prop) -> None:
    el = etree.SubElement(parent, "note" if p.type is None else "prop")
    if p.type is not None:
        el.set("type", p.type)
    if p.lang:
        el.set(XML_LANG, p.lang)
    el.text = p.value


def _seg_element(seg: Segment) -> etree._Element:
    if seg.markup is None:
        el = etree.Element("seg")
        el.text = seg.text
        return el
    return etree.fromstring(f"<seg>{seg.markup}</seg>", etree.XMLParser(**_xml.parser_options()))
