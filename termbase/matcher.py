"""Termbase terms in running text: leftmost-longest, across PDF line breaks, whole words.

The text is turned into a *matching view* built with the same normalization as term keys
(width, script, case, plural folding, no whitespace in Chinese, single spaces between
English words), keeping for every view character its offset in the input, so results
point into the text exactly as given. Every occurrence of every key is found (English
only at word boundaries); occurrences a term's exclusion list rules out (``会员国``
inside ``非会员国``) are dropped; then the leftmost-longest non-overlapping ones are kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from untm.text.lang import Lang
from untm.text.normalize import fold_en_word, term_key, to_simplified

from .model import Concept, Term, TermOccurrence
from .store import TermStore

_ZH_DROP = re.compile(r"[\s《》〈〉“”‘’\"'「」『』·・‧]+")
# An English word: word characters and "&", but not CJK (in "由UNODC提供" the word is UNODC).
_CJK_CHARS = (
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0003134f"
)
_EN_WORD = re.compile(rf"(?:[^\W{_CJK_CHARS}]|&)+")


@dataclass(frozen=True, slots=True)
class View:
    """Normalized text and, per view character, the offset of its source character."""

    text: str
    offsets: npt.NDArray[np.int64]  # len(text) + 1 entries; the last is the input length


@dataclass(frozen=True, slots=True)
class _Pattern:
    key: str
    concept_id: str
    text: str
    lang: Lang
    rank: int  # status rank of the term: preferred first
    excludes: tuple[tuple[int, str], ...]  # (offset of the key inside, excluded key)


def zh_view(text: str) -> View:
    """Chinese matching view: whitespace and quote marks dropped, width/script/case folded."""
    keep = [(m.start(), m.end()) for m in re.finditer(r"[^\s《》〈〉“”‘’\"'「」『』·・‧]+", text)]
    pieces = [text[s:e] for s, e in keep]
    starts = np.array([s for s, _ in keep], dtype=np.int64)
    lengths = np.array([e - s for s, e in keep], dtype=np.int64)
    # offset of view character j = j + (start of its run - view characters before the run)
    before = np.cumsum(lengths) - lengths
    offsets = np.arange(int(lengths.sum()), dtype=np.int64) + np.repeat(starts - before, lengths)
    view, offsets = _fold_1to1("".join(pieces), offsets)
    return View(view, np.append(offsets, len(text)).astype(np.int64))


def _fold_1to1(s: str, offsets: npt.NDArray[np.int64]) -> tuple[str, npt.NDArray[np.int64]]:
    """NFKC + simplified + lower-case, keeping one offset per output character."""
    out = _fold(s)
    if len(out) == len(s):
        return out, offsets
    # Rare: a character folded to several (NFKC "…" -> "...", "㈥" -> "(六)"). Fold the
    # stretches between such characters whole, and each of them on its own.
    odd = sorted(c for c in set(s) if len(_fold(c)) != 1)
    if not odd:  # a sequence changed length (combining marks): go by chunks
        return _fold_by_chunks(s, offsets)
    chars: list[str] = []
    offs: list[npt.NDArray[np.int64]] = []
    last = 0
    for m in re.finditer("[" + "".join(re.escape(c) for c in odd) + "]", s):
        folded, folded_offs = _fold_by_chunks(s[last : m.start()], offsets[last : m.start()])
        one = _fold(m.group())
        chars += [folded, one]
        offs += [folded_offs, np.full(len(one), offsets[m.start()], dtype=np.int64)]
        last = m.end()
    folded, folded_offs = _fold_by_chunks(s[last:], offsets[last:])
    chars.append(folded)
    offs.append(folded_offs)
    return "".join(chars), np.concatenate(offs)


def _fold_by_chunks(s: str, offsets: npt.NDArray[np.int64]) -> tuple[str, npt.NDArray[np.int64]]:
    """:func:`_fold_1to1` the slow way: in chunks, character by character where needed."""
    out = _fold(s)
    if len(out) == len(s):
        return out, offsets
    chars: list[str] = []
    offs: list[int] = []
    for i in range(0, len(s), 256):
        chunk, chunk_offs = s[i : i + 256], offsets[i : i + 256].tolist()
        folded = _fold(chunk)
        if len(folded) == len(chunk):
            chars.append(folded)
            offs.extend(chunk_offs)
            continue
        for ch, off in zip(chunk, chunk_offs, strict=True):
            one = _fold(ch)
            chars.append(one)
            offs.extend([off] * len(one))
    return "".join(chars), np.array(offs, dtype=np.int64)


def _fold(s: str) -> str:
    return to_simplified(unicodedata.normalize("NFKC", s)).lower()


def en_view(text: str) -> View:
    """English matching view: words folded (case, width, plurals), joined by single spaces."""
    parts: list[str] = []
    offs: list[int] = []
    for m in _EN_WORD.finditer(text):
        # as term keys fold words: plural, and anti-/non- split off ("anticorruption")
        word = fold_en_word(unicodedata.normalize("NFKC", m.group()).casefold())
        if not word:
            continue
        if parts:
            parts.append(" ")
            offs.append(m.start())
        parts.append(word)
        # One offset per folded character; the last maps to the word's last character,
        # so a folded plural ("parties" -> "party") still ends where the word ends.
        last = m.end() - 1
        offs.extend(min(m.start() + i, last) for i in range(len(word) - 1))
        offs.append(last)
    offs.append(len(text))
    return View("".join(parts), np.array(offs, dtype=np.int64))


class TermMatcher:
    """Find termbase terms in text. Build once (it reads every term key), then :meth:`find`.

    Keys are held in a hash table with, per first character pair (Chinese) or first word
    (English), the lengths of the keys that start with it; scanning tries only those
    lengths at each position. Unlike an Aho-Corasick automaton this builds in well under
    a second for hundreds of thousands of terms (ahocorasick-rs took 7-10 s for 400,000
    keys here), and scans a megabyte of Chinese in a fraction of a second.
    """

    def __init__(self, store: TermStore) -> None:
        self.store = store
        self._keys: dict[Lang, dict[str, list[_Pattern]]] = {Lang.ZH: {}, Lang.EN: {}}
        excludes = dict(store.exclusions())
        for row in store.all_terms():
            if not row.key:
                continue
            ex = _excludes(excludes.get(row.id, ()), row.key, row.lang)
            pat = _Pattern(row.key, row.concept_id, row.text, row.lang, row.status.rank, ex)
            self._keys[row.lang].setdefault(row.key, []).append(pat)
        self._starts = {
            Lang.ZH: _start_index(self._keys[Lang.ZH], lambda k: k[:2], len),
            Lang.EN: _start_index(self._keys[Lang.EN], lambda k: k.split(" ", 1)[0], _nwords),
        }
        # code points of the two-character heads and of the one-character keys, so that a
        # scan visits only the positions where some key can start
        zh_starts = self._starts[Lang.ZH]
        self._zh_heads = np.array(
            sorted(_pair_code(h) for h in zh_starts if len(h) == 2), dtype=np.int64
        )
        self._zh_singles = np.array(
            sorted(ord(k) for k in self._keys[Lang.ZH] if len(k) == 1), dtype=np.int64
        )
        self._concepts: dict[str, Concept] = {}
        self._terms: dict[tuple[str, Lang, str], tuple[Term, tuple[Term, ...]] | None] = {}

    def find(self, text: str) -> list[TermOccurrence]:
        """Every term occurrence in ``text`` (both languages), leftmost-longest, in order."""
        spans: list[tuple[int, int, list[_Pattern]]] = []
        for view, hits in (
            (zh_view(text), self._scan_zh),
            (en_view(text), self._scan_en),
        ):
            for start, end, pats in hits(view.text):
                pats = [p for p in pats if not _excluded(view.text, start, p)]
                if pats:
                    s, e = int(view.offsets[start]), int(view.offsets[end - 1]) + 1
                    spans.append((s, e, pats))
        return self._occurrences(text, _leftmost_longest(spans))

    def _scan_zh(self, view: str) -> Iterator[tuple[int, int, list[_Pattern]]]:
        keys, starts = self._keys[Lang.ZH], self._starts[Lang.ZH]
        singles = starts.get("", ())
        size = len(view)
        cps = np.frombuffer(view.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)
        where = np.flatnonzero(np.isin((cps[:-1] << 21) | cps[1:], self._zh_heads))
        if singles:
            where = np.union1d(where, np.flatnonzero(np.isin(cps, self._zh_singles)))
        for i in where.tolist():  # elsewhere no key starts: nothing to try
            for n in starts.get(view[i : i + 2], ()):
                if i + n > size:  # a shorter slice could equal a shorter key
                    continue
                pats = keys.get(view[i : i + n])
                if pats:
                    yield i, i + n, pats
            if singles and view[i] in keys:
                yield i, i + 1, keys[view[i]]

    def _scan_en(self, view: str) -> Iterator[tuple[int, int, list[_Pattern]]]:
        keys, starts = self._keys[Lang.EN], self._starts[Lang.EN]
        words = view.split(" ")
        pos = 0
        bounds = []
        for w in words:
            bounds.append(pos)
            pos += len(w) + 1
        for i, w in enumerate(words):
            for n in starts.get(w, ()):
                if i + n > len(words):
                    continue
                end = bounds[i + n - 1] + len(words[i + n - 1])
                pats = keys.get(view[bounds[i] : end])
                if pats:
                    yield bounds[i], end, pats

    def _occurrences(
        self, text: str, spans: Sequence[tuple[int, int, list[_Pattern]]]
    ) -> list[TermOccurrence]:
        needed = {p.concept_id for _, _, pats in spans for p in pats} - set(self._concepts)
        for c in self.store.concepts(sorted(needed)):
            self._concepts[c.id] = c
        out = []
        for start, end, pats in spans:
            for p in sorted(pats, key=lambda p: (p.rank, p.concept_id)):
                concept = self._concepts.get(p.concept_id)
                if concept is None:
                    continue
                found = self._term_of(concept, p)
                if found is None:
                    continue
                term, others = found
                out.append(TermOccurrence(start, end, text[start:end], term, concept, others))
        return out

    def _term_of(self, concept: Concept, p: _Pattern) -> tuple[Term, tuple[Term, ...]] | None:
        """The term a pattern stands for and its equivalents (remembered: a long text
        repeats the same terms thousands of times)."""
        k = (concept.id, p.lang, p.text)
        if k not in self._terms:
            term = next((t for t in concept.terms if t.lang is p.lang and t.text == p.text), None)
            self._terms[k] = None if term is None else (term, concept.terms_in(p.lang.other))
        return self._terms[k]


def _pair_code(pair: str) -> int:
    """The code of two characters as in :meth:`TermMatcher._scan_zh`."""
    return (ord(pair[0]) << 21) | ord(pair[1])


def _nwords(key: str) -> int:
    return key.count(" ") + 1


def _start_index(
    keys: dict[str, list[_Pattern]], head: Callable[[str], str], size: Callable[[str], int]
) -> dict[str, tuple[int, ...]]:
    """For each key head, the sizes of keys starting with it, longest first.

    One-character Chinese keys are listed under the empty head.
    """
    sizes: dict[str, set[int]] = defaultdict(set)
    for key in keys:
        if len(key) == 1 and size is len:
            sizes[""].add(1)
        else:
            sizes[head(key)].add(size(key))
    return {h: tuple(sorted(v, reverse=True)) for h, v in sizes.items()}


def _excludes(exclude: Sequence[str], key: str, lang: Lang) -> tuple[tuple[int, str], ...]:
    out = []
    for ex in exclude:
        ex_key = term_key(ex, lang)
        pos = ex_key.find(key)
        if pos >= 0:
            out.append((pos, ex_key))
    return tuple(out)


def _excluded(view: str, start: int, pat: _Pattern) -> bool:
    for pos, ex_key in pat.excludes:
        s = start - pos
        if s >= 0 and view.startswith(ex_key, s):
            return True
    return False


def _whole_words(view: str, start: int, end: int) -> bool:
    return (start == 0 or view[start - 1] == " ") and (end == len(view) or view[end] == " ")


def _leftmost_longest(
    spans: list[tuple[int, int, list[_Pattern]]],
) -> list[tuple[int, int, list[_Pattern]]]:
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    chosen: list[tuple[int, int, list[_Pattern]]] = []
    last_end = -1
    for span in spans:
        if span[0] >= last_end:
            chosen.append(span)
            last_end = span[1]
    return chosen


def group_by_concept(occurrences: Sequence[TermOccurrence]) -> dict[str, list[TermOccurrence]]:
    """Occurrences grouped by concept id, in order of first appearance."""
    groups: dict[str, list[TermOccurrence]] = defaultdict(list)
    for occ in occurrences:
        groups[occ.concept.id].append(occ)
    return dict(groups)
