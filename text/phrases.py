"""Known phrases in an English matching view, at word boundaries, by hashing.

An English matching view (:func:`untm.text.view.en_view`) is words separated by single
spaces, and an English term key is the same; so a key occurs where the hash of the view
from the start of word ``i`` to the end of word ``i + n - 1`` is the key's hash. For
each word count ``n`` that some key has, every such span whose first word begins a key
of ``n`` words or more is hashed at once with numpy and looked up in one vectorized pass
(:class:`untm.text.words.Lexicon`), then the hits are compared as strings. This keeps
100,000 keys in a few megabytes (an Aho-Corasick automaton of them takes tens) and scans
in linear time per word count.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from untm.grams import SubstringHasher

from .words import Lexicon

__all__ = ["PhraseFinder"]

Ints = npt.NDArray[np.int64]


class PhraseFinder:
    """Find whole-word occurrences of phrases (keys) in a space-separated view."""

    FORMAT = "phrases-2"

    def __init__(
        self, table: Lexicon, heads: Lexicon, sizes: tuple[int, ...], phrases: list[str]
    ) -> None:
        self._table = table
        #: first word -> the most words a phrase starting with it has
        self._heads = heads
        self._sizes = sizes
        #: The phrases, in the order of the indexes :meth:`find` gives.
        self.phrases = phrases

    @classmethod
    def build(cls, phrases: Iterable[str]) -> PhraseFinder:
        keys = sorted({p for p in phrases if p and not p.startswith(" ") and "  " not in p})
        table = Lexicon.of({k: i + 1 for i, k in enumerate(keys)}, total=1)
        longest: dict[str, int] = {}
        for k in keys:
            head, n = k.split(" ", 1)[0], k.count(" ") + 1
            longest[head] = max(longest.get(head, 0), n)
        sizes = tuple(sorted({k.count(" ") + 1 for k in keys}))
        return cls(table, Lexicon.of(longest, total=1), sizes, keys)

    def to_bytes(self) -> bytes:
        return pickle.dumps(
            (self._table.to_bytes(), self._heads.to_bytes(), self._sizes, self.phrases),
            protocol=5,
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> PhraseFinder:
        table, heads, sizes, phrases = pickle.loads(data)
        return cls(Lexicon.from_bytes(table), Lexicon.from_bytes(heads), tuple(sizes), phrases)

    def find(self, view: str) -> tuple[Ints, Ints, Ints]:
        """(starts, ends, phrase indexes), sorted by start and longest first."""
        empty = np.zeros(0, dtype=np.int64)
        if not view or not self.phrases:
            return empty, empty, empty
        cps = np.frombuffer(view.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        space = cps == 0x20
        word_starts = np.flatnonzero(~space & np.r_[True, space[:-1]])
        word_ends = np.flatnonzero(~space & np.r_[space[1:], True]) + 1
        hasher = SubstringHasher(cps)
        found_s, found_e, found_i = [], [], []
        words = word_starts.size
        # only where the word can begin a phrase of n words is a span of n words hashed
        reach = self._heads.lookup(hasher(word_starts, word_ends))
        for n in self._sizes:
            if n > words:
                break
            at = np.flatnonzero(reach[: words - n + 1] >= n)
            a, b = word_starts[at], word_ends[at + n - 1]
            ids = self._table.lookup(hasher(a, b)) - 1
            hit = np.flatnonzero(ids >= 0)
            found_s.append(a[hit])
            found_e.append(b[hit])
            found_i.append(ids[hit])
        if not found_s:  # the text has fewer words than any phrase
            return empty, empty, empty
        s, e, i = np.concatenate(found_s), np.concatenate(found_e), np.concatenate(found_i)
        phrases = self.phrases
        same = [
            view[x:y] == phrases[k]
            for x, y, k in zip(s.tolist(), e.tolist(), i.tolist(), strict=True)
        ]
        keep = np.array(same, dtype=bool) if same else np.zeros(0, dtype=bool)
        s, e, i = s[keep], e[keep], i[keep]
        order = np.lexsort((s - e, s))
        return s[order], e[order], i[order]
