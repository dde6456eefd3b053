"""Ranked term lookup: exact -> normalized -> prefix / contains -> fuzzy.

Every tier is an index query, so a lookup stays in milliseconds on a termbase of
hundreds of thousands of concepts:

* exact: the term text as typed (index on ``term``);
* normalized: the :func:`~untm.text.normalize.term_key` (width, case, hyphen/space
  variants, plurals, traditional characters) (index on ``lang, key``);
* prefix: keys that start with the query key (range scan on the same index);
* contains: terms that contain the query (gram-list intersection, then verified) and
  terms the query contains (every substring / word n-gram of the query looked up as a key);
* fuzzy: candidates sharing enough grams (count filter), rescored with the Levenshtein
  similarity ``100 * (1 - distance / max(len))`` on keys; kept when >= ``min_score``.

Within a concept the best match wins; concepts are ranked by tier, score, then the
status of the matched term (preferred first). Terms that merely occur inside a longer
query rank after fuzzy matches: ``United Kingdom of Great Britan ...`` (a typo) should
show the full name at 98 before ``Ireland`` found inside it.

A miss gets "did you mean" suggestions (:func:`suggest`), only terms that genuinely
overlap the query, or none.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import Levenshtein

from untm.gramindex import IdArray, count_hits
from untm.text.lang import Lang, detect_lang
from untm.text.normalize import term_key, words

from .model import LookupResult, MatchKind, TermHit
from .store import TermRow, TermStore, term_grams

MAX_PREFIX = 200
MAX_CONTAINS = 2000  # terms containing the query verified at most
MAX_FUZZY = 300
FUZZY_BUDGET = 30_000  # postings read for fuzzy candidates; beyond it, the rarest grams
_READ_AHEAD = 4  # posting lists read at a time while intersecting
VERIFY_BATCH = 64
FEW_CANDIDATES = 256  # contains: stop intersecting posting lists below this many ids
MAX_QUERY_SUBSTRINGS = 40  # characters (zh) or words (en) of a query scanned for contained terms
#: Suggestions: how many, the similarity that makes a term one by itself, the share of
#: a Chinese query its shared bigrams must cover, the candidates read per query part.
SUGGESTIONS = 3
SUGGEST_SIMILARITY = 0.75
SUGGEST_ZH_COVERAGE = 0.5
MAX_SUGGEST_CANDIDATES = 2000
#: English words that carry no meaning of their own in a term (and the prefixes that
#: term keys split off): sharing only these is no overlap.
FUNCTION_WORDS = frozenset(
    "a an the of and or for on in to at by with from as into upon its their his her "  # noqa: SIM905
    "against between under over within without about per via than anti non".split()
)
#: Tier of terms found inside a longer query: after every MatchKind.
_INSIDE_TIER = len(MatchKind)
_KIND_RANK = {kind: i for i, kind in enumerate(MatchKind)}


@dataclass(frozen=True, slots=True)
class _Candidate:
    row: TermRow
    kind: MatchKind
    score: float
    inside_query: bool = False  # a term found inside a longer query

    @property
    def rank(self) -> tuple[int, float, int, int]:
        tier = _INSIDE_TIER if self.inside_query else _KIND_RANK[self.kind]
        return (tier, -self.score, self.row.status.rank, len(self.row.text))


@dataclass(slots=True)
class _Query:
    """One lookup's query and what tiers share: its grams, their frequencies and the
    posting lists read so far (rarest first: a list of 'the' holds most of the termbase)."""

    store: TermStore
    key: str
    lang: Lang
    min_score: float
    grams: list[int] = field(init=False)
    _freqs: dict[int, int] | None = None
    _lists: dict[int, IdArray] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.grams = term_grams(self.key, self.lang)

    @property
    def freqs(self) -> dict[int, int]:
        """Postings per gram of the query (absent grams left out), read without the lists."""
        if self._freqs is None:
            grams = self.grams
            self._freqs = self.store.gram_freqs(grams) if grams else {}
        return self._freqs

    def all_present(self) -> bool:
        return bool(self.grams) and len(self.freqs) == len(set(self.grams))

    def rarest(
        self, budget: int | None = None, skip: int = 0, count: int | None = None
    ) -> list[IdArray]:
        """Posting lists rarest first, from the ``skip``-th: all (or ``count``), or with a
        ``budget``, a third of them at least and more while they fit in it."""
        order = sorted(self.freqs, key=lambda g: (self.freqs[g], g))[skip:]
        order = order if count is None else order[:count]
        least = math.ceil(len(order) / 3)
        chosen: list[int] = []
        total = 0
        for g in order:
            if budget is not None and len(chosen) >= least and total + self.freqs[g] > budget:
                break
            chosen.append(g)
            total += self.freqs[g]
        missing = [g for g in chosen if g not in self._lists]
        if missing:
            self._lists.update(self.store.gram_postings(missing))
        return [self._lists[g] for g in chosen if g in self._lists]


def lookup(
    store: TermStore,
    query: str,
    *,
    lang: Lang | None = None,
    limit: int = 10,
    min_score: float = 70.0,
) -> LookupResult:
    """Look ``query`` up; see the module docstring for the ranking.

    Tiers run best first and stop once ``limit`` concepts are found: a later tier can
    never outrank an earlier one, so its work would be wasted.
    """
    text = " ".join(query.split())
    lang = lang or detect_lang(text)
    key = term_key(text, lang)
    if not key:
        return LookupResult(query=query, lang=lang, hits=())
    q = _Query(store, key, lang, min_score)
    # Each tier gets the concepts found so far and how many more are wanted.
    tiers: tuple[Callable[[set[str], int], list[_Candidate]], ...] = (
        lambda found, need: _exact_and_normalized(store, (text, query.strip()), key, lang),
        lambda found, need: _prefix(store, key, lang, found, need),
        lambda found, need: _containing(q, found, need),
        lambda found, need: _fuzzy(q, min_score),
        lambda found, need: _inside_query(store, key, lang),
    )
    best: dict[str, _Candidate] = {}
    for tier in tiers:
        _keep_best(best, tier(set(best), limit - len(best)))
        if len(best) >= limit:
            break
    ranked = sorted(best.values(), key=lambda c: (c.rank, c.row.concept_id))[:limit]
    suggestions = () if ranked else _suggest(q)
    return LookupResult(query=query, lang=lang, hits=_hits(store, ranked), suggestions=suggestions)


def _hits(store: TermStore, ranked: list[_Candidate]) -> tuple[TermHit, ...]:
    concepts = {c.id: c for c in store.concepts([c.row.concept_id for c in ranked])}
    hits = []
    for cand in ranked:
        concept = concepts.get(cand.row.concept_id)
        if concept is None:
            continue
        term = next(
            (t for t in concept.terms if t.lang is cand.row.lang and t.text == cand.row.text),
            concept.terms[0],
        )
        hits.append(TermHit(concept, cand.kind, round(cand.score, 1), term))
    return tuple(hits)


def _keep_best(best: dict[str, _Candidate], cands: Iterable[_Candidate]) -> None:
    for c in cands:
        cur = best.get(c.row.concept_id)
        if cur is None or c.rank < cur.rank:
            best[c.row.concept_id] = c


def _exact_and_normalized(
    store: TermStore, texts: Iterable[str], key: str, lang: Lang
) -> list[_Candidate]:
    # The query with its white space collapsed, and as typed: a stored term may hold a
    # no-break or ideographic space, which collapsing would turn into a plain one.
    out = [
        _Candidate(row, MatchKind.EXACT, 100.0)
        for text in dict.fromkeys(texts)
        for row in store.by_text(text, lang)
    ]
    out += [_Candidate(row, MatchKind.NORMALIZED, 100.0) for row in store.by_keys([key], lang)]
    return out


def _prefix(store: TermStore, key: str, lang: Lang, found: set[str], need: int) -> list[_Candidate]:
    """The shortest terms starting with the query, enough of them for ``need`` new concepts."""
    # An English prefix ends at a word boundary: "state" is not "statement".
    head = key + " " if lang is Lang.EN else key
    size = min(MAX_PREFIX, 2 * need + 8)
    while True:
        rows = store.by_prefix(head, lang, size)
        if (
            len(rows) < size
            or size >= MAX_PREFIX
            or len({r.concept_id for r in rows} - found) >= need
        ):
            break
        size = min(MAX_PREFIX, size * 4)
    return [_Candidate(r, MatchKind.PREFIX, 100.0 * len(key) / len(r.key)) for r in rows]


def _containing(q: _Query, found: set[str], need: int) -> list[_Candidate]:
    """The shortest terms that contain the query (whole words in English).

    Gram candidates are ordered by key length (the score is ``len(query) / len(term)``)
    and verified a batch at a time, until ``need`` new concepts are found (terms of equal
    length at that boundary are taken in id order, not by status).
    """
    if not q.all_present() or (len(q.key) < 2 and q.lang is Lang.ZH):
        return []
    ids = _sharing_all(q)
    lengths = q.store.key_lengths(ids, q.lang)
    keep = lengths > len(q.key)
    ids, lengths = ids[keep], lengths[keep]
    order = np.lexsort((ids, lengths))[:MAX_CONTAINS]
    ids, lengths = ids[order], lengths[order]
    out: list[_Candidate] = []
    concepts: set[str] = set()
    for start in range(0, ids.size, VERIFY_BATCH):
        if len(concepts - found) >= need:
            break
        for row in q.store.by_ids(ids[start : start + VERIFY_BATCH].tolist()):
            if _inside(q.key, row.key, q.lang):
                out.append(_Candidate(row, MatchKind.CONTAINS, 100.0 * len(q.key) / len(row.key)))
                concepts.add(row.concept_id)
    return out


def _sharing_all(q: _Query) -> npt.NDArray[np.int64]:
    """The ids in every posting list of the query, or a superset of at most
    ``FEW_CANDIDATES`` of them.

    Lists are read and intersected rarest first, a few at a time; once few ids are left,
    the very frequent grams (``the``, ``of``: 100,000 ids each) are not even read,
    because the caller checks each candidate exactly and a term containing the query
    has all its grams.
    """
    acc: IdArray | None = None
    for start in range(0, len(q.freqs), _READ_AHEAD):
        for ids in q.rarest(skip=start, count=_READ_AHEAD):
            if acc is not None and acc.size <= FEW_CANDIDATES:
                return acc.astype(np.int64)
            acc = ids if acc is None else acc[np.isin(acc, ids, assume_unique=True, kind="table")]
    return np.zeros(0, dtype=np.int64) if acc is None else acc.astype(np.int64)


def _inside(small: str, big: str, lang: Lang) -> bool:
    if lang is Lang.ZH:
        return small in big
    return f" {small} " in f" {big} "


def _inside_query(store: TermStore, key: str, lang: Lang) -> list[_Candidate]:
    """Terms the query contains (every substring / word n-gram of it looked up as a key)."""
    parts = _sub_keys(key, lang)
    return [
        _Candidate(row, MatchKind.CONTAINS, 100.0 * len(row.key) / len(key), inside_query=True)
        for row in (store.by_keys(parts, lang) if parts else ())
    ]


def _sub_keys(key: str, lang: Lang) -> list[str]:
    """Proper substrings of a query key that could be whole terms."""
    if lang is Lang.ZH:
        chars = key[:MAX_QUERY_SUBSTRINGS]
        n = len(chars)
        return [chars[i:j] for i in range(n) for j in range(i + 2, n + 1) if j - i < len(key)]
    ws = words(key)[:MAX_QUERY_SUBSTRINGS]
    n = len(ws)
    return [" ".join(ws[i:j]) for i in range(n) for j in range(i + 1, n + 1) if j - i < n]


def _fuzzy(q: _Query, min_score: float) -> list[_Candidate]:
    """Candidates by shared grams (count filter) within the length window, rescored exactly.

    A key within ``min_score`` s of a query of length L has between ``s * L`` and ``L / s``
    characters (the distance is at least the length difference). Candidates share at least
    one gram with the query: from ``min_score`` 70 up every key within the score does (one
    sharing none is at least a third of its length away), below it this is a heuristic.
    """
    if not q.freqs:
        return []
    length = len(q.key)
    s = max(min_score, 1.0) / 100.0
    if sum(q.freqs.values()) <= FUZZY_BUDGET:  # every list: the count filter is exact
        need = _min_shared(len(q.grams), length, q.lang, s)
        ids, counts = count_hits(q.rarest(), need)
    else:  # the rarest lists only: candidates share the query's telling grams
        ids, counts = count_hits(q.rarest(FUZZY_BUDGET), 1)
    if ids.size == 0:
        return []
    lengths = q.store.key_lengths(ids, q.lang)
    keep = (lengths >= math.ceil(s * length - 1e-9)) & (lengths <= math.floor(length / s + 1e-9))
    ids, counts = ids[keep], counts[keep]
    if ids.size > MAX_FUZZY:
        ids = ids[(-counts).argsort(kind="stable")[:MAX_FUZZY]]
    sims = {}
    for tid, key in q.store.keys_by_ids(ids.tolist(), q.lang):
        # no score_cutoff: rapidfuzz turns it into a distance bound that rejects a score
        # exactly at the cutoff (1 - 3/15 against 0.8)
        sim = Levenshtein.normalized_similarity(q.key, key)
        if sim >= s - 1e-9 and key != q.key:
            sims[tid] = sim
    return [
        _Candidate(row, MatchKind.FUZZY, 100.0 * sims[row.id]) for row in q.store.by_ids(list(sims))
    ]


def _min_shared(n_grams: int, length: int, lang: Lang, s: float) -> int:
    """Fewest grams a string within similarity ``s`` must share with the query (count filter).

    Each edit destroys at most q grams (q = 2 for bigrams, 3 for trigrams), and a match at
    similarity s is at most ``(1 - s) / s * len`` edits away.
    """
    q = 2 if lang is Lang.ZH else 3
    edits = math.floor((1 - s) / s * length)
    return max(1, n_grams - q * edits)


# ----------------------------------------------------------------------------- did you mean


def suggest(store: TermStore, query: str, *, lang: Lang | None = None) -> tuple[str, ...]:
    """Terms to suggest for ``query``: those that share a meaningful part with it.

    The rule, on term keys (the folding of :func:`~untm.text.normalize.term_key`: case,
    width, plurals, traditional characters, hyphens) in the query's language:

    * English: the query's *content words* are its key's words that are not
      :data:`FUNCTION_WORDS`. A term's *share* is the fraction of them that are words of
      its key (``drug office`` shares both with ``united nation office on drug and
      crime``; ``office`` is not ``officer``).
    * Chinese: a term's *share* is the fraction of the query's characters that lie in a
      character bigram of the query which the term's key also holds (for 气候变化, a
      term with 气候 covers 2 of 4: 0.5). A one-character query has no bigram.
    * Both: a term's *similarity* is ``1 - Levenshtein distance / longer key length``.

    A term is suggested when its share is above 0 (English: one content word at least)
    or at least :data:`SUGGEST_ZH_COVERAGE` (Chinese), or its similarity is at least
    :data:`SUGGEST_SIMILARITY` (a typo: ``Implementaton``). Terms are ranked by
    ``max(share, similarity)``, then similarity, then the shorter key, then the text;
    the best term of each concept counts, and the first :data:`SUGGESTIONS` distinct
    texts are returned: none if no term overlaps.
    Candidates come from the gram index: per content word (English) or for the
    bigrams (Chinese) at most :data:`MAX_SUGGEST_CANDIDATES`, shortest keys (English)
    or most shared bigrams (Chinese) first, so in a very large termbase a term sharing
    only a very common word may be passed over.
    """
    text = " ".join(query.split())
    lang = lang or detect_lang(text)
    key = term_key(text, lang)
    return _suggest(_Query(store, key, lang, 100.0)) if key else ()


def _suggest(q: _Query) -> tuple[str, ...]:
    ids = set(_word_candidates(q) if q.lang is Lang.EN else _bigram_candidates(q))
    ids.update(c.row.id for c in _fuzzy(q, 100.0 * SUGGEST_SIMILARITY))
    if not ids:
        return ()
    measure = _en_share if q.lang is Lang.EN else _zh_share
    least_share = 1e-9 if q.lang is Lang.EN else SUGGEST_ZH_COVERAGE
    ranked: list[tuple[float, float, int, int]] = []
    for tid, key in q.store.keys_by_ids(sorted(ids), q.lang):
        if key == q.key:
            continue
        share = measure(q.key, key)
        sim = Levenshtein.normalized_similarity(q.key, key)
        if share >= least_share or sim >= SUGGEST_SIMILARITY - 1e-9:
            ranked.append((-max(share, sim), -sim, len(key), tid))
    rows = {r.id: r for r in q.store.by_ids([tid for *_, tid in ranked])}
    ranked.sort(key=lambda r: (r[0], r[1], r[2], rows[r[3]].text, r[3]))
    concepts: set[str] = set()
    texts: list[str] = []
    for *_, tid in ranked:
        row = rows[tid]
        if row.concept_id in concepts:
            continue
        concepts.add(row.concept_id)
        if row.text not in texts:
            texts.append(row.text)
        if len(texts) == SUGGESTIONS:
            break
    return tuple(texts)


def content_words(key: str) -> list[str]:
    """The words of an English key that carry meaning (not :data:`FUNCTION_WORDS`)."""
    return [w for w in dict.fromkeys(words(key)) if w not in FUNCTION_WORDS]


def _en_share(query_key: str, key: str) -> float:
    mine = content_words(query_key)
    if not mine:
        return 0.0
    theirs = set(words(key))
    return sum(w in theirs for w in mine) / len(mine)


def _zh_share(query_key: str, key: str) -> float:
    if len(query_key) < 2:
        return 0.0
    held = {key[i : i + 2] for i in range(len(key) - 1)}
    covered: set[int] = set()
    for i in range(len(query_key) - 1):
        if query_key[i : i + 2] in held:
            covered.update((i, i + 1))
    return len(covered) / len(query_key)


def _word_candidates(q: _Query) -> list[int]:
    """Term ids whose key may hold a content word of the query (all its trigrams)."""
    out: list[int] = []
    for word in content_words(q.key)[:MAX_QUERY_SUBSTRINGS]:
        wq = _Query(q.store, word, Lang.EN, q.min_score)
        if not wq.all_present():
            continue
        ids = _sharing_all(wq)
        lengths = q.store.key_lengths(ids, Lang.EN)
        keep = lengths >= len(word)
        ids, lengths = ids[keep], lengths[keep]
        out.extend(ids[np.lexsort((ids, lengths))[:MAX_SUGGEST_CANDIDATES]].tolist())
    return out


def _bigram_candidates(q: _Query) -> list[int]:
    """Term ids sharing a character bigram with a Chinese query, most shared first."""
    if len(q.key) < 2 or not q.freqs:
        return []
    ids, counts = count_hits(q.rarest(), 1)
    order = np.lexsort((ids, -counts))[:MAX_SUGGEST_CANDIDATES]
    return [int(i) for i in ids[order]]
