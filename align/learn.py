"""Word associations learned from the document pair itself (the second pass).

After a first alignment, the confident one-to-one beads are a small parallel corpus:
a Chinese dictionary word and an English lemma that keep occurring in the same beads
(and rarely apart) translate each other in this document, whatever the dictionary
says (秘书处 ~ secretariat, 毒品 ~ drug). Their Dice coefficient over the beads
(``2 c(z, e) / (c(z) + c(e))``) selects them; each selected pair becomes a symbol both
sides share, and the pair is aligned again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .sentences import Bead

__all__ = ["association_symbols", "associations"]

#: Beads at least this sure are the training material.
CONFIDENT = 0.9
MIN_PAIRS = 2
MIN_DICE = 0.5


def associations(
    zh: Sequence[Sequence[str]], en: Sequence[Sequence[str]], beads: Sequence[Bead]
) -> set[tuple[str, str]]:
    """(Chinese word, English lemma) pairs that co-occur in the confident 1-1 beads;
    ``zh`` and ``en`` are each sentence's dictionary words and content lemmas."""
    pair: Counter[tuple[str, str]] = Counter()
    cz: Counter[str] = Counter()
    ce: Counter[str] = Counter()
    for b in beads:
        if len(b.zh) != 1 or len(b.en) != 1 or b.confidence < CONFIDENT:
            continue
        words = set(zh[b.zh[0]])
        lemmas = set(en[b.en[0]])
        cz.update(words)
        ce.update(lemmas)
        pair.update((z, e) for z in words for e in lemmas)
    return {
        (z, e)
        for (z, e), n in pair.items()
        if n >= MIN_PAIRS and 2 * n / (cz[z] + ce[e]) >= MIN_DICE
    }


def association_symbols(
    zh: Sequence[Sequence[str]], en: Sequence[Sequence[str]], pairs: set[tuple[str, str]]
) -> tuple[list[list[str]], list[list[str]]]:
    """For each sentence of each side, the learned pairs it has a word of."""
    by_zh: dict[str, list[str]] = {}
    by_en: dict[str, list[str]] = {}
    for z, e in pairs:
        by_zh.setdefault(z, []).append(f"{z}|{e}")
        by_en.setdefault(e, []).append(f"{z}|{e}")
    zs = [[s for w in set(ws) for s in by_zh.get(w, ())] for ws in zh]
    es = [[s for w in set(ws) for s in by_en.get(w, ())] for ws in en]
    return zs, es
