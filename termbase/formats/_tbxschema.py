"""Validation of TBX documents, written from the TBX core structure and dialect rules.

Users do not have the official RELAX NG and Schematron files, and running them would
need an XSLT 2 processor, so the rules that matter for reading are expressed here as
data: each element's content model (ordered slots, the way the core structure orders
children), its text rule and required attributes, and per dialect the permitted data
categories with their levels and picklists. :func:`validate` walks the document once
in document order and raises one error for the first problem, naming its line.

The same engine serves TBX v3 (``tbx3.py``) and TBX 2 (``tbx2.py``); they differ only
in the tables they pass in.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum, StrEnum

from lxml import etree

from untm.errors import FormatError, LanguageError

from ._common import collapse, xsd_date

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: The element kinds that carry a data category in their ``type`` attribute.
CATEGORY_KINDS = frozenset(
    {"admin", "adminNote", "descrip", "descripNote", "ref", "termNote", "transac", "transacNote"}
    | {"xref"}
)
#: Kind of a DCT element whose data category is unknown: it may stand where any is allowed.
ANY_CATEGORY = "*"

_LANG_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")  # xsd:language
_NCNAME = re.compile(r"[^\W\d][\w.\-\u00b7\u0300-\u036f\u203f\u2040]*")  # xsd:ID
_HTTP = re.compile(r"https?://.+")


class Text(Enum):
    """What character data an element may hold."""

    NONE = "none"  # structure only: white space between children
    PLAIN = "plain"  # text, no child elements
    MIXED = "mixed"  # text and the inline elements listed in its slots


class Level(StrEnum):
    CONCEPT = "concept"
    LANGUAGE = "language"
    TERM = "term"


@dataclass(frozen=True, slots=True)
class Slot:
    """A run of children: any of ``kinds``, at least ``least``, at most ``most`` times."""

    kinds: frozenset[str]
    least: int = 0
    most: int | None = None

    def accepts(self, kind: str) -> bool:
        return kind in self.kinds or (kind == ANY_CATEGORY and bool(self.kinds & CATEGORY_KINDS))


def one(*kinds: str) -> Slot:
    return Slot(frozenset(kinds), 1, 1)


def opt(*kinds: str) -> Slot:
    return Slot(frozenset(kinds), 0, 1)


def many(*kinds: str) -> Slot:
    return Slot(frozenset(kinds))


def some(*kinds: str) -> Slot:
    return Slot(frozenset(kinds), 1)


@dataclass(frozen=True, slots=True)
class Element:
    """The rules of one element: ordered child slots, text, required attributes."""

    slots: tuple[Slot, ...] = ()
    text: Text = Text.NONE
    required: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Category:
    """A data category: element kind, name, levels where it may stand, picklist."""

    kind: str
    name: str
    levels: frozenset[Level] = frozenset(Level)
    values: tuple[str, ...] = ()
    enforce_values: bool = True


@dataclass(frozen=True, slots=True)
class Dialect:
    """A TBX dialect: its data categories, and whether others are errors (``strict``).

    ``tolerated`` are categories of other dialects that real files of this dialect use
    (``usageStatus`` in TBX-Basic exports): accepted, their picklist checked, reported
    by the reader as not kept.
    """

    name: str
    categories: tuple[Category, ...] = ()
    tolerated: tuple[Category, ...] = ()
    strict: bool = True

    def index(self) -> dict[tuple[str, str], Category]:
        """(kind, name) -> category, its own categories winning over tolerated ones."""
        return {(c.kind, c.name): c for c in self.tolerated + self.categories}

    def permitted(self, kind: str) -> str:
        names = [c.name for c in self.categories if c.kind == kind]
        return ", ".join(names) if names else "none"


@dataclass(frozen=True, slots=True)
class Schema:
    """Everything :func:`validate` needs to know about one TBX version."""

    name: str
    namespace: str  # "" for TBX 2
    elements: Mapping[str, Element]
    levels: Mapping[str, Level]  # the element kinds that open a level
    dialects: tuple[Dialect, ...]
    fallback: Dialect  # for dialects not listed: structure only
    catalog: tuple[Category, ...] = ()  # all DCT-style category names (TBX v3)
    http_targets: bool = False  # TBX v3 DCA: a target is an id or an http(s) URL
    date_time: bool = True  # <date> may be a dateTime
    idref_kinds: frozenset[str] = field(default_factory=frozenset)  # @target is an IDREF

    def dialect(self, name: str) -> Dialect:
        return next((d for d in self.dialects if d.name == name), self.fallback)

    def dct_category(self, local: str) -> Category | None:
        return next((c for c in self.catalog if c.name == local), None)


_DCT_RULE = Element(text=Text.MIXED)  # a DCT category of unknown kind


def classify(el: etree._Element, schema: Schema) -> tuple[str, str]:
    """(kind, data category) of an element: ``("admin", "source")`` for both
    ``<admin type="source">`` (DCA) and ``<basic:source>`` (DCT); the category is ""
    for structural elements."""
    local = own_name(el, schema)
    if local is not None:
        return local, el.get("type", "") if local in CATEGORY_KINDS else ""
    local = str(el.tag).rpartition("}")[2]
    cat = schema.dct_category(local)
    return (cat.kind if cat else ANY_CATEGORY), local


def own_name(el: etree._Element, schema: Schema) -> str | None:
    """The local name of ``el`` if it is in the schema's namespace, else None.

    Works on the tag string (``{ns}name``): this runs for every element of a file.
    """
    return _own_name(str(el.tag), schema.namespace)


@functools.lru_cache(maxsize=512)
def _own_name(tag: str, namespace: str) -> str | None:
    if namespace:
        prefix = "{" + namespace + "}"
        return tag[len(prefix) :] if tag.startswith(prefix) else None
    return None if tag.startswith("{") else tag


def label(el: etree._Element) -> str:
    """The element as written: ``<descrip type="definition">``, ``<basic:context>``."""
    name = el.prefix + ":" + etree.QName(el).localname if el.prefix else etree.QName(el).localname
    kind = etree.QName(el).localname
    if kind in CATEGORY_KINDS and el.get("type") is not None:
        return f'<{name} type="{el.get("type")}">'
    return f"<{name}>"


def is_xml_id(value: str) -> bool:
    """True if ``value`` can be an XML id (xsd:ID, an NCName)."""
    return _NCNAME.fullmatch(value) is not None


def line_of(el: etree._Element) -> int | None:
    """The line where ``el`` starts (lxml knows it for parsed documents)."""
    line = el.sourceline
    return line if isinstance(line, int) else None


def text_of(el: etree._Element) -> str:
    """All text inside ``el`` (inline markup dropped), white space collapsed."""
    if not len(el):
        return collapse(el.text or "")
    return collapse("".join(str(t) for t in el.itertext()))


def element_children(el: etree._Element) -> Iterator[etree._Element]:
    """Child elements (the parser drops comments and processing instructions)."""
    return (c for c in el if isinstance(c.tag, str))


def validate(root: etree._Element, schema: Schema, source: str | os.PathLike[str]) -> Dialect:
    """Check ``root`` against ``schema``; returns the dialect the root declares.

    Raises FormatError (LanguageError for a bad language tag) for the first problem in
    document order, naming its line.
    """
    checker = _Checker(schema, source, root)
    checker.walk(root, None, checker.kind_of(root))
    return checker.dialect


class _Checker:
    def __init__(self, schema: Schema, source: str | os.PathLike[str], root: etree._Element):
        self.schema = schema
        self.source = source
        self.dct = root.get("style") == "dct"
        self.dialect = schema.dialect(root.get("type", ""))
        self.categories = self.dialect.index()  # looked up for every data category
        self.ids = self._collect_ids(root)

    def fail(self, el: etree._Element | None, problem: str, line: int | None = None) -> FormatError:
        return FormatError(
            self.source, problem, line=line or (line_of(el) if el is not None else None)
        )

    def _collect_ids(self, root: etree._Element) -> frozenset[str]:
        seen: dict[str, int | None] = {}
        for el in root.iter():
            value = el.get("id")
            if value is None or not isinstance(el.tag, str):
                continue
            if not is_xml_id(value):
                raise self.fail(el, f"id {value!r} of {label(el)} is not a valid XML id")
            if value in seen:
                raise self.fail(el, f"id {value!r} is used twice (first at line {seen[value]})")
            seen[value] = line_of(el)
        return frozenset(seen)

    def walk(self, el: etree._Element, level: Level | None, kinds: tuple[str, str]) -> None:
        """Check ``el`` (of kind and category ``kinds``) and everything inside it."""
        kind, category = kinds
        rule = self.schema.elements.get(kind, _DCT_RULE)
        if own_name(el, self.schema) is None:
            rule = replace(rule, required=())  # DCT: the element name is the category
        self.check_attributes(el, kind, rule)
        if kind in CATEGORY_KINDS or kind == ANY_CATEGORY:
            self.check_category(el, kind, category, level)
        if kind == "date":
            self.check_date(el)
        children = [(c, self.kind_of(c)) for c in element_children(el)]
        self.check_text(el, kind, rule)
        self.check_order(el, kind, rule, [(c, k[0]) for c, k in children])
        inner = self.schema.levels.get(kind, level)
        for child, child_kinds in children:
            self.walk(child, inner, child_kinds)

    def kind_of(self, el: etree._Element) -> tuple[str, str]:
        kind, category = classify(el, self.schema)
        if own_name(el, self.schema) is not None:
            if kind not in self.schema.elements:
                raise self.fail(el, f"{label(el)} is not a {self.schema.name} element")
            return kind, category
        if not self.schema.catalog:
            raise self.fail(el, f"{label(el)} is in a namespace {self.schema.name} does not allow")
        if not self.dct:
            raise self.fail(el, f'{label(el)} is a DCT-style element in a style="dca" file')
        if kind == ANY_CATEGORY and self.dialect.strict:
            raise self.fail(el, f"{label(el)} is not a {self.dialect.name} data category")
        return kind, category

    def check_attributes(self, el: etree._Element, kind: str, rule: Element) -> None:
        for name in rule.required:
            if el.get(name) is None:
                shown = "xml:lang" if name == XML_LANG else name
                raise self.fail(el, f"{label(el)} has no {shown} attribute, which it needs")
        lang = el.get(XML_LANG)
        if lang is not None and not _LANG_TAG.fullmatch(lang):
            raise LanguageError(
                self.source, f"{label(el)} has an invalid language tag {lang!r}", line=line_of(el)
            )
        target = el.get("target")
        if target is not None:
            self.check_target(el, kind, target)

    def check_target(self, el: etree._Element, kind: str, target: str) -> None:
        if target in self.ids:
            return
        if self.schema.http_targets:
            if not _HTTP.fullmatch(target):
                raise self.fail(
                    el,
                    f"target {target!r} of {label(el)} is neither an id in this file "
                    "nor an http(s) URL",
                )
        elif kind in self.schema.idref_kinds:
            raise self.fail(el, f"target {target!r} of {label(el)} is not an id in this file")

    def check_text(self, el: etree._Element, kind: str, rule: Element) -> None:
        if rule.text is not Text.NONE:
            return
        if el.text and el.text.strip(" \t\r\n"):
            raise self.fail(
                el, f"text is not allowed directly in <{kind}>", _text_line(el, el.text)
            )
        for child in el:  # processing instructions too: text after one is text all the same
            if child.tail and child.tail.strip(" \t\r\n"):
                raise self.fail(
                    child, f"text is not allowed directly in <{kind}>", _tail_line(child)
                )

    def check_order(
        self,
        el: etree._Element,
        kind: str,
        rule: Element,
        children: list[tuple[etree._Element, str]],
    ) -> None:
        """Children against the slots of ``rule``, greedily: TBX content models are
        deterministic (adjacent slots never share a kind), so greedy matching is exact."""
        slots, i, count, previous = rule.slots, 0, 0, ""
        for child, ckind in children:
            while True:
                if i >= len(slots):
                    raise self.misplaced(kind, rule, child, ckind, previous)
                slot = slots[i]
                if slot.accepts(ckind) and (slot.most is None or count < slot.most):
                    count += 1
                    break
                if slot.accepts(ckind):
                    raise self.fail(
                        child, f"only {_times(slot.most)} <{ckind}> allowed in <{kind}>"
                    )
                if count < slot.least:
                    raise self.fail(
                        child, f"<{ckind}> found where {_kinds(slot)} is required in <{kind}>"
                    )
                i, count = i + 1, 0
            previous = ckind
        for slot in slots[i:]:
            if count < slot.least:
                raise self.fail(el, f"<{kind}> needs {_kinds(slot)}")
            count = 0

    def misplaced(
        self,
        kind: str,
        rule: Element,
        child: etree._Element,
        ckind: str,
        previous: str,
    ) -> FormatError:
        if any(slot.accepts(ckind) for slot in rule.slots):
            return self.fail(child, f"{label(child)} cannot follow <{previous}> in <{kind}>")
        return self.fail(child, f"{label(child)} is not allowed in <{kind}>")

    def check_category(self, el: etree._Element, kind: str, name: str, level: Level | None) -> None:
        if not name:
            raise self.fail(el, f"{label(el)} has an empty type attribute")
        cat = self.categories.get((kind, name))
        if cat is None:
            if self.dialect.strict:
                raise self.fail(
                    el,
                    f"{label(el)} is not a {self.dialect.name} data category "
                    f"(permitted <{kind}> types: {self.dialect.permitted(kind)})",
                )
            return
        if level is not None and level not in cat.levels:
            where = ", ".join(lv.value for lv in Level if lv in cat.levels)
            raise self.fail(el, f"{name} is not allowed at {level.value} level (only {where})")
        if not (cat.values and cat.enforce_values):
            return
        value = text_of(el)
        if value not in cat.values:
            raise self.fail(
                el, f"{value!r} is not a permitted {name} value ({', '.join(cat.values)})"
            )

    def check_date(self, el: etree._Element) -> None:
        value = text_of(el)
        if xsd_date(value, with_time=self.schema.date_time) != value:
            what = "an ISO date or date-time" if self.schema.date_time else "an ISO date"
            raise self.fail(el, f"<date> {value!r} is not {what} (YYYY-MM-DD)")


def _kinds(slot: Slot) -> str:
    return " or ".join(f"<{k}>" for k in sorted(slot.kinds))


def _times(n: int | None) -> str:
    return "one" if n == 1 else str(n)


def _text_line(el: etree._Element, text: str) -> int | None:
    """The line of the first non-blank character of ``el.text``."""
    line = line_of(el)
    if line is None:
        return None
    stripped = text.lstrip(" \t\r\n")
    return line + text[: len(text) - len(stripped)].count("\n")


def _tail_line(child: etree._Element) -> int | None:
    """The line of the first non-blank character after ``child`` (from the next sibling)."""
    tail = child.tail or ""
    after = child.getnext()
    while after is not None and not isinstance(after.tag, str):
        after = after.getnext()
    line = line_of(after) if after is not None else None
    if line is None:
        return line_of(child)
    start = len(tail) - len(tail.lstrip(" \t\r\n"))
    return line - tail[start:].count("\n")
