"""Translation-memory storage in the untm SQLite file.

``tm_units`` holds one row per Chinese-English pair: plain text and inline markup of
each side, the normalized keys the scorer compares, token lengths (for the length
filter), skeleton hashes (for placeable-only matches), provenance, dates, usage count,
context, and every TMX prop and note as JSON. Identical pairs merge on a 64-bit hash of
the two texts: usage counts add, the latest change date is kept.

``tm_grams`` (:class:`untm.gramindex.GramIndex`) indexes every unit under the character
bigrams of its Chinese key and the words of its English key; an import adds one index
segment for the units it added.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from untm.db import Database
from untm.gramindex import GramIndex
from untm.text.grams import PACK_BITS, bigram_pairs, word_code
from untm.text.lang import Lang
from untm.text.normalize import skeleton_of_key, tm_keys, tokens

from .model import Prop, Segment, TmStats, TranslationUnit

BATCH = 5_000  # units per executemany
INDEX_BATCH = 250_000  # units per index segment (bounded memory while importing)

_COLUMNS = (
    "id, src_lang, zh, en, zh_key, en_key, zh_len, en_len, zh_skel, en_skel, pair_hash, "
    "origin, changed, usage_count, zh_tag, en_tag, meta"
)
_SELECT = f"SELECT {_COLUMNS} FROM tm_units"
_ZH_KEY = "coalesce(zh_key, zh)"  # the Chinese key is stored only when it differs


def ensure_schema(db: Database) -> None:
    """Create the memory tables (idempotent)."""
    db.conn.execute(
        "CREATE TABLE IF NOT EXISTS tm_units ("
        "id INTEGER PRIMARY KEY, src_lang TEXT NOT NULL, zh TEXT NOT NULL, en TEXT NOT NULL, "
        "zh_key TEXT, en_key TEXT NOT NULL, zh_len INTEGER NOT NULL, en_len INTEGER NOT NULL, "
        "zh_skel INTEGER NOT NULL, en_skel INTEGER NOT NULL, pair_hash INTEGER NOT NULL UNIQUE, "
        "origin TEXT, changed TEXT, usage_count INTEGER NOT NULL DEFAULT 0, zh_tag TEXT, "
        "en_tag TEXT, meta TEXT)"
    )
    for col in ("zh_skel", "en_skel", "zh_len", "en_len"):
        db.conn.execute(f"CREATE INDEX IF NOT EXISTS tm_units_{col} ON tm_units({col})")
    GramIndex(db.conn, "tm_grams").create()


def hash64(*parts: str) -> int:
    """Stable signed 64-bit hash (SQLite INTEGER) of text parts."""
    digest = hashlib.blake2b("\x00".join(parts).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def skeleton_hash(key: str) -> int:
    """32-bit hash of a key's skeleton, for finding placeable-only variants (verified later)."""
    return zlib.crc32(skeleton_of_key(key).encode("utf-8"))


@dataclass(frozen=True, slots=True)
class Candidate:
    """What lookup needs to rescore a unit: its key on the query side and its recency."""

    id: int
    key: str
    length: int
    text: str
    changed: str


@dataclass(slots=True)
class _Prepared:
    """A unit ready for the database: keys, lengths, hashes and English tokens."""

    unit: TranslationUnit
    zh: Segment
    en: Segment
    zh_key: str
    en_key: str
    en_tokens: list[str]
    pair: int


class TmStore:
    """The embedded memory."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self.index = GramIndex(db.conn, "tm_grams")

    # -- writing -----------------------------------------------------------------------

    def add_units(
        self,
        units: Iterable[TranslationUnit],
        *,
        on_batch: Callable[[int], None] | None = None,
    ) -> tuple[int, int]:
        """Add units (merging identical pairs) and index the new ones; returns (added, read).

        Runs inside the caller's transaction if there is one, else in its own. New units
        get consecutive ids, so their index postings are built from the keys in memory and
        written one segment per ``INDEX_BATCH`` units.
        """
        with self.db.transaction():
            writer = _IndexWriter(self.index)
            next_id = self._next_id()
            read = added = 0
            for batch in _batches(units, BATCH):
                new = self._insert(batch, next_id)
                writer.add(next_id, new)
                next_id += len(new)
                added += len(new)
                read += len(batch)
                if on_batch:
                    on_batch(read)
            writer.flush()
            self.db.set_meta("tm_next_id", str(next_id))
        return added, read

    def _next_id(self) -> int:
        stored = self.db.meta("tm_next_id")
        top = self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM tm_units").fetchone()[0]
        return max(int(stored or 0), int(top))

    def _insert(self, batch: Sequence[TranslationUnit], first_id: int) -> list[_Prepared]:
        """Merge the batch's known pairs, insert the others; returns those inserted, in id order."""
        prepared = _prepare(batch)
        existing = self._existing([p.pair for p in prepared])
        new: dict[int, _Prepared] = {}
        merges: list[tuple[int, str, int]] = []
        for p in prepared:
            if p.pair in existing or p.pair in new:
                target = existing.get(p.pair)
                if target is None:  # repeated inside this import: merge into the new row
                    first = new[p.pair]
                    first.unit = _merged(first.unit, p.unit)
                else:
                    merges.append((max(1, p.unit.usage_count), p.unit.changed, target))
                continue
            new[p.pair] = p
        rows = [_row(first_id + i, p) for i, p in enumerate(new.values())]
        self.conn.executemany(
            f"INSERT INTO tm_units ({_COLUMNS}) VALUES ({','.join('?' * 17)})", rows
        )
        self.conn.executemany(
            "UPDATE tm_units SET usage_count = usage_count + ?, "
            "changed = max(coalesce(changed, ''), ?) WHERE id = ?",
            merges,
        )
        return list(new.values())

    def _existing(self, hashes: Sequence[int]) -> dict[int, int]:
        found: dict[int, int] = {}
        for i in range(0, len(hashes), 500):
            chunk = hashes[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for h, uid in self.conn.execute(
                f"SELECT pair_hash, id FROM tm_units WHERE pair_hash IN ({marks})", chunk
            ):
                found[int(h)] = int(uid)
        return found

    def _index_from(self, first_id: int) -> int:
        """Index stored units with id >= first_id from their keys; returns the count."""
        writer = _IndexWriter(self.index)
        last, count = first_id - 1, 0
        while True:
            rows = self.conn.execute(
                f"SELECT id, {_ZH_KEY}, en_key FROM tm_units WHERE id > ? ORDER BY id LIMIT ?",
                (last, BATCH * 4),
            ).fetchall()
            if not rows:
                writer.flush()
                return count
            for r in rows:
                writer.add_one(int(r[0]), r[1], tokens(r[2], Lang.EN))
            count += len(rows)
            last = int(rows[-1][0])

    def reindex(self) -> None:
        """Rebuild the whole index (drops ids of deleted units)."""
        with self.db.transaction():
            self.index.clear()
            self._index_from(0)

    def delete(self, *, origin: str) -> int:
        """Delete the units imported from ``origin``; returns how many.

        Deleted ids stay in the index until :meth:`reindex` (readers skip them); the index
        is rebuilt here when more than a fifth of its documents are gone.
        """
        with self.db.transaction():
            n = self.conn.execute("DELETE FROM tm_units WHERE origin = ?", (origin,)).rowcount
            indexed = self.conn.execute("SELECT coalesce(sum(docs), 0) FROM tm_grams_segments")
            total = int(indexed.fetchone()[0])
            remaining = self.count()
            if total and (total - remaining) * 5 > total:
                self.index.clear()
                self._index_from(0)
        return int(n)

    # -- reading -----------------------------------------------------------------------

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM tm_units").fetchone()[0])

    def candidates(
        self, ids: Sequence[int], lang: Lang, min_len: int, max_len: int
    ) -> list[Candidate]:
        """Units by id whose ``lang`` side has a token length in [min_len, max_len]."""
        side = lang.value
        key = _ZH_KEY if lang is Lang.ZH else "en_key"
        out: list[Candidate] = []
        for i in range(0, len(ids), 500):
            chunk = [int(x) for x in ids[i : i + 500]]
            marks = ",".join("?" * len(chunk))
            out.extend(
                Candidate(r[0], r[1], r[2], r[3], r[4] or "")
                for r in self.conn.execute(
                    f"SELECT id, {key}, {side}_len, {side}, changed FROM tm_units "
                    f"WHERE id IN ({marks}) AND {side}_len BETWEEN ? AND ?",
                    (*chunk, min_len, max_len),
                )
            )
        return out

    def by_length(self, lang: Lang, min_len: int, max_len: int, limit: int) -> list[Candidate]:
        """Units whose ``lang`` side length is in the window (for very short queries)."""
        side = lang.value
        key = _ZH_KEY if lang is Lang.ZH else "en_key"
        return [
            Candidate(r[0], r[1], r[2], r[3], r[4] or "")
            for r in self.conn.execute(
                f"SELECT id, {key}, {side}_len, {side}, changed FROM tm_units "
                f"WHERE {side}_len BETWEEN ? AND ? LIMIT ?",
                (min_len, max_len, limit),
            )
        ]

    def same_skeleton(self, lang: Lang, key: str, limit: int = 50) -> list[int]:
        """Ids of units whose ``lang`` side may differ from ``key`` only in placeables."""
        skel = skeleton_hash(key)
        side = lang.value
        cur = self.conn.execute(
            f"SELECT id FROM tm_units WHERE {side}_skel = ? LIMIT ?", (skel, limit)
        )
        return [int(r[0]) for r in cur]

    def units(self, ids: Sequence[int]) -> list[TranslationUnit]:
        """Full units by id, in the order given."""
        found: dict[int, TranslationUnit] = {}
        for i in range(0, len(ids), 500):
            chunk = [int(x) for x in ids[i : i + 500]]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(f"{_SELECT} WHERE id IN ({marks})", chunk):
                found[int(r[0])] = _unit(r)
        return [found[i] for i in ids if i in found]

    def iter_units(self, *, origin: str | None = None) -> Iterator[TranslationUnit]:
        """Every unit in id order (streamed)."""
        where, params = ("WHERE origin = ?", (origin,)) if origin else ("", ())
        last = 0
        while True:
            rows = self.conn.execute(
                f"{_SELECT} {where} {'AND' if where else 'WHERE'} id > ? ORDER BY id LIMIT 2000",
                (*params, last),
            ).fetchall()
            if not rows:
                return
            for r in rows:
                yield _unit(r)
            last = int(rows[-1][0])

    def source_tags(self, *, origin: str | None = None) -> list[str]:
        """Distinct source-language tags (at most two: enough to tell one from many)."""
        where, params = ("WHERE origin = ?", (origin,)) if origin else ("", ())
        cur = self.conn.execute(
            "SELECT DISTINCT CASE src_lang WHEN 'zh' THEN coalesce(zh_tag, 'zh') "
            f"ELSE coalesce(en_tag, 'en') END FROM tm_units {where} LIMIT 2",
            params,
        )
        return [str(r[0]) for r in cur]

    def postings(self, grams: Sequence[int]) -> dict[int, npt.NDArray[np.uint32]]:
        return self.index.postings(grams)

    def containing(self, lang: Lang, needle: str, limit: int) -> list[int]:
        """Ids of units whose ``lang`` key contains ``needle`` (a scan; for 1-char queries)."""
        column = _ZH_KEY if lang is Lang.ZH else "en_key"
        cur = self.conn.execute(
            f"SELECT id FROM tm_units WHERE instr({column}, ?) > 0 ORDER BY id DESC LIMIT ?",
            (needle, limit),
        )
        return [int(r[0]) for r in cur]

    def stats(self) -> TmStats:
        q = self.conn.execute
        segs, grams, postings = self.index.stats()
        size = q("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
        return TmStats(
            units=self.count(),
            by_direction=tuple(
                (f"{s}->{'en' if s == 'zh' else 'zh'}", int(n))
                for s, n in q("SELECT src_lang, count(*) FROM tm_units GROUP BY src_lang")
            ),
            origins=tuple(
                (str(o or ""), int(n))
                for o, n in q(
                    "SELECT origin, count(*) FROM tm_units GROUP BY origin ORDER BY 2 DESC"
                )
            ),
            index_segments=segs,
            index_grams=grams,
            index_postings=postings,
            database_bytes=int(size.fetchone()[0]),
        )


class _IndexWriter:
    """Collects the (gram, unit) pairs of new units and writes them as index segments.

    Pairs are packed into one int64 (gram << 20 | id - base) per batch, so a segment of
    ``INDEX_BATCH`` units costs 8 bytes per posting in memory and one sort to write.
    """

    _SPAN = 1 << 20

    def __init__(self, index: GramIndex) -> None:
        self.index = index
        self.codes = _WordCodes()
        self.base: int | None = None
        self.units = 0
        self.parts: list[npt.NDArray[np.int64]] = []
        self.ids: list[int] = []
        self.zh_keys: list[str] = []
        self.en_tokens: list[list[str]] = []

    def add(self, first_id: int, prepared: Sequence[_Prepared]) -> None:
        for i, p in enumerate(prepared):
            self.add_one(first_id + i, p.zh_key, p.en_tokens)

    def add_one(self, uid: int, zh_key: str, en_tokens: list[str]) -> None:
        if self.base is None:
            self.base = uid
        elif uid - self.base >= self._SPAN or self.units >= INDEX_BATCH:
            self.flush()
            self.base = uid
        self.ids.append(uid)
        self.zh_keys.append(zh_key)
        self.en_tokens.append(en_tokens)
        self.units += 1
        if len(self.ids) >= BATCH:
            self._pack()

    def _pack(self) -> None:
        if not self.ids or self.base is None:
            return
        ids = np.array(self.ids, dtype=np.int64)
        zg, zd = bigram_pairs(self.zh_keys, ids)
        flat = [t for toks in self.en_tokens for t in toks]
        lens = np.fromiter((len(t) for t in self.en_tokens), dtype=np.int64, count=len(ids))
        codes = np.fromiter(map(self.codes.__getitem__, flat), dtype=np.int64, count=len(flat))
        owners = np.repeat(ids, lens)
        words = codes >= 0  # punctuation tokens are not indexed
        grams = np.concatenate((zg, codes[words]))
        docs = np.concatenate((zd, owners[words]))
        self.parts.append((grams << PACK_BITS) | (docs - self.base))
        self.ids, self.zh_keys, self.en_tokens = [], [], []
        if len(self.codes) > 1_000_000:
            self.codes.clear()

    def flush(self) -> None:
        self._pack()
        if self.parts and self.base is not None:
            packed = np.concatenate(self.parts)
            self.parts = []
            packed.sort()
            self.index.add_packed(packed, self.base, docs=self.units)
        self.base, self.units = None, 0


class _WordCodes(dict[str, int]):
    """Token -> gram code (-1 for punctuation), computed once per distinct token."""

    def __missing__(self, token: str) -> int:
        code = word_code(token) if token[0].isalnum() or token[0] == "_" else -1
        self[token] = code
        return code


def _batches(items: Iterable[TranslationUnit], size: int) -> Iterator[list[TranslationUnit]]:
    batch: list[TranslationUnit] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _prepare(batch: Sequence[TranslationUnit]) -> list[_Prepared]:
    zh = [u.side(Lang.ZH) for u in batch]
    en = [u.side(Lang.EN) for u in batch]
    zh_keys = tm_keys([s.text for s in zh], Lang.ZH)
    en_keys = tm_keys([s.text for s in en], Lang.EN)
    return [
        _Prepared(u, z, e, zk, ek, tokens(ek, Lang.EN), hash64(z.text, e.text))
        for u, z, e, zk, ek in zip(batch, zh, en, zh_keys, en_keys, strict=True)
    ]


def _merged(a: TranslationUnit, b: TranslationUnit) -> TranslationUnit:
    """Two occurrences of one pair: counts add, the latest change date is kept."""
    return replace(
        a,
        usage_count=max(1, a.usage_count) + max(1, b.usage_count),
        changed=max(a.changed, b.changed),
        last_used=max(a.last_used, b.last_used),
    )


_META_FIELDS = (
    "document",
    "created",
    "creator",
    "changer",
    "last_used",
    "context_prev",
    "context_next",
    "tuid",
)


def _row(uid: int, p: _Prepared) -> tuple[object, ...]:
    u = p.unit
    return (
        uid,
        u.source.lang.value,
        p.zh.text,
        p.en.text,
        None if p.zh_key == p.zh.text else p.zh_key,
        p.en_key,
        len(p.zh_key),
        len(p.en_tokens),
        skeleton_hash(p.zh_key),
        skeleton_hash(p.en_key),
        p.pair,
        u.origin or None,
        u.changed or None,
        max(1, u.usage_count),
        p.zh.tag or None,
        p.en.tag or None,
        _meta(p),
    )


def _meta(p: _Prepared) -> str | None:
    """The fields lookup never filters on, as JSON (None when all are empty)."""
    u = p.unit
    meta: dict[str, object] = {f: getattr(u, f) for f in _META_FIELDS if getattr(u, f)}
    for seg in (p.zh, p.en):
        if seg.markup is not None:
            meta[f"{seg.lang.value}_markup"] = seg.markup
    if u.props:
        meta["props"] = [[x.value, x.type, x.where, x.lang] for x in u.props]
    return json.dumps(meta, ensure_ascii=False) if meta else None


def _unit(r: Sequence[object]) -> TranslationUnit:
    uid, src_lang, zh, en = r[0], r[1], str(r[2]), str(r[3])
    origin, changed, usage, zh_tag, en_tag, raw = r[11:17]
    meta: dict[str, object] = json.loads(str(raw)) if raw else {}
    zseg = Segment(zh, Lang.ZH, str(zh_tag or ""), _opt(meta.get("zh_markup")))
    eseg = Segment(en, Lang.EN, str(en_tag or ""), _opt(meta.get("en_markup")))
    src, tgt = (zseg, eseg) if src_lang == "zh" else (eseg, zseg)
    props = meta.get("props") or []
    return TranslationUnit(
        source=src,
        target=tgt,
        id=int(str(uid)),
        origin=str(origin or ""),
        changed=str(changed or ""),
        usage_count=int(str(usage or 0)),
        props=tuple(Prop(v, t, w, lg) for v, t, w, lg in props),  # type: ignore[attr-defined]
        **{f: str(meta.get(f, "")) for f in _META_FIELDS},
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
