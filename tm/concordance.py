"""Concordance: every unit containing a word or phrase, in either language.

Chinese phrases of two characters or more are answered from the bigram index (every
bigram of the phrase must be present, then the key is checked), which is exactly what
SQLite FTS5 cannot do: its default tokenizer treats a run of Chinese as one word and its
trigram tokenizer cannot search two characters. English phrases intersect the word
postings, then match whole words. A single Chinese character falls back to a scan.

The result says how many units match in all, not only how many are shown. Counting
costs nothing when fewer units match than are shown (every candidate was checked) and
little for a two-character Chinese phrase (its one bigram's posting list is the answer,
once no unit has been deleted since the index was built); otherwise the remaining
candidates are checked in SQL, or the table scanned when most units are candidates.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from untm.gramindex import intersect
from untm.grams import char_bigrams, word_grams
from untm.text.lang import Lang, detect_lang
from untm.text.normalize import fold_width, tm_key, to_simplified_many, words

from .model import Concordance, ConcordanceHit
from .store import TmStore

_BATCH = 256
#: Candidates beyond this share of the memory are counted by one scan of the table
#: (sequential, about 0.5 us a unit) rather than by id (random, about 3 us a unit).
_SCAN_SHARE = 0.2


def concordance(
    store: TmStore, phrase: str, *, lang: Lang | None = None, limit: int = 50
) -> Concordance:
    """Units whose ``lang`` side contains ``phrase``, newest first (at most ``limit``),
    and how many match in all."""
    lang = lang or detect_lang(phrase)
    key = tm_key(phrase, lang)
    if not key:
        return Concordance((), 0)
    if lang is Lang.ZH and len(key) == 1:
        hits = _hits(store, store.containing(lang, key, limit), key, lang, limit)
        total = len(hits) if len(hits) < limit else store.count_containing(lang, key)
        return Concordance(hits, total)
    grams = char_bigrams(key) if lang is Lang.ZH else word_grams(words(key))
    lists = store.postings(grams)
    if len(lists) < len(grams):
        return Concordance((), 0)
    candidates = intersect(list(lists.values()))
    hits = _hits(store, candidates[::-1].tolist(), key, lang, limit)
    if len(hits) < limit:  # every candidate was checked
        return Concordance(hits, len(hits))
    return Concordance(hits, _count(store, candidates, key, lang))


def _hits(
    store: TmStore, ids: list[int], key: str, lang: Lang, limit: int
) -> tuple[ConcordanceHit, ...]:
    """The first ``limit`` units of ``ids`` whose key matches, in the order of ``ids``."""
    matcher = _key_matcher(key, lang)
    hits: list[ConcordanceHit] = []
    for i in range(0, len(ids), _BATCH):
        batch = ids[i : i + _BATCH]
        good = {uid for uid, k in store.keys(batch, lang) if matcher(k)}
        for unit in store.units([x for x in batch if x in good]):
            hits.append(ConcordanceHit(unit, lang, _spans(unit.side(lang).text, key, lang)))
            if len(hits) >= limit:
                return tuple(hits)
    return tuple(hits)


def _count(store: TmStore, candidates: npt.NDArray[np.int64], key: str, lang: Lang) -> int:
    """How many of the candidates match ``key`` (exactly what the hits are drawn from)."""
    if lang is Lang.ZH:
        if len(key) == 2 and store.index_is_complete():
            return len(candidates)  # bigram codes are exact: the list is the answer
        if len(candidates) > _SCAN_SHARE * store.count():
            # every unit containing the key is a candidate: the scan counts the same
            return store.count_containing(lang, key)
        return store.count_containing(lang, key, candidates.tolist())
    matcher = _key_matcher(key, lang)
    if len(candidates) > _SCAN_SHARE * store.count():
        found = [uid for uid, k in store.keys_containing(lang, key) if matcher(k)]
        return int(np.isin(np.array(found, dtype=np.int64), candidates).sum())
    ids = candidates.tolist()
    return sum(
        1
        for i in range(0, len(ids), 500)
        for _, k in store.keys(ids[i : i + 500], lang)
        if matcher(k)
    )


def _key_matcher(key: str, lang: Lang) -> Callable[[str], bool]:
    if lang is Lang.ZH:
        return lambda k: key in k
    pattern = re.compile(r"(?<!\w)" + re.escape(key) + r"(?!\w)")
    return lambda k: pattern.search(k) is not None


def _spans(text: str, key: str, lang: Lang) -> tuple[tuple[int, int], ...]:
    """Offsets in ``text`` of the key's occurrences.

    The text is folded one character at a time as :func:`tm_key` folds it (width, script,
    case; spacing dropped in Chinese, collapsed in English), remembering where each folded
    character came from, so a phrase typed in traditional characters or full width still
    marks the simplified or half-width text it was found in.
    """
    folded = [fold_width(c) for c in text]
    if lang is Lang.ZH:
        folded = to_simplified_many(folded)
    chars: list[str] = []
    origin: list[int] = []
    for i, piece in enumerate(folded):
        for ch in piece.casefold():
            if ch.isspace():
                if lang is Lang.ZH or (chars and chars[-1] == " "):
                    continue
                ch = " "
            chars.append(ch)
            origin.append(i)
    flat = "".join(chars)
    if lang is Lang.ZH:
        pattern = re.compile(re.escape(key))
    else:
        pattern = re.compile(r"(?<!\w)" + re.escape(key) + r"(?!\w)")
    return tuple((origin[m.start()], origin[m.end() - 1] + 1) for m in pattern.finditer(flat))
