"""Integer gram codes of the gram index (``untm.gramindex``): termbase and TM candidates.

This is encoding only; which grams a text has (tokenization) is decided in ``untm.text``.

A gram is encoded as one non-negative int64 so that posting lists can be keyed by an
INTEGER column and computed with numpy in bulk:

* Chinese character bigram ``ab``: ``ord(a) << 21 | ord(b)`` (below 2**42);
* single character (only for one-character keys): ``ord(c)`` (below 2**21);
* character trigram of BMP characters (English termbase keys): ``a << 42 | b << 21 | c``
  (between 2**42 and 2**58);
* English word (TM keys): ``1 << 42 | h`` with ``h`` the top 32 bits of a polynomial hash
  of the word (:func:`word_hash`), between 2**42 and 2**42 + 2**32;
* trigram with a character outside the BMP: ``1 << 62 | crc32(trigram)``;
* skeleton of a TM key (:func:`untm.text.normalize.skeleton_of_key`): ``1 << 42 | 1 << 33
  | h`` for the Chinese side, ``1 << 42 | 1 << 34 | h`` for the English side, ``h`` the
  low 16 bits of its crc32: units differing only in placeables share a posting list.
  Nearly every skeleton is unique, so a full hash would add a row per unit and side to
  the index; 65,536 buckets a side keep it small, and lookup checks each candidate's
  skeleton anyway.

The ranges do not overlap for real text (a trigram code reaches the word range only if
it starts with U+0001), so one posting table can hold every kind. TM codes stay below
2**43, which lets an index pack (gram, document) pairs into one int64 to sort them.
Word codes can collide; that only adds a candidate, which exact rescoring rejects. The
word hash is polynomial rather than crc32 because an import computes it for tens of
millions of words at once with numpy (:func:`en_token_grams`), and a query for its few
words in Python; both must agree exactly.
"""

from __future__ import annotations

import functools
import itertools
import zlib
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

WORD_FLAG = 1 << 42
_WIDE_FLAG = 1 << 62
_SHIFT = 21
_PACK = PACK_BITS = 20  # document bits when packing (gram, doc) pairs; grams use 43


def char_bigrams(key: str) -> list[int]:
    """Distinct character bigram codes of a key (a one-character key gives its unigram)."""
    if len(key) < 2:
        return [ord(key)] if key else []
    return list({(ord(a) << _SHIFT) | ord(b) for a, b in itertools.pairwise(key)})


def char_trigrams(key: str) -> list[int]:
    """Distinct character trigram codes of `` key `` (padded, so short words still count)."""
    padded = f" {key} "
    out: set[int] = set()
    for a, b, c in zip(padded, padded[1:], padded[2:], strict=False):
        oa, ob, oc = ord(a), ord(b), ord(c)
        if oa < 0x10000 and ob < 0x10000 and oc < 0x10000:
            out.add((oa << 42) | (ob << _SHIFT) | oc)
        else:  # outside the BMP: fold into the word range, collisions are harmless
            out.add(_WIDE_FLAG | zlib.crc32(f"{a}{b}{c}".encode()))
    return list(out)


#: Recorded in the database: a memory indexed with other gram codes is re-indexed.
TM_GRAMS = "words:poly64-9e3779b97f4a7c15;skeletons:crc32/16"
_SKELETON_FLAG = {"zh": WORD_FLAG | 1 << 33, "en": WORD_FLAG | 1 << 34}
#: Odd multiplier of the word hash (invertible modulo 2**64) and its inverse.
_HASH_P = 0x9E3779B97F4A7C15
_HASH_P_INV = pow(_HASH_P, -1, 1 << 64)
_MASK64 = (1 << 64) - 1


def word_hash(word: str) -> int:
    """``sum((ord(c) + 1) * P**i)`` over the characters of ``word``, modulo 2**64."""
    h, p = 0, 1
    for ch in word:
        h = (h + (ord(ch) + 1) * p) & _MASK64
        p = (p * _HASH_P) & _MASK64
    return h


def skeleton_code(skeleton: str, side: str) -> int:
    """Gram code of a skeleton on the ``zh`` or ``en`` side of a unit."""
    return _SKELETON_FLAG[side] | (zlib.crc32(skeleton.encode("utf-8")) & 0xFFFF)


def skeleton_codes(skeletons: list[str], side: str) -> npt.NDArray[np.int64]:
    flag = _SKELETON_FLAG[side]
    return np.fromiter(
        (flag | (zlib.crc32(s.encode("utf-8")) & 0xFFFF) for s in skeletons),
        dtype=np.int64,
        count=len(skeletons),
    )


@functools.lru_cache(maxsize=1 << 16)
def word_code(word: str) -> int:
    return WORD_FLAG | (word_hash(word) >> 32)


def word_grams(words: Iterable[str]) -> list[int]:
    """Distinct word codes of the words of an English key (``untm.text.normalize.words``)."""
    return list({word_code(w) for w in words})


def bigram_pairs(
    keys: list[str], doc_ids: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(gram, doc) pairs of the character bigrams of many keys at once, deduplicated.

    Vectorized because TM imports index millions of segments: the keys are joined with
    a separator that never occurs in a key, decoded to code points in one go, and
    bigrams that touch a separator are dropped.
    """
    if not keys:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    lengths = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
    joined = "\x00".join(keys) + "\x00"
    cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    owner = np.repeat(doc_ids.astype(np.int64), lengths + 1)
    grams = (cps[:-1] << _SHIFT) | cps[1:]
    valid = (cps[:-1] != 0) & (cps[1:] != 0)
    grams, docs = grams[valid], owner[:-1][valid]
    # one-character keys are indexed by their unigram
    single = np.flatnonzero(lengths == 1)
    if single.size:
        starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))[single]
        grams = np.concatenate((grams, cps[starts]))
        docs = np.concatenate((docs, doc_ids.astype(np.int64)[single]))
    return dedupe_pairs(grams, docs)


def dedupe_pairs(
    grams: npt.NDArray[np.int64], docs: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Drop repeated (gram, doc) pairs; returns them sorted by gram, then doc.

    When grams fit in 43 bits and the documents span fewer than 2**20 ids (every TM
    batch), each pair is packed into one int64 and sorted once: half the memory of a
    lexsort and several times faster on millions of pairs.
    """
    if grams.size == 0:
        return grams, docs
    base = int(docs.min())
    if int(grams.max()) < (1 << 43) and int(docs.max()) - base < (1 << _PACK):
        packed = np.sort((grams << _PACK) | (docs - base))
        keep = np.ones(packed.size, dtype=bool)
        keep[1:] = packed[1:] != packed[:-1]
        packed = packed[keep]
        return packed >> _PACK, (packed & ((1 << _PACK) - 1)) + base
    order = np.lexsort((docs, grams))
    g, d = grams[order], docs[order]
    keep = np.ones(g.size, dtype=bool)
    keep[1:] = (g[1:] != g[:-1]) | (d[1:] != d[:-1])
    return g[keep], d[keep]


# English scoring tokens, vectorized: a word is a run of word characters (``str.isalnum``
# or ``_``) that may contain single joiners (``- ' ’ .``) between word characters; every
# other character that is not white space is a token of its own. This is exactly
# ``untm.text.normalize.EN_TOKEN_PATTERN`` (a property test holds the two together).
_WORD, _SPACE, _JOINER, _OTHER = 1, 2, 3, 4


@functools.cache
def _en_classes() -> npt.NDArray[np.uint8]:
    table = np.full(0x10000, _OTHER, dtype=np.uint8)
    for cp in range(0x10000):
        ch = chr(cp)
        if ch.isalnum() or ch == "_":
            table[cp] = _WORD
        elif ch.isspace():
            table[cp] = _SPACE
    for ch in "-'’.":
        table[ord(ch)] = _JOINER
    return table


def _char_classes(cps: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint8]:
    cls = _en_classes()[np.minimum(cps, 0xFFFF)]
    for i in np.flatnonzero(cps > 0xFFFF).tolist():  # rare: outside the BMP
        ch = chr(int(cps[i]))
        cls[i] = _WORD if ch.isalnum() or ch == "_" else _SPACE if ch.isspace() else _OTHER
    return cls


def en_token_grams(
    keys: list[str],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(word codes, their key's position, token count of each key) of English TM keys.

    Keys hold no line break (white space is collapsed in a key). Word codes equal
    ``word_code`` of ``untm.text.normalize.words(key)``, repeats included, and the counts
    equal ``len(tokens(key, Lang.EN))``.
    """
    n = len(keys)
    empty = np.zeros(0, dtype=np.int64)
    if n == 0:
        return empty, empty, empty
    cps = np.frombuffer(("\n".join(keys) + "\n").encode("utf-32-le"), dtype=np.uint32)
    cls = _char_classes(cps)
    word = cls == _WORD
    before = np.r_[False, word[:-1]]
    after = np.r_[word[1:], False]
    part = word | ((cls == _JOINER) & before & after)
    first = part & ~np.r_[False, part[:-1]]
    last = part & ~np.r_[part[1:], False]
    other = ~part & (cls != _SPACE)
    newline = cps == 10
    unit = np.cumsum(newline) - newline
    counts = np.bincount(unit[first | other], minlength=n).astype(np.int64)
    starts, ends = np.flatnonzero(first), np.flatnonzero(last) + 1
    return (
        WORD_FLAG | (span_hashes(cps, starts, ends) >> np.uint64(32)).astype(np.int64),
        unit[starts].astype(np.int64),
        counts,
    )


def span_hashes(
    cps: npt.NDArray[np.uint32], starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64]
) -> npt.NDArray[np.uint64]:
    """:func:`word_hash` of ``text[s:e]`` for every span: prefix sums of ``c * P**i``
    (wrapping at 2**64), then the difference shifted back by ``P**-s``."""
    size = cps.size
    powers, inverse = _powers(size)
    with np.errstate(over="ignore"):
        prefix = np.zeros(size + 1, dtype=np.uint64)
        np.cumsum((cps.astype(np.uint64) + np.uint64(1)) * powers, dtype=np.uint64, out=prefix[1:])
        return (prefix[ends] - prefix[starts]) * inverse[starts]


_POWERS: list[npt.NDArray[np.uint64]] = []


def _powers(size: int) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    """``P**i`` and ``P**-i`` for i < size (kept: every batch of an import needs them)."""
    if not _POWERS or _POWERS[0].size < size:
        n = max(size, 1 << 20)
        out = []
        for base in (_HASH_P, _HASH_P_INV):
            arr = np.full(n, base, dtype=np.uint64)
            arr[0] = 1
            with np.errstate(over="ignore"):
                out.append(np.multiply.accumulate(arr))
        _POWERS[:] = out
    return _POWERS[0][:size], _POWERS[1][:size]


class SubstringHasher:
    """:func:`word_hash` of any substring of one text in O(1), vectorized: prefix sums of
    ``(c + 1) * P**i``, the difference shifted back by ``P**-a``."""

    def __init__(self, cps: npt.NDArray[np.uint32]) -> None:
        size = cps.size
        powers, self._inverse = _powers(size + 1)
        with np.errstate(over="ignore"):
            prefix = np.zeros(size + 1, dtype=np.uint64)
            np.cumsum(
                (cps.astype(np.uint64) + np.uint64(1)) * powers[:size],
                dtype=np.uint64,
                out=prefix[1:],
            )
        self._prefix = prefix

    def __call__(
        self, a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.uint64]:
        """Hashes of ``text[a[i]:b[i]]``."""
        with np.errstate(over="ignore"):
            out: npt.NDArray[np.uint64] = (self._prefix[b] - self._prefix[a]) * self._inverse[a]
        return out
