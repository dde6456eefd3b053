"""Fuzzy lookup in the memory: candidate retrieval from the gram index, exact rescoring.

For a query of token length ``L`` and threshold ``s`` (``min_score / 100``):

1. **Length filter.** A match has between ``ceil(s * L)`` and ``floor(L / s)`` tokens,
   because the edit distance is at least the length difference.
2. **Count filter.** A match is at most ``D = floor((1 - s) / s * L)`` edits away; each
   edit destroys at most ``q`` of the query's grams (``q`` = 2 for Chinese character
   bigrams, 1 for English words), so a match shares at least ``g - q * D`` of the query's
   ``g`` distinct grams. Posting lists are counted with numpy; fewer shared grams means
   the unit cannot reach ``s``.
3. **Best first, exact rescoring.** Candidates are verified in decreasing order of shared
   grams with rapidfuzz's Levenshtein distance (the real score). A candidate sharing ``c``
   grams is at least ``ceil((g - c) / q)`` edits away, which bounds its score; verification
   stops when that bound falls below the current ``limit``-th best score, or after
   ``max_candidates`` units (the only step that can miss a match; recall is measured
   against an exhaustive scan in ``bench/tm_lookup.py``).
4. Units with the same skeleton (differing only in numbers, punctuation or spacing) are
   always added, and scored as in :mod:`untm.tm.scoring`.

Queries too short for the count filter to exclude anything are answered by scanning the
units in the length window instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from untm.gramindex import count_hits
from untm.text.grams import char_bigrams, word_grams
from untm.text.lang import Lang, detect_lang
from untm.text.normalize import skeleton_of_key, tm_key, tokens

from .model import Match
from .scoring import TokenCodec, diff, final_score, similarity
from .store import Candidate, TmStore

VERIFY_BATCH = 64
MAX_CANDIDATES = 400
SHORT_SCAN_LIMIT = 20_000


@dataclass(frozen=True, slots=True)
class _Query:
    text: str
    lang: Lang
    key: str
    length: int
    min_score: float

    @property
    def window(self) -> tuple[int, int]:
        s = self.min_score / 100.0
        return math.ceil(self.length * s - 1e-9), math.floor(self.length / s + 1e-9)


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
    for cand in _candidates(store, q, codec, q_enc, limit, max_candidates, scored):
        scored.setdefault(cand[1].id, cand)
    extra = [i for i in store.same_skeleton(lang, key) if i not in scored]
    for c in store.candidates(extra, lang, 0, 1 << 30):
        scored[c.id] = (similarity(q_enc, codec.encode(c.key)), c)
    return _finish(store, q, skeleton_of_key(key), scored, limit)


def _candidates(
    store: TmStore,
    q: _Query,
    codec: TokenCodec,
    q_enc: str,
    limit: int,
    max_candidates: int,
    scored: dict[int, tuple[float, Candidate]],
) -> list[tuple[float, Candidate]]:
    lo, hi = q.window
    grams = char_bigrams(q.key) if q.lang is Lang.ZH else word_grams(q.key)
    gram_q = 2 if q.lang is Lang.ZH else 1
    edits = math.floor((100.0 - q.min_score) / q.min_score * q.length + 1e-9)
    need = len(grams) - gram_q * edits
    if need <= 0 or q.length < 2:
        found = store.by_length(q.lang, lo, hi, SHORT_SCAN_LIMIT)
        return _verify(found, q, codec, q_enc)
    lists = list(store.postings(grams).values())
    ids, counts = count_hits(lists, need)
    if ids.size == 0:
        return []
    order = np.argsort(-counts, kind="stable")
    ids, counts = ids[order], counts[order]
    out: list[tuple[float, Candidate]] = []
    bound_len = max(q.length, hi)
    for start in range(0, min(ids.size, max_candidates), VERIFY_BATCH):
        top_count = int(counts[start])
        best_possible = 100.0 * (1 - math.ceil((len(grams) - top_count) / gram_q) / bound_len)
        if len(out) >= limit and best_possible < _kth(out, limit):
            break
        batch = ids[start : start + VERIFY_BATCH].tolist()
        out.extend(_verify(store.candidates(batch, q.lang, lo, hi), q, codec, q_enc))
    return out


def _kth(found: Sequence[tuple[float, Candidate]], k: int) -> float:
    scores = sorted((s for s, _ in found), reverse=True)
    return scores[k - 1] if len(scores) >= k else 0.0


def _verify(
    cands: Sequence[Candidate], q: _Query, codec: TokenCodec, q_enc: str
) -> list[tuple[float, Candidate]]:
    out = []
    cutoff = q.min_score
    for c in cands:
        sim = similarity(q_enc, codec.encode(c.key))
        if sim >= cutoff - 1e-9:
            out.append((sim, c))
    return out


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
