"""The document decides: candidates of a shared place ranked, short forms resolved.

One Chinese or English word can name several concepts (秘书处 = the convention's
secretariat or the United Nations Secretariat; 会议 = meeting or conference; 主席 =
President or Chair). The matcher reports such a place once, with every candidate, and
this module orders them by what the rest of the document says:

1. a candidate whose concept the document names elsewhere without ambiguity comes
   first ("full form in the document");
2. then by the subject fields of the document's unambiguous terms (a UNCAC document
   makes the UNCAC sense of 缔约国会议 the first);
3. then, among candidates still tied, the one whose glossary example sentence shares
   most character pairs with the text around the place (a simplified Lesk);
4. then preferred terms before admitted, deprecated and superseded ones, then by id.

Short forms whose meaning is the document's own are resolved from its full forms:

* Chinese 《X》 (a book title not in the termbase, such as 《公约》) names the concept of
  the document whose Chinese term ends with X: 《公约》 after 《联合国反腐败公约》;
* English "the X" with X capitalized (the Convention, the Conference, the Working
  Group) names the concept of the document whose English term starts with the words X:
  "the Conference" after "Conference of the States Parties".

When several concepts of the document fit, the one named most often wins.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from untm.text.lang import Lang
from untm.text.normalize import term_key

from .model import (
    Concept,
    OccurrenceKind,
    Term,
    TermCandidate,
    TermOccurrence,
    TermStatus,
    TermType,
)

ConceptsOf = Callable[[Iterable[str]], dict[str, Concept]]
#: Concept ids of the Chinese term keys among the given keys.
ConceptsNamed = Callable[[Iterable[str]], dict[str, tuple[str, ...]]]

_ZH_TITLE = re.compile(r"《([^《》\n]{1,16})》")
_EN_THE = re.compile(r"\b[Tt]he ((?:[A-Z][a-z]+)(?: (?:[A-Z][a-z]+|of|on|for|and))*)\b")
_EN_TAIL = re.compile(r"(?: (?:of|on|for|and))+$")


@dataclass(frozen=True)
class DocumentContext:
    """What a document says about its concepts: how often each is named unambiguously,
    and the subjects of those names."""

    concepts: Counter[str] = field(default_factory=Counter)
    subjects: Counter[str] = field(default_factory=Counter)
    #: Rankings already made, by the identity of the candidates tuple (the matcher
    #: hands out one tuple per term key), kept with the tuple so an id is never reused.
    ranked: dict[int, tuple[tuple[TermCandidate, ...], tuple[TermCandidate, ...]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    #: Short-form candidates already made, by surface and the identity of their fits.
    short: dict[
        tuple[str, Lang, int], tuple[list[tuple[Concept, Term]], tuple[TermCandidate, ...]]
    ] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(
        cls,
        occurrences: Sequence[TermOccurrence],
        text: str = "",
        named: ConceptsNamed | None = None,
    ) -> DocumentContext:
        """The context of a document: its unambiguous occurrences and, with ``named``,
        the book titles it names inside longer terms (《联合国反腐败公约》 in
        《联合国反腐败公约》第四章 names the Convention too)."""
        single = [occ.concept for occ in occurrences if len(occ.candidates) <= 1]
        concepts: Counter[str] = Counter(c.id for c in single)
        subjects: Counter[str] = Counter(c.subject for c in single if c.subject)
        if named is not None and "《" in text:
            titles = Counter(_key(t, Lang.ZH) for t in _ZH_TITLE.findall(text))
            for key, ids in named(titles).items():
                if len(ids) == 1:
                    concepts[ids[0]] += titles[key]
        return cls(concepts, subjects)


def rank(occ: TermOccurrence, ctx: DocumentContext, text: str = "") -> TermOccurrence:
    """``occ`` with its candidates ordered by the document (see the module docstring)."""
    if len(occ.candidates) <= 1:
        return occ
    cands = _ranked(occ.candidates, ctx)
    tied = [c for c in cands if _document_key(c, ctx) == _document_key(cands[0], ctx)]
    if len(tied) > 1 and text:
        cands = _by_neighbourhood(occ, cands, len(tied), text)
    best = cands[0]
    # the constructor, not _replace: this runs for every shared span of a long document
    return TermOccurrence(
        occ.start, occ.end, occ.text, best.term, best.concept, best.equivalents, cands, occ.kind
    )


def _document_key(c: TermCandidate, ctx: DocumentContext) -> tuple[int, int]:
    return (-ctx.concepts[c.concept.id], -ctx.subjects[c.concept.subject])


def _ranked(
    candidates: tuple[TermCandidate, ...], ctx: DocumentContext
) -> tuple[TermCandidate, ...]:
    cached = ctx.ranked.get(id(candidates))
    if cached is not None and cached[0] is candidates:
        return cached[1]

    def key(c: TermCandidate) -> tuple[int, int, int, str]:
        return (*_document_key(c, ctx), c.term.status.rank, c.concept.id)

    ordered = tuple(c._replace(why=_why(c, ctx)) for c in sorted(candidates, key=key))
    ctx.ranked[id(candidates)] = (candidates, ordered)
    return ordered


#: Characters each side of a place compared with the glossary's example contexts.
_NEAR = 12


def _by_neighbourhood(
    occ: TermOccurrence, cands: tuple[TermCandidate, ...], tied: int, text: str
) -> tuple[TermCandidate, ...]:
    """Among candidates the document cannot tell apart, the one whose glossary example
    (the term's context sentence) shares most character pairs with the text around the
    place comes first (a simplified Lesk): 缔约国会议主席和报告员 is closer to the
    President's example (一名主席、三名副主席和一名报告员) than to the Chair's."""
    around = text[max(0, occ.start - _NEAR) : occ.start] + text[occ.end : occ.end + _NEAR]
    near = _pairs(around)
    if not near:
        return cands

    def overlap(c: TermCandidate) -> int:
        example = " ".join(t.context for t in c.concept.terms if t.context)
        return len(near & (_pairs(example) - _pairs(occ.text)))

    scores = [overlap(c) for c in cands[:tied]]
    if max(scores) == 0 or scores.count(max(scores)) == tied:
        return cands
    order = sorted(range(tied), key=lambda i: -scores[i])
    best = cands[order[0]]._replace(
        why=f"closest to the glossary's example ({scores[order[0]]} pairs)"
    )
    return (best, *(cands[i] for i in order[1:]), *cands[tied:])


@functools.lru_cache(maxsize=1 << 14)
def _pairs(text: str) -> frozenset[str]:
    t = "".join(text.split())
    return frozenset(t[i : i + 2] for i in range(len(t) - 1))


def _why(c: TermCandidate, ctx: DocumentContext) -> str:
    if ctx.concepts[c.concept.id]:
        return f"named {ctx.concepts[c.concept.id]} times in the document"
    if ctx.subjects[c.concept.subject]:
        return f"subject {c.concept.subject} ({ctx.subjects[c.concept.subject]} terms)"
    return f"{c.term.status.value} term"


def resolve(
    text: str,
    found: list[TermOccurrence],
    concepts_of: ConceptsOf,
    named: ConceptsNamed,
    *,
    context: DocumentContext | None = None,
) -> list[TermOccurrence]:
    """Rank the candidates of ``found`` and add the document's short forms."""
    ctx = context if context is not None else DocumentContext.of(found, text, named)
    ranked = [o if len(o.candidates) <= 1 else rank(o, ctx, text) for o in found]
    if not ctx.concepts:
        return ranked
    known = concepts_of(ctx.concepts)
    taken = _Taken(ranked, len(text))
    extra = _zh_short_forms(text, taken, known, ctx) + _en_short_forms(text, taken, known, ctx)
    if not extra:
        return ranked
    replaced = {(o.start, o.end) for o in extra}
    kept = [o for o in ranked if (o.start, o.end) not in replaced]
    # the few short forms go in by bisection: a long document has tens of thousands of
    # occurrences, already in order
    out: list[TermOccurrence] = []
    prev = 0
    for occ in sorted(extra, key=_in_order):
        i = bisect.bisect_right(kept, _in_order(occ), lo=prev, key=_in_order)
        out.extend(kept[prev:i])
        out.append(occ)
        prev = i
    out.extend(kept[prev:])
    return out


def _in_order(occ: TermOccurrence) -> tuple[int, int]:
    """Text order: by start, the longer first."""
    return (occ.start, occ.start - occ.end)


class _Taken:
    """Which parts of the text the matcher's occurrences already cover."""

    def __init__(self, found: Sequence[TermOccurrence], size: int) -> None:
        self._found = found
        self._size = size
        self._covered: npt.NDArray[np.int64] | None = None
        self._spans: dict[tuple[int, int], TermOccurrence] | None = None

    def exactly(self, start: int, end: int) -> TermOccurrence | None:
        if self._spans is None:
            self._spans = {(o.start, o.end): o for o in self._found}
        return self._spans.get((start, end))

    def free(self, start: int, end: int) -> bool:
        """Whether no occurrence overlaps ``[start, end)``."""
        if self._covered is None:
            n = len(self._found)
            starts = np.fromiter((o.start for o in self._found), dtype=np.int64, count=n)
            ends = np.fromiter((o.end for o in self._found), dtype=np.int64, count=n)
            diff = np.zeros(self._size + 2, dtype=np.int64)
            np.add.at(diff, starts, 1)
            np.add.at(diff, ends, -1)
            inside = np.cumsum(diff)[: self._size + 1] > 0
            self._covered = np.concatenate([[0], np.cumsum(inside)])
        return bool(self._covered[end] == self._covered[start])


@functools.lru_cache(maxsize=1 << 16)
def _key(text: str, lang: Lang) -> str:
    return term_key(text, lang)


def _zh_short_forms(
    text: str, taken: _Taken, known: dict[str, Concept], ctx: DocumentContext
) -> list[TermOccurrence]:
    if "《" not in text:
        return []
    suffixes: dict[str, list[tuple[Concept, Term]]] = {}
    for c in known.values():
        for t in c.terms_in(Lang.ZH):
            k = _key(t.text, Lang.ZH)
            for i in range(1, len(k) - 1):
                suffixes.setdefault(k[i:], []).append((c, t))
    out = []
    keys: dict[str, str] = {}
    for m in _ZH_TITLE.finditer(text):
        title = m.group(1)
        key = keys.get(title)
        if key is None:
            key = keys[title] = term_key(title, Lang.ZH)
        fits = suffixes.get(key)
        if not fits or not taken.free(m.start(1), m.end(1)):
            continue
        occ = _short_form(text, m.start(), m.end(), Lang.ZH, fits, ctx)
        if occ is not None:
            out.append(occ)
    return out


def _en_short_forms(
    text: str, taken: _Taken, known: dict[str, Concept], ctx: DocumentContext
) -> list[TermOccurrence]:
    if "he " not in text:
        return []
    prefixes: dict[str, list[tuple[Concept, Term]]] = {}
    for c in known.values():
        for t in c.terms_in(Lang.EN):
            words = _key(t.text, Lang.EN).split(" ")
            for i in range(1, len(words)):
                prefixes.setdefault(" ".join(words[:i]), []).append((c, t))
    out = []
    for m in _EN_THE.finditer(text):
        head = _EN_TAIL.sub("", m.group(1))
        start, end = m.start(1), m.start(1) + len(head)
        fits = prefixes.get(term_key(head, Lang.EN), [])
        if not fits:
            continue
        if taken.free(start, end):
            occ = _short_form(text, start, end, Lang.EN, fits, ctx)
        else:  # "the Conference": a term of its own, but here the document's Conference
            occ = taken.exactly(start, end)
            occ = None if occ is None else _prefer(occ, fits, ctx)
        if occ is not None:
            out.append(occ)
    return out


def _short_form_candidates(
    surface: str, lang: Lang, fits: list[tuple[Concept, Term]], ctx: DocumentContext
) -> tuple[TermCandidate, ...]:
    key = (surface, lang, id(fits))
    cached = ctx.short.get(key)
    if cached is not None and cached[0] is fits:
        return cached[1]
    made = _make_short_form_candidates(surface, lang, fits, ctx)
    ctx.short[key] = (fits, made)
    return made


def _make_short_form_candidates(
    surface: str, lang: Lang, fits: list[tuple[Concept, Term]], ctx: DocumentContext
) -> tuple[TermCandidate, ...]:
    by_concept: dict[str, tuple[Concept, Term]] = {}
    for c, t in fits:
        if ctx.concepts[c.id]:
            by_concept.setdefault(c.id, (c, t))
    ordered = sorted(by_concept.values(), key=lambda ct: (-ctx.concepts[ct[0].id], ct[0].id))
    return tuple(
        TermCandidate(
            c,
            Term(
                surface.strip("《》"),
                lang,
                status=TermStatus.ADMITTED,
                type=TermType.SHORT_FORM,
                note=f"short form of {full.text} in this document",
            ),
            c.terms_in(lang.other),
            why=f"{full.text} is named {ctx.concepts[c.id]} times in the document",
        )
        for c, full in ordered
    )


def _short_form(
    text: str,
    start: int,
    end: int,
    lang: Lang,
    fits: list[tuple[Concept, Term]],
    ctx: DocumentContext,
) -> TermOccurrence | None:
    """The occurrence of a document short form, or None when no concept fits."""
    surface = text[start:end]
    cands = _short_form_candidates(surface, lang, fits, ctx)
    if not cands:
        return None
    best = cands[0]
    return TermOccurrence(
        start,
        end,
        surface,
        best.term,
        best.concept,
        best.equivalents,
        candidates=cands,
        kind=OccurrenceKind.DOCUMENT_SHORT_FORM,
    )


def _prefer(
    occ: TermOccurrence, fits: list[tuple[Concept, Term]], ctx: DocumentContext
) -> TermOccurrence | None:
    """``occ`` (a term that is also a document short form) with the document's concepts
    first among its candidates."""
    short = _short_form_candidates(occ.text, occ.term.lang, fits, ctx)
    if not short or short[0].concept.id == occ.concept.id:
        return None
    mine = {c.concept.id for c in short}
    cands = short + tuple(c for c in occ.candidates if c.concept.id not in mine)
    best = cands[0]
    return occ._replace(
        term=best.term,
        concept=best.concept,
        equivalents=best.equivalents,
        candidates=cands,
        kind=OccurrenceKind.DOCUMENT_SHORT_FORM,
    )
