"""Integer gram codes for the candidate indexes (termbase fuzzy/contains and TM lookup).

A gram is encoded as one non-negative int64 so that posting lists can be keyed by an
INTEGER column and computed with numpy in bulk:

* Chinese character bigram ``ab``: ``ord(a) << 21 | ord(b)`` (below 2**42);
* single character (only for one-character keys): ``ord(c)`` (below 2**21);
* character trigram of BMP characters (English termbase keys): ``a << 42 | b << 21 | c``
  (between 2**42 and 2**58);
* English word (TM keys): ``1 << 42 | crc32(word)`` (between 2**42 and 2**42 + 2**32);
* trigram with a character outside the BMP: ``1 << 62 | crc32(trigram)``.

The ranges do not overlap for real text (a trigram code reaches the word range only if
it starts with U+0001), so one posting table can hold every kind. TM codes stay below
2**43, which lets an index pack (gram, document) pairs into one int64 to sort them.
Word codes can collide (crc32); that only adds a candidate, which exact rescoring rejects.
"""

from __future__ import annotations

import functools
import itertools
import zlib

import numpy as np
import numpy.typing as npt

from .normalize import words

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


@functools.lru_cache(maxsize=1 << 20)
def word_code(word: str) -> int:
    return WORD_FLAG | zlib.crc32(word.encode("utf-8"))


def word_grams(key: str) -> list[int]:
    """Distinct word codes of an English key."""
    return list({word_code(w) for w in words(key)})


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
