"""Align Chinese and English documents: the operations the CLI calls.

``align_documents`` reads both files through the same pipeline
(:func:`untm.text.document.read_document`: clean-up, structure, segmentation), builds
each side's evidence (dictionary, references, termbase terms, structure) and aligns
the segments (:mod:`.sentences`). ``to_units`` turns beads into translation units;
``align_into_memory`` stores them in the untm memory.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace

from untm.db import Database
from untm.errors import InputError
from untm.text.document import Document, Segment, read_document, read_presegmented
from untm.text.lang import Lang
from untm.text.refs import find_refs

from .build import Features, Sentence, evidence_of, features
from .evidence import SymbolTable
from .learn import association_symbols, associations
from .sentences import Alignment, Bead, Weights, align_evidence

__all__ = [
    "AlignedUnit",
    "DocumentAlignment",
    "align_documents",
    "align_segments",
]

#: Beads below this confidence are left out of memories by default.
MIN_CONFIDENCE = 0.5
#: Mean confidence below which two documents do not look like translations.
NOT_TRANSLATIONS = 0.8


@dataclass(frozen=True, slots=True)
class AlignedUnit:
    """A bead with text on both sides: one translation unit."""

    zh: str
    en: str
    confidence: float
    bead: Bead
    kind: str  # structural kind of the Chinese side (heading, paragraph, footnote ...)


@dataclass(frozen=True)
class DocumentAlignment:
    zh: Document
    en: Document
    alignment: Alignment
    warnings: tuple[str, ...] = ()

    @property
    def beads(self) -> tuple[Bead, ...]:
        return self.alignment.beads

    @property
    def origin(self) -> str:
        """The document the units come from: its symbol when found, else the file."""
        return self.en.symbol or self.zh.symbol or os.path.basename(self.zh.name)

    def units(self, min_confidence: float = 0.0) -> list[AlignedUnit]:
        """Beads with both sides, at or above ``min_confidence``, joined into units
        (Chinese without a space, English with one)."""
        zs, es = self.zh.segments, self.en.segments
        out = []
        for b in self.beads:
            if not b.zh or not b.en or b.confidence < min_confidence:
                continue
            out.append(
                AlignedUnit(
                    "".join(zs[i].text for i in b.zh),
                    " ".join(es[j].text for j in b.en),
                    b.confidence,
                    b,
                    zs[b.zh[0]].kind.value,
                )
            )
        return out


def align_documents(
    zh_source: str | os.PathLike[str],
    en_source: str | os.PathLike[str],
    *,
    db: Database | None = None,
    presegmented: bool = False,
    weights: Weights | None = None,
) -> DocumentAlignment:
    """Read and align a Chinese document and its English version.

    ``presegmented`` reads one segment per line on each side. With ``db``, termbase
    terms found on both sides count as evidence.
    """
    read = read_presegmented if presegmented else read_document
    zh = read(zh_source, Lang.ZH)
    en = read(en_source, Lang.EN)
    for doc in (zh, en):
        if not doc.segments:
            raise InputError(doc.name, "no text to align (the document is empty)")
    alignment = align_segments(
        zh.segments, en.segments, db=db, weights=weights, structure=not presegmented
    )
    return DocumentAlignment(zh, en, alignment, _warnings(zh, en, alignment))


def align_segments(
    zh: Sequence[Segment],
    en: Sequence[Segment],
    *,
    db: Database | None = None,
    weights: Weights | None = None,
    structure: bool = True,
) -> Alignment:
    """Align two sequences of segments (see :mod:`.sentences`); ``structure=False``
    when kinds and paragraphs are unknown (one sentence per line: the kinds of its
    lines are guesses, and there are no paragraphs)."""
    terms = _term_symbols(db) if db is not None else None
    table = SymbolTable()
    sides = [
        features(
            [
                Sentence(
                    s.text,
                    _kind_group(s.kind.value) if structure else "",
                    s.block if structure else 0,
                )
                for s in segments
            ],
            lang,
            table,
            refs=_ref_symbols,
            terms=terms,
        )
        for lang, segments in ((Lang.ZH, zh), (Lang.EN, en))
    ]
    first = _aligned(sides, table, weights, None, None)
    if not LEARN:
        return first
    pairs = associations(sides[0].words, sides[1].words, first.beads)
    if not pairs:
        return first
    learned = association_symbols(sides[0].words, sides[1].words, pairs)
    return replace(_aligned(sides, table, weights, learned, first.beads), passes=2)


#: Whether to run the second pass with associations learned from the pair.
LEARN = True


def _aligned(
    sides: list[Features],
    table: SymbolTable,
    weights: Weights | None,
    learned: tuple[list[list[str]], list[list[str]]] | None,
    near: Sequence[Bead] | None,
) -> Alignment:
    kinds: dict[str, int] = {}
    zh, en = (
        evidence_of(f, table, kinds, learned[k] if learned is not None else None)
        for k, f in enumerate(sides)
    )
    return align_evidence(zh, en, weights, near=near)


def _kind_group(kind: str) -> str:
    """Kinds that translate into each other are one group for the aligner: an agenda
    item can be rendered as a heading, a list item as a paragraph."""
    return {
        "agenda_item": "heading",
        "sub_item": "heading",
        "heading": "heading",
        "list_item": "paragraph",
        "paragraph": "paragraph",
        "other": "paragraph",
    }.get(kind, kind)


def _ref_symbols(text: str, lang: Lang) -> list[str]:
    return [f"{r.kind.value}:{r.value}" for r in find_refs(text, lang)]


def _term_symbols(db: Database):  # type: ignore[no-untyped-def]
    """Concept ids of the termbase terms found in each segment (both languages)."""
    from untm.termbase.matcher import TermMatcher
    from untm.termbase.store import SqliteTermStore

    matcher = TermMatcher(SqliteTermStore(db))

    def terms(texts: Sequence[str], lang: Lang) -> list[list[str]]:
        joined = "\n".join(texts)
        starts = []
        at = 0
        for t in texts:
            starts.append(at)
            at += len(t) + 1
        out: list[list[str]] = [[] for _ in texts]
        import bisect

        for occ in matcher.find_raw(joined):
            if occ.term.lang is lang and len(occ.candidates) == 1:
                out[bisect.bisect_right(starts, occ.start) - 1].append(occ.concept.id)
        return out

    return terms


def _warnings(zh: Document, en: Document, alignment: Alignment) -> tuple[str, ...]:
    out = []
    if alignment.mean_confidence < NOT_TRANSLATIONS:
        out.append(
            f"{zh.name} and {en.name} do not look like translations of each other "
            f"(mean confidence {alignment.mean_confidence:.2f})"
        )
    n, m = len(zh.segments), len(en.segments)
    if max(n, m) > 3 * max(1, min(n, m)):
        longer = zh.name if n > m else en.name
        out.append(f"{longer}: has {max(n, m)} segments against {min(n, m)} on the other side")
    return tuple(out)
