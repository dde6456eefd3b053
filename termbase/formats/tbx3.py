"""TBX v3 (ISO 30042:2019): TBX-Basic, DCA style, read and written; DCT style read.

Written files have the root ``<tbx type="TBX-Basic" style="dca" xml:lang="en">`` in the
namespace ``urn:iso:std:iso:30042:ed-2`` and validate against the TBX core RELAX NG
schema and the TBX-Basic DCA Schematron (1.2.1).

Reading validates the core structure for every dialect, and the data categories for
TBX-Basic and TBX-Min (permitted types, levels, picklists); other dialects (TBX-Core,
...) are read for what the model holds, the rest reported as not kept. Where files that
the TBX project itself calls valid break the strict DCA rules, the reader follows the
files: ``usageStatus`` is read as the administrative status, ``relatedConcept`` and
``relatedTerm`` references are accepted, and transaction types other than origination
and modification (``creation``) are accepted - all reported as not kept.

What TBX v3 keeps of the model: everything. ``partOfSpeech`` ``properNoun`` (not in the
TBX-Basic v3 picklist) is written as ``noun`` plus ``<?untm-pos properNoun?>``,
:attr:`Term.exclude` as ``<?untm-exclude WORD?>``, the evidence of a concept's English as
a note in words and ``<?untm-evidence ...?>`` (see ``_tbxcore``); all read back. A
concept id that is not a valid XML id gets its invalid characters replaced.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from lxml import etree

from untm._version import __version__
from untm.errors import FormatError

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
    line_of,
    many,
    one,
    opt,
    some,
)

NAMESPACE = "urn:iso:std:iso:30042:ed-2"

_C, _L, _T = Level.CONCEPT, Level.LANGUAGE, Level.TERM
_AUX = ("admin", "adminGrp", "descrip", "descripGrp", "note", "ref", "transacGrp", "xref")
_LINK = ("admin", "adminGrp", "note", "ref", "transacGrp", "xref")
_INLINE = ("ec", "foreign", "hi", "ph", "sc")

#: The TBX core structure (TBXcoreStructV03): children in order, text, required attributes.
ELEMENTS: dict[str, Element] = {
    "tbx": Element((one("tbxHeader"), one("text")), required=("type", "style", XML_LANG)),
    "tbxHeader": Element((one("fileDesc"), opt("encodingDesc"), opt("revisionDesc"))),
    "fileDesc": Element((opt("publicationStmt"), opt("titleStmt"), one("sourceDesc"))),
    "publicationStmt": Element((some("p"),)),
    "titleStmt": Element((one("title"), many("note"))),
    "title": Element(text=Text.PLAIN),
    "sourceDesc": Element((some("p"),)),
    "encodingDesc": Element((some("p"),)),
    "revisionDesc": Element((some("change"),)),
    "change": Element((some("p"),)),
    "p": Element((many(*_INLINE),), Text.MIXED),
    "text": Element((opt("body"), opt("back"))),
    "body": Element((some("conceptEntry"),)),
    "back": Element((many("refObjectSec"),)),
    "refObjectSec": Element((some("refObject"),), required=("type",)),
    "refObject": Element((some("itemSet", "itemGrp", "item"),)),
    "itemSet": Element((some("itemGrp", "item"),)),
    "itemGrp": Element((one("item"), many(*_LINK))),
    "item": Element((many(*_INLINE),), Text.MIXED),
    "conceptEntry": Element((many(*_AUX), some("langSec")), required=("id",)),
    "langSec": Element((many(*_AUX), some("termSec")), required=(XML_LANG,)),
    "termSec": Element((one("term"), many("termNote", "termNoteGrp"), many(*_AUX))),
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
    "transacGrp": Element((one("transac"), many("date", "note", "ref", "transacNote", "xref"))),
    "transac": Element(text=Text.PLAIN, required=("type",)),
    "transacNote": Element(text=Text.PLAIN, required=("type",)),
    "date": Element(text=Text.PLAIN),
    "hi": Element(text=Text.PLAIN),
    "foreign": Element((many(*_INLINE),), Text.MIXED),
    "ph": Element(),
    "sc": Element(required=("id",)),
    "ec": Element(),
}

_POS = ("adjective", "noun", "other", "verb", "adverb")
_ADMIN_STATUS = tuple(
    f"{s}Term-admn-sts" for s in ("admitted", "deprecated", "superseded", "preferred")
)
_TERM_LOCATION = (  # noqa: SIM905
    "checkBox comboBox comboBoxElement dialogBox groupBox informativeMessage "
    "interactiveMessage menuItem progressBar pushButton radioButton slider spinBox tab "
    "tableText textBox toolTip user-definedType"
).split()

#: TBX-Basic data categories (TBX-Basic dialect 1.2.1 with the Min and Basic modules).
BASIC = (
    Category("admin", "customerSubset", frozenset({_C, _T})),
    Category("admin", "projectSubset", frozenset({_C, _T})),
    Category("admin", "source", frozenset({_C, _L, _T})),
    Category("descrip", "subjectField", frozenset({_C})),
    Category("descrip", "context", frozenset({_T})),
    Category("descrip", "definition", frozenset({_C, _L})),
    Category("ref", "crossReference", frozenset({_C, _T})),
    Category("termNote", "administrativeStatus", frozenset({_T}), _ADMIN_STATUS),
    Category("termNote", "partOfSpeech", frozenset({_T}), _POS),
    Category("termNote", "geographicalUsage", frozenset({_T})),
    Category(
        "termNote",
        "grammaticalGender",
        frozenset({_T}),
        ("masculine", "feminine", "neuter", "other"),
    ),
    Category("termNote", "termLocation", frozenset({_T}), tuple(_TERM_LOCATION)),
    Category(
        "termNote",
        "termType",
        frozenset({_T}),
        ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"),
    ),
    # The DCA Schematron states this picklist but never applies it, and the official
    # sample files use other values (``creation``): accepted, and reported as not kept.
    Category(
        "transac", "transactionType", values=("origination", "modification"), enforce_values=False
    ),
    Category("transacNote", "responsibility"),
    Category("xref", "externalCrossReference"),
    Category("xref", "xGraphic", frozenset({_C, _L})),
)
#: TBX-Min: the Min module's categories, a subset of TBX-Basic's with the same rules.
_MIN = tuple(
    c
    for c in BASIC
    if c.name
    in {
        "customerSubset",
        "subjectField",
        "administrativeStatus",
        "partOfSpeech",
        "externalCrossReference",
    }
)
_USAGE_STATUS = Category(
    "termNote",
    "usageStatus",
    frozenset({_T}),
    ("preferred", "admitted", "notRecommended", "obsolete", "deprecated", "superseded"),
)
_TOLERATED = (
    _USAGE_STATUS,
    Category("ref", "relatedConcept", frozenset({_C, _T})),
    Category("ref", "relatedTerm", frozenset({_C, _T})),
)

SCHEMA = Schema(
    name="TBX v3",
    namespace=NAMESPACE,
    elements=ELEMENTS,
    levels={"conceptEntry": _C, "langSec": _L, "termSec": _T},
    dialects=(
        Dialect("TBX-Basic", BASIC, _TOLERATED),
        Dialect("TBX-Min", _MIN, (_USAGE_STATUS,)),
    ),
    fallback=Dialect("TBX", strict=False),
    catalog=BASIC + _TOLERATED,
    http_targets=True,
    date_time=True,
)


def _start(title: str) -> tuple[etree._Element, etree._Element]:
    """The root, header and empty body of a TBX-Basic DCA document."""

    def sub(parent: etree._Element, name: str, text: str = "") -> etree._Element:
        el = etree.SubElement(parent, f"{{{NAMESPACE}}}{name}")
        if text:
            el.text = text
        return el

    root = etree.Element(f"{{{NAMESPACE}}}tbx", nsmap={None: NAMESPACE})  # type: ignore[dict-item]
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(XML_LANG, "en")
    file_desc = sub(sub(root, "tbxHeader"), "fileDesc")
    sub(sub(file_desc, "titleStmt"), "title", title)
    sub(sub(file_desc, "sourceDesc"), "p", f"Exported by untm {__version__}")
    body = sub(sub(root, "text"), "body")
    return root, body


PROFILE = Profile(
    schema=SCHEMA,
    root="tbx",
    concept="conceptEntry",
    lang="langSec",
    terms=("termSec",),
    term_group="",
    pos_values=frozenset(PartOfSpeech(p) for p in _POS),
    start=_start,
)


def read(tree: etree._ElementTree, source: str | os.PathLike[str]) -> ReadResult:
    """Concepts of a parsed TBX v3 document (any dialect, DCA or DCT style)."""
    root = tree.getroot()
    style, dialect = root.get("style"), root.get("type")
    if style is not None and style not in ("dca", "dct"):
        raise FormatError(source, f'style {style!r} is neither "dca" nor "dct"', line=line_of(root))
    if dialect is not None and not re.fullmatch(r"TBX-.+", dialect):
        raise FormatError(
            source, f"dialect {dialect!r} does not start with 'TBX-'", line=line_of(root)
        )
    return read_tree(tree, source, PROFILE)


def write(concepts: Iterable[Concept], title: str) -> tuple[bytes, int]:
    """A TBX-Basic DCA document for ``concepts``, and how many it holds."""
    return write_bytes(concepts, PROFILE, title)
