"""Units prepared for storage and indexing a batch at a time.

Imports spend most of their time here, so the work is done per batch rather than per
unit wherever Python allows: one script conversion call, one tokenizer pass and one
skeleton translation over the joined texts of the batch, and numpy for the grams.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from untm.grams import bigram_pairs, en_token_grams, skeleton_codes
from untm.text.lang import Lang
from untm.text.normalize import skeletons, tm_keys

from .model import MAX_USAGE_COUNT, Segment, TranslationUnit

Int64s = npt.NDArray[np.int64]


def hash64(*parts: str) -> int:
    """Stable signed 64-bit hash (SQLite INTEGER) of text parts."""
    digest = hashlib.blake2b("\x00".join(parts).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


@dataclass(frozen=True, slots=True)
class Grams:
    """(gram, unit) pairs of a batch; ``owner`` indexes units within the batch."""

    grams: Int64s
    owner: Int64s


def gram_pairs(zh_keys: Sequence[str], en_keys: Sequence[str]) -> tuple[Grams, Int64s]:
    """Grams of a batch and the English token lengths, computed over the whole batch at
    once with numpy: Chinese bigrams, English words, and each side's skeleton."""
    n = len(zh_keys)
    local = np.arange(n, dtype=np.int64)
    zg, zo = bigram_pairs(list(zh_keys), local)
    eg, eo, en_len = en_token_grams(list(en_keys))
    zs = skeleton_codes(skeletons(zh_keys), "zh")
    es = skeleton_codes(skeletons(en_keys), "en")
    grams = np.concatenate((zg, eg, zs, es))
    return Grams(grams, np.concatenate((zo, eo, local, local))), en_len


#: Columns of a prepared row, in order; the id is prepended when it is inserted.
ROW_COLUMNS = (
    "src_lang, zh, en, zh_key, en_key, zh_len, pair_hash, origin, changed, usage_count, "
    "zh_tag, en_tag, meta, en_len"
)
ZH_LEN, EN_LEN = 5, 13  # positions of the token lengths in a finished row
ZH, EN, ZH_KEY, EN_KEY, PAIR, ORIGIN = 1, 2, 3, 4, 6, 7
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
    """Units ready for the database: rows without id and English length.

    Plain tuples only, so a batch crosses a process boundary cheaply. The last three
    columns (and the index grams) are computed by :func:`finish` on the writing side,
    which balances the work of the reading and the writing process.
    """

    rows: list[tuple[object, ...]]
    pairs: list[int]


def finish(batch: Batch) -> tuple[list[tuple[object, ...]], Grams]:
    """Complete rows (English token length appended) and grams."""
    rows = batch.rows
    zh_keys = [str(r[ZH_KEY] or r[ZH]) for r in rows]
    en_keys = [str(r[EN_KEY]) for r in rows]
    grams, en_len = gram_pairs(zh_keys, en_keys)
    return [(*r, n) for r, n in zip(rows, en_len.tolist(), strict=True)], grams


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
            [min(max(0, u.usage_count), MAX_USAGE_COUNT) for u in units],  # no count: unused
            [z.tag or None for z in zh],
            [e.tag or None for e in en],
            [_meta(u, z, e) for u, z, e in zip(units, zh, en, strict=True)],
            strict=True,
        )
    )
    return Batch(rows, pairs)


def _meta(u: TranslationUnit, zh: Segment, en: Segment) -> str | None:
    """The fields lookup never filters on, as JSON (None when all are empty).

    Props are ``[value, type, where, lang]`` lists (``encoding`` appended when there is
    one); TMX attributes of the unit (``attrs``) and of each side (``zh_attrs``...) are
    ``[name, value]`` lists in file order.
    """
    meta: dict[str, object] = {f: getattr(u, f) for f in META_FIELDS if getattr(u, f)}
    for seg in (zh, en):
        if seg.markup is not None:
            meta[f"{seg.lang.value}_markup"] = seg.markup
        if seg.attrs:
            meta[f"{seg.lang.value}_attrs"] = [list(a) for a in seg.attrs]
    if u.props:
        meta["props"] = [
            [x.value, x.type, x.where, x.lang, x.encoding]
            if x.encoding
            else [x.value, x.type, x.where, x.lang]
            for x in u.props
        ]
    if u.attrs:
        meta["attrs"] = [list(a) for a in u.attrs]
    return json.dumps(meta, ensure_ascii=False) if meta else None
