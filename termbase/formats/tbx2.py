"""TBX 2 (ISO 30042:2008, ``martif``): TBX-Basic 2 read and written.

This is the TBX that OmegaT 3.6 and translate-toolkit read. Written files have the root
``<martif type="TBX-Basic" xml:lang="en">`` (no namespace, no DOCTYPE, so that no
reader goes looking for a DTD) and validate against TBXBasicRNGV02.rng with its
embedded Schematron rules.

Reading validates the TBX 2 core structure for every dialect (``tig`` and ``ntig``
terms, as MultiTerm writes them), and the data categories of TBX-Basic when the root
says ``type="TBX-Basic"``; an entry without an id gets one derived from its terms.

What TBX 2 keeps of the model: everything except the time of day in
:attr:`Concept.created` and :attr:`Concept.modified` - TBX 2 ``<date>`` is an
xsd:date, so a date-time is written as its date. ``properNoun`` is in the TBX-Basic 2
picklist and written as such; :attr:`Term.exclude` and the evidence of a concept's
English travel in processing instructions (``<?untm-exclude WORD?>``, see ``_tbxcore``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from lxml import etree

from untm._version import __version__

from ..model import Concept, PartOfSpeech
from ._common import ReadResult
from ._tbxcore import Profile, read_tree, write_bytes
from ._tbxschema import (
    XML_LANG,
    Category,
    Dialect,
    Element,
    Level,
    Schema,
    Text,
    many,
    one,
    opt,
    some,
)

_C, _L, _T = Level.CONCEPT, Level.LANGUAGE, Level.TERM
_AUX = ("admin", "adminGrp", "descrip", "descripGrp", "note", "ref", "transacGrp", "xref")
_LINK = ("admin", "adminGrp", "note", "ref", "transacGrp", "xref")
_INLINE = ("hi", "foreign", "bpt", "ept", "ph")
_NOTES = ("termNote", "termNoteGrp")

#: The TBX 2 core structure (TBXcoreStructV02 / TBX-Basic RNG V02).
ELEMENTS: dict[str, Element] = {
    "martif": Element((one("martifHeader"), one("text")), required=("type", XML_LANG)),
    "martifHeader": Element((one("fileDesc"), opt("encodingDesc"), opt("revisionDesc"))),
    "fileDesc": Element((opt("titleStmt"), opt("publicationStmt"), some("sourceDesc"))),
    "titleStmt": Element((one("title"), many("note"))),
    "title": Element(text=Text.PLAIN),
    "publicationStmt": Element((some("p"),)),
    "sourceDesc": Element((some("p"),)),
    "encodingDesc": Element((some("p"),)),
    "revisionDesc": Element((some("change"),)),
    "change": Element((some("p"),)),
    "p": Element((many(*_INLINE),), Text.MIXED),
    "text": Element((one("body"), opt("back"))),
    "body": Element((some("termEntry"),)),
    "back": Element((many("refObjectList"),)),
    "refObjectList": Element((some("refObject"),), required=("type",)),
    "refObject": Element((some("item", "itemGrp", "itemSet"),)),
    "itemSet": Element((some("itemGrp", "item"),)),
    "itemGrp": Element((one("item"), many(*_LINK))),
    "item": Element((many(*_INLINE),), Text.MIXED),
    "termEntry": Element((many(*_AUX), some("langSet"))),
    "langSet": Element((many(*_AUX), some("tig", "ntig")), required=(XML_LANG,)),
    "tig": Element((one("term"), many("termNote"), many(*_AUX))),
    "ntig": Element((one("termGrp"), many(*_AUX))),
    "termGrp": Element((one("term"), many(*_NOTES), many("termCompList"))),
    "termCompList": Element((some("termComp", "termCompGrp"),), required=("type",)),
    "termComp": Element((many("hi"),), Text.MIXED),
    "termCompGrp": Element((one("termComp"), many(*_NOTES), many(*_LINK))),
    "term": Element((many("hi"),), Text.MIXED),
    "termNote": Element((many(*_INLINE),), Text.MIXED, ("type",)),
    "termNoteGrp": Element((one("termNote"), many(*_LINK))),
    "admin": Element((many(*_INLINE),), Text.MIXED, ("type",)),
    "adminGrp": Element((one("admin"), many("adminNote", "note", "ref", "xref"))),
    "adminNote": Element(text=Text.PLAIN, required=("type",)),
    "descrip": Element((many(*_INLINE),), Text.MIXED, ("type",)),
    "descripGrp": Element(
        (
            one("descrip"),
            many("admin", "adminGrp", "descripNote", "note", "ref", "transacGrp", "xref"),
        )
    ),
    "descripNote": Element(text=Text.PLAIN, required=("type",)),
    "note": Element((many(*_INLINE),), Text.MIXED),
    "ref": Element(text=Text.PLAIN, required=("type",)),
    "xref": Element(text=Text.PLAIN, required=("target", "type")),
    "transacGrp": Element((one("transac"), many("transacNote", "date", "note", "ref", "xref"))),
    "transac": Element(text=Text.PLAIN, required=("type",)),
    "transacNote": Element(text=Text.PLAIN, required=("type",)),
    "date": Element(text=Text.PLAIN),
    "hi": Element(text=Text.PLAIN),
    "foreign": Element((many(*_INLINE),), Text.MIXED),
    "bpt": Element(text=Text.PLAIN),
    "ept": Element(text=Text.PLAIN),
    "ph": Element(text=Text.PLAIN),
}

_POS = ("noun", "verb", "adjective", "adverb", "properNoun", "other")

#: TBX-Basic 2 data categories and their rules (TBXBasicRNGV02 and its Schematron).
BASIC = (
    Category("admin", "customerSubset", frozenset({_T})),
    Category("admin", "projectSubset", frozenset({_T})),
    Category("admin", "source"),
    Category("descrip", "context", frozenset({_T})),
    Category("descrip", "definition", frozenset({_C, _L})),
    Category("descrip", "subjectField", frozenset({_C})),
    Category("ref", "crossReference", frozenset({_C, _T})),
    Category(
        "termNote",
        "administrativeStatus",
        frozenset({_T}),
        tuple(f"{s}Term-admn-sts" for s in ("preferred", "admitted", "deprecated", "superseded")),
    ),
    Category("termNote", "geographicalUsage", frozenset({_T})),
    Category(
        "termNote",
        "grammaticalGender",
        frozenset({_T}),
        ("masculine", "feminine", "neuter", "other"),
    ),
    Category("termNote", "partOfSpeech", frozenset({_T}), _POS),
    Category("termNote", "termLocation", frozenset({_T})),
    Category(
        "termNote",
        "termType",
        frozenset({_T}),
        ("abbreviation", "acronym", "fullForm", "variant", "shortForm", "phrase"),
    ),
    Category("transac", "transactionType", values=("origination", "modification")),
    Category("transacNote", "responsibility"),
    Category("xref", "externalCrossReference", frozenset({_C, _T})),
    Category("xref", "xGraphic", frozenset({_C})),
)

SCHEMA = Schema(
    name="TBX 2",
    namespace="",
    elements=ELEMENTS,
    levels={"termEntry": _C, "langSet": _L, "tig": _T, "ntig": _T},
    dialects=(Dialect("TBX-Basic", BASIC),),
    fallback=Dialect("TBX", strict=False),
    date_time=False,
    idref_kinds=frozenset(
        {"admin", "adminNote", "descrip", "descripNote", "ref", "termNote", "transac"}
        | {"transacNote", "hi"}
    ),
)


def _start(title: str) -> tuple[etree._Element, etree._Element]:
    """The root, header and empty body of a TBX-Basic 2 document."""

    def sub(parent: etree._Element, name: str, text: str = "") -> etree._Element:
        el = etree.SubElement(parent, name)
        if text:
            el.text = text
        return el

    root = etree.Element("martif")
    root.set("type", "TBX-Basic")
    root.set(XML_LANG, "en")
    header = sub(root, "martifHeader")
    file_desc = sub(header, "fileDesc")
    sub(sub(file_desc, "titleStmt"), "title", title)
    sub(sub(file_desc, "sourceDesc"), "p", f"Exported by untm {__version__}")
    sub(sub(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs").set("type", "XCSURI")
    body = sub(sub(root, "text"), "body")
    return root, body


PROFILE = Profile(
    schema=SCHEMA,
    root="martif",
    concept="termEntry",
    lang="langSet",
    terms=("tig", "ntig"),
    term_group="termGrp",
    pos_values=frozenset(PartOfSpeech(p) for p in _POS),
    start=_start,
)


def read(tree: etree._ElementTree, source: str | os.PathLike[str]) -> ReadResult:
    """Concepts of a parsed TBX 2 (martif) document."""
    return read_tree(tree, source, PROFILE)


def write(concepts: Iterable[Concept], title: str) -> tuple[bytes, int]:
    """A TBX-Basic 2 document for ``concepts``, and how many it holds."""
    return write_bytes(concepts, PROFILE, title)
