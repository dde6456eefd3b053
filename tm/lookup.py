"""Fuzzy lookup in the memory: candidate retrieval from the gram index, exact rescoring.

For a query of token length ``L`` with ``g`` distinct grams (character bigrams for
Chinese, words for English; ``q`` = 2 or 1 grams destroyed per edit at most) and a
threshold ``s`` (``min_score / 100``, less the 0.05 that rounding the shown score to one
decimal can add, since the threshold applies to the score as shown):

1. **Count filter.** A match is at most ``D = floor((1 - s) / s * L)`` edits away, so it
   shares at least ``g - q * D`` of the query's grams (at least one: below, why that is
   exact). Posting lists are counted with numpy.
2. **Length filter and bound.** Token lengths ``m`` come from an array kept beside the
   index (:mod:`untm.arrays`), so no row is read yet: a match has ``ceil(s * L) <= m <=
   floor(L / s)``, and a candidate sharing ``c`` grams is at least ``max(ceil((g - c) / q),
   |L - m|)`` edits away, which bounds its score from above.
3. **Best first, exact rescoring.** Candidates are verified in decreasing order of that
   bound with rapidfuzz's Levenshtein distance (the real score), and verification stops
   when the bound can no longer reach the ``limit``-th best score, or after
   ``max_candidates`` units (the only step that can miss a match; recall is measured
   against an exhaustive scan in ``bench/tm_lookup.py``).
4. Units with the same skeleton (differing only in numbers, punctuation or spacing) are
   always added, and scored as in :mod:`untm.tm.scoring`.

Why "at least one gram" is exact: a Chinese unit sharing no bigram with a query of ``L``
characters has had all ``L - 1`` bigram positions destroyed, each edit destroying at most
two, so it scores at most ``(L + 1) / 2L``, never above 2/3 once integer edits are taken
into account; an English unit sharing no word is at least the query's ``W`` words away,
so it scores at most ``L / (L + W)``. Below those scores the length window is scanned
instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from untm.arrays import gather
from untm.gramindex import count_hits
from untm.grams import char_bigrams, word_grams
from untm.text.lang import Lang, detect_lang
from untm.text.normalize import skeleton_of_key, tm_key, tokens, words

from .model import Match
from .scoring import EDIT_CAP, TokenCodec, diff, final_score, similarity
from .store import Candidate, TmStore

VERIFY_BATCH = 64
MAX_CANDIDATES = 1000


@dataclass(frozen=True, slots=True)
class _Query:
    text: str
    lang: Lang
    key: str
    length: int
    min_score: float

    @property
    def floor(self) -> float:
        """The lowest base score shown as ``min_score`` (scores are rounded to 0.1): what
        retrieval must keep so that the threshold applies to the score as shown."""
        return self.min_score - 0.05

    @property
    def window(self) -> tuple[int, int]:
        s = self.floor / 100.0
        return math.ceil(self.length * s - 1e-9), math.floor(self.length / s + 1e-9)

    def no_shared_gram_bound(self) -> float:
        """Highest score of a unit sharing no gram with the query (module docstring)."""
        if self.lang is Lang.ZH:
            return 100.0 if self.length < 2 else 100.0 * 2 / 3
        n_words = len(words(self.key))
        return 100.0 * self.length / (self.length + n_words)


def lookup(
    store: TmStore,
    query: str,
    *,
    lang: Lang | None = None,
    min_score: float = 70.0,
    limit: int = 5,
    max_candidates: int = MAX_CANDIDATES,
) -> list[Match]:
    """The ``limit`` best matches scoring at least ``min_score``, best first, then newest."""
    lang = lang or detect_lang(query)
    key = tm_key(query, lang)
    length = len(tokens(key, lang))
    if length == 0:
        return []
    q = _Query(query, lang, key, length, max(1.0, min(100.0, min_score)))
    codec = TokenCodec(lang)
    q_enc = codec.encode(key)
    scored: dict[int, tuple[float, Candidate]] = {}
    for cand in _candidates(store, q, codec, q_enc, limit, max_candidates):
        scored.setdefault(cand[1].id, cand)
    skel = skeleton_of_key(key)
    extra = [i for i in store.same_skeleton(lang, key) if i not in scored]
    for c in store.candidates(extra, lang):
        if skeleton_of_key(c.key) == skel:  # the bucket holds other skeletons too
            scored[c.id] = (similarity(q_enc, codec.encode(c.key)), c)
    return _finish(store, q, skel, scored, limit)


def _candidates(
    store: TmStore, q: _Query, codec: TokenCodec, q_enc: str, limit: int, max_candidates: int
) -> list[tuple[float, Candidate]]:
    ids, bounds = _ranked_candidates(store, q)
    out: list[tuple[float, Candidate]] = []
    for start in range(0, min(ids.size, max_candidates), VERIFY_BATCH):
        if len(out) >= limit and _final(float(bounds[start])) < _final(_kth(out, limit)):
            break
        sims = {}
        for uid, key in store.keys(ids[start : start + VERIFY_BATCH].tolist(), q.lang):
            sim = similarity(q_enc, codec.encode(key))
            if sim >= q.floor - 1e-9:
                sims[uid] = sim
        if sims:
            out.extend((sims[c.id], c) for c in store.candidates(list(sims), q.lang))
    return out


def _ranked_candidates(
    store: TmStore, q: _Query
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Ids that can reach ``min_score``, best score bound first, with their bounds."""
    lo, hi = q.window
    lengths = store.lengths(q.lang)
    grams = char_bigrams(q.key) if q.lang is Lang.ZH else word_grams(words(q.key))
    per_edit = 2 if q.lang is Lang.ZH else 1
    edits = math.floor((100.0 - q.floor) / q.floor * q.length + 1e-9)
    need = len(grams) - per_edit * edits
    if need <= 0 and q.no_shared_gram_bound() >= q.floor - 1e-9:
        ids = store.in_window(q.lang, lo, hi)  # a unit sharing no gram may still match
        counts = np.zeros(ids.size, dtype=np.int64)
        shared, shared_counts = count_hits(list(store.postings(grams).values()), 1)
        inside = np.isin(shared, ids)
        counts[np.searchsorted(ids, shared[inside])] = shared_counts[inside]
    else:
        ids, counts = count_hits(list(store.postings(grams).values()), max(1, need))
    m = gather(lengths, ids)
    keep = (m >= max(1, lo)) & (m <= hi)
    ids, counts, m = ids[keep], counts[keep], m[keep]
    lower = np.maximum(np.ceil((len(grams) - counts) / per_edit), np.abs(q.length - m))
    bounds = 100.0 * (1.0 - lower / np.maximum(q.length, m))
    keep = bounds >= q.floor - 1e-9
    ids, bounds = ids[keep], bounds[keep]
    order = np.argsort(-bounds, kind="stable")
    return ids[order], bounds[order]


def _final(base: float) -> float:
    """The shown score of an edit match with this base score (rounded, capped)."""
    return min(round(base, 1), EDIT_CAP)


def _kth(found: list[tuple[float, Candidate]], k: int) -> float:
    scores = sorted((s for s, _ in found), reverse=True)
    return scores[k - 1] if len(scores) >= k else 0.0


def _finish(
    store: TmStore,
    q: _Query,
    skel: str,
    scored: dict[int, tuple[float, Candidate]],
    limit: int,
) -> list[Match]:
    results = []
    for base, c in scored.values():
        same = skeleton_of_key(c.key) == skel
        final = final_score(base, q.text, c.text, same, q.lang)
        if final.score >= q.min_score:
            results.append((final, c))
    results.sort(key=lambda fc: (-fc[0].score, *_recency(fc[1].changed), -fc[1].id))
    top = results[:limit]
    units = {u.id: u for u in store.units([c.id for _, c in top])}
    matches = []
    for final, c in top:
        unit = units.get(c.id)
        if unit is None:
            continue
        side = unit.side(q.lang).text
        matches.append(Match(unit, final.score, final.reasons, diff(q.text, side, q.lang), q.lang))
    return matches


def _recency(changed: str) -> tuple[int, tuple[int, ...]]:
    """Sort key putting later ISO dates first and undated units after dated ones."""
    return (0, tuple(-ord(ch) for ch in changed)) if changed else (1, ())
