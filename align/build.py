"""Sentences to :class:`~.evidence.Evidence`: the symbols each side contributes."""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from untm.text.lang import Lang

from .evidence import Evidence, SymbolTable
from .lexicon import EnglishWords, lexicon

__all__ = ["Features", "Sentence", "evidence_of", "features"]

#: Weights of the kinds of symbol (a lemma counts 1).
LATIN = 2.0
REFERENCE = 3.0
#: bare numbers and years: 一 and "one" are everywhere, and a translation may spell
#: out or leave out a small number
WEAK_REFERENCE = 1.0
WEAK = ("r:number:", "r:year:")
LABEL = 3.0
TERM = 3.0
ASSOCIATION = 1.0

#: Lines typically present on one side only: the English masthead ("United Nations",
#: the symbol alone, "Distr.: General", "Original: English", the issue date) and the
#: Chinese masthead's language line.
_ONE_SIDED = re.compile(
    r"^(United Nations|联合国|Distr\.?:.*|Original:.*|Chinese|English|中文|"
    r"[A-Z]{1,6}(/[A-Z0-9.]+)+\*?|\d{1,2} [A-Z][a-z]+ \d{4})$"
)
_LABEL = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,2})*\.|\([a-z]{1,4}\)|[IVXLC]{1,6}\.|[A-Z]\.)\s")
_ZH_LABEL = {
    "一": "I",
    "二": "II",
    "三": "III",
    "四": "IV",
    "五": "V",
    "六": "VI",
    "七": "VII",
    "八": "VIII",
    "九": "IX",
    "十": "X",
}
_ZH_SECTION = re.compile(r"^\s*([一二三四五六七八九十])[.、．]\s*")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or heading, item, row) as the aligner sees it."""

    text: str
    kind: str = ""
    block: int = 0


RefSymbols = Callable[[str, Lang], list[str]]
TermSymbols = Callable[[Sequence[str], Lang], list[list[str]]]


@dataclass(frozen=True)
class Features:
    """What each sentence of one side contributes, computed once for both passes:
    its words (for learning associations) and its weighted symbol entries."""

    lang: Lang
    sentences: Sequence[Sentence]
    words: list[list[str]]  # Chinese: dictionary words; English: content lemmas
    units: array[int]
    symbols: array[int]
    weights: array[float]
    lengths: list[float]


def features(
    sentences: Sequence[Sentence],
    lang: Lang,
    table: SymbolTable,
    *,
    refs: RefSymbols,
    terms: TermSymbols | None = None,
) -> Features:
    """The features of one side; ``table`` is shared by both sides."""
    texts = [s.text for s in sentences]
    lex = lexicon()
    intern = sys.intern  # words repeat thousands of times: one string each
    if lang is Lang.ZH:
        words = [[intern(w) for w in lex.words(t)] for t in texts]
        lemmas = [lex.symbols_of(w, t) for w, t in zip(words, texts, strict=True)]
        lengths = [float(len("".join(t.split()))) for t in texts]
    else:
        words = [[intern(w) for w in EnglishWords.symbols(t)] for t in texts]
        lemmas = words
        lengths = [float(len(t.strip())) for t in texts]
    found_terms = terms(texts, lang) if terms is not None else [[] for _ in texts]
    entries = _Entries(table)
    for u, t in enumerate(texts):
        entries.add(u, ["w:" + x for x in lemmas[u]], 1.0)
        found = ["r:" + r for r in refs(t, lang)]
        label = _label(t, lang)
        if label:
            found.append("l:" + label)
        entries.add(u, [r for r in found if not r.startswith(WEAK)], REFERENCE)
        entries.add(u, [r for r in found if r.startswith(WEAK)], WEAK_REFERENCE)
        entries.add(u, ["t:" + c for c in found_terms[u]], TERM)
    return Features(
        lang, sentences, words, entries.units, entries.symbols, entries.weights, lengths
    )


class _Entries:
    def __init__(self, table: SymbolTable) -> None:
        self.table = table
        self.units, self.symbols, self.weights = array("q"), array("q"), array("d")

    def add(self, unit: int, names: Sequence[str], weight: float) -> None:
        if names:
            self.units.extend([unit] * len(names))
            self.symbols.extend([self.table.id(x) for x in names])
            self.weights.extend([weight] * len(names))


def evidence_of(
    f: Features,
    table: SymbolTable,
    kinds: dict[str, int],
    extra: Sequence[Sequence[str]] | None = None,
) -> Evidence:
    """The evidence of one side, with ``extra`` symbols per sentence (learned
    associations); ``table`` and ``kinds`` are shared by both sides."""
    units, symbols, weights = f.units, f.symbols, f.weights
    if extra is not None:
        more = _Entries(table)
        for u, names in enumerate(extra):
            more.add(u, ["a:" + x for x in names], ASSOCIATION)
        # entries must stay in unit order: merge by a stable sort on the unit
        units = f.units + more.units
        symbols = f.symbols + more.symbols
        weights = f.weights + more.weights
    return Evidence.of(
        f.lengths,
        (units, symbols, weights),
        kinds=[kinds.setdefault(s.kind, len(kinds)) for s in f.sentences],
        blocks=[s.block for s in f.sentences],
        one_sided=[bool(_ONE_SIDED.match(s.text.strip())) for s in f.sentences],
    )


def _label(text: str, lang: Lang) -> str:
    """The paragraph or item number a sentence opens with, the same in both languages
    (Chinese section numbers 一、 are Roman numerals in English)."""
    m = _LABEL.match(text)
    if m:
        return m.group(1).rstrip(".")
    if lang is Lang.ZH:
        z = _ZH_SECTION.match(text)
        if z:
            return _ZH_LABEL[z.group(1)]
    return ""
