"""Offset-keeping text views: a derived text and, per character, where it came from.

PDF clean-up (:mod:`untm.text.clean`), term matching and lint all work on a text
derived from the user's (line breaks joined, furniture removed, width and script
folded) but must report positions in the text as given. A :class:`TextView` carries
the derived text with the original index of each of its characters; views compose
(:meth:`TextView.then`), so a matching view of a cleaned text still points into the
user's file.

The matching views are the term-key normalization (:func:`untm.text.normalize.term_key`)
applied to running text:

* :func:`zh_view` drops whitespace and the quote and title marks term keys ignore, and
  folds width, script and case as term keys do (:func:`untm.text.normalize.fold_char`,
  then OpenCC t2s), one output character
  per input character wherever the folding allows;
* :func:`en_view` keeps word characters, folded as term keys fold English words, with
  one space between words.

Both are vectorized (numpy over code points), because lint builds them for every
segment it checks and ``terms find`` for megabytes of text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .normalize import ZH_KEY_DROP, fold_char, fold_en_word, to_simplified

__all__ = ["Edit", "TextView", "en_view", "zh_view"]

Offsets = npt.NDArray[np.int64]

#: Replace ``text[start:end]`` by a string (empty: delete).
Edit = tuple[int, int, str]


@dataclass(frozen=True, eq=False)
class TextView:
    """``text`` and ``offsets``: ``offsets[i]`` is the source index of ``text[i]`` and
    ``offsets[-1]`` the length of the source; offsets never decrease."""

    text: str
    offsets: Offsets

    def __post_init__(self) -> None:
        if not isinstance(self.offsets, np.ndarray):
            object.__setattr__(self, "offsets", np.asarray(self.offsets, dtype=np.int64))
        if len(self.offsets) != len(self.text) + 1:
            raise ValueError("a text view needs one offset per character plus the end")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TextView):
            return NotImplemented
        return self.text == other.text and np.array_equal(self.offsets, other.offsets)

    def __hash__(self) -> int:
        return hash(self.text)

    @classmethod
    def identity(cls, text: str) -> TextView:
        return cls(text, np.arange(len(text) + 1, dtype=np.int64))

    def origin(self, start: int, end: int) -> tuple[int, int]:
        """The source span that ``text[start:end]`` came from: from the first character's
        origin to just after the last one's (what was removed in between included)."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} is outside the view 0:{len(self.text)}")
        if start == end:
            return int(self.offsets[start]), int(self.offsets[start])
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1

    def then(self, derived: TextView) -> TextView:
        """The view ``derived`` (made from ``self.text``) with offsets into our source."""
        inner = np.minimum(derived.offsets, len(self.text))
        return TextView(derived.text, self.offsets[inner])

    def apply(self, edits: Sequence[Edit]) -> TextView:
        """The view with sorted, disjoint ``edits`` applied, offsets carried along.

        Done with numpy on the offsets and one join of the text, so that a megabyte
        with a hundred thousand edits stays fast. Replacement characters take the
        offset of the start of the span they replace.
        """
        edits = [e for e in edits if e[0] < e[1] or e[2]]
        if not edits:
            return self
        size = len(self.text) + 1
        columns = list(zip(*edits, strict=True))
        starts = np.array(columns[0], dtype=np.int64)
        ends = np.array(columns[1], dtype=np.int64)
        lengths = np.fromiter(map(len, columns[2]), dtype=np.int64, count=len(edits))
        depth = np.cumsum(np.bincount(starts, minlength=size) - np.bincount(ends, minlength=size))
        counts = (depth == 0).astype(np.int64)
        np.add.at(counts, starts, lengths)
        pieces: list[str] = []
        done = 0
        for start, end, replacement in edits:
            pieces += (self.text[done:start], replacement)
            done = end
        pieces.append(self.text[done:])
        return TextView("".join(pieces), np.repeat(self.offsets, counts))


# --- folding, one character at a time --------------------------------------------------

#: Per BMP code point: its folded code point, -1 if it folds to several characters
#: (then ``_MULTI`` has them), -2 if not yet computed. Filled lazily for the characters
#: a text has, because folding all 65,536 up front would cost every process 60 ms.
_FOLD = np.full(0x10000, -2, dtype=np.int64)
_MULTI: dict[int, str] = {}


def _fill(cps: npt.NDArray[np.int64]) -> None:
    todo = np.unique(cps[_FOLD[cps] == -2])
    for cp in todo.tolist():
        folded = fold_char(chr(cp))
        if len(folded) == 1:
            _FOLD[cp] = ord(folded)
        else:
            _FOLD[cp] = -1
            _MULTI[cp] = folded


#: Combining marks compose with their base under NFKC, which per-character folding
#: cannot do; texts that have them take the slow path.
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold_view(view: TextView) -> TextView:
    """Width, case (:func:`fold_char`) and script (t2s) of ``view.text``, offsets kept."""
    text = view.text
    if _COMBINING.search(text):
        return _fold_slow(view)
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)
    bmp = cps < 0x10000
    wide = np.flatnonzero(~bmp)
    small = cps[bmp]
    _fill(small)
    folded = cps.copy()
    folded[bmp] = _FOLD[small]
    offsets = view.offsets
    multi = np.flatnonzero(folded == -1)
    if wide.size:  # outside the BMP: fold one by one (rare: extension-B characters)
        for i in wide.tolist():
            one = fold_char(chr(int(cps[i])))
            if len(one) == 1:
                folded[i] = ord(one)
            else:
                folded[i] = -1
                _MULTI[int(cps[i])] = one
        multi = np.flatnonzero(folded == -1)
    if multi.size:
        out_text, out_offsets = _expand(cps, folded, multi, offsets)
    else:
        out_text = folded.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")
        out_offsets = offsets
    simplified = to_simplified(out_text)
    if len(simplified) != len(out_text):  # OpenCC changed a length: go piece by piece
        return _fold_slow(view)
    return TextView(simplified, out_offsets)


def _expand(
    cps: npt.NDArray[np.int64],
    folded: npt.NDArray[np.int64],
    multi: npt.NDArray[np.int64],
    offsets: Offsets,
) -> tuple[str, Offsets]:
    """Text and offsets where some characters fold to several (``…`` -> ``...``)."""
    counts = np.ones(cps.size, dtype=np.int64)
    pieces = []
    last = 0
    for i in multi.tolist():
        pieces.append(folded[last:i].astype("<u4").tobytes().decode("utf-32-le", "surrogatepass"))
        one = _MULTI[int(cps[i])]
        pieces.append(one)
        counts[i] = len(one)
        last = i + 1
    pieces.append(folded[last:].astype("<u4").tobytes().decode("utf-32-le", "surrogatepass"))
    out = np.repeat(offsets[:-1], counts)
    return "".join(pieces), np.append(out, offsets[-1])


def _fold_slow(view: TextView) -> TextView:
    """:func:`fold_view` character by character (combining marks, length-changing t2s)."""
    chars: list[str] = []
    offs: list[int] = []
    for ch, off in zip(view.text, view.offsets[:-1].tolist(), strict=True):
        one = to_simplified(fold_char(ch))
        chars.append(one)
        offs.extend([off] * len(one))
    offs.append(int(view.offsets[-1]))
    return TextView("".join(chars), np.array(offs, dtype=np.int64))


# --- matching views ----------------------------------------------------------------------

_ZH_DROP_TABLE = np.zeros(0x110000, dtype=bool)
for _ch in ZH_KEY_DROP:
    _ZH_DROP_TABLE[ord(_ch)] = True
_WS = re.compile(r"\s")
for _cp in range(0x3100):
    if _WS.match(chr(_cp)):
        _ZH_DROP_TABLE[_cp] = True


def zh_view(text: str, source: TextView | None = None) -> TextView:
    """The Chinese matching view of ``text`` (offsets into ``source``'s source if given)."""
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    keep = np.flatnonzero(~_ZH_DROP_TABLE[cps])
    kept = cps[keep].tobytes().decode("utf-32-le", "surrogatepass")
    view = fold_view(TextView(kept, np.append(keep.astype(np.int64), len(text))))
    return source.then(view) if source is not None else view


# An English word: word characters and "&", but not CJK (in "由UNODC提供" the word is UNODC).
_CJK_CHARS = (
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0003134f"
)
_EN_WORD_SPLIT = re.compile(rf"((?:[^\W{_CJK_CHARS}]|&)+)")


def en_view(text: str, source: TextView | None = None) -> TextView:
    """The English matching view: words folded as term keys fold them, one space apart."""
    # split() alternates gaps and words: their lengths give the offsets without a
    # match object per word (Chinese text has tens of thousands of numbers and symbols)
    parts = _EN_WORD_SPLIT.split(text)
    if len(parts) == 1:
        view = TextView("", np.array([len(text)], dtype=np.int64))
        return source.then(view) if source is not None else view
    bounds = np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)))
    fold = _en_fold
    words = list(map(fold, parts[1::2]))
    keep = np.flatnonzero(np.fromiter(map(bool, words), dtype=bool, count=len(words)))
    if keep.size < len(words):
        words = [words[i] for i in keep.tolist()]
    starts, ends = bounds[0::2][:-1][keep], bounds[1::2][keep]
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    # Per word: one offset per folded character (clamped to the word's last character, so
    # a folded plural "parties" -> "party" still ends where the word ends), then the
    # separating space, which maps to the start of the next word.
    sizes = lengths + 1
    sizes[-1] = lengths[-1]
    first = np.repeat(np.cumsum(sizes) - sizes, sizes)
    inner = np.arange(int(sizes.sum()), dtype=np.int64) - first
    word_start = np.repeat(starts, sizes)
    word_last = np.repeat(ends - 1, sizes)
    word_len = np.repeat(lengths, sizes)
    offs = np.where(inner == word_len - 1, word_last, np.minimum(word_start + inner, word_last))
    is_space = inner == word_len
    nxt = np.repeat(np.r_[starts[1:], len(text)], sizes)
    offs = np.where(is_space, nxt, offs)
    view = TextView(" ".join(words), np.append(offs, len(text)))
    return source.then(view) if source is not None else view


@functools.lru_cache(maxsize=1 << 16)
def _en_fold(word: str) -> str:
    # as term keys fold words: plural, and anti-/non- split off ("anticorruption")
    return fold_en_word(unicodedata.normalize("NFKC", word).casefold())
