"""Words of Chinese text: known words found only where the text has them as words.

Chinese has no spaces, so "is 会议 a word here?" needs a segmentation: in 缔约方会议第七届
会议 the text's words are 缔约方会议 | 第七届 | 会议, and neither 届会 ("session", across
第七届 | 会议) nor 会议 inside 缔约方会议 is one. :class:`WordFinder` reports an occurrence
of a *marked* word (for the termbase: its Chinese term keys) only where both its ends
are word boundaries of the text.

The segmentation is jieba's (``jieba.cut(text, HMM=False)``): its dictionary (shipped in
the jieba package, 349,046 words with frequencies), to which the marked words are added
with the frequency jieba's ``suggest_freq`` gives (just enough to be kept whole), and
its maximum-probability path through the word graph. It is computed only where it can
matter, which makes it fast:

1. an Aho-Corasick automaton (pyahocorasick) finds the marked words and the dictionary
   words of five or more characters;
2. a boundary ``p`` that no dictionary word crosses (no word ``[a, b)`` with
   ``a < p < b``) is a boundary of every segmentation: that is checked for all
   candidate ends at once with numpy (hashes of the short words around ``p``, the long
   ones from step 1);
3. only around the rest, the *ambiguous* boundaries, is the text segmented: the block
   between the nearest forced boundaries on either side, by jieba's dynamic program
   (right to left, ``log freq - log total``, ties to the longer word), each distinct
   block once. Because no word crosses a forced boundary, the best path through the
   block is the best path of the whole text there, so the result equals jieba's.

Runs of single ASCII letters and digits are one token in jieba ("2019"), so a boundary
between two ASCII alphanumerics is never one. ``tests/text/test_words.py`` checks the
boundaries against jieba itself.
"""

from __future__ import annotations

import functools
import itertools
import math
import pickle
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np
import numpy.typing as npt

from untm.grams import SubstringHasher, span_hashes

__all__ = ["Lexicon", "WordFinder", "cut", "is_word_chars"]

#: Characters jieba segments together (its ``re_han_default``); anything else is a token
#: of its own, so a word never crosses it.
_HAN = "\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_WORD_CHAR = np.zeros(0x110000, dtype=bool)
for _cp in [
    *range(0x4E00, 0x9FD6),
    *b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-",
]:
    _WORD_CHAR[_cp] = True
_HAN_WORD = re.compile(f"[{_HAN}]+\\Z")
_ASCII_ALNUM = re.compile(r"[a-zA-Z0-9]\Z")
#: Words up to this length are looked up by hash around each boundary; longer ones come
#: from the automaton. 97 % of jieba's words are this short.
_SHORT = 4
_U64 = np.uint64
Ints = npt.NDArray[np.int64]
#: The (left, right) extents of the short words that cross a boundary.
_LEFT = np.array([left for left in range(1, _SHORT) for _ in range(1, _SHORT - left + 1)])
_RIGHT = np.array([r for left in range(1, _SHORT) for r in range(1, _SHORT - left + 1)])
#: Positions looked at in one pass when searching the ends of an ambiguous block.
_WINDOW = 6


def is_word_chars(word: str) -> bool:
    """Whether jieba could produce ``word`` as one token (only characters it joins)."""
    return bool(_HAN_WORD.match(word))


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Word frequencies in an open-addressing hash table of 64-bit word hashes, so that
    hundreds of thousands of substrings are looked up in one vectorized pass.

    ``slots`` holds the hashes (0 = empty), ``counts`` their frequencies; a word is at
    its home slot or within ``probes`` slots after it (linear probing).
    """

    slots: npt.NDArray[np.uint64]
    counts: npt.NDArray[np.int64]
    probes: int
    total: int
    max_len: int

    def freq_of(self, words: Sequence[str]) -> npt.NDArray[np.int64]:
        """Counts of ``words`` (0 for a word the lexicon lacks)."""
        return self.lookup(hash_words(words))

    def lookup(self, hashes: npt.NDArray[np.uint64]) -> npt.NDArray[np.int64]:
        """Counts of the words with these hashes (0 where absent)."""
        hashes = np.where(hashes == 0, _U64(1), hashes)  # 0 marks an empty slot
        mask = _U64(self.slots.size - 1)
        idx = _home(hashes, mask)
        out = np.zeros(hashes.size, dtype=np.int64)
        todo = np.arange(hashes.size)
        for _ in range(self.probes + 1):
            at = self.slots[idx[todo]]
            hit = at == hashes[todo]
            out[todo[hit]] = self.counts[idx[todo[hit]]]
            todo = todo[~hit & (at != 0)]
            if not todo.size:
                break
            idx[todo] = (idx[todo] + _U64(1)) & mask
        return out

    @classmethod
    def of(cls, freqs: Mapping[str, int], total: int) -> Lexicon:
        words = [w for w, f in freqs.items() if f > 0]
        hashes = hash_words(words)
        hashes = np.where(hashes == 0, _U64(1), hashes)
        counts = np.fromiter((freqs[w] for w in words), dtype=np.int64, count=len(words))
        size = 1 << max(4, (2 * len(words)).bit_length())  # load factor below 1/2
        slots = np.zeros(size, dtype=np.uint64)
        table = np.zeros(size, dtype=np.int64)
        mask = _U64(size - 1)
        idx = _home(hashes, mask)
        todo = np.arange(hashes.size)
        probes = 0
        while todo.size:  # place what lands on a free slot, first come; the rest moves on
            free = slots[idx[todo]] == 0
            cand = todo[free]
            _, first = np.unique(idx[cand], return_index=True)
            placed = cand[first]
            slots[idx[placed]] = hashes[placed]
            table[idx[placed]] = counts[placed]
            left = np.setdiff1d(todo, placed, assume_unique=True)
            if left.size:
                probes += 1
                idx[left] = (idx[left] + _U64(1)) & mask
            todo = left
        return cls(slots, table, probes, total, max((len(w) for w in words), default=1))

    def to_bytes(self) -> bytes:
        return pickle.dumps(
            (self.slots.tobytes(), self.counts.tobytes(), self.probes, self.total, self.max_len),
            protocol=pickle.HIGHEST_PROTOCOL,
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Lexicon:
        slots, counts, probes, total, max_len = pickle.loads(data)
        return cls(
            np.frombuffer(slots, dtype=np.uint64),
            np.frombuffer(counts, dtype=np.int64),
            int(probes),
            int(total),
            int(max_len),
        )


def _home(hashes: npt.NDArray[np.uint64], mask: np.uint64) -> npt.NDArray[np.uint64]:
    """Home slot: the high bits of the hash mixed once more (the low bits of a polynomial
    hash of short words are poorly spread)."""
    with np.errstate(over="ignore"):
        mixed = hashes * _U64(0x9E3779B97F4A7C15)
    return (mixed >> _U64(29)) & mask


def hash_words(words: Sequence[str]) -> npt.NDArray[np.uint64]:
    """:func:`untm.grams.word_hash` of each word, computed in one numpy pass."""
    if not words:
        return np.zeros(0, dtype=np.uint64)
    cps = np.frombuffer(("\n".join(words) + "\n").encode("utf-32-le"), dtype="<u4")
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    starts = np.cumsum(lengths + 1) - lengths - 1
    return span_hashes(cps, starts, starts + lengths)


def _base_words() -> dict[str, int]:
    """jieba's dictionary: word -> count (its first two columns)."""
    return _base()[0]


def _base_total() -> int:
    """The sum of the dictionary's counts, as jieba computes it (a word listed twice
    counts twice in the total and keeps its last count)."""
    return _base()[1]


@functools.cache
def _base() -> tuple[dict[str, int], int]:
    path = resources.files("jieba").joinpath("dict.txt")
    words: dict[str, int] = {}
    total = 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            word, freq, *_ = line.split(" ")
            words[word] = int(freq)
            total += int(freq)
    return words, total


def suggested_freqs(words: Iterable[str]) -> dict[str, int]:
    """For each word jieba can make a token of, the count jieba's ``suggest_freq(word)``
    gives against its dictionary: just enough for the word to be kept whole."""
    base = _base_words()
    total = _base_total()
    added: dict[str, int] = {}
    for w in sorted(set(words)):
        if not is_word_chars(w):
            continue
        p = 1.0
        for token in _cut_block(w, base, total, 16):
            p *= base.get(token, 1) / total
        added[w] = max(int(p * total) + 1, base.get(w, 1))
    return added


def extended_lexicon(added: Mapping[str, int]) -> Lexicon:
    """jieba's dictionary with ``added`` words (as jieba's ``add_word(w, freq)`` does:
    the count replaces the word's, and is added to the total)."""
    merged = {**_base_words(), **added}
    return Lexicon.of(merged, _base_total() + sum(added.values()))


@functools.cache
def base_lexicon() -> Lexicon:
    """jieba's dictionary as a :class:`Lexicon` (parsed on first use, about 0.5 s)."""
    return Lexicon.of(_base_words(), _base_total())


# --- jieba's dynamic program ------------------------------------------------------------


def _route(block: str, freq: Mapping[str, int], total: int, max_len: int) -> list[int]:
    """End (exclusive) of the word starting at each position on the best path."""
    n = len(block)
    log_total = math.log(total)
    best = [0.0] * (n + 1)
    end = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = []
        for j in range(i + 2, min(n, i + max_len) + 1):
            f = freq.get(block[i:j], 0)
            if f:
                options.append((math.log(f) - log_total + best[j], j - 1))
        # as jieba's DAG: the single character only if it is a word or nothing longer is
        one = freq.get(block[i], 0)
        if one or not options:
            options.append((math.log(one or 1) - log_total + best[i + 1], i))
        top = max(options)
        best[i], end[i] = top[0], top[1] + 1
    return end


def _cut_block(block: str, freq: Mapping[str, int], total: int, max_len: int) -> list[str]:
    """jieba's ``__cut_DAG_NO_HMM`` on one run of word characters."""
    return _tokens(block, _route(block, freq, total, max_len))


def _tokens(block: str, end: Sequence[int]) -> list[str]:
    out: list[str] = []
    buf = ""
    i = 0
    while i < len(block):
        word = block[i : end[i]]
        if len(word) == 1 and _ASCII_ALNUM.match(word):
            buf += word
        else:
            if buf:
                out.append(buf)
                buf = ""
            out.append(word)
        i = end[i]
    if buf:
        out.append(buf)
    return out


def cut(text: str, lexicon_words: Mapping[str, int] | None = None) -> list[str]:
    """``jieba.cut(text, HMM=False)`` with this module's dynamic program (slow, exact:
    for tests and short texts; :class:`WordFinder` is the fast path)."""
    freq = lexicon_words if lexicon_words is not None else _base_words()
    total = sum(freq.values())
    longest = max(map(len, freq), default=1)
    out: list[str] = []
    last = 0
    for m in _HAN_RUN.finditer(text):
        out.extend(text[last : m.start()])
        out.extend(_cut_block(m.group(), freq, total, longest))
        last = m.end()
    out.extend(text[last:])
    return out


# --- the fast path --------------------------------------------------------------------------

#: Automaton values: the marked word's index << 10 | its length << 2 | these flags.
_MARKED = 1  # a word to report (a term key)
_LEXICAL = 2  # a word of the lexicon (crosses boundaries)


class WordFinder:
    """Find marked words where they are words of the text (see the module docstring).

    Build once (:meth:`build`) per lexicon and set of marked words; :meth:`to_bytes` /
    :meth:`from_bytes` keep it, so a process loads it in milliseconds.
    """

    #: Changes when :meth:`to_bytes` writes something else.
    FORMAT = "wordfinder-3"

    def __init__(self, lexicon: Lexicon, automaton: object, marked: Sequence[str]) -> None:
        self.lexicon = lexicon
        self._automaton = automaton
        #: The marked words, in the order of the indexes :meth:`find` gives.
        self.marked = marked
        #: Segmentation of each ambiguous block met so far (UN text repeats them).
        self._blocks: dict[str, frozenset[int]] = {}
        #: Boundary decisions (1 or 0) by run and offset: ``run id << 12 | offset``.
        self._runs: dict[int, int] = {}
        #: Runs of word characters met so far, numbered.
        self._run_ids: dict[str, int] = {}

    @classmethod
    def build(cls, marked: Iterable[str]) -> WordFinder:
        import ahocorasick  # C extension: only needed to build

        marked = [m for m in set(marked) if m]
        added = suggested_freqs(marked)
        lexicon = extended_lexicon(added)
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        marked = sorted(w for w in marked if len(w) < 256)
        for i, w in enumerate(marked):
            flags = _MARKED | (_LEXICAL if w in added else 0)
            automaton.add_word(w, (i << 10) | (len(w) << 2) | flags)
        for w, f in _base_words().items():
            if f > 0 and len(w) > _SHORT and is_word_chars(w) and w not in automaton:
                automaton.add_word(w, (len(w) << 2) | _LEXICAL)
        if len(automaton) == 0:
            automaton.add_word("\x00", (1 << 2) | _LEXICAL)  # an automaton needs a word
        automaton.make_automaton()
        return cls(lexicon, automaton, marked)

    def to_bytes(self) -> bytes:
        return pickle.dumps(
            (self.lexicon.to_bytes(), self._automaton, list(self.marked)), protocol=5
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> WordFinder:
        lexicon, automaton, marked = pickle.loads(data)
        return cls(Lexicon.from_bytes(lexicon), automaton, marked)

    # -- finding ---------------------------------------------------------------------------

    def find(
        self, view: str
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """(starts, ends, word indexes) of every occurrence of a marked word of ``view``
        whose both ends are word boundaries, nested ones included, sorted by start and
        longest first; the index is that of the word in :attr:`marked`."""
        flat = np.fromiter(
            itertools.chain.from_iterable(self._automaton.iter(view)),  # type: ignore[attr-defined]
            dtype=np.int64,
        )
        if not flat.size:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        ends = flat[0::2] + 1
        values = flat[1::2]
        starts = ends - ((values >> 2) & 0xFF)
        marked = (values & _MARKED) != 0
        text = _Text(view)
        lexical = (values & _LEXICAL) != 0
        text.cover(starts[lexical], ends[lexical])
        s, e, ids = starts[marked], ends[marked], values[marked] >> 10
        ok = self.boundaries(text, np.concatenate([s, e]))
        good = ok[: s.size] & ok[s.size :]
        s, e, ids = s[good], e[good], ids[good]
        order = np.lexsort((s - e, s))
        return s[order], e[order], ids[order]

    def boundaries(self, text: _Text, positions: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """Whether each position of ``text`` is a word boundary.

        Whether a position inside a run of word characters is a boundary depends on that
        run alone (no word crosses its ends), and UN text repeats its runs (第七届会议,
        缔约国会议第 ...) by the thousand: decisions are remembered per run.
        """
        uniq, back = np.unique(positions, return_inverse=True)
        result = np.ones(uniq.size, dtype=bool)
        inner = np.flatnonzero(~text.edge(uniq))
        keys = text.run_keys(uniq[inner], self._run_ids)
        # one decision per distinct (run, offset), looked up or computed once
        distinct, first, where = np.unique(keys, return_index=True, return_inverse=True)
        known = self._runs
        decided = np.fromiter(
            (known.get(k, -1) for k in distinct.tolist()), dtype=np.int64, count=distinct.size
        )
        todo = np.flatnonzero(decided < 0)
        if todo.size:
            decided[todo] = self._compute(text, uniq[inner[first[todo]]])
            for k, ok in zip(distinct[todo].tolist(), decided[todo].tolist(), strict=True):
                if k >= 0:
                    known[k] = ok
        result[inner] = decided[where] > 0
        long_runs = inner[keys < 0]  # runs too long for a key are decided every time
        if long_runs.size:
            result[long_runs] = self._compute(text, uniq[long_runs])
        return result[back]

    def _compute(self, text: _Text, pos: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """Boundaries decided from the text: forced ones at once, the others by the best
        segmentation of their block."""
        glued = text.inside_ascii(pos)
        result = self._forced(text, pos) & ~glued
        open_ = np.flatnonzero(~result & ~glued)
        if open_.size:
            amb = pos[open_]
            lo = self._nearest_forced(text, amb, -1)
            hi = self._nearest_forced(text, amb, +1)
            view = text.view
            spans = list(zip(amb.tolist(), lo.tolist(), hi.tolist(), strict=True))
            blocks = self._blocks
            new = list({view[a:b] for _, a, b in spans} - blocks.keys())
            blocks.update(zip(new, self._cuts_many(new), strict=True))
            result[open_] = [(p - a) in blocks[view[a:b]] for p, a, b in spans]
        return result

    def _forced(self, text: _Text, pos: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """Boundaries no lexicon word crosses (or at the edge of a run of word chars)."""
        n = pos.size
        a = (pos[None, :] - _LEFT[:, None]).ravel()
        b = (pos[None, :] + _RIGHT[:, None]).ravel()
        inside = (a >= 0) & (b <= text.size)
        a, b = np.where(inside, a, 0), np.where(inside, b, 0)
        word = inside & ~text.breaks(a, b)
        hit = np.zeros(a.size, dtype=bool)
        hit[word] = self.lexicon.lookup(text.hashes(a[word], b[word])) > 0
        crossed = hit.reshape(_LEFT.size, n).any(axis=0) | text.covered(pos)
        return text.edge(pos) | ~crossed

    def _nearest_forced(
        self, text: _Text, pos: npt.NDArray[np.int64], step: int
    ) -> npt.NDArray[np.int64]:
        """For each position, the nearest forced boundary before (-1) or after (+1) it:
        a window of steps for all positions at once, then one step per round."""
        steps = np.arange(1, _WINDOW + 1) * step
        grid = pos[:, None] + steps[None, :]
        forced = self._forced(text, grid.ravel()).reshape(grid.shape)
        first = np.argmax(forced, axis=1)
        at: npt.NDArray[np.int64] = grid[np.arange(pos.size), first]
        todo = np.flatnonzero(~forced.any(axis=1))
        at[todo] = pos[todo] + (_WINDOW + 1) * step
        todo = todo[~self._forced(text, at[todo])]
        while todo.size:
            at[todo] += step
            todo = todo[~self._forced(text, at[todo])]
        return at

    def _cuts_many(self, blocks: Sequence[str]) -> list[frozenset[int]]:
        """Boundaries (offsets into each block) of its best segmentation, as jieba cuts;
        the words of all blocks are looked up in one pass."""
        if not blocks:
            return []
        longest = self.lexicon.max_len
        pieces = [
            b[i:j]
            for b in blocks
            for i in range(len(b))
            for j in range(i + 1, min(len(b), i + longest) + 1)
        ]
        counts = self.lexicon.freq_of(pieces).tolist()
        freq = {w: f for w, f in zip(pieces, counts, strict=True) if f}
        out = []
        for block in blocks:
            end = _route(block, freq, self.lexicon.total, min(len(block), longest))
            cuts = {0, len(block)}
            at = 0
            for token in _tokens(block, end):
                at += len(token)
                cuts.add(at)
            out.append(frozenset(cuts))
        return out


class _Text:
    """A view text with what the boundary checks need: code points, prefix hashes,
    coverage by long words."""

    def __init__(self, view: str) -> None:
        self.view = view
        self.size = len(view)
        cps = np.frombuffer(view.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        self.cps = cps
        self.word = _WORD_CHAR[cps]
        self.ascii = (
            ((cps >= 0x30) & (cps <= 0x39))
            | ((cps >= 0x61) & (cps <= 0x7A))
            | ((cps >= 0x41) & (cps <= 0x5A))
        )
        self._cover = np.zeros(self.size + 1, dtype=np.int64)
        self._hasher: SubstringHasher | None = None
        self._run_start: Ints | None = None
        self._run_end: Ints | None = None
        self._nonword: npt.NDArray[np.int64] | None = None

    def cover(self, starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64]) -> None:
        """Record words ``[a, b)`` found by the automaton: they cross ``a < p < b``."""
        long = ends - starts > 1
        diff = np.zeros(self.size + 2, dtype=np.int64)
        np.add.at(diff, starts[long] + 1, 1)
        np.add.at(diff, ends[long], -1)
        self._cover = np.cumsum(diff)[: self.size + 1]

    def covered(self, pos: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        return self._cover[np.clip(pos, 0, self.size)] > 0

    def edge(self, pos: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """Start or end of the text, or next to a character jieba does not join."""
        out = (pos <= 0) | (pos >= self.size)
        inner = ~out
        left = np.where(inner, pos - 1, 0)
        right = np.where(inner, pos, 0)
        edge: npt.NDArray[np.bool_] = out | (inner & (~self.word[left] | ~self.word[right]))
        return edge

    def breaks(self, a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """Whether ``text[a:b]`` has a character jieba does not join (no word there)."""
        if self._nonword is None:
            self._nonword = np.concatenate([[0], np.cumsum(~self.word)]).astype(np.int64)
        a = np.clip(a, 0, self.size)
        b = np.clip(b, 0, self.size)
        found: npt.NDArray[np.bool_] = (self._nonword[b] - self._nonword[a]) > 0
        return found

    def run_keys(self, pos: npt.NDArray[np.int64], ids: dict[str, int]) -> Ints:
        """For each inner position, ``id of its run << 12 | offset in the run`` (-1 for a
        run of 4,096 characters or more); ``ids`` numbers the runs (grown here)."""
        if not pos.size:  # (a text without two joined word characters)
            return np.zeros(0, dtype=np.int64)
        if self._run_start is None or self._run_end is None:
            word = self.word
            starts = np.flatnonzero(word & ~np.r_[False, word[:-1]])
            ends = np.flatnonzero(word & ~np.r_[word[1:], False]) + 1
            which = np.searchsorted(starts, np.arange(self.size), side="right") - 1
            self._run_start = starts[np.maximum(which, 0)]
            self._run_end = ends[np.maximum(which, 0)]
        # an inner position lies between two characters of the same run: use the left one
        rs = self._run_start[pos - 1]
        re_ = self._run_end[pos - 1]
        distinct, where = np.unique(rs, return_inverse=True)
        view = self.view
        spans = zip(distinct.tolist(), _ends_of(distinct, rs, re_), strict=True)
        run_of = np.fromiter(
            (ids.setdefault(view[a:b], len(ids)) for a, b in spans),
            dtype=np.int64,
            count=distinct.size,
        )
        keys: Ints = (run_of[where] << 12) | (pos - rs)
        return np.where(re_ - rs < 4096, keys, -1)

    def inside_ascii(self, pos: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """Between two ASCII letters or digits (inside one jieba token)."""
        inner = (pos > 0) & (pos < self.size)
        left = np.where(inner, pos - 1, 0)
        right = np.where(inner, pos, 0)
        return inner & self.ascii[left] & self.ascii[right]

    def hashes(self, a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]) -> npt.NDArray[np.uint64]:
        if self._hasher is None:
            self._hasher = SubstringHasher(self.cps)
        return self._hasher(a, b)


def _ends_of(distinct: Ints, rs: Ints, re_: Ints) -> list[int]:
    """The run end of each distinct run start (positions of one run share both)."""
    order = np.argsort(rs, kind="stable")
    first = order[np.searchsorted(rs[order], distinct)]
    ends: list[int] = re_[first].tolist()
    return ends
