"""Concordance: every unit containing a word or phrase, in either language.

Chinese phrases of two characters or more are answered from the bigram index (every
bigram of the phrase must be present, then the key is checked), which is exactly what
SQLite FTS5 cannot do: its default tokenizer treats a run of Chinese as one word and its
trigram tokenizer cannot search two characters. English phrases intersect the word
postings, then match whole words. A single Chinese character falls back to a scan.
"""

from __future__ import annotations

import re

from untm.gramindex import intersect
from untm.grams import char_bigrams, word_grams
from untm.text.lang import Lang, detect_lang
from untm.text.normalize import fold_width, tm_key, to_simplified_many, words

from .model import ConcordanceHit
from .store import TmStore

_BATCH = 256


def concordance(
    store: TmStore, phrase: str, *, lang: Lang | None = None, limit: int = 50
) -> list[ConcordanceHit]:
    """Units whose ``lang`` side contains ``phrase``, newest first."""
    lang = lang or detect_lang(phrase)
    key = tm_key(phrase, lang)
    if not key:
        return []
    if lang is Lang.ZH and len(key) == 1:
        ids = store.containing(lang, key, limit)
    else:
        grams = char_bigrams(key) if lang is Lang.ZH else word_grams(words(key))
        lists = store.postings(grams)
        if len(lists) < len(grams):
            return []
        ids = intersect(list(lists.values()))[::-1].tolist()
    matcher = _key_matcher(key, lang)
    hits: list[ConcordanceHit] = []
    for i in range(0, len(ids), _BATCH):
        batch = ids[i : i + _BATCH]
        good = {uid for uid, key in store.keys(batch, lang) if matcher(key)}
        for unit in store.units([x for x in batch if x in good]):
            hits.append(ConcordanceHit(unit, lang, _spans(unit.side(lang).text, key, lang)))
            if len(hits) >= limit:
                return hits
    return hits


def _key_matcher(key: str, lang: Lang):  # type: ignore[no-untyped-def]
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
