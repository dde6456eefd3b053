"""The termbase data model: concept-oriented, close to TBX-Basic.

A :class:`Concept` holds subject field, definitions, note and source, and one or more
:class:`Term` per language. Every field here has a TBX-Basic data category, so that
TBX -> database -> TBX keeps all of it (see ``termbase/formats``):

=====================  ==========================================================
field                  TBX-Basic data category
=====================  ==========================================================
Concept.id             ``conceptEntry/@id``
Concept.subject        ``descrip type="subjectField"`` (concept level)
Concept.definitions    ``descrip type="definition"`` (concept or language level),
                       with its ``admin type="source"`` in a ``descripGrp``
Concept.note           ``note`` (concept level; several notes are joined by newlines)
Concept.source         ``admin type="source"`` (concept level)
Concept.created/...    ``transacGrp`` origination / modification dates
Concept.evidence       a concept-level ``note`` in words (``Evidence: attested in a UN
                       English document (A/RES/58/4)``) and ``<?untm-evidence ...?>``
Concept.attested       in that note, and ``<?untm-attested ...?>``
Term.text              ``term``
Term.status            ``termNote type="administrativeStatus"``
Term.type              ``termNote type="termType"``
Term.pos               ``termNote type="partOfSpeech"``
Term.geo_usage         ``termNote type="geographicalUsage"``
Term.context           ``descrip type="context"`` (term level)
Term.note              ``note`` (term level)
Term.source            ``admin type="source"`` (term level)
Term.exclude           ``<?untm-exclude WORD?>`` in the termSec, one per word (no TBX
                       category; validators and CAT tools skip processing instructions)
=====================  ==========================================================

A part of speech outside the TBX v3 picklist (``properNoun``) is written as ``noun`` with
``<?untm-pos properNoun?>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from untm.text.lang import Lang


class TermStatus(StrEnum):
    """Administrative status; TBX value is ``<status>Term-admn-sts``."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    SUPERSEDED = "superseded"

    @property
    def tbx(self) -> str:
        return f"{self.value}Term-admn-sts"

    @classmethod
    def from_tbx(cls, value: str) -> TermStatus:
        """Accept ``preferredTerm-admn-sts``, ``preferred`` and TBX 2 ``preferredTerm``."""
        v = value.strip()
        for suffix in ("Term-admn-sts", "Term"):
            if v.endswith(suffix):
                v = v[: -len(suffix)]
        return cls(v.lower())

    @property
    def rank(self) -> int:
        """Sort order: preferred terms first, deprecated and superseded last."""
        return _STATUS_RANK[self]


_STATUS_RANK = {
    TermStatus.PREFERRED: 0,
    TermStatus.ADMITTED: 1,
    TermStatus.SUPERSEDED: 2,
    TermStatus.DEPRECATED: 3,
}


class TermType(StrEnum):
    """TBX-Basic ``termType`` picklist."""

    FULL_FORM = "fullForm"
    ACRONYM = "acronym"
    ABBREVIATION = "abbreviation"
    SHORT_FORM = "shortForm"
    VARIANT = "variant"
    PHRASE = "phrase"


class Evidence(StrEnum):
    """How well a concept's English is attested; TBX: a concept-level ``note`` and a PI.

    A translator must know whether "the approved equivalent" is the UN's or the project's.
    """

    UN_DOCUMENT = "un-document"  # found in a named UN English document or instrument
    UN_TERMINOLOGY = "un-terminology"  # found in UNTERM or another UN terminology source
    PROJECT = "project"  # translated for this project from the Chinese

    @property
    def label(self) -> str:
        """In words, for the note of a TBX export: ``attested in a UN English document``."""
        return _EVIDENCE_LABEL[self]

    def brief(self, attested: str) -> str:
        """One short line for ``untm lookup``: ``UN document A/RES/58/4``, ``untm
        translation (not verified in UN English sources)``."""
        if self is Evidence.PROJECT:
            return "untm translation (not verified in UN English sources)"
        what = "UN document" if self is Evidence.UN_DOCUMENT else "UN terminology"
        return f"{what} {attested}" if attested else what


_EVIDENCE_LABEL = {
    Evidence.UN_DOCUMENT: "attested in a UN English document",
    Evidence.UN_TERMINOLOGY: "attested in UN terminology",
    Evidence.PROJECT: "translated for untm from the Chinese",
}


class PartOfSpeech(StrEnum):
    """TBX-Basic ``partOfSpeech`` picklist (TBX 2 also has ``properNoun``)."""

    NOUN = "noun"
    VERB = "verb"
    ADJECTIVE = "adjective"
    ADVERB = "adverb"
    PROPER_NOUN = "properNoun"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Definition:
    """A definition; ``lang`` is None for a concept-level (language-independent) one."""

    text: str
    lang: Lang | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class Term:
    """One designation of a concept in one language."""

    text: str
    lang: Lang
    status: TermStatus = TermStatus.PREFERRED
    type: TermType = TermType.FULL_FORM
    pos: PartOfSpeech | None = None
    context: str = ""
    note: str = ""
    source: str = ""
    geo_usage: str = ""
    #: Longer words inside which this term must not be matched in running text,
    #: e.g. ``会员国`` excludes ``非会员国``; each must contain the term.
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Concept:
    """A concept with its terms in both languages."""

    id: str
    terms: tuple[Term, ...] = ()
    subject: str = ""
    definitions: tuple[Definition, ...] = ()
    note: str = ""
    source: str = ""
    created: str = ""  # ISO 8601 date or date-time
    modified: str = ""
    #: How well the English is attested, and where (a UN document symbol, UNTERM, ...).
    evidence: Evidence | None = None
    attested: str = ""

    def terms_in(self, lang: Lang) -> tuple[Term, ...]:
        """Terms of one language, preferred first, in their stored order otherwise."""
        found = [t for t in self.terms if t.lang is lang]
        return tuple(sorted(found, key=lambda t: t.status.rank))

    @property
    def definition(self) -> str:
        """The first definition (concept-level first), or an empty string."""
        ordered = sorted(self.definitions, key=lambda d: d.lang is not None)
        return ordered[0].text if ordered else ""

    @property
    def languages(self) -> frozenset[Lang]:
        return frozenset(t.lang for t in self.terms)


class MatchKind(StrEnum):
    """How a lookup result matched, best first."""

    EXACT = "exact"
    NORMALIZED = "normalized"
    PREFIX = "prefix"
    CONTAINS = "contains"
    FUZZY = "fuzzy"

    @property
    def rank(self) -> int:
        return list(MatchKind).index(self)


@dataclass(frozen=True, slots=True)
class TermHit:
    """One lookup result: a concept and how the query matched it."""

    concept: Concept
    match: MatchKind
    score: float  # 0-100
    matched_term: Term


@dataclass(frozen=True, slots=True)
class LookupResult:
    """Everything ``untm lookup`` answers for one query."""

    query: str
    lang: Lang
    hits: tuple[TermHit, ...]
    suggestions: tuple[str, ...] = ()  # "did you mean" on a miss


class TermCandidate(NamedTuple):
    """One concept a place in the text may name, with why it ranks where it does.

    A NamedTuple rather than a frozen dataclass, like :class:`TermOccurrence`: the
    matcher makes one per place of a text, and lint runs it over every segment.
    """

    concept: Concept
    term: Term  # the concept's term found there
    equivalents: tuple[Term, ...]  # the concept's terms in the other language
    why: str = ""  # e.g. "full form in the document", "subject UNCAC (12 terms)"


class OccurrenceKind(StrEnum):
    """How a place in the text was recognised."""

    TERM = "term"  # a term of the termbase
    #: a short form resolved by a full form of the same document (《公约》 after
    #: 《联合国反腐败公约》, "the Conference" after "Conference of the States Parties")
    DOCUMENT_SHORT_FORM = "document-short-form"


class TermOccurrence(NamedTuple):
    """A place in running text that names a termbase concept (offsets into the text as
    given); ``term``, ``concept`` and ``equivalents`` are those of the best candidate."""

    start: int
    end: int
    text: str  # the text as it appears in the input (may span a line break)
    term: Term
    concept: Concept
    equivalents: tuple[Term, ...] = ()
    #: Every concept the place may name, best first (one when the termbase has one).
    candidates: tuple[TermCandidate, ...] = ()
    kind: OccurrenceKind = OccurrenceKind.TERM


@dataclass(frozen=True, slots=True)
class DeleteReport:
    """What a delete took out of the termbase (and what it left, when asked to)."""

    #: ids of the concepts deleted, in id order
    deleted: tuple[str, ...] = ()
    terms: int = 0
    #: ids of concepts of the origin that were kept (shipped concepts the user edited)
    kept: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did."""

    source: str
    concepts_added: int = 0
    concepts_merged: int = 0
    terms_added: int = 0
    skipped: int = 0
    warnings: tuple[str, ...] = ()
