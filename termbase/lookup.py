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
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import Levenshtein

from untm.gramindex import IdArray, count_hits, intersect
from untm.text.lang import Lang, detect_lang
from untm.text.normalize import term_key, words

from .model import LookupResult, MatchKind, TermHit
from .store import TermRow, TermStore, term_grams

MAX_PREFIX = 200
MAX_CONTAINS = 2000
MAX_FUZZY = 300
FEW_CANDIDATES = 256  # contains: stop intersecting posting lists below this many ids
MAX_QUERY_SUBSTRINGS = 40  # characters (zh) or words (en) of a query scanned for contained terms
SUGGESTION_SCORE = 45.0


@dataclass(frozen=True, slots=True)
class _Candidate:
    row: TermRow
    kind: MatchKind
    score: float
    inside_query: bool = False  # a term found inside a longer query

    @property
    def tier(self) -> int:
        return len(MatchKind) if self.inside_query else self.kind.rank

    @property
    def rank(self) -> tuple[int, float, int, int]:
        return (self.tier, -self.score, self.row.status.rank, len(self.row.text))


def lookup(
    store: TermStore,
    query: str,
    *,
    lang: Lang | None = None,
    limit: int = 10,
    min_score: float = 70.0,
) -> LookupResult:
    """Look ``query`` up; see the module docstring for the ranking."""
    text = " ".join(query.split())
    lang = lang or detect_lang(text)
    key = term_key(text, lang)
    if not key:
        return LookupResult(query=query, lang=lang, hits=())
    grams = term_grams(key, lang)
    lists = store.gram_postings(grams) if grams else {}  # read once: contains and fuzzy
    found = list(_exact_and_normalized(store, (text, query.strip()), key, lang))
    found += _prefix(store, key, lang)
    found += _contains(store, key, lang, grams, lists)
    best = _best_per_concept(found)
    if sum(1 for c in best.values() if c.tier < MatchKind.FUZZY.rank) < limit:
        fuzzy = _fuzzy(store, key, lang, min_score, grams, lists)
        best = _best_per_concept([*best.values(), *fuzzy])
    ranked = sorted(best.values(), key=lambda c: (c.rank, c.row.concept_id))[:limit]
    suggestions: tuple[str, ...] = ()
    if not ranked:
        near = _fuzzy(store, key, lang, SUGGESTION_SCORE, grams, lists)
        near.sort(key=lambda c: -c.score)
        suggestions = tuple(dict.fromkeys(c.row.text for c in near))[:3]
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
    return LookupResult(query=query, lang=lang, hits=tuple(hits), suggestions=suggestions)


def _best_per_concept(cands: Iterable[_Candidate]) -> dict[str, _Candidate]:
    best: dict[str, _Candidate] = {}
    for c in cands:
        cur = best.get(c.row.concept_id)
        if cur is None or c.rank < cur.rank:
            best[c.row.concept_id] = c
    return best


def _exact_and_normalized(
    store: TermStore, texts: Iterable[str], key: str, lang: Lang
) -> Iterable[_Candidate]:
    # The query with its white space collapsed, and as typed: a stored term may hold a
    # no-break or ideographic space, which collapsing would turn into a plain one.
    for text in dict.fromkeys(texts):
        for row in store.by_text(text, lang):
            yield _Candidate(row, MatchKind.EXACT, 100.0)
    for row in store.by_keys([key], lang):
        yield _Candidate(row, MatchKind.NORMALIZED, 100.0)


def _prefix(store: TermStore, key: str, lang: Lang) -> list[_Candidate]:
    rows = store.by_prefix(key, lang, MAX_PREFIX)
    if lang is Lang.EN:  # a prefix must end at a word boundary: "state" is not "statement"
        rows = [r for r in rows if r.key[len(key)] == " "]
    return [_Candidate(r, MatchKind.PREFIX, 100.0 * len(key) / len(r.key)) for r in rows]


def _contains(
    store: TermStore, key: str, lang: Lang, grams: list[int], lists: Mapping[int, IdArray]
) -> list[_Candidate]:
    """Terms containing the query, and terms the query contains (whole words in English)."""
    out: list[_Candidate] = []
    if grams and len(lists) == len(grams) and (len(key) > 1 or lang is Lang.EN):
        ids = _sharing_all(list(lists.values()))[:MAX_CONTAINS]
        for row in store.by_ids(ids.tolist()):
            if row.lang is lang and row.key != key and _inside(key, row.key, lang):
                out.append(_Candidate(row, MatchKind.CONTAINS, 100.0 * len(key) / len(row.key)))
    parts = _sub_keys(key, lang)
    if parts:
        for row in store.by_keys(parts, lang):
            score = 100.0 * len(row.key) / len(key)
            out.append(_Candidate(row, MatchKind.CONTAINS, score, inside_query=True))
    return out


def _sharing_all(lists: list[IdArray]) -> npt.NDArray[np.int64]:
    """The ids in every list, or a superset of at most ``FEW_CANDIDATES`` of them.

    The rarest lists are intersected first; once few ids are left, the very frequent
    grams (``the``, ``of``: a sort of 100,000 ids each) are skipped, because the caller
    checks each candidate exactly and a term that contains the query has all its grams.
    """
    ordered = sorted(lists, key=len)
    acc: IdArray = np.unique(ordered[0])
    for ids in ordered[1:]:
        if acc.size <= FEW_CANDIDATES:
            break
        acc = intersect([acc, ids]).astype(np.uint32)
    return acc.astype(np.int64)


def _inside(small: str, big: str, lang: Lang) -> bool:
    if lang is Lang.ZH:
        return small in big
    return f" {small} " in f" {big} "


def _sub_keys(key: str, lang: Lang) -> list[str]:
    """Proper substrings of a query key that could be whole terms."""
    if lang is Lang.ZH:
        chars = key[:MAX_QUERY_SUBSTRINGS]
        n = len(chars)
        return [chars[i:j] for i in range(n) for j in range(i + 2, n + 1) if j - i < len(key)]
    ws = words(key)[:MAX_QUERY_SUBSTRINGS]
    n = len(ws)
    return [" ".join(ws[i:j]) for i in range(n) for j in range(i + 1, n + 1) if j - i < n]


def _fuzzy(
    store: TermStore,
    key: str,
    lang: Lang,
    min_score: float,
    grams: list[int],
    lists: Mapping[int, IdArray],
) -> list[_Candidate]:
    """Candidates by shared grams (count filter), rescored exactly."""
    if not grams:
        return []
    min_shared = _min_shared(len(grams), len(key), lang, min_score)
    ids, counts = count_hits(list(lists.values()), min_shared)
    if ids.size == 0:
        return []
    if ids.size > MAX_FUZZY:
        top = ids[(-counts).argsort(kind="stable")[:MAX_FUZZY]]
        ids = top
    out = []
    cutoff = min_score / 100.0
    for row in store.by_ids(ids.tolist()):
        if row.lang is not lang:
            continue
        sim = Levenshtein.normalized_similarity(key, row.key, score_cutoff=cutoff)
        if sim >= cutoff and row.key != key:
            out.append(_Candidate(row, MatchKind.FUZZY, 100.0 * sim))
    return out


def _min_shared(n_grams: int, length: int, lang: Lang, min_score: float) -> int:
    """Fewest grams a string within ``min_score`` must share with the query (count filter).

    Each edit destroys at most q grams (q = 2 for bigrams, 3 for trigrams), and a match at
    ``min_score`` s is at most ``(1 - s) / s * len`` edits away.
    """
    q = 2 if lang is Lang.ZH else 3
    s = max(min_score, 1.0) / 100.0
    edits = math.floor((1 - s) / s * length)
    return max(1, n_grams - q * edits)
