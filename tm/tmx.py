"""TMX 1.4b, streaming in both directions (lxml iterparse / xmlfile).

Reading keeps memory flat however large the file: each ``<tu>`` is turned into a
:class:`TranslationUnit` and freed. A unit that cannot be used (no Chinese or no English
variant, or what the check every importer makes finds: an empty or oversized segment,
control characters, a side not in its language; see :mod:`untm.tm.validate`) is
skipped and reported with its line; a file that is not well-formed, or whose root is not
``<tmx>``, stops the import with the line of the fault.

Language tags are matched on the primary subtag (``zh``, ``zh-CN``, ``ZH-CN``,
``zh_CN``, ``zh-Hans`` are Chinese) and the original tag is kept for export. TMX 1.1's
``lang=`` is accepted in place of ``xml:lang``. Inline markup (``bpt``, ``ept``, ``ph``,
``it``, ``ut``, ``hi``) is kept verbatim for export and stripped for matching (the content
of ``bpt``/``ept``/``ph``/``it``/``ut`` is native code, not text).

What round-trips: every prop and note (header, unit and variant level, in order), the
TMX attributes of each ``<tu>`` and of each ``<tuv>`` (a variant keeps its own who and
when), and the header's props and notes, which :mod:`untm.tm.api` keeps per origin.
Attribute values are checked on the way in so that an export is always valid TMX: a
date must be ``YYYYMMDDThhmmssZ`` (ISO ``YYYY-MM-DDThh:mm:ssZ`` is accepted and
rewritten), a usage count a whole number that SQLite can hold, ``segtype`` one of the
four TMX values. A bad value is dropped and reported as a :class:`UnitWarning` (the unit
is kept: its translation is good even if its statistics are not), as are attributes
TMX does not define and a second variant in the same language.
"""

from __future__ import annotations

import calendar
import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO

from lxml import etree

from untm import _xml
from untm._io import atomic_binary, open_binary
from untm._version import __version__
from untm.errors import FormatError
from untm.text.lang import Lang, lang_of_tag, normalize_tag

from .model import (
    MAX_USAGE_COUNT,
    HeaderProps,
    Prop,
    Segment,
    SkippedUnit,
    TranslationUnit,
    UnitWarning,
)
from .validate import MAX_SEGMENT_CHARS as MAX_SEGMENT_CHARS
from .validate import Kind, Problem, Sides, unit_problem
from .validate import swapped_sides as swapped_sides

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CODE_TAGS = frozenset({"bpt", "ept", "ph", "it", "ut"})
_TMX_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z")
_COUNT = re.compile(r"[0-9]{1,19}")

#: untm's own props, read back into TranslationUnit fields rather than kept as props. In
#: a header, an x-untm-origin prop says that the props and notes after it came from the
#: header of that origin (an export of several origins keeps each one's apart).
P_ORIGIN, P_DOCUMENT = "x-untm-origin", "x-untm-document"
P_PREV, P_NEXT = "x-untm-context-prev", "x-untm-context-next"
_OWN_PROPS = frozenset({P_ORIGIN, P_DOCUMENT, P_PREV, P_NEXT})

_DATES = frozenset({"creationdate", "changedate", "lastusagedate"})
_SEGTYPES = frozenset({"block", "paragraph", "sentence", "phrase"})
#: <tuv> attributes of the TMX 1.4 DTD (besides its language), kept per side.
_TUV_KEPT = frozenset(
    {
        "o-encoding",
        "datatype",
        "usagecount",
        "lastusagedate",
        "creationtool",
        "creationtoolversion",
        "creationdate",
        "creationid",
        "changedate",
        "o-tmf",
        "changeid",
    }
)
#: <tu> attributes that are TranslationUnit fields; the others of the DTD go to ``attrs``.
_TU_FIELDS = frozenset(
    {"tuid", "usagecount", "lastusagedate", "creationdate", "creationid", "changedate", "changeid"}
)
_TU_ALLOWED = _TUV_KEPT | _TU_FIELDS | {"segtype", "srclang"}
#: Unit fields some tools (OmegaT) put on a <tuv> only: the unit takes them from there
#: when its <tu> has none, the first variant's winning, or the latest date for _LATEST.
_TUV_FALLBACK = (
    "creationdate",
    "creationid",
    "changedate",
    "changeid",
    "usagecount",
    "lastusagedate",
)
_LATEST = frozenset({"changedate", "lastusagedate"})
_INVALID = {
    "creationdate": "not a TMX date (YYYYMMDDThhmmssZ)",
    "changedate": "not a TMX date (YYYYMMDDThhmmssZ)",
    "lastusagedate": "not a TMX date (YYYYMMDDThhmmssZ)",
    "usagecount": f"not a usage count (a whole number from 0 to {MAX_USAGE_COUNT})",
    "segtype": "not block, paragraph, sentence or phrase",
    "srclang": "not a language tag",
}


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


_open = open_binary  # the caller closes it; errors name the file as the user gave it


def _head(raw: IO[bytes], shown: str | os.PathLike[str]) -> bool:
    """Refuse an empty file, a dangerous prolog or a root other than ``<tmx>``, then
    rewind; True if the file has a DOCTYPE."""
    head = raw.read(1 << 20)
    if not head.strip():
        raise FormatError(shown, "the file is empty")
    prolog = _xml.inspect_prolog(head, shown)
    if prolog.root is not None and prolog.root != "tmx":
        raise FormatError(shown, f"not a TMX file (root element <{prolog.root}>)")
    raw.seek(0)
    return prolog.doctype


def read_tmx(
    path: str | os.PathLike[str],
    *,
    origin: str = "",
    on_bytes: Callable[[int], None] | None = None,
    name: str | None = None,
) -> Iterator[TranslationUnit | SkippedUnit | UnitWarning]:
    """Stream the zh-en units of a TMX file; bad units come out as SkippedUnit.

    After a unit come the :class:`UnitWarning` s of what was dropped from it. ``name``
    is what error messages call the file (``<stdin>`` for a copy of standard input).
    """
    shown = name or path
    raw = _open(path, shown)
    try:
        doctype = _head(raw, shown)
        yield from _units(_CountingReader(raw, on_bytes), shown, origin, doctype)
    finally:
        raw.close()


def read_tmx_header(
    path: str | os.PathLike[str], *, origin: str, name: str | None = None
) -> tuple[HeaderProps, ...]:
    """The props and notes of a TMX header, by origin (reads no further than the header).

    Those before any ``x-untm-origin`` prop belong to ``origin``, the import's own.
    """
    shown = name or path
    with _open(path, shown) as raw:
        _head(raw, shown)
        opts = _xml.parser_options()
        opts.pop("dtd_validation")
        events = etree.iterparse(raw, events=("start", "end"), tag=("header", "body", "tu"), **opts)
        try:
            for event, elem in events:
                if elem.tag == "header" and event == "end":
                    parent = elem.getparent()
                    if parent is None or parent.tag != "tmx":
                        return ()
                    return _header_groups(elem, origin)
                if elem.tag != "header":
                    break  # the body began: there is no header
        except etree.XMLSyntaxError as exc:
            raise _xml.syntax_error(exc, shown) from None
    return ()


def _header_groups(header: etree._Element, origin: str) -> tuple[HeaderProps, ...]:
    groups: dict[str, list[Prop]] = {origin: []}
    current = groups[origin]
    for child in header:
        if child.tag == "prop" and child.get("type") == P_ORIGIN:
            current = groups.setdefault(child.text or origin, [])
        elif child.tag in ("prop", "note"):
            current.append(_prop(child, "header"))
    return tuple(HeaderProps(o, tuple(props)) for o, props in groups.items() if props)


def _units(
    stream: _CountingReader, path: str | os.PathLike[str], origin: str, doctype: bool
) -> Iterator[TranslationUnit | SkippedUnit | UnitWarning]:
    header = TmxHeader()
    seen_root = False
    warnings: list[UnitWarning] = []
    events = _xml.iterparse(
        stream,  # type: ignore[arg-type]
        path,
        tag=("tmx", "header", "tu"),
        doctype=doctype,
    )
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
                item = _tu(elem, header, origin, warnings)
                yield item
                if warnings:
                    if not isinstance(item, SkippedUnit):
                        yield from warnings
                    warnings.clear()
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


def _tu(
    tu: etree._Element, header: TmxHeader, origin: str, warnings: list[UnitWarning]
) -> TranslationUnit | SkippedUnit:
    """One ``<tu>`` as a unit (hot path of every import: kept lean)."""
    sides: dict[Lang, Segment] = {}
    props: list[Prop] = []
    bad = _variants(tu, sides, props, warnings)
    if bad is not None:
        return bad
    if len(sides) < 2:
        missing = " or ".join(lang.value for lang in (Lang.ZH, Lang.EN) if lang not in sides)
        return SkippedUnit(_line(tu), f"no {missing} variant")
    zh, en = sides[Lang.ZH], sides[Lang.EN]
    problem = unit_problem(zh.text, en.text)
    if problem is not None:
        return _skipped(problem, tu, zh, en)
    tu_attrs = dict(_attrs(tu, _TU_ALLOWED, warnings)) if tu.attrib else {}
    src_tag = tu.get("srclang") or header.srclang
    src = lang_of_tag(src_tag) if src_tag and src_tag != "*all*" else None
    if src is None:
        src = next(iter(sides))
    if not (tu_attrs or props or zh.attrs or en.attrs):  # a bare unit: most of a big file
        return TranslationUnit(source=sides[src], target=sides[src.other], origin=origin)
    return _full_unit(tu, sides, src, tu_attrs, props, origin, warnings)


def _variants(
    tu: etree._Element,
    sides: dict[Lang, Segment],
    props: list[Prop],
    warnings: list[UnitWarning],
) -> SkippedUnit | None:
    """Read the Chinese and English variants of a ``<tu>`` (the first of each) into
    ``sides``, and the unit's props and notes (unit and variant level, in order) into
    ``props``; a variant without ``<seg>`` makes the unit a SkippedUnit."""
    for child in tu:
        tag = child.tag
        if tag == "tuv":
            lang_tag = child.get(XML_LANG) or child.get("lang") or ""
            lang = lang_of_tag(lang_tag) if lang_tag else None
            if lang is None:
                continue  # other languages of a multilingual unit
            if lang in sides:
                warnings.append(
                    UnitWarning(
                        _line(child),
                        f"a second {lang.value} variant ({lang_tag}) is ignored; "
                        f"the first ({sides[lang].bcp47}) is kept",
                    )
                )
                continue
            # the variant's segment (inline: this runs twice per unit of every import)
            attrs = _attrs(child, _TUV_KEPT, warnings) if len(child.attrib) > 1 else ()
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
            sides[lang] = Segment(text, lang, _clean_tag(lang_tag), markup, attrs)
        elif tag == "prop" or tag == "note":
            props.append(_prop(child, "tu"))
    return None


def _skipped(problem: Problem, tu: etree._Element, zh: Segment, en: Segment) -> SkippedUnit:
    """The unit skipped for ``problem``, at the line of the variant it concerns (of the
    ``<tu>`` for a problem of languages)."""
    sides = Sides(
        f"{zh.bcp47} segment",
        f"{en.bcp47} segment",
        f"the {zh.bcp47} variant",
        f"the {en.bcp47} variant",
    )
    where = tu
    if problem.kind not in _LANGUAGE_PROBLEMS:  # the first variant in that language
        where = next(
            v
            for v in tu.iterchildren("tuv")
            if lang_of_tag(v.get(XML_LANG) or v.get("lang") or "") is problem.lang
        )
    return SkippedUnit(_line(where), problem.reason(sides), swapped=problem.swapped)


_LANGUAGE_PROBLEMS = frozenset({Kind.SWAPPED, Kind.NOT_CHINESE, Kind.NOT_ENGLISH})


def _full_unit(
    tu: etree._Element,
    sides: dict[Lang, Segment],
    src: Lang,
    tu_attrs: dict[str, str],
    props: list[Prop],
    origin: str,
    warnings: list[UnitWarning],
) -> TranslationUnit:
    """A unit with attributes, props or notes: untm's own props become fields, the TMX
    attributes a unit has no field for are kept as ``attrs``."""
    extra = [(k, v) for k, v in tu_attrs.items() if k not in _TU_FIELDS]
    kept_src = tu_attrs.get("srclang")
    if kept_src and kept_src != "*all*" and lang_of_tag(kept_src) is not src:
        extra.remove(("srclang", kept_src))  # e.g. fr, the source of a trilingual unit
        warnings.append(
            UnitWarning(_line(tu), f"<tu> srclang={kept_src!r} is neither zh nor en; dropped")
        )
    elif kept_src == sides[src].bcp47:
        extra.remove(("srclang", kept_src))  # the source variant's tag says it already
    own: dict[str, str] = {}
    if props:
        own = {p.type: p.value for p in props if p.where == "tu" and p.type in _OWN_PROPS}
        props = [p for p in props if not (p.where == "tu" and p.type in _OWN_PROPS)]
    zh, en = sides[Lang.ZH], sides[Lang.EN]
    fallback = _fallback(sides.values()) if zh.attrs or en.attrs else {}

    def get(name: str) -> str:
        return tu_attrs.get(name) or fallback.get(name) or ""

    return TranslationUnit(
        source=sides[src],
        target=sides[src.other],
        origin=own.get(P_ORIGIN, origin),
        document=own.get(P_DOCUMENT, ""),
        created=iso_date(get("creationdate")),
        changed=iso_date(get("changedate")),
        creator=get("creationid"),
        changer=get("changeid"),
        usage_count=int(get("usagecount") or 0),
        last_used=iso_date(get("lastusagedate")),
        context_prev=own.get(P_PREV, ""),
        context_next=own.get(P_NEXT, ""),
        tuid=tu_attrs.get("tuid", ""),
        props=tuple(props),
        attrs=tuple(extra),
    )


def _attrs(
    el: etree._Element, allowed: frozenset[str], warnings: list[UnitWarning]
) -> tuple[tuple[str, str], ...]:
    """The element's TMX attributes (not its language) in file order, bad values dropped."""
    out = []
    for key, raw in el.attrib.items():
        name, value = str(key), str(raw)  # lxml gives str; its stubs also allow bytes
        if name == XML_LANG or name == "lang":
            continue
        if name not in allowed:
            warnings.append(
                UnitWarning(_line(el), f"<{el.tag}> attribute {name} is not TMX 1.4; dropped")
            )
            continue
        good = _checked(name, value)
        if good is None:
            shown = value if len(value) <= 40 else value[:40] + "..."
            warnings.append(
                UnitWarning(_line(el), f"<{el.tag}> {name}={shown!r} is {_INVALID[name]}; dropped")
            )
        elif good:
            out.append((name, good))
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def _checked(name: str, value: str) -> str | None:
    """``value`` as written back on export, or None when it is not valid for ``name``."""
    if name in _DATES:
        return valid_date(value)
    if name == "usagecount":
        count = value.strip()
        if _COUNT.fullmatch(count) and int(count) <= MAX_USAGE_COUNT:
            return str(int(count))
        return None
    if name == "segtype":
        return value if value in _SEGTYPES else None
    if name == "srclang":
        return "*all*" if value.strip() == "*all*" else _tag_or_none(value)
    return value


def _fallback(segments: Iterable[Segment]) -> dict[str, str]:
    """Unit fields taken from the variants' attributes (see ``_TUV_FALLBACK``)."""
    out: dict[str, str] = {}
    for seg in segments:
        attrs = dict(seg.attrs)
        for name in _TUV_FALLBACK:
            value = attrs.get(name)
            if value and (name not in out or (name in _LATEST and value > out[name])):
                out[name] = value
    return out


def _line(el: etree._Element) -> int | None:
    line = el.sourceline
    return line if isinstance(line, int) else None


@functools.lru_cache(maxsize=256)
def _clean_tag(tag: str) -> str:
    try:
        return normalize_tag(tag)
    except ValueError:
        return tag


@functools.lru_cache(maxsize=256)
def _tag_or_none(tag: str) -> str | None:
    try:
        return normalize_tag(tag)
    except ValueError:
        return None


def _prop(el: etree._Element, where: str) -> Prop:
    return Prop(
        value=el.text or "",
        type=el.get("type") if el.tag == "prop" else None,
        where=where,
        lang=el.get(XML_LANG) or el.get("lang") or "",
        encoding=el.get("o-encoding") or "",
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


@functools.lru_cache(maxsize=4096)
def valid_date(value: str) -> str | None:
    """A TMX date (``20190531T100000Z``, or ISO ``2019-05-31T10:00:00Z``) in TMX form,
    or None when it is not one or names no real moment (month 13, 30 February...)."""
    v = value.strip()
    m = _TMX_DATE.fullmatch(v) or _ISO_DATE.fullmatch(v)
    if not m:
        return None
    y, mo, d, h, mi, s = (int(x) for x in m.groups())
    if not (y >= 1 and 1 <= mo <= 12 and h < 24 and mi < 60 and s < 60):
        return None
    if not 1 <= d <= calendar.monthrange(y, mo)[1]:
        return None
    return "{}{}{}T{}{}{}Z".format(*m.groups())


def iso_date(value: str) -> str:
    """A valid TMX date as ISO ``2019-05-31T10:00:00Z`` (how units hold dates); else ""."""
    tmx = valid_date(value) if value else None
    if tmx is None:
        return ""
    return f"{tmx[0:4]}-{tmx[4:6]}-{tmx[6:8]}T{tmx[9:11]}:{tmx[11:13]}:{tmx[13:15]}Z"


def tmx_date(value: str) -> str:
    """A unit's date in TMX form ``20190531T100000Z``; "" when it is not a valid date."""
    return (valid_date(value) if value else None) or ""


# -- writing -----------------------------------------------------------------------------


def write_tmx(
    units: Iterable[TranslationUnit],
    target: str | os.PathLike[str],
    *,
    srclang: str,
    header: Sequence[HeaderProps] = (),
) -> int:
    """Write units as TMX 1.4 (valid against the TMX 1.4 DTD); returns how many.

    ``srclang`` is the header's source language tag (``zh-CN``, ``en``, or ``*all*``);
    ``header`` the props and notes of the original files' headers, each origin's after
    an ``x-untm-origin`` prop naming it. Units are written as they come (streamed), to
    a temporary file that is renamed at the end, so a failure leaves no partial file.
    """
    count = 0
    with atomic_binary(target) as fh, etree.xmlfile(fh, encoding="UTF-8") as xf:
        xf.write_declaration()
        xf.write(etree.Comment(" exported by untm "), pretty_print=True)
        with xf.element("tmx", version="1.4"):
            xf.write("\n")
            xf.write(_header(srclang, header), pretty_print=True)
            with xf.element("body"):
                xf.write("\n")
                for unit in units:
                    # indented by _tu_element itself: pretty_print would also indent the
                    # inside of a <seg> holding only inline elements, changing its text
                    xf.write(_tu_element(unit, srclang))
                    count += 1
            xf.write("\n")
    return count


def _header(srclang: str, groups: Sequence[HeaderProps]) -> etree._Element:
    header = etree.Element(
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
    for group in groups:
        _add_prop(header, Prop(group.origin, P_ORIGIN))
        for p in group.props:
            _add_prop(header, p)
    return header


def _tu_element(u: TranslationUnit, header_src: str) -> etree._Element:
    tu = etree.Element("tu")
    # what a reader takes from the variants need not be repeated on the <tu>
    fallback = _fallback((u.source, u.target)) if u.source.attrs or u.target.attrs else {}
    extra = dict(u.attrs)
    kept_src = extra.pop("srclang", "")
    if kept_src and kept_src != "*all*" and lang_of_tag(kept_src) is not u.source.lang:
        kept_src = ""
    attrs = {
        "tuid": u.tuid,
        "srclang": kept_src or (u.source.bcp47 if u.source.bcp47 != header_src else ""),
        "creationdate": tmx_date(u.created),
        "creationid": u.creator,
        "changedate": tmx_date(u.changed),
        "changeid": u.changer,
        "usagecount": str(u.usage_count) if u.usage_count else "",
        "lastusagedate": tmx_date(u.last_used),
    }
    for k, v in attrs.items():
        if v and v != fallback.get(k):
            tu.set(k, v)
    for k, v in extra.items():
        if v and k in _TU_ALLOWED:
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
        for k, v in seg.attrs:
            if k in _TUV_KEPT:
                tuv.set(k, v)
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
    if p.encoding:
        el.set("o-encoding", p.encoding)
    el.text = p.value


def _seg_element(seg: Segment) -> etree._Element:
    if seg.markup is None:
        el = etree.Element("seg")
        el.text = seg.text
        return el
    return etree.fromstring(f"<seg>{seg.markup}</seg>", etree.XMLParser(**_xml.parser_options()))
