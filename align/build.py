"""Sentences to :class:`~.evidence.Evidence`: the symbols each side contributes."""

from __future__ import annotations

import re
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
    """What each sentence of one side contributes, computed once for both passes."""

    lang: Lang
    sentences: Sequence[Sentence]
    words: list[list[str]]  # Chinese: dictionary words; English: content lemmas
    symbols: list[list[str]]  # prefixed symbols of weight 1 (lemmas, Latin tokens)
    strong: list[list[str]]  # prefixed symbols of the reference weight (and labels)
    weak: list[list[str]]  # bare numbers and years
    terms: list[list[str]]  # termbase concepts (prefixed)
    lengths: list[float]


def features(
    sentences: Sequence[Sentence],
    lang: Lang,
    *,
    refs: RefSymbols,
    terms: TermSymbols | None = None,
) -> Features:
    texts = [s.text for s in sentences]
    lex = lexicon()
    if lang is Lang.ZH:
        words = [lex.words(t) for t in texts]
        symbols = [
            ["w:" + x for x in lex.symbols_of(w, t)] for w, t in zip(words, texts, strict=True)
        ]
        lengths = [float(len("".join(t.split()))) for t in texts]
    else:
        words = [EnglishWords.symbols(t) for t in texts]
        symbols = [["w:" + x for x in w] for w in words]
        lengths = [float(len(t.strip())) for t in texts]
    strong, weak = [], []
    for t in texts:
        found = ["r:" + r for r in refs(t, lang)]
        label = _label(t, lang)
        strong.append(
            [r for r in found if not r.startswith(WEAK)] + (["l:" + label] if label else [])
        )
        weak.append([r for r in found if r.startswith(WEAK)])
    found_terms = terms(texts, lang) if terms is not None else [[] for _ in texts]
    return Features(
        lang,
        sentences,
        words,
        symbols,
        strong,
        weak,
        [["t:" + c for c in cs] for cs in found_terms],
        lengths,
    )


def evidence_of(
    f: Features,
    table: SymbolTable,
    kinds: dict[str, int],
    extra: Sequence[Sequence[str]] | None = None,
) -> Evidence:
    """The evidence of one side; ``table`` and ``kinds`` are shared by both sides."""
    units, symbols, weights = array("q"), array("q"), array("d")
    sym = table.id

    def add(unit: int, names: list[str], weight: float) -> None:
        units.extend([unit] * len(names))
        symbols.extend([sym(x) for x in names])
        weights.extend([weight] * len(names))

    for u in range(len(f.sentences)):
        add(u, f.symbols[u], 1.0)
        add(u, f.strong[u], REFERENCE)
        add(u, f.weak[u], WEAK_REFERENCE)
        add(u, f.terms[u], TERM)
        if extra is not None:
            add(u, ["a:" + x for x in extra[u]], ASSOCIATION)
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
