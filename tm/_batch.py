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
from typing import NamedTuple

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


class Row(NamedTuple):
    """One unit as the columns of ``tm_units`` (without its id and English token length,
    which the writing side adds: see :func:`finish`)."""

    src_lang: str
    zh: str
    en: str
    zh_key: str | None  # None when the key equals the text (most Chinese segments)
    en_key: str
    zh_len: int
    pair_hash: int
    origin: str | None
    changed: str | None
    usage_count: int
    zh_tag: str | None
    en_tag: str | None
    meta: str | None


#: The columns a finished row is inserted into, in order (the id is prepended).
ROW_COLUMNS = ", ".join((*Row._fields, "en_len"))
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
    """Units ready for the database: one :class:`Row` each.

    Plain tuples only, so a batch crosses a process boundary cheaply. The English token
    lengths (and the index grams) are computed by :func:`finish` on the writing side,
    which balances the work of the reading and the writing process.
    """

    rows: list[Row]

    def __reduce__(self) -> tuple[object, tuple[list[tuple[object, ...]]]]:
        # Sent as plain tuples: pickle writes a NamedTuple instance as a call of its
        # class, five times slower to write, and this crosses the pipeline per batch.
        return _batch_of, (list(map(tuple, self.rows)),)


def _batch_of(rows: list[tuple[object, ...]]) -> Batch:
    return Batch(list(map(Row._make, rows)))


@dataclass(frozen=True, slots=True)
class Finished:
    """A batch as it is written: its rows, their English token lengths, their grams."""

    rows: list[Row]
    en_lens: list[int]
    grams: Grams

    def values(self, first_id: int) -> list[tuple[object, ...]]:
        """The INSERT parameters of ``ROW_COLUMNS``, row ``i`` with id ``first_id + i``."""
        pairs = zip(self.rows, self.en_lens, strict=True)
        return [(first_id + i, *row, n) for i, (row, n) in enumerate(pairs)]


def finish(batch: Batch) -> Finished:
    """English token lengths and grams of a batch."""
    rows = batch.rows
    zh_keys = [r.zh_key or r.zh for r in rows]
    en_keys = [r.en_key for r in rows]
    grams, en_len = gram_pairs(zh_keys, en_keys)
    return Finished(rows, en_len.tolist(), grams)


def prepare(units: Sequence[TranslationUnit]) -> Batch:
    zh = [u.side(Lang.ZH) for u in units]
    en = [u.side(Lang.EN) for u in units]
    zh_keys = tm_keys([s.text for s in zh], Lang.ZH)
    en_keys = tm_keys([s.text for s in en], Lang.EN)
    columns = zip(
        [u.source.lang.value for u in units],
        [z.text for z in zh],
        [e.text for e in en],
        [None if k == z.text else k for k, z in zip(zh_keys, zh, strict=True)],
        en_keys,
        [len(k) for k in zh_keys],
        [hash64(z.text, e.text) for z, e in zip(zh, en, strict=True)],
        [u.origin or None for u in units],
        [u.changed or None for u in units],
        [min(max(0, u.usage_count), MAX_USAGE_COUNT) for u in units],  # no count: unused
        [z.tag or None for z in zh],
        [e.tag or None for e in en],
        [_meta(u, z, e) for u, z, e in zip(units, zh, en, strict=True)],
        strict=True,
    )
    return Batch(list(map(Row._make, columns)))


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
