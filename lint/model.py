"""What lint works on and what it reports: segments, rules, findings.

A :class:`LintSegment` is one source/target pair with the id a reviser finds it by (the
unit id of XLIFF, PO and TMX; the 1-based row of TSV and CSV; the 1-based sentence of a
document). A :class:`Finding` is one problem of one segment: a rule, a severity, a
message, what the source had, what was expected in the target and what was found there,
with offsets into both texts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum

from untm.text.lang import Lang


class Severity(StrEnum):
    """How bad a finding is; ``--fail-on`` compares with :attr:`rank`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    summary: str  # one line, for --rules help and SARIF shortDescription
    help: str  # what it checks and how, for SARIF fullDescription


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule(
            "term-missing",
            Severity.ERROR,
            "A source term whose approved equivalents are all absent from the target.",
            "Every termbase term of the source (the term matcher: Chinese words of the text "
            "only, exclusions applied; document short forms resolved) needs one of its "
            "concept's preferred or admitted terms in the target. English is matched "
            "through inflection (plural, possessive, capitals, hyphen or space), Chinese "
            "where the term is a word of the target.",
        ),
        Rule(
            "term-forbidden",
            Severity.ERROR,
            "A deprecated or superseded term in the target.",
            "A target term whose status is deprecated or superseded in every concept it "
            "names; the message gives the approved terms.",
        ),
        Rule(
            "term-inconsistent",
            Severity.WARNING,
            "One source term rendered differently across the file, or one target term "
            "used for different source terms.",
            "Renderings are the termbase terms found in the target for a source term; the "
            "less frequent renderings are reported where they occur.",
        ),
        Rule(
            "number",
            Severity.ERROR,
            "A number, percentage or amount of the source missing from the target, or "
            "one the source does not have.",
            "Both writings are read into one value (1,000万 = 10 million, 百分之十五 = 15%).",
        ),
        Rule(
            "date",
            Severity.ERROR,
            "A date, year or time of the source missing from the target, or changed.",
            "2019年5月31日 = 31 May 2019; 上午10时 = 10 a.m.; 6日至10日 = 6-10.",
        ),
        Rule(
            "symbol",
            Severity.ERROR,
            "A UN document symbol not copied verbatim.",
            "Document symbols such as CAC/COSP/EG.1/2019/2 must appear in the target as "
            "they are in the source.",
        ),
        Rule(
            "reference",
            Severity.ERROR,
            "A reference (resolution, decision, article, paragraph, rule, chapter, annex, "
            "session or meeting ordinal, agenda item) that differs.",
            "第 7/1 号决议 = resolution 7/1; 第六十三条第四款第(三)项 = article 63, "
            "paragraph 4 (c); 第七届会议 = seventh session; 第四章 = chapter IV.",
        ),
        Rule(
            "untranslated",
            Severity.ERROR,
            "An empty target, Chinese left in an English target, or source text left in "
            "a Chinese target.",
            "Latin text in a Chinese target is reported when it is a stretch of several "
            "words copied from the source that is not a symbol, name or acronym.",
        ),
        Rule(
            "brackets",
            Severity.ERROR,
            "Brackets, title marks or quotation marks that do not pair, or whose pairs "
            "the other side does not have.",
            "（）and (), “” and quotation marks, 《》 and 〈〉: an unpaired mark in the "
            "target is an error, a different number of pairs a warning.",
        ),
    )
}

#: Names of groups of rules accepted by ``--rules``.
RULE_GROUPS: dict[str, tuple[str, ...]] = {
    "terms": ("term-missing", "term-forbidden", "term-inconsistent"),
    "refs": ("number", "date", "symbol", "reference"),
    "all": tuple(RULES),
}
TERM_RULES = frozenset(RULE_GROUPS["terms"])


@dataclass(frozen=True, slots=True)
class Direction:
    source: Lang
    target: Lang

    def __str__(self) -> str:
        return f"{self.source.value}→{self.target.value}"

    @property
    def code(self) -> str:
        return f"{self.source.value}-{self.target.value}"


@dataclass(frozen=True, slots=True)
class LintSegment:
    """One source/target pair. ``line`` is where it starts in the file, when known."""

    id: str
    source: str
    target: str
    line: int | None = None
    #: Where each text starts in the file's text (documents), for reports.
    kind: str = ""  # a document segment's structural kind (masthead, heading ...)
    #: Whether the pair comes from an alignment that is unsure of it (documents only).
    confidence: float = 1.0

    @property
    def hash(self) -> str:
        """What ``.untmignore`` names the segment by: its texts, not its position."""
        return segment_hash(self.source, self.target)


def segment_hash(source: str, target: str) -> str:
    text = " ".join(source.split()) + "\x00" + " ".join(target.split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem of one segment. Spans are offsets into the segment's texts."""

    segment: str
    rule: str
    severity: Severity
    message: str
    source_term: str | None = None
    expected: tuple[str, ...] = ()
    found: str | None = None
    source_span: Span | None = None
    target_span: Span | None = None
    hash: str = ""


@dataclass(frozen=True)
class LintResult:
    """Everything one lint run found."""

    file: str
    format: str
    direction: Direction
    segments: tuple[LintSegment, ...]
    findings: tuple[Finding, ...]
    rules: tuple[str, ...]
    ignored: int = 0
    warnings: tuple[str, ...] = ()
    target_file: str | None = None
    by_id: dict[str, LintSegment] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.by_id:
            self.by_id.update((s.id, s) for s in self.segments)

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            out[f.severity.value] += 1
        return out

    def fails(self, threshold: Severity | None) -> bool:
        """Whether a finding is at or above ``threshold`` (None: never fail)."""
        if threshold is None:
            return False
        return any(f.severity.rank >= threshold.rank for f in self.findings)


__all__ = [
    "RULES",
    "RULE_GROUPS",
    "TERM_RULES",
    "Direction",
    "Finding",
    "LintResult",
    "LintSegment",
    "Rule",
    "Severity",
    "Span",
    "segment_hash",
]
