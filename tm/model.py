"""Translation-memory records: units, matches and what differs between query and match."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from untm.text.lang import Lang


@dataclass(frozen=True, slots=True)
class Segment:
    """One side of a unit: plain text, language, original tag, and inline markup if any.

    ``markup`` is the inner XML of the TMX ``<seg>`` when it had inline elements
    (``bpt``, ``ept``, ``ph``, ``it``, ``hi``); it is written back on export unchanged.
    ``text`` is the segment with that markup removed, which is what matching sees.
    ``attrs`` are the TMX attributes of the ``<tuv>`` other than its language (who and
    when, per side, as OmegaT and Trados write them), validated, in file order.
    """

    text: str
    lang: Lang
    tag: str = ""  # as found in the file, e.g. "zh-CN"; "" means the bare language
    markup: str | None = None
    attrs: tuple[tuple[str, str], ...] = ()

    @property
    def bcp47(self) -> str:
        return self.tag or self.lang.value


@dataclass(frozen=True, slots=True)
class Prop:
    """A TMX ``<prop>`` (or ``<note>`` when ``type`` is None) at unit level or on one side.

    ``where`` is ``"tu"`` for the unit, ``"header"`` for the file's header, else the
    language (``"zh"``/``"en"``) of the ``<tuv>`` that carried it.
    """

    value: str
    type: str | None = None
    where: str = "tu"
    lang: str = ""  # xml:lang of the prop/note itself, rarely used
    encoding: str = ""  # its o-encoding attribute, rarer still


@dataclass(frozen=True, slots=True)
class HeaderProps:
    """The ``<prop>``s and ``<note>``s of the TMX header a memory's units came from.

    A header describes a file, not a unit, so it is kept per origin (the file name or
    ``--origin``) and written back into the header of an export of that origin.
    """

    origin: str
    props: tuple[Prop, ...]


@dataclass(frozen=True, slots=True)
class TranslationUnit:
    """A source segment with its translation and where and when it came from."""

    source: Segment
    target: Segment
    id: int | None = None
    origin: str = ""  # file the unit was imported from
    document: str = ""  # document symbol, e.g. CAC/COSP/2017/1
    created: str = ""  # ISO 8601 (UTC, "Z")
    changed: str = ""
    creator: str = ""
    changer: str = ""
    usage_count: int = 0
    last_used: str = ""
    context_prev: str = ""  # previous segment or agenda item, for disambiguation
    context_next: str = ""
    tuid: str = ""
    props: tuple[Prop, ...] = ()  # every TMX prop and note, kept for export
    attrs: tuple[tuple[str, str], ...] = ()  # other <tu> attributes (datatype, o-tmf...)

    def side(self, lang: Lang) -> Segment:
        """The segment in ``lang`` (source or target)."""
        if self.source.lang is lang:
            return self.source
        if self.target.lang is lang:
            return self.target
        raise ValueError(f"unit has no {lang.value} side")


class DiffKind(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"  # in the match, not in the query
    DELETE = "delete"  # in the query, not in the match
    REPLACE = "replace"


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One stretch of the query/match comparison, as CAT tools show it."""

    kind: DiffKind
    query: str
    match: str


@dataclass(frozen=True, slots=True)
class Match:
    """A fuzzy-lookup result."""

    unit: TranslationUnit
    score: float  # 0-100, see untm.tm.scoring
    reasons: tuple[str, ...] = ()  # why a near-identical match is not 100
    diff: tuple[DiffOp, ...] = field(default=())
    lang: Lang = Lang.ZH  # the language of the query, i.e. of the matched side


@dataclass(frozen=True, slots=True)
class ConcordanceHit:
    """A unit containing the searched phrase, with the hit's offsets in each side's text."""

    unit: TranslationUnit
    lang: Lang  # the side the phrase was found in
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Concordance:
    """The units shown for a phrase (newest first, at most the limit asked for) and how
    many units match in all."""

    hits: tuple[ConcordanceHit, ...]
    total: int

    @property
    def shown(self) -> int:
        return len(self.hits)

    @property
    def truncated(self) -> bool:
        return self.total > len(self.hits)


#: The largest usage count stored: SQLite's largest INTEGER (sums saturate there).
MAX_USAGE_COUNT = 2**63 - 1


@dataclass(frozen=True, slots=True)
class SkippedUnit:
    """A unit that was not imported, with its line and why.

    ``swapped`` marks a unit whose languages look the wrong way round (Chinese side
    without Chinese, English side in Chinese): a file made mostly of those is refused.
    """

    line: int | None
    reason: str
    swapped: bool = False


@dataclass(frozen=True, slots=True)
class UnitWarning:
    """A unit that *was* imported, without something of it (a bad date, a second variant)."""

    line: int | None
    reason: str


#: What a reader sets aside besides units, for the import report.
Notice = SkippedUnit | UnitWarning


@dataclass(frozen=True, slots=True)
class TmImportReport:
    """What an import did; ``*_examples`` hold the first few bad units and warnings."""

    source: str
    read: int = 0
    added: int = 0
    merged: int = 0
    skipped: int = 0
    skipped_examples: tuple[SkippedUnit, ...] = ()
    seconds: float = 0.0
    warnings: int = 0
    warning_examples: tuple[UnitWarning, ...] = ()


@dataclass(frozen=True, slots=True)
class TmDeleteReport:
    """What deleting an origin did: units deleted, and units kept because another origin
    (a later import of the same pair) holds them too."""

    origin: str
    deleted: int
    kept: int


@dataclass(frozen=True, slots=True)
class TmStats:
    units: int
    by_direction: tuple[tuple[str, int], ...]  # ("zh->en", n)
    origins: tuple[tuple[str, int], ...]
    index_segments: int
    index_grams: int
    index_postings: int
    database_bytes: int
