"""Termbase terms in running text: words of the text only, one answer per place.

The text is turned into matching views (:mod:`untm.text.view`: the term-key
normalization applied to running text, with offsets back into the input), and:

* **Chinese** terms are found with :class:`untm.text.words.WordFinder`: every occurrence
  of a term key whose two ends are word boundaries of the text (jieba's segmentation,
  with the term keys added to its dictionary), so 届会 is not found across 第七届|会议,
  nor 会议 inside 缔约方会议;
* **English** terms at word boundaries of the English view (:mod:`untm.text.phrases`);
* occurrences a term's exclusion list rules out (会员国 inside 非会员国) are dropped, and
  the leftmost-longest of the rest are kept;
* a span never ends inside a book title: when it covers one title mark of 《》 but not
  the other, it is widened to the pair (``《联合国反腐败公约》第四章``, not
  ``联合国反腐败公约》第四章``);
* a place several concepts share (秘书处, 会议, 主席) is one occurrence with its
  candidates ranked by the document (:mod:`.context`), which also resolves short forms
  that depend on the document (《公约》, "the Conference").

Building the automata and the word lexicon takes seconds at 100,000 concepts, so the
result is kept in the database (``tb_cache``) for the termbase's current state (the
``tb_generation`` counter that triggers bump on every change) and loaded in
milliseconds by later processes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata

import numpy as np
import numpy.typing as npt

from untm.db import Database
from untm.text.lang import Lang
from untm.text.normalize import NORMALIZATION, term_key
from untm.text.phrases import PhraseFinder
from untm.text.view import TextView, en_view, zh_view
from untm.text.words import WordFinder

from . import context
from .model import Concept, Term, TermCandidate, TermOccurrence
from .store import TermStore

#: Bump when what is cached changes shape.
MATCHER_FORMAT = "matcher-2"


@dataclass(frozen=True, slots=True)
class _Pattern:
    concept_id: str
    text: str
    rank: int  # status rank of the term: preferred first
    excludes: tuple[tuple[int, str], ...]  # (offset of the key inside, excluded key)


#: A chosen place, before it becomes an occurrence: (start, end) in the source text,
#: language, the patterns of the key found there.
_Span = tuple[int, int, Lang, tuple[_Pattern, ...]]


class TermMatcher:
    """Find termbase terms in text. ``TermMatcher(store)`` loads the matcher of the
    termbase's current state from the database, building it first if needed."""

    def __init__(self, store: TermStore) -> None:
        self.store = store
        db: Database = store.db  # type: ignore[attr-defined]
        self._zh, self._en = _load_or_build(db, store)
        self._patterns: dict[tuple[Lang, str], tuple[_Pattern, ...]] = {}
        #: Patterns by the finders' key index, and whether any has exclusions.
        self._by_id: dict[Lang, dict[int, tuple[tuple[_Pattern, ...], bool]]] = {
            Lang.ZH: {},
            Lang.EN: {},
        }
        self._exclusions: dict[int, tuple[str, ...]] | None = None
        #: Per language, whether the key of each finder index has patterns with exclusions.
        self._excluding: dict[Lang, npt.NDArray[np.bool_]] = {}
        self._candidates: dict[tuple[Lang, tuple[_Pattern, ...]], tuple[TermCandidate, ...]] = {}
        self._concepts: dict[str, Concept] = {}
        self._terms: dict[tuple[str, Lang, str], tuple[Term, tuple[Term, ...]] | None] = {}

    def find(
        self, text: str, *, document: context.DocumentContext | None = None
    ) -> list[TermOccurrence]:
        """Every term occurrence in ``text`` (both languages), leftmost-longest, in order.

        ``document`` is what the whole document says (:meth:`context_of` the document a
        segment belongs to): candidates are ranked and short forms resolved by it; by
        default ``text`` is its own document.
        """
        return context.resolve(
            text, self.find_raw(text), self._concept_terms, self._named, context=document
        )

    def find_raw(self, text: str) -> list[TermOccurrence]:
        """:meth:`find` without the document's ranking and short forms."""
        spans = self._spans_zh(text) + self._spans_en(text)
        spans.sort(key=lambda s: (s[0], s[0] - s[1]))
        return self._occurrences(text, spans)

    def context_of(self, document: str) -> context.DocumentContext:
        """What ``document`` says about its concepts, for :meth:`find` on its parts."""
        return context.DocumentContext.of(self.find_raw(document), document, self._named)

    def _named(self, keys: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Concept ids of the Chinese term keys among ``keys``."""
        keys = [k for k in keys if k]
        self._load_patterns(keys, Lang.ZH)
        out = {}
        for k in keys:
            ids = tuple(dict.fromkeys(p.concept_id for p in self._patterns[(Lang.ZH, k)]))
            if ids:
                out[k] = ids
        return out

    # -- the two languages ------------------------------------------------------------

    def _spans_zh(self, text: str) -> list[_Span]:
        view = zh_view(text)
        starts, ends, ids = self._zh.find(view.text)
        return self._spans(text, view, starts, ends, ids, self._zh.marked, Lang.ZH)

    def _spans_en(self, text: str) -> list[_Span]:
        view = en_view(text)
        starts, ends, ids = self._en.find(view.text)
        return self._spans(text, view, starts, ends, ids, self._en.phrases, Lang.EN)

    def _spans(
        self,
        text: str,
        view: TextView,
        starts: npt.NDArray[np.int64],
        ends: npt.NDArray[np.int64],
        ids: npt.NDArray[np.int64],
        keys: Sequence[str],
        lang: Lang,
    ) -> list[_Span]:
        """Occurrences in the view (sorted by start, longest first) to chosen spans of
        the text: exclusions applied, leftmost-longest kept, book titles balanced."""
        if not starts.size:
            return []
        by_id = self._by_id[lang]
        distinct = [i for i in np.unique(ids).tolist() if i not in by_id]
        if distinct:
            self._load_patterns([keys[i] for i in distinct], lang)
            for i in distinct:
                pats = self._patterns[(lang, keys[i])]
                by_id[i] = (pats, any(p.excludes for p in pats))
        excluding = self._excluding.get(lang)
        if excluding is None or excluding.size < len(keys):
            excluding = np.zeros(len(keys), dtype=bool)
            self._excluding[lang] = excluding
        for i in distinct:
            excluding[i] = by_id[i][1]
        # only the longest at each start can be chosen, unless an exclusion may drop it
        first = np.r_[True, starts[1:] != starts[:-1]]
        ex = excluding[ids].astype(np.int64)
        before = np.cumsum(ex) - ex  # excluding candidates before each one
        group_start = np.flatnonzero(first)[np.cumsum(first) - 1]
        keep = first | (before > before[group_start])  # a longer one here may be excluded
        v = view.text
        chosen_s: list[int] = []
        chosen_e: list[int] = []
        chosen_p: list[tuple[_Pattern, ...]] = []
        last_end = -1
        for s, e, i in zip(
            starts[keep].tolist(), ends[keep].tolist(), ids[keep].tolist(), strict=True
        ):
            if s < last_end:
                continue
            pats, excludes = by_id[i]
            if excludes:
                pats = tuple(p for p in pats if not _excluded(v, s, p))
                if not pats:
                    continue
            chosen_s.append(s)
            chosen_e.append(e)
            chosen_p.append(pats)
            last_end = e
        if not chosen_s:
            return []
        src_s = view.offsets[np.array(chosen_s)].tolist()
        src_e = (view.offsets[np.array(chosen_e) - 1] + 1).tolist()
        marks = _title_marks(text)
        if marks is not None:
            for k, (a, b) in enumerate(zip(src_s, src_e, strict=True)):
                if marks[b] != marks[a]:
                    src_s[k], src_e[k] = _balanced(text, a, b)
        return list(zip(src_s, src_e, [lang] * len(src_s), chosen_p, strict=True))

    # -- shared --------------------------------------------------------------------------

    def _load_patterns(self, keys: Iterable[str], lang: Lang) -> None:
        todo = [k for k in keys if (lang, k) not in self._patterns]
        if not todo:
            return
        rows = self.store.by_keys(todo, lang)
        if self._exclusions is None:  # few terms have them: read them all once
            self._exclusions = dict(self.store.exclusions())
        excludes = self._exclusions
        found: dict[str, list[_Pattern]] = defaultdict(list)
        for r in rows:
            ex = _excludes(excludes.get(r.id, ()), r.key, lang)
            found[r.key].append(_Pattern(r.concept_id, r.text, r.status.rank, ex))
        for k in todo:
            pats = sorted(found.get(k, ()), key=lambda p: (p.rank, p.concept_id))
            self._patterns[(lang, k)] = tuple(pats)

    def _occurrences(self, text: str, spans: Sequence[_Span]) -> list[TermOccurrence]:
        needed = {p.concept_id for s in spans for p in s[3]} - set(self._concepts)
        for c in self.store.concepts(sorted(needed)):
            self._concepts[c.id] = c
        out = []
        cache = self._candidates
        for start, end, lang, patterns in spans:
            cands = cache.get((lang, patterns))
            if cands is None:
                cands = cache[(lang, patterns)] = self._candidates_of(lang, patterns)
            if cands:
                best = cands[0]
                out.append(
                    TermOccurrence(
                        start,
                        end,
                        text[start:end],
                        best.term,
                        best.concept,
                        best.equivalents,
                        cands,
                    )
                )
        return out

    def _candidates_of(
        self, lang: Lang, patterns: tuple[_Pattern, ...]
    ) -> tuple[TermCandidate, ...]:
        cands = []
        seen: set[str] = set()
        for p in patterns:
            concept = self._concepts.get(p.concept_id)
            found = None if concept is None else self._term_of(concept, p, lang)
            if concept is None or found is None or concept.id in seen:
                continue
            seen.add(concept.id)
            cands.append(TermCandidate(concept, found[0], found[1]))
        return tuple(cands)

    def _term_of(
        self, concept: Concept, p: _Pattern, lang: Lang
    ) -> tuple[Term, tuple[Term, ...]] | None:
        """The term a pattern stands for and its equivalents (remembered: a long text
        repeats the same terms thousands of times)."""
        k = (concept.id, lang, p.text)
        if k not in self._terms:
            term = next((t for t in concept.terms if t.lang is lang and t.text == p.text), None)
            self._terms[k] = None if term is None else (term, concept.terms_in(lang.other))
        return self._terms[k]

    def _concept_terms(self, ids: Iterable[str]) -> dict[str, Concept]:
        """Concepts by id, for the context's resolution (loaded once)."""
        needed = sorted(set(ids) - set(self._concepts))
        for c in self.store.concepts(needed):
            self._concepts[c.id] = c
        return {i: self._concepts[i] for i in ids if i in self._concepts}


# --- the cache -----------------------------------------------------------------------------


def _stamp(db: Database) -> str:
    jieba = metadata.version("jieba")
    return (
        f"{MATCHER_FORMAT}/{WordFinder.FORMAT}/{PhraseFinder.FORMAT}; {NORMALIZATION}; "
        f"jieba {jieba}; "
        f"gen {db.meta('tb_generation')}"
    )


def _load_or_build(db: Database, store: TermStore) -> tuple[WordFinder, PhraseFinder]:
    """The matcher's two finders, from ``tb_cache`` when it holds this state's."""
    stamp = _stamp(db)
    rows = dict(
        db.conn.execute(
            "SELECT name, data FROM tb_cache WHERE name IN ('matcher-zh', 'matcher-en') "
            "AND stamp = ?",
            (stamp,),
        ).fetchall()
    )
    if len(rows) == 2:
        try:
            return WordFinder.from_bytes(rows["matcher-zh"]), PhraseFinder.from_bytes(
                rows["matcher-en"]
            )
        except Exception:
            pass
    zh, en = build(store)
    try:
        with db.transaction():
            db.conn.execute("DELETE FROM tb_cache WHERE name LIKE 'matcher%'")
            db.conn.executemany(
                "INSERT INTO tb_cache(name, stamp, data) VALUES (?, ?, ?)",
                [("matcher-zh", stamp, zh.to_bytes()), ("matcher-en", stamp, en.to_bytes())],
            )
    except Exception:
        pass
    return zh, en


def build(store: TermStore) -> tuple[WordFinder, PhraseFinder]:
    """The Chinese word finder and the English phrase finder of every term key."""
    keys: dict[Lang, set[str]] = {Lang.ZH: set(), Lang.EN: set()}
    for row in store.all_terms():
        if row.key:
            keys[row.lang].add(row.key)
    return WordFinder.build(keys[Lang.ZH]), PhraseFinder.build(keys[Lang.EN])


# --- helpers -------------------------------------------------------------------------------


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


_OPEN, _CLOSE = "《〈", "》〉"
_MARKS = np.zeros(0x110000, dtype=np.int64)
for _ch in _OPEN + _CLOSE:
    _MARKS[ord(_ch)] = 1


def _title_marks(text: str) -> npt.NDArray[np.int64] | None:
    """Prefix counts of book-title marks in ``text`` (None when it has none)."""
    if "《" not in text and "》" not in text and "〈" not in text and "〉" not in text:
        return None
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    return np.concatenate([[0], np.cumsum(_MARKS[cps])])


def _balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``text[start:end]`` so that it holds no unpaired book-title mark."""
    inside = text[start:end]
    for opener, closer in zip(_OPEN, _CLOSE, strict=True):
        depth = low = 0
        for ch in inside:
            depth += (ch == opener) - (ch == closer)
            low = min(low, depth)
        if low < 0:  # a closer without its opener: take the opener before the span
            at = text.rfind(opener, 0, start)
            if at >= 0:
                start = at
        if depth - low > 0:  # an opener without its closer: take the closer after it
            at = text.find(closer, end)
            if at >= 0:
                end = at + 1
    return start, end


def group_by_concept(occurrences: Sequence[TermOccurrence]) -> dict[str, list[TermOccurrence]]:
    """Occurrences grouped by concept id, in order of first appearance."""
    groups: dict[str, list[TermOccurrence]] = defaultdict(list)
    for occ in occurrences:
        groups[occ.concept.id].append(occ)
    return dict(groups)


__all__ = ["TermMatcher", "TextView", "build", "group_by_concept"]
