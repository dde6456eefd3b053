"""Units prepared for storage and indexing a batch at a time.

Imports spend most of their time here, so the work is done per batch rather than per
unit wherever Python allows: one script conversion call, one tokenizer pass and one
skeleton translation over the joined texts of the batch, and numpy for the grams.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from untm.gramindex import GramIndex
from untm.text.grams import PACK_BITS, bigram_pairs, word_code
from untm.text.lang import Lang
from untm.text.normalize import EN_TOKEN_PATTERN, skeleton_of_key, skeletons, tm_keys

from .model import Segment, TranslationUnit

Int64s = npt.NDArray[np.int64]
_NEWLINE = -2  # code of the separator token between units
_PUNCT = -1  # code of punctuation tokens: counted in lengths, not indexed
_TOKENS_NL = re.compile(f"{EN_TOKEN_PATTERN}|\n")


def hash64(*parts: str) -> int:
    """Stable signed 64-bit hash (SQLite INTEGER) of text parts."""
    digest = hashlib.blake2b("\x00".join(parts).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def skeleton_hash(key: str) -> int:
    """32-bit hash of a key's skeleton, for finding placeable-only variants (verified later)."""
    return zlib.crc32(skeleton_of_key(key).encode("utf-8"))


def skeleton_hashes(keys: Sequence[str]) -> list[int]:
    """:func:`skeleton_hash` of many keys (they contain no line breaks)."""
    return [zlib.crc32(s.encode("utf-8")) for s in skeletons(keys)]


class WordCodes(dict[str, int]):
    """Token -> gram code, computed once per distinct token (punctuation is not indexed)."""

    def __missing__(self, token: str) -> int:
        if token == "\n":
            code = _NEWLINE
        elif token[0].isalnum() or token[0] == "_":
            code = word_code(token)
        else:
            code = _PUNCT
        self[token] = code
        return code


@dataclass(frozen=True, slots=True)
class Grams:
    """(gram, unit) pairs of a batch; ``owner`` indexes units within the batch."""

    grams: Int64s
    owner: Int64s


def gram_pairs(
    zh_keys: Sequence[str], en_keys: Sequence[str], codes: WordCodes
) -> tuple[Grams, Int64s]:
    """Grams of a batch (Chinese bigrams, English words) and the English token lengths.

    English keys are tokenized in one regex pass over the joined batch; each unit ends
    with a newline token, so a cumulative sum tells which unit a token belongs to.
    """
    n = len(zh_keys)
    local = np.arange(n, dtype=np.int64)
    zg, zo = bigram_pairs(list(zh_keys), local)
    flat = _TOKENS_NL.findall("\n".join(en_keys) + "\n")
    c = np.fromiter(map(codes.__getitem__, flat), dtype=np.int64, count=len(flat))
    newline = c == _NEWLINE
    unit = np.cumsum(newline) - newline
    en_len = np.bincount(unit[~newline], minlength=n).astype(np.int64)
    words = c >= 0
    if len(codes) > 2_000_000:  # bound the cache on huge imports
        codes.clear()
    return Grams(np.concatenate((zg, c[words])), np.concatenate((zo, unit[words]))), en_len


#: Columns of a prepared row, in order; the id is prepended when it is inserted.
ROW_COLUMNS = (
    "src_lang, zh, en, zh_key, en_key, zh_len, pair_hash, origin, changed, usage_count, "
    "zh_tag, en_tag, meta, en_len, zh_skel, en_skel"
)
CHANGED, USAGE = 8, 9  # positions in a row that merging updates
ZH, EN, ZH_KEY, EN_KEY = 1, 2, 3, 4
META_FIELDS = (
    "document",
    "created",
    "creator",
    "changer",
    "last_used",
    "context_prev",
    "context_next",
    "tuid",
)


@dataclass(frozen=True, slots=True)
class Batch:
    """Units ready for the database: rows without id, English length and skeletons.

    Plain tuples only, so a batch crosses a process boundary cheaply. The last three
    columns (and the index grams) are computed by :func:`finish` on the writing side,
    which balances the work of the reading and the writing process.
    """

    rows: list[tuple[object, ...]]
    pairs: list[int]


def finish(batch: Batch, codes: WordCodes) -> tuple[list[tuple[object, ...]], Grams]:
    """Complete rows (English token length and skeleton hashes appended) and grams."""
    rows = batch.rows
    zh_keys = [str(r[ZH_KEY] or r[ZH]) for r in rows]
    en_keys = [str(r[EN_KEY]) for r in rows]
    grams, en_len = gram_pairs(zh_keys, en_keys, codes)
    extra = zip(en_len.tolist(), skeleton_hashes(zh_keys), skeleton_hashes(en_keys), strict=True)
    return [(*r, *x) for r, x in zip(rows, extra, strict=True)], grams


def prepare(units: Sequence[TranslationUnit]) -> Batch:
    zh = [u.side(Lang.ZH) for u in units]
    en = [u.side(Lang.EN) for u in units]
    zh_keys = tm_keys([s.text for s in zh], Lang.ZH)
    en_keys = tm_keys([s.text for s in en], Lang.EN)
    pairs = [hash64(z.text, e.text) for z, e in zip(zh, en, strict=True)]
    rows = list(
        zip(
            [u.source.lang.value for u in units],
            [z.text for z in zh],
            [e.text for e in en],
            [None if k == z.text else k for k, z in zip(zh_keys, zh, strict=True)],
            en_keys,
            [len(k) for k in zh_keys],
            pairs,
            [u.origin or None for u in units],
            [u.changed or None for u in units],
            [max(1, u.usage_count) for u in units],
            [z.tag or None for z in zh],
            [e.tag or None for e in en],
            [_meta(u, z, e) for u, z, e in zip(units, zh, en, strict=True)],
            strict=True,
        )
    )
    return Batch(rows, pairs)


def _meta(u: TranslationUnit, zh: Segment, en: Segment) -> str | None:
    """The fields lookup never filters on, as JSON (None when all are empty)."""
    meta: dict[str, object] = {f: getattr(u, f) for f in META_FIELDS if getattr(u, f)}
    for seg in (zh, en):
        if seg.markup is not None:
            meta[f"{seg.lang.value}_markup"] = seg.markup
    if u.props:
        meta["props"] = [[x.value, x.type, x.where, x.lang] for x in u.props]
    return json.dumps(meta, ensure_ascii=False) if meta else None


def merge_rows(a: tuple[object, ...], b: tuple[object, ...]) -> tuple[object, ...]:
    """Two occurrences of one pair in an import: counts add, the latest change is kept."""
    out = list(a)
    out[USAGE] = int(str(a[USAGE])) + int(str(b[USAGE]))
    out[CHANGED] = max(str(a[CHANGED] or ""), str(b[CHANGED] or "")) or None
    return tuple(out)


class IndexWriter:
    """Collects the (gram, unit id) pairs of new units and writes them as index segments.

    Pairs are packed into one int64 (``gram << 20 | id - base``) per batch, so a segment
    costs 8 bytes per posting in memory and one sort to write.
    """

    SPAN = 1 << PACK_BITS

    def __init__(self, index: GramIndex, segment_units: int) -> None:
        self.index = index
        self.segment_units = segment_units
        self.base: int | None = None
        self.last = 0
        self.units = 0
        self.parts: list[Int64s] = []

    def add(self, ids: Int64s, grams: Grams) -> None:
        """Index units ``ids`` (increasing); ``grams.owner`` indexes into ``ids``."""
        if ids.size == 0:
            return
        first, last = int(ids[0]), int(ids[-1])
        if last - first >= self.SPAN:  # sparse ids (after deletions): cannot pack
            self.flush()
            self.index.add(grams.grams, ids[grams.owner])
            return
        if self.base is not None and (
            last - self.base >= self.SPAN or self.units >= self.segment_units
        ):
            self.flush()
        if self.base is None:
            self.base = first
        docs = ids[grams.owner]
        part = (grams.grams << PACK_BITS) | (docs - self.base)
        part.sort()  # small and cache-friendly; the flush then merges sorted runs
        distinct = np.ones(part.size, dtype=bool)  # a word twice in a segment counts once
        distinct[1:] = part[1:] != part[:-1]
        self.parts.append(part[distinct])
        self.units += int(ids.size)
        self.last = last

    def flush(self) -> None:
        """Write the collected postings as one segment, with few full-size temporaries.

        Parts hold different units, so they never share a pair and need no dedupe; the
        packed array is freed before the ids are handed to the index.
        """
        if self.parts and self.base is not None:
            packed = np.concatenate(self.parts)
            self.parts = []
            packed.sort(kind="stable")  # timsort: merging presorted runs is near linear
            grams = packed >> PACK_BITS
            starts = np.flatnonzero(np.r_[True, grams[1:] != grams[:-1]])
            gram_values = grams[starts].tolist()
            del grams
            packed &= (1 << PACK_BITS) - 1
            ids = packed.astype("<u4")
            del packed
            ids += np.uint32(self.base)
            self.index.write_segment(gram_values, starts, ids, self.units)
        self.base, self.units = None, 0
