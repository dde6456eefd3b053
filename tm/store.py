"""Translation-memory storage in the untm SQLite file.

``tm_units`` holds one row per Chinese-English pair: plain text and inline markup of
each side, the normalized keys the scorer compares, token lengths, provenance, dates,
usage count, context, and every TMX prop and note as JSON. Identical pairs merge on a
64-bit hash of the two texts: usage counts add, the latest change date is kept.

``tm_grams`` (:class:`untm.gramindex.GramIndex`) indexes every unit under the character
bigrams of its Chinese key, the words of its English key and the skeleton of each side
(placeable-only variants); an import adds index segments for the units it added.
``tm_arrays`` (:mod:`untm.arrays`) keeps each side's token length per unit id, which
lookup reads to filter and rank candidates before it reads any row.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from untm.arrays import StoredArrays
from untm.db import Database
from untm.gramindex import GramIndex, SegmentWriter
from untm.grams import TM_GRAMS, skeleton_code
from untm.text.lang import Lang
from untm.text.normalize import skeleton_of_key

from ._batch import META_FIELDS, ROW_COLUMNS, Batch, Finished, Row, finish, gram_pairs
from ._pipeline import prepared_batches
from .model import (
    MAX_USAGE_COUNT,
    HeaderProps,
    Prop,
    Segment,
    TmDeleteReport,
    TmStats,
    TranslationUnit,
)

BATCH = 5_000  # units per executemany
_COUNT_CHUNK = 5_000  # ids per counting statement (SQLite allows 32,766 parameters)
INDEX_RUN = 65_536  # units per sorted run of the index writer: about 40 MB of postings

_SELECT = (
    "SELECT id, src_lang, zh, en, origin, changed, usage_count, zh_tag, en_tag, meta FROM tm_units"
)
_ZH_KEY = "coalesce(zh_key, zh)"  # the Chinese key is stored only when it differs


def ensure_schema(db: Database) -> None:
    """Create the memory tables (idempotent; also brings an older file up to date)."""
    db.conn.execute(
        "CREATE TABLE IF NOT EXISTS tm_units ("
        "id INTEGER PRIMARY KEY, src_lang TEXT NOT NULL, zh TEXT NOT NULL, en TEXT NOT NULL, "
        "zh_key TEXT, en_key TEXT NOT NULL, zh_len INTEGER NOT NULL, en_len INTEGER NOT NULL, "
        "pair_hash INTEGER NOT NULL UNIQUE, origin TEXT, changed TEXT, "
        "usage_count INTEGER NOT NULL DEFAULT 0, zh_tag TEXT, en_tag TEXT, meta TEXT)"
    )
    _drop_old_columns(db)
    # Origins beyond a unit's first (tm_units.origin): a pair met again in another file.
    db.conn.execute(
        "CREATE TABLE IF NOT EXISTS tm_unit_origins (origin TEXT NOT NULL, "
        "unit_id INTEGER NOT NULL, PRIMARY KEY (origin, unit_id)) WITHOUT ROWID"
    )
    # A TMX header describes a file, so its props and notes are kept once per origin:
    # a JSON list of [value, type, lang, encoding].
    db.conn.execute(
        "CREATE TABLE IF NOT EXISTS tm_headers (origin TEXT PRIMARY KEY, props TEXT NOT NULL)"
    )
    GramIndex(db.conn, "tm_grams").create()
    arrays = StoredArrays(db, "tm_arrays")
    arrays.create()
    if not arrays.exists("zh_len"):
        _store_lengths(arrays)
    if db.meta("tm_grams") != TM_GRAMS:  # grams of an older untm: index again
        if db.conn.execute("SELECT 1 FROM tm_units LIMIT 1").fetchone():
            TmStore(db).reindex()
        db.set_meta("tm_grams", TM_GRAMS)


def _drop_old_columns(db: Database) -> None:
    """Schema 2 and older indexed lengths and skeleton hashes in ``tm_units``; lengths now
    live in ``tm_arrays`` and skeletons in the gram index, which imports write faster."""
    for col in ("zh_len", "en_len", "zh_skel", "en_skel"):
        db.conn.execute(f"DROP INDEX IF EXISTS tm_units_{col}")
    columns = {r[1] for r in db.conn.execute("PRAGMA table_info(tm_units)")}
    for col in ("zh_skel", "en_skel"):
        if col in columns:
            db.conn.execute(f"ALTER TABLE tm_units DROP COLUMN {col}")


def _store_lengths(arrays: StoredArrays) -> None:
    """Rewrite the token-length arrays from ``tm_units`` (migration, reindex)."""
    conn = arrays.db.conn
    top = int(conn.execute("SELECT coalesce(max(id), 0) FROM tm_units").fetchone()[0])
    for lang in (Lang.ZH, Lang.EN):
        name = f"{lang.value}_len"
        arr = np.zeros(top + 1, dtype="<u2")
        cur = conn.execute(f"SELECT id, min({name}, 65535) FROM tm_units")
        while rows := cur.fetchmany(100_000):
            pairs = np.array(rows, dtype=np.int64)
            arr[pairs[:, 0]] = pairs[:, 1]
        arrays.save(name, arr)


class _NewLengths:
    """Token lengths of the units an import adds, written to ``tm_arrays`` at its end."""

    def __init__(self) -> None:
        self.ids: list[npt.NDArray[np.int64]] = []
        self.values: dict[Lang, list[int]] = {Lang.ZH: [], Lang.EN: []}

    def add(self, ids: npt.NDArray[np.int64], batch: Finished, new: list[int]) -> None:
        """The lengths of the rows of ``batch`` at positions ``new``, stored as ``ids``."""
        self.ids.append(ids)
        rows, en_lens = batch.rows, batch.en_lens
        self.values[Lang.ZH].extend(rows[i].zh_len for i in new)
        self.values[Lang.EN].extend(en_lens[i] for i in new)

    def store(self, arrays: StoredArrays) -> None:
        if not self.ids:
            return
        ids = np.concatenate(self.ids)
        if ids.size == 0:
            return
        for lang, values in self.values.items():
            name = f"{lang.value}_len"
            old = arrays.load(name, "<u2")
            arr = np.zeros(max(old.size, int(ids.max()) + 1), dtype="<u2")
            arr[: old.size] = old
            arr[ids] = np.minimum(values, 0xFFFF)
            arrays.save(name, arr)


@dataclass(frozen=True, slots=True)
class Candidate:
    """What lookup needs to rescore a unit: its key on the query side and its recency."""

    id: int
    key: str
    text: str
    changed: str


class TmStore:
    """The embedded memory."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self.index = GramIndex(db.conn, "tm_grams")
        self.arrays = StoredArrays(db, "tm_arrays")

    # -- writing -----------------------------------------------------------------------

    def add_units(self, units: Iterable[TranslationUnit]) -> tuple[int, int]:
        """Add units (merging identical pairs) and index the new ones; returns (added, read)."""
        source = prepared_batches(lambda _progress: units, parallel=False)
        return self.add_batches(p.batch for p in source)

    def add_batches(self, batches: Iterable[Batch]) -> tuple[int, int]:
        """Store prepared batches and index the new units; returns (added, read).

        Runs inside the caller's transaction if there is one, else in its own. Row ``i``
        of a batch is offered id ``next_id + i`` (merged rows leave a gap), so postings
        come from the grams already computed; the index writer turns them into one
        segment per 2**20 ids.
        """
        with self.db.transaction():
            writer = SegmentWriter(self.index, INDEX_RUN)
            next_id = self._next_id()
            read = added = 0
            lengths = _NewLengths()
            for batch in batches:
                done = finish(batch)
                new = self._insert(done, next_id)
                new_ids = next_id + np.array(new, dtype=np.int64)
                lengths.add(new_ids, done, new)
                id_of = np.full(len(done.rows), -1, dtype=np.int64)  # batch position -> id
                id_of[new] = new_ids
                docs = id_of[done.grams.owner]
                kept = docs >= 0
                writer.add(done.grams.grams[kept], docs[kept], len(new))
                next_id += len(done.rows)
                added += len(new)
                read += len(batch.rows)
            writer.flush()
            lengths.store(self.arrays)
            self.db.set_meta("tm_next_id", str(next_id))
        return added, read

    def _next_id(self) -> int:
        stored = self.db.meta("tm_next_id")
        top = self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM tm_units").fetchone()[0]
        return max(int(stored or 0), int(top))

    def _insert(self, batch: Finished, first_id: int) -> list[int]:
        """Insert the batch, merging known pairs; returns the batch positions inserted.

        Row ``i`` is offered id ``first_id + i``. A pair already stored (or met earlier in
        the batch) conflicts on ``pair_hash`` and is merged in the same statement: counts
        add, the later change date stays. The uniqueness check SQLite makes anyway is the
        only lookup, which matters at millions of units; the ids actually used tell which
        rows were new.
        """
        rows = batch.rows
        if not rows:
            return []
        marks = ",".join("?" * (len(Row._fields) + 2))  # id, the row, en_len
        self.conn.executemany(
            f"INSERT INTO tm_units (id, {ROW_COLUMNS}) VALUES ({marks}) "
            "ON CONFLICT(pair_hash) DO UPDATE SET "
            f"usage_count = min(usage_count + excluded.usage_count, {MAX_USAGE_COUNT}), "
            "changed = nullif(max(coalesce(changed, ''), coalesce(excluded.changed, '')), '')",
            batch.values(first_id),
        )
        cur = self.conn.execute(
            "SELECT id FROM tm_units WHERE id >= ? AND id < ? ORDER BY id",
            (first_id, first_id + len(rows)),
        )
        inserted = [int(r[0]) - first_id for r in cur]
        if len(inserted) < len(rows):
            kept = set(inserted)
            self._note_origins([rows[i] for i in range(len(rows)) if i not in kept])
        return inserted

    def _note_origins(self, merged: list[Row]) -> None:
        """Record the origin of merged rows where it differs from the stored unit's, so
        that deleting either origin leaves the unit to the other."""
        stored: dict[int, tuple[int, object]] = {}
        hashes = list({r.pair_hash for r in merged})
        for i in range(0, len(hashes), 500):
            chunk = hashes[i : i + 500]
            for h, uid, origin in self.conn.execute(
                "SELECT pair_hash, id, origin FROM tm_units "
                f"WHERE pair_hash IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                stored[int(h)] = (int(uid), origin)
        self.conn.executemany(
            "INSERT OR IGNORE INTO tm_unit_origins(origin, unit_id) VALUES (?, ?)",
            {
                (r.origin, stored[r.pair_hash][0])
                for r in merged
                if r.origin and r.origin != stored[r.pair_hash][1]
            },
        )

    def _index_from(self, first_id: int) -> int:
        """Index stored units with id >= first_id from their keys; returns the count."""
        writer = SegmentWriter(self.index, INDEX_RUN)
        last, count = first_id - 1, 0
        while True:
            rows = self.conn.execute(
                f"SELECT id, {_ZH_KEY}, en_key FROM tm_units WHERE id > ? ORDER BY id LIMIT ?",
                (last, BATCH * 4),
            ).fetchall()
            if not rows:
                writer.flush()
                return count
            ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            grams, _ = gram_pairs([r[1] for r in rows], [r[2] for r in rows])
            writer.add(grams.grams, ids[grams.owner], len(rows))
            count += len(rows)
            last = int(ids[-1])

    def reindex(self) -> None:
        """Rebuild the whole index (drops ids of deleted units)."""
        with self.db.transaction():
            self.index.clear()
            self._index_from(0)
            _store_lengths(self.arrays)

    def delete(self, *, origin: str) -> TmDeleteReport:
        """Take ``origin`` away from its units, with its kept TMX header; units that no
        other origin holds are deleted.

        Deleted ids stay in the index until :meth:`reindex` (readers skip them); the index
        is rebuilt here when more than a fifth of its documents are gone.
        """
        q = self.conn.execute
        with self.db.transaction():
            kept = q("DELETE FROM tm_unit_origins WHERE origin = ?", (origin,)).rowcount
            heirs = q(
                "SELECT u.id, min(o.origin) FROM tm_units u JOIN tm_unit_origins o "
                "ON o.unit_id = u.id WHERE u.origin = ? GROUP BY u.id",
                (origin,),
            ).fetchall()
            for uid, heir in heirs:  # the unit passes to one of its other origins
                q("UPDATE tm_units SET origin = ? WHERE id = ?", (heir, uid))
                q("DELETE FROM tm_unit_origins WHERE origin = ? AND unit_id = ?", (heir, uid))
            deleted = q("DELETE FROM tm_units WHERE origin = ?", (origin,)).rowcount
            q("DELETE FROM tm_headers WHERE origin = ?", (origin,))
            indexed = q("SELECT coalesce(sum(docs), 0) FROM tm_grams_segments")
            total = int(indexed.fetchone()[0])
            if total and (total - self.count()) * 5 > total:
                self.index.clear()
                self._index_from(0)
                _store_lengths(self.arrays)
        return TmDeleteReport(origin, int(deleted), int(kept) + len(heirs))

    # -- TMX headers ---------------------------------------------------------------------

    def save_headers(self, groups: Sequence[HeaderProps]) -> None:
        """Keep header props and notes per origin; re-importing adds only what is new."""
        for group in groups:
            (old,) = self.header_props(origin=group.origin) or (HeaderProps(group.origin, ()),)
            props = old.props + tuple(p for p in group.props if p not in old.props)
            self.conn.execute(
                "INSERT INTO tm_headers (origin, props) VALUES (?, ?) "
                "ON CONFLICT(origin) DO UPDATE SET props = excluded.props",
                (group.origin, json.dumps([[p.value, p.type, p.lang, p.encoding] for p in props])),
            )

    def header_props(self, *, origin: str | None = None) -> tuple[HeaderProps, ...]:
        """The header props and notes kept for ``origin`` (or for every origin, by name)."""
        where, params = ("WHERE origin = ?", (origin,)) if origin is not None else ("", ())
        rows = self.conn.execute(
            f"SELECT origin, props FROM tm_headers {where} ORDER BY origin", params
        )
        return tuple(
            HeaderProps(
                str(o), tuple(Prop(v, t, "header", lg, enc) for v, t, lg, enc in json.loads(p))
            )
            for o, p in rows
        )

    # -- reading -----------------------------------------------------------------------

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM tm_units").fetchone()[0])

    def candidates(self, ids: Sequence[int], lang: Lang) -> list[Candidate]:
        """Units by id, with their ``lang`` key, text and change date."""
        side = lang.value
        key = _ZH_KEY if lang is Lang.ZH else "en_key"
        out: list[Candidate] = []
        for i in range(0, len(ids), 500):
            chunk = [int(x) for x in ids[i : i + 500]]
            marks = ",".join("?" * len(chunk))
            out.extend(
                Candidate(r[0], r[1], r[2], r[3] or "")
                for r in self.conn.execute(
                    f"SELECT id, {key}, {side}, changed FROM tm_units WHERE id IN ({marks})",
                    chunk,
                )
            )
        return out

    def keys(self, ids: Sequence[int], lang: Lang) -> list[tuple[int, str]]:
        """(id, ``lang`` key) of units by id: all that verifying a candidate needs, so
        that lookup reads the texts and dates of the few that pass only."""
        key = _ZH_KEY if lang is Lang.ZH else "en_key"
        out: list[tuple[int, str]] = []
        for i in range(0, len(ids), 500):
            chunk = [int(x) for x in ids[i : i + 500]]
            marks = ",".join("?" * len(chunk))
            out.extend(
                self.conn.execute(
                    f"SELECT id, {key} FROM tm_units WHERE id IN ({marks})", chunk
                ).fetchall()
            )
        return out

    def lengths(self, lang: Lang) -> npt.NDArray[np.uint16]:
        """Token length of the ``lang`` side of every unit id (0: no such unit)."""
        return self.arrays.load(f"{lang.value}_len", "<u2")  # type: ignore[return-value]

    def in_window(self, lang: Lang, min_len: int, max_len: int) -> npt.NDArray[np.int64]:
        """Ids of the units whose ``lang`` side length is in [min_len, max_len]."""
        lengths = self.lengths(lang)
        return np.flatnonzero((lengths >= max(1, min_len)) & (lengths <= max_len))

    def same_skeleton(self, lang: Lang, key: str, limit: int = 1000) -> list[int]:
        """Ids (newest first) of units whose ``lang`` side may differ from ``key`` only in
        placeables: those in the bucket of the key's skeleton (lookup checks each)."""
        code = skeleton_code(skeleton_of_key(key), lang.value)
        found = self.index.postings([code]).get(code)
        return [] if found is None else found[::-1][:limit].tolist()

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
        """Every unit (or every unit ``origin`` holds) in id order, streamed."""
        where, params = _of_origin(origin)
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
        where, params = _of_origin(origin)
        cur = self.conn.execute(
            "SELECT DISTINCT CASE src_lang WHEN 'zh' THEN coalesce(zh_tag, 'zh') "
            f"ELSE coalesce(en_tag, 'en') END FROM tm_units {where} LIMIT 2",
            params,
        )
        return [str(r[0]) for r in cur]

    def postings(self, grams: Sequence[int]) -> dict[int, npt.NDArray[np.uint32]]:
        return self.index.postings(grams)

    def index_is_complete(self) -> bool:
        """True when the index holds exactly the stored units: no unit deleted since it
        was built, so a posting list names only units that exist."""
        indexed = self.conn.execute("SELECT coalesce(sum(docs), 0) FROM tm_grams_segments")
        return int(indexed.fetchone()[0]) == self.count()

    def count_containing(self, lang: Lang, needle: str, ids: Sequence[int] | None = None) -> int:
        """How many units (of ``ids``, or of all) have ``needle`` in their ``lang`` key.

        Without ``ids`` this scans the table (about half a second at a million units).
        """
        column = _ZH_KEY if lang is Lang.ZH else "en_key"
        where = f"instr({column}, ?) > 0"
        if ids is None:
            return int(
                self.conn.execute(
                    f"SELECT count(*) FROM tm_units WHERE {where}", (needle,)
                ).fetchone()[0]
            )
        total = 0
        for i in range(0, len(ids), _COUNT_CHUNK):
            chunk = [int(x) for x in ids[i : i + _COUNT_CHUNK]]
            marks = ",".join("?" * len(chunk))
            total += int(
                self.conn.execute(
                    f"SELECT count(*) FROM tm_units WHERE id IN ({marks}) AND {where}",
                    (*chunk, needle),
                ).fetchone()[0]
            )
        return total

    def keys_containing(self, lang: Lang, needle: str) -> Iterator[tuple[int, str]]:
        """(id, ``lang`` key) of every unit whose key has ``needle`` in it (a scan)."""
        column = _ZH_KEY if lang is Lang.ZH else "en_key"
        cur = self.conn.execute(
            f"SELECT id, {column} FROM tm_units WHERE instr({column}, ?) > 0", (needle,)
        )
        while rows := cur.fetchmany(10_000):
            yield from rows

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
                    "SELECT origin, count(*) FROM (SELECT origin FROM tm_units UNION ALL "
                    "SELECT origin FROM tm_unit_origins) GROUP BY origin ORDER BY 2 DESC, 1"
                )
            ),
            index_segments=segs,
            index_grams=grams,
            index_postings=postings,
            database_bytes=int(size.fetchone()[0]),
        )


def _of_origin(origin: str | None) -> tuple[str, tuple[str, ...]]:
    """WHERE clause of the units an origin holds (first or further origin)."""
    if not origin:
        return "", ()
    return (
        "WHERE (origin = ? OR id IN (SELECT unit_id FROM tm_unit_origins WHERE origin = ?))",
        (origin, origin),
    )


def _unit(r: Sequence[object]) -> TranslationUnit:
    uid, src_lang, zh, en = r[0], r[1], str(r[2]), str(r[3])
    origin, changed, usage, zh_tag, en_tag, raw = r[4:10]
    meta = json.loads(str(raw) if raw else "{}")  # its shape: see _batch._meta
    zseg, eseg = _segment(zh, Lang.ZH, zh_tag, meta), _segment(en, Lang.EN, en_tag, meta)
    src, tgt = (zseg, eseg) if src_lang == "zh" else (eseg, zseg)
    if not isinstance(usage, int):  # a sum past SQLite's largest INTEGER became a REAL:
        usage = 2**63 - 1 if isinstance(usage, float) else 0  # model.MAX_USAGE_COUNT
    return TranslationUnit(
        source=src,
        target=tgt,
        id=int(str(uid)),
        origin=str(origin or ""),
        changed=str(changed or ""),
        usage_count=usage,
        props=tuple(Prop(*p) for p in meta.get("props", ())),
        attrs=tuple((k, v) for k, v in meta.get("attrs", ())),
        **{f: str(meta.get(f, "")) for f in META_FIELDS},
    )


def _segment(text: str, lang: Lang, tag: object, meta: dict[str, Any]) -> Segment:
    side = lang.value
    attrs = tuple((k, v) for k, v in meta.get(f"{side}_attrs", ()))
    return Segment(text, lang, str(tag or ""), _opt(meta.get(f"{side}_markup")), attrs)


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
