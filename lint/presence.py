"""Where a term is in a target: the targets' matching views, built once per file.

* **English**: the term's key as a run of whole words of the view, which folds case,
  plurals, possessives ("the Secretary-General's"), hyphens and spaces
  ("anti-corruption" = "anti corruption"); failing that, word by word through
  lemminflect's lemmas (irregular forms, verbs: "extradited" = "extradite");
* **Chinese**: the term's key in the view, outside the term's exclusions (会员国 is not
  in 非会员国), where it does not cut through a word the term matcher finds there
  (届会 is not in 第七届|会议); inside a longer term it counts.

A rendering reworded by the target's grammar (its content words close together), and
the document short forms of a concept ("the Conference", 《公约》), are looked for by
:meth:`TargetIndex.reworded` and :meth:`TargetIndex.short_form`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from untm.termbase.matcher import TermMatcher
from untm.termbase.model import Concept, Term, TermStatus
from untm.text.lang import Lang
from untm.text.normalize import fold_plural, term_key
from untm.text.view import en_view, zh_view

#: Between two segments' texts: a word of its own in both matching views (a letter no
#: term has), so no term can span two segments, and a line break, so no short form can.
SEPARATOR = "\nǂ\n"
_APPROVED = (TermStatus.PREFERRED, TermStatus.ADMITTED)


@dataclass
class _Joined:
    """Texts joined by :data:`SEPARATOR`, with where each starts."""

    text: str
    starts: list[int]

    @classmethod
    def of(cls, texts: Sequence[str]) -> _Joined:
        starts, at = [], 0
        for t in texts:
            starts.append(at)
            at += len(t) + len(SEPARATOR)
        return cls(SEPARATOR.join(texts), starts)

    def segment_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1


class _TargetIndex:
    """The targets' matching view, built once, and what a segment's target holds."""

    def __init__(self, matcher: TermMatcher, texts: Sequence[str], lang: Lang) -> None:
        self.lang = lang
        self.texts = texts
        joined = _Joined.of(texts)
        self.joined = joined
        if lang is Lang.EN:  # a footnote mark glued to a word is not part of it
            view = en_view(_FOOTNOTE_MARK.sub(lambda m: " " * len(m.group()), joined.text))
        else:
            view = zh_view(joined.text)
        self.view = view
        starts = np.asarray(joined.starts, dtype=np.int64)
        ends = starts + np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        self.vstart = np.searchsorted(view.offsets, starts).tolist()
        self.vend = np.searchsorted(view.offsets, ends).tolist()
        self._words: dict[int, list[tuple[int, int]]] | None = None
        self._matcher = matcher
        self._last_padded: tuple[int, str] = (-1, "")

    def seg_view(self, i: int) -> str:
        return self.view.text[self.vstart[i] : self.vend[i]]

    def segments_with(self, key: str) -> list[int]:
        """Segments whose view holds ``key`` (a cheap first look: substring)."""
        out = []
        text = self.view.text
        at = text.find(key)
        while at >= 0:
            out.append(bisect.bisect_right(self.vstart, at) - 1)
            at = text.find(key, at + 1)
        return sorted(set(out))

    def rendering(self, i: int, expected: Sequence[Term]) -> tuple[Term, str] | None:
        """(term, key) of the longest expected term present in target ``i``, or None."""
        best: tuple[Term, str] | None = None
        for t in expected:
            key = _key(t.text, self.lang)
            if (best is None or len(key) > len(best[1])) and self.has(i, key, t):
                best = (t, key)
        return best

    def reworded(
        self, i: int, expected: Sequence[Term], near: bool = True
    ) -> tuple[Term, str] | None:
        """An expected term whose content words are all in target ``i`` (English: in any
        order, close together; Chinese: in order): a rendering reworded by the target's
        grammar (《公约》实施情况 for 公约的实施, "States parties' Conference")."""
        for t in expected:
            key = _key(t.text, self.lang)
            if self.lang is Lang.EN and _words_near(key, self.seg_view(i), near):
                return t, key
            if self.lang is Lang.ZH and _zh_reworded(key, self.seg_view(i), near):
                return t, key
        return None

    def short_form(
        self, i: int, concept: Concept, heads: frozenset[str], document_short_form: bool
    ) -> tuple[str, str] | None:
        """A short form of the concept in target ``i``: English "the Conference" or
        "Conference decision" (the capitalized first words of a name of it, when the
        file names a concept with those first words in full), Chinese 《公约》 (a title
        that ends one of its names) or, for a short form of the source, the end of a
        name (机制 for 审议机制)."""
        text = self.texts[i]
        for t in _approved(concept, self.lang):
            if self.lang is Lang.EN:
                for form in _en_heads(t.text):
                    if (document_short_form or form in heads) and re.search(
                        rf"(?<![\w-]){re.escape(form)}(?![\w-])", text
                    ):
                        return form, term_key(form, Lang.EN)
                continue
            key = term_key(t.text, Lang.ZH)
            for m in re.finditer(r"《([^《》]{1,16})》", text):
                inner = term_key(m.group(1), Lang.ZH)
                if len(inner) >= 2 and key.endswith(inner):
                    return m.group(0), inner
            if document_short_form:
                view = self.seg_view(i)
                for k in range(len(key) - 2, -1, -1):
                    if key[k:] in view and len(key) - k >= 2:
                        return key[k:], key[k:]
        return None

    def has(self, i: int, key: str, term: Term) -> bool:
        if not key:
            return False
        if self.lang is Lang.EN:
            return self._has_en(i, key, term)
        return self._has_zh(i, key, term)

    def _padded(self, i: int) -> str:
        if self._last_padded[0] != i:
            self._last_padded = (i, " " + self.seg_view(i) + " ")
        return self._last_padded[1]

    def _has_en(self, i: int, key: str, term: Term) -> bool:
        v = self._padded(i)
        needle = " " + key + " "
        excludes = _en_excludes(term.exclude, key)
        at = v.find(needle)
        while at >= 0:
            if not any(v.startswith(ex, at + 1 - pos) for pos, ex in excludes):
                return True
            at = v.find(needle, at + 1)
        if excludes:
            return False
        return _lemma_match(key, v)

    def _has_zh(self, i: int, key: str, term: Term) -> bool:
        """The key is in the view, outside the term's exclusions, and does not cut
        through a word the term matcher finds there (届会 is not in 第七届|会议); inside a
        longer term it counts (联合国反腐败公约 in 《联合国反腐败公约》第五章)."""
        v = self.seg_view(i)
        at = v.find(key)
        if at < 0:
            return False
        words = self._zh_words(i)
        excludes = _zh_excludes(term.exclude, key)
        while at >= 0:
            end = at + len(key)
            cut = any(s < at < e < end or at < s < end < e for s, e in words)
            if not cut and not any(v.startswith(ex, at - pos) for pos, ex in excludes):
                return True
            at = v.find(key, at + 1)
        return False

    def _zh_words(self, i: int) -> list[tuple[int, int]]:
        """Where target ``i``'s view has termbase terms as words (nested ones too)."""
        if self._words is None:
            finder = self._matcher._zh  # the matcher's word finder: its nested hits
            starts, ends, _ids = finder.find(self.view.text)
            words: dict[int, list[tuple[int, int]]] = defaultdict(list)
            seg = np.searchsorted(np.asarray(self.vstart), starts, side="right") - 1
            for s, e, j in zip(starts.tolist(), ends.tolist(), seg.tolist(), strict=True):
                words[j].append((s - self.vstart[j], e - self.vstart[j]))
            self._words = words
        return self._words.get(i, [])


#: A footnote mark glued to an English word ("resolutions1 of the Conference").
_FOOTNOTE_MARK = re.compile(r"(?<=[a-z])\d{1,2}(?!\w)")
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "on",
        "in",
        "for",
        "to",
        "by",
        "at",
        "with",
        "against",
        "or",
        "from",
        "as",
        "into",
        "under",
    ]
)
#: Forms that share no three letters with their lemma (were = be).
_IRREGULAR = frozenset(
    ["be", "is", "are", "was", "were", "been", "being", "has", "have", "had", "do", "does", "did"]
)
#: Verbs that carry no meaning of their own in a term ("take action" is rendered "action").
_LIGHT_VERBS = frozenset(["take", "make", "give", "carry", "have"])
#: Characters that join the parts of a Chinese term (公约的实施 = 公约 + 实施).
_ZH_JOINERS = re.compile("[的和与及之或、]")


def _words_near(key: str, view: str, near: bool = True) -> bool:
    """Whether every content word of ``key`` (two at least) is in ``view``, lemma for
    lemma, within a window of about three times the term's length."""
    words_ = key.split(" ")
    content = [w for w in words_ if w not in _FUNCTION_WORDS and w not in _LIGHT_VERBS]
    light = any(w in _LIGHT_VERBS for w in words_)
    if len(content) < 2 and not (light and content):
        return False
    padded = " " + view
    if any(f" {w[:3]}" not in padded for w in content if w not in _IRREGULAR):
        return False
    words = view.split(" ")
    places = []
    for w in content:
        lem = _lemmas(w)
        at = [j for j, v in enumerate(words) if lem & _lemmas(v)]
        if not at:
            return False
        places.append(at)
    window = 3 * len(key.split(" ")) + 3 if near else len(words)
    first = places[0]
    return any(all(any(abs(p - f) <= window for p in ps) for ps in places[1:]) for f in first)


def _zh_reworded(key: str, view: str, near: bool = True) -> bool:
    """Whether a Chinese key is in ``view`` reworded: its parts between joining
    characters in their order (秘书处……的说明 for 秘书处的说明), or its two-character
    pieces in any order close together (实施《公约》 for 公约的实施, 进展情况报告 for
    进展报告)."""
    pieces = [p for p in _ZH_JOINERS.split(key) if p]
    if len(pieces) >= 2 and all(len(p) >= 2 for p in pieces):
        at = 0
        for p in pieces:
            at = view.find(p, at)
            if at < 0:
                break
            at += len(p)
        else:
            return True
    chunks = [c for p in pieces for c in _chunks(p)]
    if len(chunks) < 2:
        return False
    places = []
    for c in chunks:
        found = [m.start() for m in re.finditer(re.escape(c), view)]
        if not found:
            return False
        places.append(found)
    window = 2 * len(key) + 6 if near else len(view)
    return any(all(any(abs(p - f) <= window for p in ps) for ps in places[1:]) for f in places[0])


def _chunks(piece: str) -> list[str]:
    """A piece of a Chinese key in two-character chunks (the last of three when odd):
    民事诉讼 -> 民事, 诉讼; 审议机制 -> 审议, 机制; 缔约国 -> 缔约国."""
    if len(piece) < 4:
        return [piece]
    out = [piece[k : k + 2] for k in range(0, len(piece) - 3, 2)]
    rest = piece[len(out) * 2 :]
    return [*out, rest]


@functools.lru_cache(maxsize=1 << 12)
def _en_excludes(exclude: tuple[str, ...], key: str) -> tuple[tuple[int, str], ...]:
    """(offset of `` key `` inside `` ex ``, ``ex key ``) for each exclusion."""
    out = []
    for ex in exclude:
        ex_key = term_key(ex, Lang.EN)
        pos = (" " + ex_key + " ").find(" " + key + " ")
        if pos >= 0:
            out.append((pos, ex_key + " "))
    return tuple(out)


@functools.lru_cache(maxsize=1 << 12)
def _zh_excludes(exclude: tuple[str, ...], key: str) -> tuple[tuple[int, str], ...]:
    out = []
    for ex in exclude:
        ex_key = term_key(ex, Lang.ZH)
        pos = ex_key.find(key)
        if pos >= 0:
            out.append((pos, ex_key))
    return tuple(out)


@functools.lru_cache(maxsize=1 << 16)
def _lemmas(word: str) -> frozenset[str]:
    """A word and its lemmas (lemminflect's, every part of speech), lower case."""
    out = {word, fold_plural(word)}
    if word.isalpha() and len(word) > 2:
        import lemminflect

        for forms in lemminflect.getAllLemmas(word).values():
            out.update(f.lower() for f in forms)
    return frozenset(out)


def _lemma_match(key: str, padded_view: str) -> bool:
    """Whether the words of ``key`` occur in a row in the view, lemma for lemma (looked
    for only when each word's first three letters start a word of the view: the
    inflections of terms keep them, "criteria" for "criterion", "extradited" for
    "extradite")."""
    words = key.split(" ")
    if any(f" {w[:3]}" not in padded_view for w in words if w not in _IRREGULAR):
        return False
    view_words = padded_view.split()
    first = _lemmas(words[0])
    for j in range(len(view_words) - len(words) + 1):
        if not first & _lemmas(view_words[j]):
            continue
        if all(_lemmas(w) & _lemmas(view_words[j + k]) for k, w in enumerate(words[1:], 1)):
            return True
    return False


@functools.lru_cache(maxsize=1 << 16)
def _key(text: str, lang: Lang) -> str:
    return term_key(text, lang)


def _en_heads(name: str) -> list[str]:
    """The capitalized first words of an English name, longest first ("Conference of
    the States Parties" -> "Conference of the States", ..., "Conference")."""
    words = name.split()
    if len(words) < 2 or not words[0][:1].isupper() or name.isupper():
        return []
    heads = [" ".join(words[:k]) for k in range(len(words) - 1, 0, -1)]
    return [h for h in heads if h.split()[-1].lower() not in _FUNCTION_WORDS]


def _approved(concept: Concept, lang: Lang) -> list[Term]:
    return [t for t in concept.terms_in(lang) if t.status in _APPROVED]
